package realworld_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// dropLocalReplaces removes from the go.mod of the module copy in dir
// every replace directive that points at a directory the copy does not
// have, such as go.etcd.io/etcd/server/v3's go.etcd.io/etcd/api/v3 =>
// ../api: the directory is a sibling in the module's repository, not in
// its zip. The go command ignores a dependency's replace directives
// anyway, so without them the module builds as its users build it.
func dropLocalReplaces(t *testing.T, dir string) {
	t.Helper()
	var mod struct {
		Replace []struct {
			Old, New struct{ Path, Version string }
		}
	}
	if err := json.Unmarshal(goCmd(t, dir, "mod", "edit", "-json"), &mod); err != nil {
		t.Fatal(err)
	}
	var args []string
	for _, r := range mod.Replace {
		if r.New.Version != "" {
			continue // a module replacement, fetched from the proxy
		}
		// A directory inside the module stays; ../ paths such as
		// go.opentelemetry.io/otel/sdk's go.opentelemetry.io/otel => ../
		// leave the copy, whatever exists there.
		if filepath.IsLocal(r.New.Path) {
			if _, err := os.Stat(filepath.Join(dir, r.New.Path)); err == nil {
				continue
			}
		}
		old := r.Old.Path
		if r.Old.Version != "" {
			old += "@" + r.Old.Version
		}
		args = append(args, "-dropreplace="+old)
	}
	if len(args) > 0 {
		goCmd(t, dir, append([]string{"mod", "edit"}, args...)...)
	}
}
