package needlesscopyrange

import mr "math/rand/v2"

// An import under another name: spelled by that name.
func aliased(vs []struct {
	v mr.Rand
	p [300]int64
}) int64 {
	var n int64
	for _, v := range vs { // want `copies a \d+-byte struct\{v mr.Rand; p \[300\]int64\}`
		n += v.p[0]
	}
	return n
}
