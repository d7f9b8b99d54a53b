package needlesscopywritefix

import (
	"bytes"
	f "fmt"
	"io"
)

// fmt imported under another name: the fix spells it so.
func format(w io.Writer, n int, args ...any) {
	w.Write([]byte(f.Sprintf("n=%d", n)))     // want `use f.Fprintf\(w, ...\)`
	w.Write([]byte(f.Sprintf("%v", args...))) // want `use f.Fprintf\(w, ...\)`
	w.Write([]byte(f.Sprint()))               // want `use f.Fprint\(w, ...\)`
}

// A bytes.Buffer value is not an io.Writer (&buf is): no fix.
func value(n int) string {
	var buf bytes.Buffer
	buf.Write([]byte(f.Sprintf("n=%d", n))) // want `use f.Fprintf\(buf, ...\)`
	return buf.String()
}
