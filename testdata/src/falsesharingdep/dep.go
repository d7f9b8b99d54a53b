// Package falsesharingdep declares counters that package falsesharing
// bumps from its own goroutines.
package falsesharingdep

import "sync/atomic"

type Metrics struct {
	Reads  atomic.Int64
	Writes atomic.Int64
}

// Counters is held inside Owner: it starts wherever Owner puts it.
type Counters struct {
	Sent     atomic.Int64
	Received atomic.Int64
}

type Owner struct {
	ID int32
	C  Counters
}
