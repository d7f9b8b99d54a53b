package writes

import "sync/atomic"

// Each write records the innermost branch that holds it: the body or
// the else of an if, a case or comm clause, a loop body.
type branchy struct {
	a, b, c, d, e atomic.Int64
}

func (x *branchy) paths(n int, ch <-chan int) { // want `func \(\*branchy\).paths: roots unknown caller; receiver Add; effects a:Add b:Add c:Add d:Add e:Add`
	for range n {
		x.a.Add(1) // want `^Add a of branchy in \(\*branchy\).paths loop branch 12$`
	}
	if n > 0 {
		x.b.Add(1) // want `^Add b of branchy in \(\*branchy\).paths branch 15$`
	} else if n < 0 {
		x.c.Add(1) // want `^Add c of branchy in \(\*branchy\).paths branch 17$`
	}
	switch n {
	case 1:
		x.d.Add(1) // want `^Add d of branchy in \(\*branchy\).paths branch 21$`
	}
	select {
	case <-ch:
		if n == 2 {
			x.e.Add(1) // want `^Add e of branchy in \(\*branchy\).paths branch 26$`
		}
	}
}
