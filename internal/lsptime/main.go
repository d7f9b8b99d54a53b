// Command lsptime measures how long perflint lsp takes to publish the
// diagnostics of a file: it starts the server, opens the file, waits for
// them, saves it SAVES times (each save waits for its diagnostics) and
// prints each time on stderr; then it shuts the server down. It is the
// editor's side of the latency figure in the README:
//
//	lsptime [-saves N] [-dirty] perflint FILE.go
//
// compared, with perfpair, against perflint on the file's package alone.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/sourcegraph/jsonrpc2"
)

func main() {
	saves := flag.Int("saves", 0, "save the file this many times after opening it")
	dirty := flag.Bool("dirty", false, "open the file with an unsaved edit (a comment at its end), as an overlay")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: lsptime [-saves N] [-dirty] perflint FILE.go")
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *saves, *dirty); err != nil {
		fmt.Fprintln(os.Stderr, "lsptime:", err)
		os.Exit(1)
	}
}

func run(perflint, file string, saves int, dirty bool) error {
	file, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	text, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	if dirty {
		text = append(text, "\n// an unsaved edit\n"...)
	}
	uri := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()

	cmd := exec.Command(perflint, "lsp")
	cmd.Dir = filepath.Dir(file)
	cmd.Stderr = os.Stderr
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		return err
	}
	diags := make(chan int, 10)
	ctx := context.Background()
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(pipe{stdout, stdin}, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			if req.Method == "textDocument/publishDiagnostics" {
				var p struct {
					URI         string
					Diagnostics []json.RawMessage
				}
				json.Unmarshal(*req.Params, &p)
				if p.URI == uri {
					diags <- len(p.Diagnostics)
				}
			}
			if req.Method == "window/showMessage" {
				fmt.Fprintf(os.Stderr, "lsptime: message: %s\n", *req.Params)
			}
			return nil, nil
		}))
	var res json.RawMessage
	if err := conn.Call(ctx, "initialize", map[string]any{"processId": os.Getpid(), "capabilities": map[string]any{}}, &res); err != nil {
		return err
	}
	conn.Notify(ctx, "initialized", map[string]any{})

	wait := func(what string, start time.Time) error {
		select {
		case n := <-diags:
			fmt.Fprintf(os.Stderr, "%s: %d diagnostics in %v\n", what, n, time.Since(start).Round(time.Millisecond))
			return nil
		case <-time.After(10 * time.Minute):
			return fmt.Errorf("%s: no diagnostics", what)
		}
	}
	start := time.Now()
	conn.Notify(ctx, "textDocument/didOpen", map[string]any{"textDocument": map[string]any{"uri": uri, "languageId": "go", "version": 1, "text": string(text)}})
	if err := wait("open", start); err != nil {
		return err
	}
	for i := range saves {
		start := time.Now()
		conn.Notify(ctx, "textDocument/didSave", map[string]any{"textDocument": map[string]any{"uri": uri}})
		if err := wait(fmt.Sprintf("save %d", i+1), start); err != nil {
			return err
		}
	}
	conn.Call(ctx, "shutdown", nil, nil)
	conn.Notify(ctx, "exit", nil)
	return cmd.Wait()
}

type pipe struct {
	io.ReadCloser
	io.WriteCloser
}

func (p pipe) Close() error {
	p.WriteCloser.Close()
	return p.ReadCloser.Close()
}
