package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/perflint/perflint/analyzers"
	"github.com/perflint/perflint/internal/lsp"
)

// runLSP runs perflint lsp: a language server on stdin and stdout, for
// editors to start beside gopls. Settings come from the editor; the
// server takes no flags.
func runLSP(args []string) int {
	fs := flag.NewFlagSet("perflint lsp", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: perflint lsp\n\nperflint lsp is a language server on stdin and stdout; see the README for editor configurations.\n")
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return lsp.Serve(ctx, stdio{}, analyzers.All(), os.Stderr)
}

// stdio is the server's stream: it reads stdin and writes stdout.
type stdio struct{}

func (stdio) Read(p []byte) (int, error)  { return os.Stdin.Read(p) }
func (stdio) Write(p []byte) (int, error) { return os.Stdout.Write(p) }
func (stdio) Close() error                { return os.Stdin.Close() }
