package falsesharing

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"slices"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/analyzers/internal/match"
	"github.com/perflint/perflint/analyzers/internal/typesize"
	"github.com/perflint/perflint/passes/report"
	"github.com/perflint/perflint/passes/writes"
)

//go:embed doc.go
var doc string

// Analyzer reports independently written atomic fields, mutexes and
// per-worker shards that share a cache line.
var Analyzer = &analysis.Analyzer{
	Name:             "falsesharing",
	Doc:              docs.Doc(doc, "falsesharing"),
	URL:              "https://pkg.go.dev/github.com/perflint/perflint/analyzers/falsesharing",
	Requires:         []*analysis.Analyzer{writes.Analyzer, report.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

func init() {
	Analyzer.Flags.Int64("line", 64, "cache line size in bytes (64 on amd64; 128 on arm64 (Apple M-series) and ppc64)")
}

// padTo is the distance the fix puts between two fields: amd64 fetches
// cache lines in adjacent pairs, and arm64 and ppc64 have 128-byte
// lines, so 128 bytes is apart everywhere but s390x.
const padTo = 128

// checker holds one package's state.
type checker struct {
	pass *analysis.Pass
	rep  *report.Reporter
	res  *writes.Result
	line int64 // the line option: cache line size
	// hot lists the functions whose writes of a field are hot; direct
	// those that write it at all (outside cold and dead code).
	hot, direct map[*types.Var][]*writes.Func
	// embedded marks the struct types of this package held by value in
	// another type or a package variable: their placement is not the
	// heap's.
	embedded map[*types.TypeName]bool
	scanned  map[*types.Package]bool
	// held lists, by outer struct type, the fields of structs it holds
	// by value that are written through it (see flatten).
	held    map[*types.TypeName]map[heldKey]*field
	offsets map[*types.Struct][]int64
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	if rep == nil {
		return nil, nil
	}
	res := pass.ResultOf[writes.Analyzer].(*writes.Result)
	c := &checker{pass: pass, rep: rep, res: res, line: report.Option[int64](pass, "line"),
		hot: make(map[*types.Var][]*writes.Func), direct: make(map[*types.Var][]*writes.Func)}
	// Fields of one struct type, by the type that declares them.
	owners := make(map[*types.TypeName]*types.Named)
	var order []*types.TypeName
	var shardWrites []*writes.Write
	for _, w := range res.Writes {
		if w.Dead || w.Func.Cold || w.Func.Test {
			continue // a test's writes are not the program's: a test variant must find what the package finds
		}
		if c.elsewhere(w) {
			continue
		}
		if w.Shard != nil && c.hotWrite(w) {
			shardWrites = append(shardWrites, w)
		}
		if !w.Var.IsField() || !c.writesLine(w) {
			continue
		}
		if !slices.Contains(c.direct[w.Var], w.Func) {
			c.direct[w.Var] = append(c.direct[w.Var], w.Func)
		}
		hot := (w.Kind&(writes.Atomic|writes.Mutex) != 0 || lockedCount(w) && w.Loops()) && c.hotWrite(w)
		if w.Shard == nil {
			for _, named := range c.flatten(w, hot) {
				if _, ok := owners[named.Obj()]; !ok {
					owners[named.Obj()] = named
					order = append(order, named.Obj())
				}
			}
		}
		if !hot {
			continue // plain stores count toward writing together only
		}
		if !slices.Contains(c.hot[w.Var], w.Func) {
			c.hot[w.Var] = append(c.hot[w.Var], w.Func)
		}
		named, ok := types.Unalias(w.Owner).(*types.Named)
		if !ok || w.Shard != nil {
			continue // an element of a slice: the shard rule
		}
		named = named.Origin()
		if _, ok := owners[named.Obj()]; !ok {
			owners[named.Obj()] = named
			order = append(order, named.Obj())
		}
	}
	slices.SortFunc(order, func(a, b *types.TypeName) int { return int(a.Pos() - b.Pos()) })
	for _, tn := range order {
		c.checkStruct(owners[tn])
	}
	c.checkShards(shardWrites)
	return nil, nil
}

// elsewhere reports whether w is a method call that writes through a
// pointer the field holds (x.mu.Lock() with mu *sync.Mutex, x.n.Add(1)
// with n *atomic.Int64, x.locks[i].Lock() with locks []*sync.Mutex, or
// a Lock promoted from an embedded *sync.Mutex): the mutex or atomic
// lives in another object, so the write is not on the field's line.
func (c *checker) elsewhere(w *writes.Write) bool {
	if w.Kind&(writes.Atomic|writes.Mutex) == 0 || w.Method {
		return false
	}
	call, ok := w.Node.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	s, ok := c.pass.TypesInfo.Selections[sel]
	if !ok || s.Kind() != types.MethodVal {
		return false // atomic.AddInt64(&x.n, 1) writes x.n
	}
	if len(s.Index()) > 1 {
		return isPointer(w.Var.Type()) // promoted through an embedded field
	}
	x := ast.Unparen(sel.X)
	if u, ok := x.(*ast.UnaryExpr); ok && u.Op == token.AND {
		return false
	}
	t := c.pass.TypesInfo.TypeOf(x)
	return t != nil && isPointer(t)
}

func isPointer(t types.Type) bool {
	_, ok := t.Underlying().(*types.Pointer)
	return ok
}

// writesLine reports whether w writes the memory of the field itself:
// an atomic or mutex write, a store, an element of an array field. A
// map or slice field's elements live elsewhere. Plain stores count only
// under a lock: others are one goroutine's own data or a race.
func (c *checker) writesLine(w *writes.Write) bool {
	switch {
	case w.Method:
		// x.f.observe(): the method writes somewhere in f; only a
		// field no larger than a line says which line.
		size, ok := typesize.Of(c.pass.TypesSizes, w.Var.Type())
		return ok && size <= c.line
	case w.Kind&(writes.Atomic|writes.Mutex) != 0:
		return true
	case w.Kind == writes.Store:
		return len(w.Locked) > 0
	case w.Kind == writes.ElemWrite:
		_, isArray := w.Var.Type().Underlying().(*types.Array)
		return isArray && len(w.Locked) > 0
	}
	return false
}

// hotWrite reports whether w keeps a cache line moving: it repeats (in
// a loop on one object, or in a function that goroutines, handlers or
// loops run), or it is an atomic add (a counter bumped per event), but
// not once a tick of a timer. A store of a constant is a state change,
// not a hot write.
// lockedCount reports whether w adds to a numeric field under a lock
// (c.outMsgs++, s.bytes += n with s.mu held): a counter that the lock
// proves concurrent goroutines update. Other plain stores under a lock
// (a state, a slice, a time) count toward writing together only. Such a
// counter is hot where a loop repeats it ([writes.Write.Loops]): in a
// goroutine started once per setup, its addition on the way out is not.
func lockedCount(w *writes.Write) bool {
	if w.Kind != writes.Store || len(w.Locked) == 0 {
		return false
	}
	if b, ok := w.Var.Type().Underlying().(*types.Basic); !ok || b.Info()&types.IsNumeric == 0 {
		return false
	}
	switch n := w.Node.(type) {
	case *ast.IncDecStmt:
		return true
	case *ast.AssignStmt:
		return n.Tok == token.ADD_ASSIGN || n.Tok == token.SUB_ASSIGN
	}
	return false
}

func (c *checker) hotWrite(w *writes.Write) bool {
	if w.Const && w.Kind&(writes.Store|writes.AtomicStore|writes.AtomicSwap|writes.AtomicCAS|writes.AtomicAndOr) != 0 {
		return false
	}
	if w.Guarded && w.Kind&(writes.Store|writes.AtomicStore|writes.AtomicSwap) != 0 {
		return false // set after checking the field: once per change, a cache filled once
	}
	if w.OncePath {
		return false // the slow path of a one-time initialization
	}
	return w.Repeats() || w.Kind&writes.AtomicAdd != 0 && !w.Paced
}

// together reports whether a and b are written as one update, where one
// line is right: some function writes both on one path (each at the same
// branch level, directly or through a call: true sharing, or one
// protocol), or one of them is never written hot without the other (its
// every hot write sits under a lock of the other, or in a function that
// writes the other in a branch that holds it). Every kind of write
// counts (Lock, Unlock, Store, Add...), but a function that writes
// neither field hot and only overwrites both (stores and swaps: a
// snapshot that swaps every counter to zero, a reset) is not an update
// of both. A function that writes both on different paths (a counter
// bumped per message, a lock taken on an error path) is not one either:
// its hot path writes one of them, and padding them apart helps it.
func (c *checker) together(a, b *field) bool {
	return c.onePath(a, b) || c.follows(a, b) || c.follows(b, a)
}

// allWrites is every kind of write of a field.
const allWrites = writes.Atomic | writes.Mutex | writes.Store | writes.ElemWrite

// event is where a function writes one field of a pair, directly or
// through a call: the branch that holds it.
type event struct {
	a, b   bool // writes field a, field b
	branch ast.Node
	call   *writes.Call // the call that writes, nil for a write of its own
}

// events lists where f writes a or b: its own writes, and its calls whose
// effects write either.
func (c *checker) events(f *writes.Func, a, b *field) []event {
	var out []event
	for _, w := range f.Writes {
		if w.Dead {
			continue
		}
		o := w.Var.Origin()
		if ea, eb := o == a.v.Origin(), o == b.v.Origin(); ea || eb {
			out = append(out, event{ea, eb, w.Branch, nil})
		}
	}
	for _, call := range f.Calls {
		if call.Inert() {
			continue
		}
		e := c.res.Effects(call.Callee)
		if ea, eb := e.Writes(a.v, allWrites), e.Writes(b.v, allWrites); ea || eb {
			out = append(out, event{ea, eb, call.Branch, call})
		}
	}
	return out
}

// onePath reports whether some function that writes a or b writes both
// at one branch level.
func (c *checker) onePath(a, b *field) bool {
	overwrite := func(k writes.Kind) bool { return k&^(writes.Store|writes.AtomicStore|writes.AtomicSwap) == 0 }
	seen := make(map[*writes.Func]bool)
	for _, fs := range [2][]*writes.Func{a.direct, b.direct} {
		for _, f := range fs {
			if seen[f] {
				continue
			}
			e := c.res.Effects(f)
			if !e.Writes(a.v, allWrites) || !e.Writes(b.v, allWrites) {
				continue
			}
			if overwrite(e.Vars[a.v.Origin()]) && overwrite(e.Vars[b.v.Origin()]) && !slices.Contains(a.hot, f) && !slices.Contains(b.hot, f) {
				continue // a reset or a snapshot
			}
			if c.onePathIn(f, a, b, seen) {
				return true
			}
		}
	}
	return false
}

// onePathIn reports whether f writes a and b at one branch level of its
// own: two writes or calls in one branch, or a call of a function that
// does so itself (a call of one that writes them on different paths
// writes them on different paths). seen holds the functions judged, or
// being judged (a cycle adds nothing).
func (c *checker) onePathIn(f *writes.Func, a, b *field, seen map[*writes.Func]bool) bool {
	if seen[f] {
		return false
	}
	seen[f] = true
	evs := c.events(f, a, b)
	for i, x := range evs {
		if x.call != nil && x.a && x.b && c.onePathIn(x.call.Callee, a, b, seen) {
			return true
		}
		for _, y := range evs[i+1:] {
			if (x.a && y.b || x.b && y.a) && x.branch == y.branch {
				return true
			}
		}
	}
	return false
}

// follows reports whether every hot write of x comes with a write of y:
// y is a mutex held there, or its function writes y in a branch that
// holds the write.
func (c *checker) follows(x, y *field) bool {
	n := 0
	evs := make(map[*writes.Func][]event) // by writer: x's writes share functions
	for _, w := range x.writes {
		if w.Dead || w.Func.Cold || w.Func.Test || !c.hotWrite(w) {
			continue
		}
		n++
		if y.v.Origin() == y.path[0].Origin() && slices.Contains(c.res.WriteHeld(w), y.v) {
			continue
		}
		if _, ok := evs[w.Func]; !ok {
			evs[w.Func] = c.events(w.Func, x, y)
		}
		with := false
		for _, ev := range evs[w.Func] {
			if ev.b && writes.Encloses(ev.branch, w.Branch) {
				with = true
				break
			}
		}
		if !with {
			return false
		}
	}
	return n > 0
}

// field is a hot field of a struct being checked: one of its own, or
// (flatten) a field of a struct it holds by value.
type field struct {
	v *types.Var
	// path is the fields from the struct's own down to v: v alone for
	// a field of the struct itself.
	path []*types.Var
	// index is that of path[0] in the struct.
	index        int
	offset, size int64
	// hot and direct are the functions that write the field hot, and at
	// all; writes its writes (through the struct, for a held field).
	hot, direct []*writes.Func
	writes      []*writes.Write
}

// name spells the field's path: n, or stats.n for a held field.
func (f *field) name() string {
	var b strings.Builder
	for i, v := range f.path {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(v.Name())
	}
	return b.String()
}

// edge is a pair of fields that share a line and different goroutines
// write.
type edge struct {
	a, b  int // indices into the hot fields
	share sharing
}

// checkStruct reports the groups of hot fields of one struct type that
// share a cache line and are written independently.
func (c *checker) checkStruct(named *types.Named) {
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return
	}
	offsets := c.offsetsOf(st)
	if offsets == nil {
		return // generic (or no fields): never measured
	}
	size, _ := typesize.Of(c.pass.TypesSizes, st)
	at := placements(size, c.pass.TypesSizes.Alignof(st), c.line, !c.isEmbedded(named.Obj()))
	var hot []*field
	for i := range st.NumFields() {
		f := st.Field(i)
		if len(c.hot[f]) == 0 {
			continue
		}
		fs, ok := typesize.Of(c.pass.TypesSizes, f.Type())
		if !ok {
			return
		}
		hot = append(hot, &field{v: f, path: []*types.Var{f}, index: i, offset: offsets[i], size: fs,
			hot: c.hot[f], direct: c.direct[f], writes: c.res.WritesOf(f)})
	}
	if held := c.heldFields(named.Obj(), st); len(held) > 0 {
		hot = append(hot, held...)
		slices.SortStableFunc(hot, func(a, b *field) int { return int(a.offset - b.offset) })
	}
	if len(hot) < 2 {
		return
	}
	var edges []edge
	for i := range hot {
		for j := i + 1; j < len(hot); j++ {
			a, b := hot[i], hot[j]
			if b.offset-(a.offset+a.size) >= c.line {
				break
			}
			if insideNamed(a, b) {
				continue // checked where that struct is: one finding per pair
			}
			s := share(a.offset, a.size, b.offset, b.size, c.line, at)
			if s == never || !c.inGoroutine(a, b) || c.together(a, b) || c.oneGoroutine(a, b) || c.perItem(a, b) || c.serialized(a, b) {
				continue
			}
			if c.trulyShared(hot, i, j, at) {
				continue
			}
			edges = append(edges, edge{i, j, s})
		}
	}
	if len(edges) == 0 {
		return
	}
	c.reportStruct(named, st, offsets, hot, edges, at)
}

// trulyShared reports whether a third hot field k shares the line of
// both fields i and j, and every hot write of i and of j comes with a
// write of k (follows): the line moves between their goroutines whatever
// the padding between i and j.
func (c *checker) trulyShared(hot []*field, i, j int, at []int64) bool {
	a, b := hot[i], hot[j]
	for k, f := range hot {
		if k == i || k == j {
			continue
		}
		if share(a.offset, a.size, f.offset, f.size, c.line, at) == never || share(b.offset, b.size, f.offset, f.size, c.line, at) == never {
			continue
		}
		if c.follows(a, f) && c.follows(b, f) {
			return true
		}
	}
	return false
}

// inGoroutine reports whether some hot writer of a or b runs in a
// goroutine the package starts or in a server's handler goroutines.
// Without one, nothing says that two goroutines write the line at once:
// writers that only exported functions reach may all run on one
// goroutine of the caller's (a connection's run loop), and the message
// could name no goroutine.
func (c *checker) inGoroutine(a, b *field) bool {
	for _, fw := range c.hotWriters(a, b) {
		for _, r := range c.writerRoots(fw.fld, fw.f) {
			if r.Kind.Goroutine() && !r.Func.Test {
				return true
			}
		}
	}
	return false
}

type fieldWriter struct {
	fld *field
	f   *writes.Func
}

// hotWriters lists the hot writers of a, then of b.
func (c *checker) hotWriters(a, b *field) []fieldWriter {
	out := make([]fieldWriter, 0, len(a.hot)+len(b.hot))
	for _, fld := range []*field{a, b} {
		for _, f := range fld.hot {
			out = append(out, fieldWriter{fld, f})
		}
	}
	return out
}

// writerRoots returns the entry points that reach f writing fld: when
// every write of fld in f goes to f's receiver, only those that may pass
// it a shared receiver (passes/writes WriteRoots).
func (c *checker) writerRoots(fld *field, f *writes.Func) []*writes.Root {
	recv := false
	for _, w := range fld.writes {
		if w.Func != f {
			continue
		}
		if !w.Recv {
			return c.res.Roots(f)
		}
		recv = true
	}
	if recv {
		return c.res.RecvRoots(f)
	}
	return c.res.Roots(f)
}

// oneGoroutine reports whether every hot writer of a and b runs in one
// and the same goroutine: the only root reaching them is main, one
// goroutine started once, or one side (the reader, or the writer) of the
// connection type whose fields they are.
func (c *checker) oneGoroutine(a, b *field) bool {
	type goroutine struct {
		root *writes.Root
		conn *types.TypeName
		side string
	}
	var only *goroutine
	for _, fw := range c.hotWriters(a, b) {
		for _, r := range c.writerRoots(fw.fld, fw.f) {
			if r.Kind == writes.InitRoot || r.Func.Test {
				continue
			}
			g := goroutine{root: r}
			if conn := connOf(r, fw.fld); conn != nil {
				g = goroutine{conn: conn, side: r.ConnSide()}
			}
			single := r.Kind == writes.Main || g.conn != nil || (r.Kind <= writes.ErrgroupGo && !r.InLoop && len(r.Func.Callers) == 0 && len(c.res.StartsOf(r.Func)) == 1)
			if !single || (only != nil && *only != g) {
				return false
			}
			only = &g
		}
	}
	return only != nil
}

// connOf returns the connection type of a ConnIO root whose receiver's
// struct declares fld (a connection's own counter, which one reader, or
// one writer, writes at a time), or nil.
func connOf(r *writes.Root, fld *field) *types.TypeName {
	if r.Kind != writes.ConnIO {
		return nil
	}
	recv := r.Func.Obj.Signature().Recv()
	if recv == nil {
		return nil
	}
	t := recv.Type()
	if p, ok := types.Unalias(t).(*types.Pointer); ok {
		t = p.Elem()
	}
	named, ok := types.Unalias(t).(*types.Named)
	if !ok {
		return nil
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	for v := range st.Fields() {
		if v.Origin() == fld.path[0].Origin() {
			return named.Obj()
		}
	}
	return nil
}

// serialized reports whether one mutex is held at every hot write of a
// and b (passes/writes WriteHeld), a package variable or a field of the
// struct written: the writers never run at once, and the line moves
// with the lock's holder whatever the layout.
func (c *checker) serialized(a, b *field) bool {
	var common []*types.Var
	first := true
	for _, fld := range []*field{a, b} {
		for _, w := range fld.writes {
			if w.Dead || w.Func.Cold || w.Func.Test || !c.hotWrite(w) {
				continue
			}
			held := slices.DeleteFunc(c.res.WriteHeld(w), func(mu *types.Var) bool { return !sameObjectLock(mu, w) })
			if first {
				common, first = held, false
			} else {
				common = slices.DeleteFunc(common, func(v *types.Var) bool { return !slices.Contains(held, v) })
			}
			if len(common) == 0 {
				return false
			}
		}
	}
	return len(common) > 0
}

// sameObjectLock reports whether mu, held at w, is one lock for every
// object w may write: a package variable, or a field of the struct that
// declares the field written (a.mu around a.cwnd). A field of another
// struct (a session's mu around a global counter) may be one lock per
// holder.
func sameObjectLock(mu *types.Var, w *writes.Write) bool {
	if !mu.IsField() {
		return true
	}
	if w.Owner == nil {
		return false
	}
	st, ok := w.Owner.Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f.Origin() == mu.Origin() {
			return true
		}
	}
	return false
}

// perItem reports whether every hot write of a and b goes to an object
// that one goroutine of a fan-out owns (passes/writes Owned): each
// goroutine then writes its own object.
func (c *checker) perItem(a, b *field) bool {
	for _, v := range []*field{a, b} {
		for _, w := range v.writes {
			if w.Dead || w.Func.Cold || w.Func.Test || !c.hotWrite(w) || w.Shard != nil {
				continue
			}
			root := writes.BaseVar(c.pass.TypesInfo, w.Base)
			if root == nil || !c.res.Owned(w.Func, root) {
				return false
			}
		}
	}
	return true
}

// isEmbedded reports whether values of tn are held inside other memory
// (not allocated on their own): as a field of a struct, an element of an
// array, slice, map or channel, or a package variable, in this package
// or in the package that declares tn. There the object starts wherever
// the holder puts it: at any multiple of its alignment.
func (c *checker) isEmbedded(tn *types.TypeName) bool {
	if c.embedded == nil {
		c.embedded = make(map[*types.TypeName]bool)
		c.scanned = make(map[*types.Package]bool)
	}
	for _, pkg := range []*types.Package{c.pass.Pkg, tn.Pkg()} {
		if pkg == nil || c.scanned[pkg] {
			continue
		}
		c.scanned[pkg] = true
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			switch obj := scope.Lookup(name).(type) {
			case *types.Var:
				c.markHeld(obj.Type(), true)
			case *types.TypeName:
				c.markHeld(obj.Type().Underlying(), false)
			}
		}
	}
	return c.embedded[tn]
}

// markHeld marks the named types whose values t holds in its own memory:
// t itself when direct (a variable's type), the fields of a struct, the
// elements of arrays, slices, maps and channels.
func (c *checker) markHeld(t types.Type, direct bool) {
	for depth := 0; depth < 8; depth++ {
		switch u := types.Unalias(t).(type) {
		case *types.Named:
			if direct {
				c.embedded[u.Origin().Obj()] = true
			}
			return
		case *types.Struct:
			for f := range u.Fields() {
				c.markHeld(f.Type(), true)
			}
			return
		case *types.Array:
			t, direct = u.Elem(), true
		case *types.Slice:
			t, direct = u.Elem(), true
		case *types.Map:
			t, direct = u.Elem(), true
		case *types.Chan:
			t, direct = u.Elem(), true
		default:
			return
		}
	}
}

// reportStruct reports one finding for the struct: every group of
// fields joined by edges, with who writes each field, and at most one
// fix that pads the struct once.
func (c *checker) reportStruct(named *types.Named, st *types.Struct, offsets []int64, hot []*field, edges []edge, at []int64) {
	// Groups of fields that share a line: in offset order, a field
	// (that different goroutines write along with some other field)
	// joins the current group when it can share a line with every
	// member.
	linked := func(a, b int) bool {
		for _, e := range edges {
			if (e.a == a && e.b == b) || (e.a == b && e.b == a) {
				return true
			}
		}
		return false
	}
	var inEdges []int
	for i := range hot {
		for _, e := range edges {
			if e.a == i || e.b == i {
				inEdges = append(inEdges, i)
				break
			}
		}
	}
	var groups [][]int
	var cur []int
	flush := func() {
		hasEdge := false
		for x := range cur {
			for y := x + 1; y < len(cur); y++ {
				hasEdge = hasEdge || linked(cur[x], cur[y])
			}
		}
		if hasEdge {
			groups = append(groups, cur)
		}
		cur = nil
	}
	for _, i := range inEdges {
		fits := true
		for _, m := range cur {
			fits = fits && share(hot[m].offset, hot[m].size, hot[i].offset, hot[i].size, c.line, at) != never
		}
		if len(cur) > 0 && fits {
			cur = append(cur, i)
			continue
		}
		// i starts a group, with its nearest partner in the group
		// that ends here.
		prev := cur
		flush()
		for k := len(prev) - 1; k >= 0; k-- {
			if linked(prev[k], i) {
				cur = []int{prev[k]} // the nearest
				break
			}
		}
		cur = append(cur, i)
	}
	flush()
	if len(groups) == 0 {
		return
	}
	allShare := func(g []int) bool {
		for x := range g {
			for y := x + 1; y < len(g); y++ {
				a, b := hot[g[x]], hot[g[y]]
				if share(a.offset, a.size, b.offset, b.size, c.line, at) != always {
					return false
				}
			}
		}
		return true
	}
	qual := func(p *types.Package) string {
		if p == c.pass.Pkg {
			return ""
		}
		return p.Name()
	}
	var parts []string
	var fieldsNamed []*field
	parts = slices.Grow(parts, len(groups))
	for _, g := range groups {
		var names []string
		names = slices.Grow(names, len(g))
		for _, i := range g {
			names = append(names, fmt.Sprintf("%s (offset %d)", hot[i].name(), hot[i].offset))
			if !slices.Contains(fieldsNamed, hot[i]) {
				fieldsNamed = append(fieldsNamed, hot[i])
			}
		}
		verb := "can share"
		if allShare(g) {
			verb = "share"
		}
		parts = append(parts, fmt.Sprintf("%s %s a %d-byte cache line", joinAnd(names), verb, c.line))
	}
	var who []string
	who = slices.Grow(who, len(fieldsNamed))
	for _, f := range fieldsNamed {
		who = append(who, f.name()+": "+c.writers(f))
	}
	local := named.Obj().Pkg() == c.pass.Pkg
	pos := named.Obj().Pos()
	if !local {
		// A struct of another package: report at this package's first
		// hot write of a named field, by file name and offset (token
		// positions across files depend on the order of parsing).
		pos = token.NoPos
		before := func(a, b token.Pos) bool {
			pa, pb := c.pass.Fset.Position(a), c.pass.Fset.Position(b)
			if pa.Filename != pb.Filename {
				return pa.Filename < pb.Filename
			}
			return pa.Offset < pb.Offset
		}
		for _, f := range fieldsNamed {
			for _, w := range f.writes {
				if !w.Dead && !w.Func.Cold && !w.Func.Test && c.hotWrite(w) && (pos == token.NoPos || before(w.Pos(), pos)) {
					pos = w.Pos()
				}
			}
		}
	}
	// Spell the type as the file of the report spells its package.
	pkgName := named.Obj().Pkg().Name()
	if file := report.FileOf(c.pass, pos); file != nil && !local {
		if name := report.ImportedAs(c.pass.TypesInfo, file, named.Obj().Pkg().Path()); name != "" && name != "_" {
			pkgName = name
		}
	}
	qual = func(p *types.Package) string {
		switch {
		case p == c.pass.Pkg:
			return ""
		case p == named.Obj().Pkg() && pkgName != ".":
			return pkgName
		case p == named.Obj().Pkg():
			return ""
		}
		return p.Name()
	}
	tname := types.TypeString(named, qual)
	fix, pad := c.padFix(named, st, hot, edges)
	advice := fmt.Sprintf("pad them apart (%d bytes per value)", pad)
	if !local {
		advice = fmt.Sprintf("pad them apart in package %s (%d bytes per value)", named.Obj().Pkg().Name(), pad)
	}
	msg := fmt.Sprintf("fields of %s written by different goroutines: %s; %s; %s",
		tname, strings.Join(parts, "; "), strings.Join(who, "; "), advice)
	d := analysis.Diagnostic{Pos: pos, Message: msg}
	if local {
		d.End = d.Pos + token.Pos(len(named.Obj().Name()))
		if fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
	}
	// The cost is paid where the fields are written.
	h := report.Hot{Where: "the functions that write them", Pair: "Count"}
	for _, fld := range fieldsNamed {
		for _, f := range fld.hot {
			if f.Node != nil && !slices.Contains(h.Code, f.Node) {
				h.Code = append(h.Code, f.Node)
			}
		}
	}
	c.rep.ReportHot(d, h)
}

func joinAnd(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

// writers says which functions write v hot, and from which goroutines:
// "(*Cache).get from handler goroutines, goroutine (*Cache).run".
func (c *checker) writers(fld *field) string {
	var out []string
	for i, f := range fld.hot {
		if i == 3 {
			out = append(out, fmt.Sprintf("%d more", len(fld.hot)-3))
			break
		}
		out = append(out, c.describe(fld, f))
	}
	return strings.Join(out, ", ")
}

// describe names a writer of fld with the goroutines it runs in.
func (c *checker) describe(fld *field, f *writes.Func) string {
	if f.Root != nil {
		switch f.Root.Kind {
		case writes.GoStmt, writes.WaitGroupGo, writes.ErrgroupGo:
			return "goroutine " + f.Name
		case writes.Handler:
			return "handler " + f.Name
		case writes.ConnIO:
			return "connection " + f.Root.ConnSide() + " " + f.Name
		}
	}
	var from []string
	for _, r := range c.writerRoots(fld, f) {
		if r.Func.Test {
			continue
		}
		var s string
		switch r.Kind {
		case writes.GoStmt, writes.WaitGroupGo, writes.ErrgroupGo:
			s = "goroutine " + r.Func.Name
		case writes.Handler:
			s = "handler " + r.Func.Name
		case writes.ConnIO:
			s = "connection " + r.ConnSide() + " " + r.Func.Name
		default:
			continue
		}
		if !slices.Contains(from, s) {
			from = append(from, s)
		}
	}
	if len(from) == 0 {
		return f.Name
	}
	slices.Sort(from) // root order follows positions, which depend on parsing order across files
	if len(from) > 2 {
		from = append(from[:2], "others")
	}
	return f.Name + " (in " + joinAnd(from) + ")"
}

// checkShards reports writes to xs[i].f (or xs[i].Add) where the
// element is smaller than a line and i provably differs per goroutine:
// neighbouring workers write neighbouring elements.
func (c *checker) checkShards(ws []*writes.Write) {
	seen := make(map[string]bool)
	for _, w := range ws {
		ix := w.Shard
		xt := c.pass.TypesInfo.TypeOf(ix.X)
		if xt == nil {
			continue
		}
		var elem types.Type
		switch t := xt.Underlying().(type) {
		case *types.Slice:
			elem = t.Elem()
		case *types.Array:
			elem = t.Elem()
		case *types.Pointer:
			if a, ok := t.Elem().Underlying().(*types.Array); ok {
				elem = a.Elem()
			}
		}
		size, ok := typesize.Of(c.pass.TypesSizes, elem)
		if !ok || size == 0 || size >= c.line || !c.workerIndex(w.Func, ix.Index, 0) {
			continue
		}
		x := types.ExprString(ix.X)
		if seen[x] {
			continue
		}
		seen[x] = true
		per := c.line / size
		advice := "pad the element type"
		if n, ok := types.Unalias(elem).(*types.Named); !ok || n.Obj().Pkg() != c.pass.Pkg {
			advice = "wrap the elements in a struct padded" // a type the package cannot pad
		} else if _, isStruct := n.Underlying().(*types.Struct); !isStruct {
			advice = "wrap the elements in a struct padded"
		}
		d := analysis.Diagnostic{
			Pos: ix.Pos(), End: ix.End(),
			Message: fmt.Sprintf("elements of %s are %d bytes, so %d neighbouring workers write one %d-byte cache line; %s to %d bytes (%d bytes per element)",
				x, size, per, c.line, advice, padTo, padTo-size),
		}
		if fix := c.shardFix(elem, size); fix != nil {
			d.SuggestedFixes = []analysis.SuggestedFix{*fix}
		}
		h := report.Hot{Where: "the function that writes them", Pair: "Workers"}
		if w.Func.Node != nil {
			h.Code = []ast.Node{w.Func.Node}
		}
		c.rep.ReportHot(d, h)
	}
}

// workerIndex reports whether e, in function f, provably differs per
// goroutine: a loop variable of a loop that starts the goroutine f runs
// in (captured per iteration), a parameter of f that every start or
// call of f passes such a value, or an expression derived from one
// (w%len(s), w&mask, hash(w)%n). A state enum or a value read from a
// struct is not a worker's number.
func (c *checker) workerIndex(f *writes.Func, e ast.Expr, depth int) bool {
	if depth > 3 {
		return false
	}
	switch x := ast.Unparen(e).(type) {
	case *ast.BinaryExpr:
		switch x.Op {
		case token.REM, token.AND, token.ADD, token.SUB, token.MUL, token.XOR, token.OR, token.SHL, token.SHR, token.AND_NOT:
			return c.workerIndex(f, x.X, depth) || c.workerIndex(f, x.Y, depth)
		}
	case *ast.CallExpr:
		for _, a := range x.Args {
			if c.workerIndex(f, a, depth) {
				return true
			}
		}
	case *ast.Ident:
		v, ok := c.pass.TypesInfo.Uses[x].(*types.Var)
		if !ok {
			return false
		}
		return c.workerVar(f, v, depth)
	}
	return false
}

// workerVar: see workerIndex.
func (c *checker) workerVar(f *writes.Func, v *types.Var, depth int) bool {
	// A variable of a loop that encloses a goroutine start of f, or of
	// a literal around f, and that the started literal captures.
	for g := f; g != nil && g.Node != nil; g = g.Parent {
		if g.Root != nil && g.Root.Kind <= writes.ErrgroupGo {
			if lit, ok := g.Node.(*ast.FuncLit); ok && (v.Pos() < lit.Pos() || v.Pos() >= lit.End()) && c.res.LoopVarAround(v, lit) {
				return true
			}
		}
	}
	// A parameter of f, given a worker's number by every start and call.
	idx := writes.ParamIndex(c.pass.TypesInfo, f, v)
	if idx < 0 {
		return false
	}
	n := 0
	for _, st := range c.res.StartsOf(f) {
		call, ok := st.Node.(*ast.GoStmt)
		if !ok || idx >= len(call.Call.Args) {
			return false
		}
		if !c.res.LoopVarExpr(call.Call.Args[idx], st.Node) && !c.workerIndex(st.Starter, call.Call.Args[idx], depth+1) {
			return false
		}
		n++
	}
	for _, cl := range f.Callers {
		call, ok := cl.Node.(*ast.CallExpr)
		if !ok || idx >= len(call.Args) || !c.workerIndex(cl.Caller, call.Args[idx], depth+1) {
			return false
		}
		n++
	}
	if f.Root != nil && f.Root.Kind > writes.ErrgroupGo {
		return false // exported or used as a value: unknown arguments
	}
	return n > 0
}

// padFix pads the struct once: before fields, enough bytes that every
// field lies padTo bytes or more after each earlier field that different
// goroutines write independently of it. It offers none where a new field could break code:
// exported types, unkeyed literals, conversions to or from another
// struct type, packages importing unsafe or encoding/binary, fields
// declared together (a, b atomic.Int64), and where a raw 64-bit atomic
// would lose its 8-byte alignment on 32-bit platforms. It returns the
// fix and the bytes it adds per value.
func (c *checker) padFix(named *types.Named, st *types.Struct, hot []*field, edges []edge) (*analysis.SuggestedFix, int64) {
	// pads[i] is the padding inserted before field i.
	pads := make(map[int]int64)
	shift := func(i int) int64 {
		var s int64
		for j, p := range pads {
			if j <= i {
				s += p
			}
		}
		return s
	}
	// Every field goes padTo bytes or more after each earlier field that
	// different goroutines write independently of it (an edge); fields
	// written together may stay close.
	before := make(map[int][]int) // field -> earlier fields of its edges
	var members []int
	sameMember := false // two fields inside one unnamed struct the struct holds
	for _, e := range edges {
		a, b := min(e.a, e.b), max(e.a, e.b)
		sameMember = sameMember || hot[a].index == hot[b].index
		before[b] = append(before[b], a)
		for _, m := range []int{a, b} {
			if !slices.Contains(members, m) {
				members = append(members, m)
			}
		}
	}
	sort.Ints(members)
	for _, m := range members {
		b := hot[m]
		var need int64
		for _, prev := range before[m] {
			a := hot[prev]
			dist := b.offset + shift(b.index) - (a.offset + shift(a.index))
			need = max(need, (padTo-dist+7)/8*8)
		}
		if need > 0 {
			pads[b.index] += need
		}
	}
	var total int64
	for _, p := range pads {
		total += p
	}
	tn := named.Obj()
	if sameMember || tn.Pkg() != c.pass.Pkg || tn.Exported() || match.Imports(c.pass.Pkg, "unsafe") || match.Imports(c.pass.Pkg, "encoding/binary") || c.hasUnkeyedLiteral(tn) || c.converted(named) {
		return nil, total
	}
	if !c.keepsAlignment(st, pads) {
		return nil, total
	}
	cpuName := importName(c.pass, tn.Pos(), "golang.org/x/sys/cpu")
	var edits []analysis.TextEdit
	idx := make([]int, 0, len(pads))
	for i := range pads {
		idx = append(idx, i)
	}
	sort.Ints(idx)
	edits = slices.Grow(edits, len(idx))
	for _, i := range idx {
		f := st.Field(i)
		decl := fieldDecl(c.pass, f)
		if decl == nil || len(decl.Names) > 1 || (len(decl.Names) == 0 && !f.Embedded()) {
			return nil, total
		}
		text := fmt.Sprintf("_ [%d]byte // keeps %s off the cache line of the fields above\n%s", pads[i], f.Name(), report.Indent(c.pass.Fset, decl.Pos()))
		if cpuName != "" {
			text = fmt.Sprintf("_ %s.CacheLinePad\n%s", cpuName, report.Indent(c.pass.Fset, decl.Pos()))
		}
		at := decl.Pos()
		if decl.Doc != nil {
			at = decl.Doc.Pos()
		}
		edits = append(edits, analysis.TextEdit{Pos: at, End: at, NewText: []byte(text)})
	}
	if len(edits) == 0 {
		return nil, total
	}
	return &analysis.SuggestedFix{
		Message:   "Pad the fields of " + tn.Name() + " onto cache lines of their own",
		TextEdits: edits,
	}, total
}

// keepsAlignment reports whether raw 64-bit integers that the package
// uses atomically keep their 8-byte alignment on 32-bit platforms (386,
// arm, mips) after the padding: there only the first word of an
// allocation is 8-byte aligned, and sync/atomic panics on a misaligned
// 64-bit word.
func (c *checker) keepsAlignment(st *types.Struct, pads map[int]int64) bool {
	sizes := types.SizesFor("gc", "386")
	var old, fields []*types.Var
	var where []int // index in fields of each original field
	for i := range st.NumFields() {
		f := st.Field(i)
		old = append(old, f)
		if p := pads[i]; p > 0 {
			fields = append(fields, types.NewField(token.NoPos, c.pass.Pkg, "_", types.NewArray(types.Typ[types.Byte], p), false))
		}
		where = append(where, len(fields))
		fields = append(fields, f)
	}
	if typesize.HasTypeParam(st) {
		return false
	}
	before := sizes.Offsetsof(old)
	after := sizes.Offsetsof(fields)
	for i, f := range old {
		if !c.raw64Atomic(f) {
			continue
		}
		if before[i]%8 == 0 && after[where[i]]%8 != 0 {
			return false
		}
	}
	return true
}

// raw64Atomic reports whether f is a plain 64-bit integer field that the
// package writes through sync/atomic functions.
func (c *checker) raw64Atomic(f *types.Var) bool {
	b, ok := f.Type().Underlying().(*types.Basic)
	if !ok || (b.Kind() != types.Int64 && b.Kind() != types.Uint64) {
		return false
	}
	for _, w := range c.res.WritesOf(f) {
		if w.Kind&writes.Atomic != 0 && !w.Func.Test {
			return true
		}
	}
	return false
}

// converted reports whether the package converts the struct to or from
// another named struct type: a new field would break the conversion.
func (c *checker) converted(named *types.Named) bool {
	for e, tv := range c.pass.TypesInfo.Types {
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			continue
		}
		ft, ok := c.pass.TypesInfo.Types[call.Fun]
		if !ok || !ft.IsType() {
			continue
		}
		at := c.pass.TypesInfo.TypeOf(call.Args[0])
		if at == nil {
			continue
		}
		to, from := derefNamed(tv.Type), derefNamed(at)
		if (to == named.Obj()) != (from == named.Obj()) {
			if _, isStruct := tv.Type.Underlying().(*types.Struct); isStruct {
				return true
			}
			if p, ok := tv.Type.Underlying().(*types.Pointer); ok {
				if _, isStruct := p.Elem().Underlying().(*types.Struct); isStruct {
					return true
				}
			}
		}
	}
	return false
}

func derefNamed(t types.Type) *types.TypeName {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		t = p.Elem()
	}
	if n, ok := types.Unalias(t).(*types.Named); ok {
		return n.Origin().Obj()
	}
	return nil
}

// fieldDecl finds the *ast.Field that declares f, named or embedded.
func fieldDecl(pass *analysis.Pass, f *types.Var) *ast.Field {
	file := report.FileOf(pass, f.Pos())
	if file == nil {
		return nil
	}
	var out *ast.Field
	ast.Inspect(file, func(n ast.Node) bool {
		if out != nil || n == nil || n.Pos() > f.Pos() || n.End() <= f.Pos() {
			return false
		}
		if fl, ok := n.(*ast.Field); ok {
			for _, name := range fl.Names {
				if name.Pos() == f.Pos() {
					out = fl
				}
			}
			if len(fl.Names) == 0 && f.Embedded() && fl.Type.Pos() <= f.Pos() && f.Pos() < fl.Type.End() {
				out = fl // an embedded field: its position is its type's name
			}
		}
		return out == nil
	})
	return out
}

// hasUnkeyedLiteral reports whether the package writes T{a, b} for tn,
// which a new field would break.
func (c *checker) hasUnkeyedLiteral(tn *types.TypeName) bool {
	for e, tv := range c.pass.TypesInfo.Types {
		lit, ok := e.(*ast.CompositeLit)
		if !ok || len(lit.Elts) == 0 || !types.Identical(tv.Type, tn.Type()) {
			continue
		}
		if _, keyed := lit.Elts[0].(*ast.KeyValueExpr); !keyed {
			return true
		}
	}
	return false
}

// shardFix pads a named, unexported struct element type declared in
// this package to padTo bytes with a last blank field, inserted after
// the last field: it deletes nothing.
func (c *checker) shardFix(elem types.Type, size int64) *analysis.SuggestedFix {
	named, ok := types.Unalias(elem).(*types.Named)
	if !ok || named.Obj().Pkg() != c.pass.Pkg || named.Obj().Exported() {
		return nil
	}
	st, ok := named.Underlying().(*types.Struct)
	if !ok || st.NumFields() == 0 {
		return nil
	}
	tn := named.Obj()
	if match.Imports(c.pass.Pkg, "unsafe") || match.Imports(c.pass.Pkg, "encoding/binary") || c.hasUnkeyedLiteral(tn) || c.converted(named) {
		return nil
	}
	if !c.keepsAlignment(st, nil) {
		return nil
	}
	lastField := fieldDecl(c.pass, st.Field(st.NumFields()-1))
	closing := structClosing(c.pass, tn)
	if lastField == nil || !closing.IsValid() {
		return nil
	}
	line := func(p token.Pos) int { return c.pass.Fset.Position(p).Line }
	if line(lastField.Pos()) == line(tn.Pos()) {
		return nil // a one-line struct: leave it
	}
	at := lastField.End()
	if lastField.Comment != nil {
		at = lastField.Comment.End()
	}
	indent := report.Indent(c.pass.Fset, lastField.Pos())
	text := fmt.Sprintf("\n%s_ [%d]byte // one element per %d bytes: workers do not share cache lines", indent, padTo-size, padTo)
	if name := importName(c.pass, tn.Pos(), "golang.org/x/sys/cpu"); name != "" {
		text = fmt.Sprintf("\n%s_ %s.CacheLinePad", indent, name)
	}
	if line(closing) == line(at) {
		text += "\n" // the closing brace follows the last field on its line
	}
	return &analysis.SuggestedFix{
		Message:   "Pad " + tn.Name() + " to a cache line",
		TextEdits: []analysis.TextEdit{{Pos: at, End: at, NewText: []byte(text)}},
	}
}

// structClosing returns the closing brace of the struct type tn declares.
func structClosing(pass *analysis.Pass, tn *types.TypeName) token.Pos {
	file := report.FileOf(pass, tn.Pos())
	if file == nil {
		return token.NoPos
	}
	var st *ast.StructType
	ast.Inspect(file, func(n ast.Node) bool {
		if n == nil || st != nil || n.Pos() > tn.Pos() || n.End() <= tn.Pos() {
			return false
		}
		if ts, ok := n.(*ast.TypeSpec); ok && ts.Name.Pos() == tn.Pos() {
			st, _ = ts.Type.(*ast.StructType)
		}
		return st == nil
	})
	if st == nil || st.Fields == nil {
		return token.NoPos
	}
	return st.Fields.Closing
}

// importName returns the name under which the file at pos imports path,
// or "".
func importName(pass *analysis.Pass, pos token.Pos, path string) string {
	if file := report.FileOf(pass, pos); file != nil {
		return report.ImportedAs(pass.TypesInfo, file, path)
	}
	return ""
}
