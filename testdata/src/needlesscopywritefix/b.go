package needlesscopywritefix

import "net/http"

type stream struct{ n int }

// A local named io shadows the package: the finding stays, no fix.
func shadowed(w http.ResponseWriter, s string) {
	io := stream{}
	_ = io
	w.Write([]byte(s)) // want `use io.WriteString\(w, s\)`
}
