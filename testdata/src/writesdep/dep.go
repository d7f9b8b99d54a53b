// Package writesdep declares a struct that package writes bumps.
package writesdep

import "sync/atomic"

type Stats struct {
	Reads  atomic.Int64
	Writes atomic.Int64
}
