package falsesharing

import (
	"net"
	"sync/atomic"
	"time"
)

// A connection is read by one goroutine while another writes it: the
// byte counters that Read and Write bump on their own move one line
// between the two cores (pion/ice's Conn).
type countedConn struct { // want `fields of countedConn written by different goroutines: received \(offset 16\) and sent \(offset 24\) share a 64-byte cache line; received: \(\*countedConn\).count \(in connection reader \(\*countedConn\).Read\); sent: connection writer \(\*countedConn\).Write; pad them apart \(120 bytes per value\)`
	net.Conn
	received atomic.Uint64
	sent     atomic.Uint64
}

func (c *countedConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	c.count(n)
	return n, err
}

func (c *countedConn) count(n int) { c.received.Add(uint64(n)) }

func (c *countedConn) Write(p []byte) (int, error) {
	n, err := c.Conn.Write(p)
	c.sent.Add(uint64(n))
	return n, err
}

// A packet connection too: ReadFrom and WriteTo of a []byte.
type countedPacketConn struct { // want `fields of countedPacketConn written by different goroutines: in \(offset 0\) and out \(offset 8\) share a 64-byte cache line; in: connection reader \(\*countedPacketConn\).ReadFrom; out: connection writer \(\*countedPacketConn\).WriteTo`
	in, out atomic.Int64
	pc      net.PacketConn
}

func (c *countedPacketConn) ReadFrom(p []byte) (int, net.Addr, error) {
	n, addr, err := c.pc.ReadFrom(p)
	c.in.Add(int64(n))
	return n, addr, err
}

func (c *countedPacketConn) WriteTo(p []byte, addr net.Addr) (int, error) {
	n, err := c.pc.WriteTo(p, addr)
	c.out.Add(int64(n))
	return n, err
}

func (c *countedPacketConn) SetReadDeadline(t time.Time) error  { return c.pc.SetReadDeadline(t) }
func (c *countedPacketConn) SetWriteDeadline(t time.Time) error { return c.pc.SetWriteDeadline(t) }
