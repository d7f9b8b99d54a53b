package falsesharing

import "slices"

// sizeClasses are the Go allocator's small-object size classes
// (internal/runtime/gc/sizeclasses.go). A heap object of a class lives
// at a multiple of the class size from the start of its span, and spans
// start on 8192-byte pages, so its address modulo a cache line is a
// multiple of gcd(class, line).
var sizeClasses = []int64{8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768}

// sizeClass returns the size an allocation of size bytes occupies, or 0
// for a large object (more than 32 KiB: page-aligned).
func sizeClass(size int64) int64 {
	i, _ := slices.BinarySearch(sizeClasses, size)
	if i == len(sizeClasses) {
		return 0
	}
	return sizeClasses[i]
}

func gcd(a, b int64) int64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// placements returns the offsets modulo line at which an object of the
// given size and alignment can start. On the heap (heap true) the size
// class decides: multiples of gcd(class, line). Elsewhere (a field of
// another struct, an array element, a global) only the alignment is
// known: every multiple of align.
func placements(size, align, line int64, heap bool) []int64 {
	step := max(align, 1)
	if heap {
		if c := sizeClass(size); c == 0 {
			step = line // large objects start on a page
		} else {
			step = gcd(c, line)
		}
	}
	var out []int64
	for p := int64(0); p < line; p += step {
		out = append(out, p)
	}
	return out
}

// sharing is whether two fields share a cache line.
type sharing int

const (
	never  sharing = iota
	can            // for some placements of the object
	always         // for every placement
)

// share says whether the bytes [o1, o1+s1) and [o2, o2+s2) of an object
// fall in one cache line, over the object's placements.
func share(o1, s1, o2, s2, line int64, at []int64) sharing {
	n := 0
	for _, p := range at {
		if overlapLines(p+o1, max(s1, 1), p+o2, max(s2, 1), line) {
			n++
		}
	}
	switch {
	case n == 0:
		return never
	case n == len(at):
		return always
	}
	return can
}

// overlapLines reports whether two byte ranges touch a common line.
func overlapLines(a, sa, b, sb, line int64) bool {
	aFirst, aLast := a/line, (a+sa-1)/line
	bFirst, bLast := b/line, (b+sb-1)/line
	return aFirst <= bLast && bFirst <= aLast
}
