// Rules: a parameter passed on whole to a parameter of the package that
// is only read is only read (to a fixed point); several parameters of
// one type are one finding.
package needlesscopypass

type big struct {
	id   int64
	data [255]int64
}

func leaf(b big) int64 { return b.id } // want `parameter b of type big \(2048 bytes\) is copied on every call and only read; pass a pointer \(\*big\)`

func forwards(b big) int64 { return leaf(b) + b.data[1] } // want `parameter b of type big`

func forwardsTwice(b big) int64 { return forwards(b) } // want `parameter b of type big`

// Mutual recursion: both only read.
func even(b big, n int) bool { // want `parameter b of type big`
	if n == 0 {
		return b.id == 0
	}
	return odd(b, n-1)
}

func odd(b big, n int) bool { // want `parameter b of type big`
	if n == 0 {
		return b.id != 0
	}
	return even(b, n-1)
}

func (b big) method() int64 { return b.data[3] } // want `receiver b of type big`

func viaMethod(b big) int64 { return b.method() } // want `parameter b of type big`

// writer modifies its copy: passing to it is not a read.
func writer(b big) int64 {
	b.id++
	return b.id
}

func toWriter(b big) int64 { return writer(b) }

func toWriterDeep(b big) int64 { return toWriter(b) }

// A cycle that writes somewhere is not read-only anywhere in it.
func ping(b big, n int) int64 {
	if n == 0 {
		b.id = 1
		return b.id
	}
	return pong(b, n-1)
}

func pong(b big, n int) int64 { return ping(b, n-1) }

// Passed to a function of another package or a func value: not followed.
func toValue(b big, f func(big) int64) int64 { return f(b) }

func variadic(bs ...big) int64 { return 0 }

func toVariadic(b big) int64 { return variadic(b) }

// Several parameters of one type: one finding.
func pair(a, b big) int64 { return a.id + b.id } // want `parameters a and b of type big \(2048 bytes each\) are copied on every call and only read; pass pointers \(\*big\)`

func three(a big, n int, b, c big) int64 { return a.id + b.id + c.id + int64(n) } // want `parameters a, b and c of type big \(2048 bytes each\)`

type other struct{ data [300]int64 }

// Two types: two findings.
func mixed(a big, o other) int64 { return a.id + o.data[0] } // want `parameter a of type big` `parameter o of type other`

// Slicing an array part would alias the caller's value.
func slices(b big) []int64 { return b.data[:] }

// A closure keeps b and reads it later: through a pointer it would see
// the caller's later writes. Silent.
func captured(b big) func() int64 {
	return func() int64 { return b.id }
}

// Passed to a goroutine: read concurrently with the caller. Silent.
func spawned(b big) {
	go leaf(b)
}
