package falsesharing

import (
	"sync/atomic"
	"testing"
)

// Writes from tests are not the program's: a struct that only tests
// bump from goroutines gets no finding, in the test variant either.
type probes struct {
	sent atomic.Int64
	recv atomic.Int64
}

var pr probes

func (p *probes) send()    { p.sent.Add(1) }
func (p *probes) receive() { p.recv.Add(1) }

func TestProbes(t *testing.T) {
	go pr.send()
	go pr.receive()
	for range 10 {
		go func() { pr.sent.Add(1) }()
		go func() { pr.recv.Add(1) }()
	}
}
