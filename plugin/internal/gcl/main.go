// Command gcl is golangci-lint with perflint's module plugin compiled in:
// what golangci-lint custom builds from .custom-gcl.yml, built here from
// the Go module proxy alone (golangci-lint custom clones with git). It is
// a module of its own so that golangci-lint's requirements stay out of
// perflint's go.mod; plugin/gcl_test.go builds and runs it.
package main

import (
	"fmt"
	"os"

	"github.com/golangci/golangci-lint/v2/pkg/commands"
	"github.com/golangci/golangci-lint/v2/pkg/exitcodes"

	_ "github.com/perflint/perflint/plugin"
)

// version is set with -ldflags -X to a hash of perflint's sources:
// golangci-lint keys its result cache on the version, and a fixed string
// would serve stale results after a rebuild.
var version = "(devel)"

func main() {
	info := commands.BuildInfo{Version: version, Commit: "perflint plugin test", Date: "(unknown)", GoVersion: "go"}
	if err := commands.Execute(info); err != nil {
		fmt.Fprintf(os.Stderr, "The command is terminated due to an error: %v\n", err)
		os.Exit(exitcodes.Failure)
	}
}
