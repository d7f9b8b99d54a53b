package writes

import (
	"net"
	"sync/atomic"
)

// The Read and Write methods of a connection type are the roots of its
// reader and writer goroutines.
type meteredConn struct {
	net.Conn
	in, out atomic.Int64
}

func (c *meteredConn) Read(p []byte) (int, error) { // want `func \(\*meteredConn\).Read: roots connection reader or writer; repeats; receiver Add; effects in:Add`
	n, err := c.Conn.Read(p)
	c.in.Add(int64(n)) // want `Add in of meteredConn in \(\*meteredConn\).Read`
	return n, err
}

func (c *meteredConn) Write(p []byte) (int, error) { // want `func \(\*meteredConn\).Write: roots connection reader or writer; repeats; receiver Add; effects out:Add`
	n, err := c.Conn.Write(p)
	c.out.Add(int64(n)) // want `Add out of meteredConn in \(\*meteredConn\).Write`
	return n, err
}

// Other methods of the type are not.
func (c *meteredConn) Reset() { // want `func \(\*meteredConn\).Reset: roots exported; receiver Store; effects in:Store out:Store`
	c.in.Store(0)  // want `Store in of meteredConn in \(\*meteredConn\).Reset const`
	c.out.Store(0) // want `Store out of meteredConn in \(\*meteredConn\).Reset const`
}
