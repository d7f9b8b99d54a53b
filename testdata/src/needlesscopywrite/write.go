// The writer rule: report w.Write([]byte(s)) only where io.WriteString
// or w.WriteString would avoid the copy.
package needlesscopywrite

import (
	"bufio"
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/tls"
	"fmt"
	"hash"
	"hash/maphash"
	"io"
	"net"
	"net/http"
	"os"
)

// Writers whose concrete type has no WriteString: io.WriteString would
// convert all the same. Silent.

func conn(c net.Conn, s string) { c.Write([]byte(s)) }

func tlsConn(c *tls.Conn, s string) { c.Write([]byte(s)) }

func tcp(c *net.TCPConn, s string) { c.Write([]byte(s)) }

func mac(key []byte, s string) {
	h := hmac.New(sha256.New, key)
	var w io.Writer = h
	w.Write([]byte(s))
	h.Write([]byte(s))
	v := io.Writer(h) // a conversion: v holds the hmac
	v.Write([]byte(s))
}

func hashed(h hash.Hash, s string) { h.Write([]byte(s)) }

func dialed(s string) {
	c, err := net.Dial("tcp", "x")
	if err != nil {
		return
	}
	var w io.Writer
	w = c
	w.Write([]byte(s))
}

// Concrete types with a WriteString of their own and a Write the bytes
// escape through: a finding.

func file(f *os.File, s string) {
	f.Write([]byte(s)) // want `\[\]byte\(s\) copies the string only to write it; use f.WriteString\(s\)`
}

func seeded(h *maphash.Hash, s string) {
	h.Write([]byte(s)) // want `use h.WriteString\(s\)`
}

func buffered(w *bufio.Writer, s string) {
	w.Write([]byte(s)) // want `use w.WriteString\(s\)`
}

func stdout(s string) {
	var w io.Writer = os.Stdout
	w.Write([]byte(s)) // want `use io.WriteString\(w, s\), which calls the WriteString of \*os.File`
}

// A writer of unknown dynamic type: io.WriteString may avoid the copy.

func iface(w io.Writer, s string) {
	w.Write([]byte(s)) // want `use io.WriteString\(w, s\), which avoids the copy when the writer has a WriteString method`
}

func response(w http.ResponseWriter, s string) {
	w.Write([]byte(s)) // want `use io.WriteString\(w, s\)`
}

// bytes.Buffer and strings.Builder take the bytes without a copy.
func buffer(b *bytes.Buffer, s string) { b.Write([]byte(s)) }

// A WriteString promoted from an embedded buffer bypasses the Write the
// code calls: silent.
type counting struct {
	*bufio.Writer
	n int
}

func (c *counting) Write(p []byte) (int, error) {
	c.n += len(p)
	return c.Writer.Write(p)
}

func promoted(c *counting, s string) { c.Write([]byte(s)) }

// A type of the package with both methods, whose Write keeps the bytes.
type sink struct {
	out  io.Writer
	kept [][]byte
}

func (k *sink) Write(p []byte) (int, error) {
	k.kept = append(k.kept, p)
	return len(p), nil
}

func (k *sink) WriteString(s string) (int, error) { return k.Write([]byte(s)) }

func ownBoth(k *sink, s string) {
	k.Write([]byte(s)) // want `use k.WriteString\(s\)`
}

// A Write that only reads the bytes: the compiler converts in place.
type appender struct{ buf []byte }

func (a *appender) Write(p []byte) (int, error) {
	a.buf = append(a.buf, p...)
	return len(p), nil
}

func (a *appender) WriteString(s string) (int, error) {
	a.buf = append(a.buf, s...)
	return len(s), nil
}

func readsOnly(a *appender, s string) { a.Write([]byte(s)) }

// []byte(a + b) concatenates straight into the bytes: no string to copy.
func concat(w io.Writer, f *os.File, a, b string) {
	w.Write([]byte(a + b))
	f.Write([]byte(a + ":" + b))
}

// fmt.Sprintf: format into the writer, whatever it is.
func sprintf(c net.Conn, w io.Writer, n int) {
	c.Write([]byte(fmt.Sprintf("n=%d", n)))   // want `\[\]byte\(fmt.Sprintf\(...\)\) builds a string and copies it only to write it; use fmt.Fprintf\(c, ...\)`
	w.Write([]byte(fmt.Sprintln("n", n)))     // want `use fmt.Fprintln\(w, ...\)`
	os.Stdout.Write([]byte(fmt.Sprint(n, n))) // want `use fmt.Fprint\(os.Stdout, ...\)`
}
