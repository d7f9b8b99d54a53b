package main

import (
	"fmt"
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// plotPairs draws slow (solid) and fast (dashed) time per op against n,
// both axes logarithmic, one colour per pair.
func plotPairs(path, name string, stats []stat) error {
	p := plot.New()
	p.Title.Text = name + ": time per op, slow (solid) vs fast (dashed)"
	p.X.Label.Text = "n"
	p.Y.Label.Text = "ns/op (median)"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{}, plot.LogTicks{}
	p.Legend.Top, p.Legend.Left = true, true

	palette := []color.Color{
		color.RGBA{R: 0xd6, G: 0x27, B: 0x28, A: 0xff},
		color.RGBA{R: 0x1f, G: 0x77, B: 0xb4, A: 0xff},
		color.RGBA{R: 0x2c, G: 0xa0, B: 0x2c, A: 0xff},
		color.RGBA{R: 0x94, G: 0x67, B: 0xbd, A: 0xff},
		color.RGBA{R: 0xff, G: 0x7f, B: 0x0e, A: 0xff},
	}
	var order []string
	slow, fast := make(map[string]plotter.XYs), make(map[string]plotter.XYs)
	for _, s := range stats {
		if _, ok := slow[s.Bench]; !ok {
			order = append(order, s.Bench)
		}
		slow[s.Bench] = append(slow[s.Bench], plotter.XY{X: float64(s.N), Y: s.Slow.Center})
		fast[s.Bench] = append(fast[s.Bench], plotter.XY{X: float64(s.N), Y: s.Fast.Center})
	}
	for i, bench := range order {
		c := palette[i%len(palette)]
		for _, side := range []struct {
			label string
			xys   plotter.XYs
			dash  []vg.Length
		}{{"slow", slow[bench], nil}, {"fast", fast[bench], []vg.Length{vg.Points(4), vg.Points(3)}}} {
			l, pts, err := plotter.NewLinePoints(side.xys)
			if err != nil {
				return err
			}
			l.Color, l.Dashes, l.Width = c, side.dash, vg.Points(1.5)
			pts.Color, pts.Shape = c, draw.CircleGlyph{}
			p.Add(l, pts)
			p.Legend.Add(fmt.Sprintf("%s %s", bench, side.label), l)
		}
	}
	// Log ticks label only powers of ten: over less than a decade there
	// would be one label or none.
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		if ax.Max < 10*ax.Min {
			ax.Tick.Marker = plot.DefaultTicks{}
		}
	}
	return p.Save(7*vg.Inch, 4.5*vg.Inch, path)
}
