// Package falsesharingdep declares counters that package falsesharing
// bumps from its own goroutines.
package falsesharingdep

import "sync/atomic"

type Metrics struct {
	Reads  atomic.Int64
	Writes atomic.Int64
}
