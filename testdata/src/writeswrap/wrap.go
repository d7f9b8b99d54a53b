// Package writeswrap calls the methods of atomic wrapper types of other
// packages: the write methods write the field, by their names.
package writeswrap

import (
	"falsesharingwrapdep"

	uatomic "go.uber.org/atomic"
)

type versions struct {
	seq     falsesharingwrapdep.AtomicSeqNum
	nested  falsesharingwrapdep.Nested
	named   falsesharingwrapdep.Named
	plain   falsesharingwrapdep.Plain
	count   uatomic.Int64
	closed  uatomic.Bool
	pointer *falsesharingwrapdep.AtomicSeqNum
}

func (v *versions) write(n uint64) { // want `func \(\*versions\).write: roots unknown caller; receiver Add\|Store\|CompareAndSwap\|And/Or; effects closed:Store\|And/Or count:Add\|CompareAndSwap nested:Add pointer:Add seq:Add\|Store`
	v.seq.Add(n)         // want `Add seq of versions in \(\*versions\).write$`
	v.seq.Store(n)       // want `Store seq of versions in \(\*versions\).write$`
	_ = v.seq.Load()     // a read
	v.nested.Add(1)      // want `Add nested of versions in \(\*versions\).write$`
	v.named.Add(1)       // two fields: not a wrapper
	v.plain.Add(1)       // a plain integer: not a wrapper
	v.count.Inc()        // want `Add count of versions in \(\*versions\).write$`
	v.count.CAS(1, 2)    // want `CompareAndSwap count of versions in \(\*versions\).write const$`
	v.closed.Store(true) // want `Store closed of versions in \(\*versions\).write const$`
	v.closed.Toggle()    // want `And/Or closed of versions in \(\*versions\).write$`
	v.pointer.Add(1)     // want `Add pointer of versions in \(\*versions\).write$`
}
