package needlesscopywritefix

import (
	"net/http"
	"os"
)

// The file does not import io: the fix adds it.
func respond(w http.ResponseWriter, s string) {
	w.Write([]byte(s)) // want `use io.WriteString\(w, s\)`
}

func file(f *os.File, s string) (int, error) {
	return f.Write([]byte(s)) // want `use f.WriteString\(s\)`
}
