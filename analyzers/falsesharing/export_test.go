package falsesharing

// Sharing and Share expose the alignment rule to the tests.
type Sharing = sharing

const (
	Never  = never
	Can    = can
	Always = always
)

// Share says whether 8-byte fields at o1 and o2 of a heap object of the
// given size share a line of the given size.
func Share(size, o1, o2, line int64) Sharing {
	return share(o1, 8, o2, 8, line, placements(size, 8, line, true))
}
