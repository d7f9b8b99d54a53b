package mutexmap

import (
	"cmp"
	_ "embed"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/edge"
	"golang.org/x/tools/go/ast/inspector"
	"golang.org/x/tools/go/cfg"
	"golang.org/x/tools/go/types/typeutil"
	"honnef.co/go/tools/analysis/code"

	"github.com/perflint/perflint/analyzers/internal/docs"
	"github.com/perflint/perflint/passes/goroutines"
	"github.com/perflint/perflint/passes/inspectors"
	"github.com/perflint/perflint/passes/lockregions"
	"github.com/perflint/perflint/passes/report"
	"github.com/perflint/perflint/passes/writes"
)

//go:embed doc.go
var doc string

// Analyzer reports maps behind a shared mutex locked once per item, and
// read-mostly maps behind a plain Mutex.
var Analyzer = &analysis.Analyzer{
	Name:             "mutexmap",
	Doc:              docs.Doc(doc, "mutexmap"),
	URL:              "https://pkg.go.dev/github.com/perflint/perflint/analyzers/mutexmap",
	Requires:         []*analysis.Analyzer{inspectors.Analyzer, goroutines.Analyzer, writes.Analyzer, report.Analyzer},
	Run:              run,
	RunDespiteErrors: true,
}

func init() {
	Analyzer.Flags.Bool("readmostly", true, "report maps behind a sync.Mutex that are mostly read (see the documentation)")
	Analyzer.Flags.Int("readratio", 3, "read-only critical sections per writing one, each counted once per entry point that reaches it, that make a map read-mostly")
}

func run(pass *analysis.Pass) (any, error) {
	rep := report.New(pass)
	if rep == nil {
		return nil, nil
	}
	c := &checker{
		pass: pass, rep: rep, readRatio: report.Option[int](pass, "readratio"),
		in:      pass.ResultOf[inspectors.Analyzer].(*inspectors.Set),
		gr:      pass.ResultOf[goroutines.Analyzer].(*goroutines.Result),
		regions: pass.ResultOf[writes.Analyzer].(*writes.Result).Sections,
		model:   pass.ResultOf[writes.Analyzer].(*writes.Result),
	}
	if len(c.regions.Regions) == 0 {
		return nil, nil
	}
	for _, r := range c.regions.Regions {
		c.perItem(r)
	}
	if report.Option[bool](pass, "readmostly") {
		c.readMostlyMaps()
	}
	return nil, nil
}

type checker struct {
	pass    *analysis.Pass
	rep     *report.Reporter
	in      *inspectors.Set
	gr      *goroutines.Result
	regions *lockregions.Result
	cfgs    map[*ast.BlockStmt]*cfg.CFG // built on demand, per function body
	model   *writes.Result
	unknown map[*writes.Func]bool // callsUnknown, memoized
	rootsOf map[*writes.Func][]*writes.Root
	// loopStarts: functions started as goroutines in a loop.
	loopStarts map[*writes.Func]bool
	// readRatio is the readratio option.
	readRatio int
}

// mapOp is one use of a map variable or field.
type mapOp struct {
	v     *types.Var // the map variable or field
	write bool
	pos   token.Pos
	cur   inspector.Cursor
	// sections are the critical sections that hold an operation in a
	// helper called only under the lock (nil: those around pos).
	sections []*lockregions.Region
}

// mapOps lists the map operations in [pos, end) under cur.
func (c *checker) mapOps(cur inspector.Cursor, pos, end token.Pos) []mapOp {
	var ops []mapOp
	for id := range cur.Preorder((*ast.Ident)(nil)) {
		n := id.Node()
		if n.Pos() < pos || n.Pos() >= end {
			continue
		}
		if op, ok := c.mapOp(id); ok {
			ops = append(ops, op)
		}
	}
	return ops
}

// mapOp classifies the identifier at id when it names a map variable or
// field: m[k] (read), m[k] = v, m[k]++, delete(m, k), clear(m) (write),
// len(m), range m (read). Other uses (passing the map on, assigning it)
// are reported with ok false.
func (c *checker) mapOp(id inspector.Cursor) (mapOp, bool) {
	v, ok := c.pass.TypesInfo.Uses[id.Node().(*ast.Ident)].(*types.Var)
	if !ok {
		return mapOp{}, false
	}
	if _, isMap := v.Type().Underlying().(*types.Map); !isMap {
		return mapOp{}, false
	}
	e := id
	if id.ParentEdgeKind() == edge.SelectorExpr_Sel {
		e = id.Parent()
	} else if id.ParentEdgeKind() == edge.SelectorExpr_X {
		return mapOp{}, false // a package name or a method value
	}
	op := mapOp{v: v, pos: e.Node().Pos(), cur: e}
	switch e.ParentEdgeKind() {
	case edge.IndexExpr_X:
		op.write = c.writesThrough(e.Parent())
		return op, true
	case edge.RangeStmt_X:
		return op, true
	case edge.CallExpr_Args:
		call := e.Parent().Node().(*ast.CallExpr)
		switch {
		case code.IsCallTo(c.pass, call, "delete"), code.IsCallTo(c.pass, call, "clear"):
			op.write = true
			return op, true
		case code.IsCallTo(c.pass, call, "len"):
			return op, true
		}
	}
	return op, false
}

// writesThrough reports whether the element expression at cur (m[k])
// is written, itself or through what it holds: m[k] = v, m[k]++,
// m[k][j] = v, m[k].f = v, delete(m[k], j), &m[k].f, or a method called
// on it (which may write the value it points to).
func (c *checker) writesThrough(cur inspector.Cursor) bool {
	for {
		switch cur.ParentEdgeKind() {
		case edge.IndexExpr_X, edge.SelectorExpr_X, edge.StarExpr_X, edge.ParenExpr_X:
			p := cur.Parent()
			if sel, ok := p.Node().(*ast.SelectorExpr); ok {
				if s, ok := c.pass.TypesInfo.Selections[sel]; ok && s.Kind() != types.FieldVal {
					return true // a method of the element
				}
			}
			cur = p
		case edge.AssignStmt_Lhs, edge.IncDecStmt_X:
			return true
		case edge.UnaryExpr_X:
			return cur.Parent().Node().(*ast.UnaryExpr).Op == token.AND
		case edge.CallExpr_Args:
			call := cur.Parent().Node().(*ast.CallExpr)
			return cur.ParentEdgeIndex() == 0 && (code.IsCallTo(c.pass, call, "delete") || code.IsCallTo(c.pass, call, "clear"))
		default:
			return false
		}
	}
}

// perItem reports a critical section taken once per iteration of a loop
// over a collection that runs in a goroutine (or in a method of the type
// that holds the mutex), touching a map.
func (c *checker) perItem(r *lockregions.Region) {
	if r.Deferred {
		return // a deferred unlock in a loop is another bug
	}
	lock, ok := c.in.Cursor(r.Lock)
	if !ok {
		return
	}
	loop, fn := enclosingLoop(lock)
	if !loop.Valid() || !fn.Valid() || !iteratesCollection(c.pass.TypesInfo, loop.Node()) {
		return // an event loop waits for its next item: bounded by the wait
	}
	ops := c.mapOps(loop, r.Pos, r.End)
	if len(ops) == 0 || !c.shared(r, fn) || !c.sameEachIteration(r, loop.Node()) {
		return
	}
	if !c.gr.InGoroutine(c.pass.TypesInfo, loop) && !c.ownerMethod(fn, r.Mutex) {
		return
	}
	if c.blocksOutside(loop, r) {
		return // the lock is released around blocking work
	}
	if c.leavesLoop(r, loop.Node(), fn.Node()) {
		return // taken at most once per loop
	}
	m, write := ops[0].v, false
	for _, op := range ops {
		if op.write {
			m, write = op.v, true
			break
		}
	}
	blind := c.onlyMapUpdates(r)
	if c.relocks(loop, r) {
		// Locking around the loop could deadlock, and merging later
		// would hide the updates from the code that locks it again.
		return
	}
	// Locking around a loop that does other work would serialize that
	// work across the goroutines: advise it only for a light loop.
	light := c.lightOutside(loop, r)
	var msg string
	switch {
	case !light && !(write && blind):
		return
	case !light:
		msg = fmt.Sprintf("%s is locked once per item in this loop to update map %s; collect the updates in a local map and merge them under one lock after the loop", r.Expr, m.Name())
	case r.Read:
		msg = fmt.Sprintf("%s is read-locked once per item in this loop to read map %s, and readers contend on its reader count; read-lock it once around the loop", r.Expr, m.Name())
	case write && blind:
		msg = fmt.Sprintf("%s is locked once per item in this loop to update map %s; lock it once around the loop, or collect the updates in a local map and merge them under one lock after the loop", r.Expr, m.Name())
	case write:
		msg = fmt.Sprintf("%s is locked once per item in this loop to update map %s; lock it once around the loop", r.Expr, m.Name())
	default:
		msg = fmt.Sprintf("%s is locked once per item in this loop to read map %s; lock it once around the loop", r.Expr, m.Name())
	}
	c.rep.ReportHot(analysis.Diagnostic{Pos: r.Lock.Pos(), End: r.Lock.End(), Message: msg},
		report.Hot{Code: []ast.Node{loop.Node()}, Where: "this loop", Pair: "WordCount"})
}

// lightOutside reports whether the loop body, outside the critical
// section, calls nothing but builtins and conversions: holding the lock
// around the whole loop then costs little more than the sections.
func (c *checker) lightOutside(loop inspector.Cursor, r *lockregions.Region) bool {
	for cur := range loopBody(loop).Preorder((*ast.CallExpr)(nil)) {
		call := cur.Node().(*ast.CallExpr)
		if r.Contains(call.Pos()) || call.Pos() == r.Lock.Pos() {
			continue
		}
		if tv, ok := c.pass.TypesInfo.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
			continue
		}
		if m := lockregions.MutexCall(c.pass.TypesInfo, call); m != nil && m.Var == r.Mutex {
			continue // the section's own Unlock
		}
		return false
	}
	return true
}

// onlyMapUpdates reports whether every statement of the section stores
// into a map (m[k] = v, m[k]++, m[k] += v, delete(m, k)): nothing read
// under the lock is used after it, so the updates can be collected in a
// local map and merged later.
func (c *checker) onlyMapUpdates(r *lockregions.Region) bool {
	isMapIndex := func(e ast.Expr) bool {
		ix, ok := ast.Unparen(e).(*ast.IndexExpr)
		if !ok {
			return false
		}
		t := c.pass.TypesInfo.TypeOf(ix.X)
		if t == nil {
			return false
		}
		_, isMap := t.Underlying().(*types.Map)
		return isMap
	}
	n := 0
	lock, ok := c.in.Cursor(r.Lock)
	if !ok {
		return false
	}
	for next, ok := lock.NextSibling(); ok && next.Node().Pos() < r.End; next, ok = next.NextSibling() {
		n++
		switch s := next.Node().(type) {
		case *ast.IncDecStmt:
			if !isMapIndex(s.X) {
				return false
			}
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				return false
			}
			for _, l := range s.Lhs {
				if !isMapIndex(l) {
					return false
				}
			}
		case *ast.ExprStmt:
			call, ok := ast.Unparen(s.X).(*ast.CallExpr)
			if !ok || !code.IsCallTo(c.pass, call, "delete") {
				return false
			}
		default:
			return false
		}
	}
	return n > 0
}

// iteratesCollection reports whether loop walks a collection: a range
// over a slice, array, map, string, integer or iterator, or a
// three-clause counting loop. A bare for {} or for cond {} is an event
// loop or a retry loop; a range over a channel waits for its items.
func iteratesCollection(info *types.Info, loop ast.Node) bool {
	switch l := loop.(type) {
	case *ast.RangeStmt:
		if l.X == nil {
			return false
		}
		// A range over a channel waits for each item: holding the lock
		// around it would hold it while waiting, and merging at the end
		// would delay every update until the channel closes.
		t := info.TypeOf(l.X)
		if t == nil {
			return false
		}
		_, isChan := t.Underlying().(*types.Chan)
		return !isChan
	case *ast.ForStmt:
		return l.Init != nil && l.Cond != nil && l.Post != nil
	}
	return false
}

// sameEachIteration reports whether the locked mutex is the same object
// on every iteration: its expression uses only variables and fields that
// the loop neither declares nor assigns (acc.mu, with acc the range
// element, is a different mutex per item).
func (c *checker) sameEachIteration(r *lockregions.Region, loop ast.Node) bool {
	call, ok := r.Lock.X.(*ast.CallExpr)
	if !ok {
		return false
	}
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return false
	}
	assigned := assignedIn(c.pass.TypesInfo, loop)
	var invariant func(e ast.Expr) bool
	invariant = func(e ast.Expr) bool {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			v, ok := c.pass.TypesInfo.Uses[e].(*types.Var)
			if !ok {
				return false
			}
			inLoop := loop.Pos() <= v.Pos() && v.Pos() < loop.End()
			return !inLoop && !assigned[v]
		case *ast.SelectorExpr:
			if s, ok := c.pass.TypesInfo.Selections[e]; ok {
				f, isVar := s.Obj().(*types.Var)
				return s.Kind() == types.FieldVal && isVar && !assigned[f] && invariant(e.X)
			}
			v, ok := c.pass.TypesInfo.Uses[e.Sel].(*types.Var) // pkg.Var
			return ok && v.Parent() == v.Pkg().Scope() && !assigned[v]
		case *ast.StarExpr:
			return invariant(e.X)
		case *ast.UnaryExpr:
			return e.Op == token.AND && invariant(e.X)
		}
		return false // an index or a call may differ per item
	}
	return invariant(sel.X)
}

// assignedIn returns the variables and fields that statements in n
// assign: x = ..., x.f = ..., x++, range variables.
func assignedIn(info *types.Info, n ast.Node) map[*types.Var]bool {
	out := make(map[*types.Var]bool)
	mark := func(e ast.Expr) {
		switch e := ast.Unparen(e).(type) {
		case *ast.Ident:
			if v, ok := info.ObjectOf(e).(*types.Var); ok {
				out[v] = true
			}
		case *ast.SelectorExpr:
			if v, ok := info.ObjectOf(e.Sel).(*types.Var); ok {
				out[v] = true
			}
		}
	}
	ast.Inspect(n, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				mark(l)
			}
		case *ast.IncDecStmt:
			mark(n.X)
		case *ast.RangeStmt:
			if n.Key != nil {
				mark(n.Key)
			}
			if n.Value != nil {
				mark(n.Value)
			}
		}
		return true
	})
	return out
}

// leavesLoop reports whether every path from the Lock leaves the loop
// (returns, breaks out, panics) before the next iteration: the section
// is then taken at most once per run of the loop.
func (c *checker) leavesLoop(r *lockregions.Region, loop, fn ast.Node) bool {
	var body *ast.BlockStmt
	switch f := fn.(type) {
	case *ast.FuncDecl:
		body = f.Body
	case *ast.FuncLit:
		body = f.Body
	}
	if body == nil {
		return false
	}
	g := c.cfgs[body]
	if g == nil {
		g = cfg.New(body, func(call *ast.CallExpr) bool { return !c.noReturn(call) })
		if c.cfgs == nil {
			c.cfgs = make(map[*ast.BlockStmt]*cfg.CFG)
		}
		c.cfgs[body] = g
	}
	var start *cfg.Block
	for _, b := range g.Blocks {
		if slices.Contains(b.Nodes, ast.Node(r.Lock)) {
			start = b
			break
		}
	}
	if start == nil {
		return false
	}
	seen := make(map[*cfg.Block]bool)
	stack := slices.Clone(start.Succs)
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[b] {
			continue
		}
		seen[b] = true
		if b.Stmt == loop {
			switch b.Kind {
			case cfg.KindForLoop, cfg.KindForPost, cfg.KindRangeLoop, cfg.KindForBody:
				return false // back to the loop's head: another iteration
			}
		}
		stack = append(stack, b.Succs...)
	}
	return true
}

// noReturn reports whether call never returns: panic, os.Exit,
// log.Fatal and log.Panic.
func (c *checker) noReturn(call *ast.CallExpr) bool {
	if code.IsCallTo(c.pass, call, "panic") {
		return true
	}
	fn, ok := calleeFunc(c.pass, call)
	if !ok || fn.Pkg() == nil || fn.Signature().Recv() != nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "os":
		return fn.Name() == "Exit"
	case "log":
		return strings.HasPrefix(fn.Name(), "Fatal") || strings.HasPrefix(fn.Name(), "Panic")
	}
	return false
}

// relocks reports whether the loop, outside the critical section, calls
// a function of the package that locks the same mutex, or code it cannot
// see (an interface method, a func value, directly or through the
// package's functions it calls): holding the lock around the loop could
// then deadlock.
func (c *checker) relocks(loop inspector.Cursor, r *lockregions.Region) bool {
	body := loopBody(loop)
	for cur := range body.Preorder((*ast.CallExpr)(nil), (*ast.ExprStmt)(nil)) {
		n := cur.Node()
		if r.Contains(n.Pos()) || n == ast.Node(r.Lock) {
			continue
		}
		switch n := n.(type) {
		case *ast.ExprStmt:
			// Another section of the same mutex in the loop.
			if m := lockregions.MutexCall(c.pass.TypesInfo, n.X); m != nil && m.Var == r.Mutex && (m.Method == "Lock" || m.Method == "RLock") {
				return true
			}
		case *ast.CallExpr:
			if c.unknownCall(n) {
				return true // an interface method or a func value may lock it
			}
			if f := c.model.Callee(n); f != nil && (c.model.Locks(f, r.Mutex) || c.callsUnknown(f)) {
				return true
			}
		}
	}
	return false
}

// unknownCall reports whether call goes through an interface method or
// a func value: code the package cannot see, which may lock anything.
// Builtins, conversions and static calls are known.
func (c *checker) unknownCall(call *ast.CallExpr) bool {
	if tv, ok := c.pass.TypesInfo.Types[call.Fun]; ok && (tv.IsType() || tv.IsBuiltin()) {
		return false
	}
	if _, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return false
	}
	return typeutil.StaticCallee(c.pass.TypesInfo, call) == nil
}

// callsUnknown reports whether f, or a function of the package it
// calls, makes an unknown call (memoized per function).
func (c *checker) callsUnknown(f *writes.Func) bool {
	if v, ok := c.unknown[f]; ok {
		return v
	}
	if c.unknown == nil {
		c.unknown = make(map[*writes.Func]bool)
	}
	c.unknown[f] = false // a cycle adds nothing
	found := false
	if f.Node != nil {
		ast.Inspect(f.Node, func(n ast.Node) bool {
			if found {
				return false
			}
			if lit, ok := n.(*ast.FuncLit); ok && lit != f.Node {
				return false // its own Func, reached through the call edges
			}
			if call, ok := n.(*ast.CallExpr); ok && c.unknownCall(call) {
				found = true
			}
			return true
		})
	}
	for _, call := range f.Calls {
		if found {
			break
		}
		found = c.callsUnknown(call.Callee)
	}
	c.unknown[f] = found
	return found
}

// loopBody returns the cursor of the loop's body.
func loopBody(loop inspector.Cursor) inspector.Cursor {
	switch l := loop.Node().(type) {
	case *ast.RangeStmt:
		if b, ok := loop.FindNode(l.Body); ok {
			return b
		}
	case *ast.ForStmt:
		if b, ok := loop.FindNode(l.Body); ok {
			return b
		}
	}
	return loop
}

// enclosingLoop returns the innermost loop around cur in its function,
// and that function.
func enclosingLoop(cur inspector.Cursor) (loop, fn inspector.Cursor) {
	for enc := range cur.Enclosing((*ast.ForStmt)(nil), (*ast.RangeStmt)(nil), (*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		switch enc.Node().(type) {
		case *ast.FuncLit, *ast.FuncDecl:
			return loop, enc
		}
		if !loop.Valid() {
			loop = enc
		}
	}
	return loop, inspector.Cursor{}
}

// shared reports whether the mutex is shared between goroutines: a
// package variable, a field, or a local captured by a closure.
func (c *checker) shared(r *lockregions.Region, fn inspector.Cursor) bool {
	v := r.Mutex
	if v.IsField() || v.Parent() == c.pass.Pkg.Scope() {
		return true
	}
	if _, isPtr := v.Type().(*types.Pointer); isPtr {
		return true // a pointer to a mutex is shared by construction
	}
	f := fn.Node()
	return v.Pos() < f.Pos() || v.Pos() >= f.End()
}

// ownerMethod reports whether fn is a pointer-receiver method of a struct
// that holds mu as a field.
func (c *checker) ownerMethod(fn inspector.Cursor, mu *types.Var) bool {
	fd, ok := fn.Node().(*ast.FuncDecl)
	if !ok || fd.Recv == nil || len(fd.Recv.List) != 1 {
		return false
	}
	p, ok := c.pass.TypesInfo.TypeOf(fd.Recv.List[0].Type).(*types.Pointer)
	if !ok {
		return false
	}
	st, ok := p.Elem().Underlying().(*types.Struct)
	if !ok {
		return false
	}
	for f := range st.Fields() {
		if f == mu {
			return true
		}
	}
	return false
}

// blocksOutside reports whether the loop body, outside the critical
// section, does blocking work: channel operations, select, sleeps, or
// I/O calls. Then each iteration waits anyway, and releasing the lock
// around the wait is right.
func (c *checker) blocksOutside(loop inspector.Cursor, r *lockregions.Region) bool {
	for cur := range loopBody(loop).Preorder((*ast.SendStmt)(nil), (*ast.UnaryExpr)(nil), (*ast.SelectStmt)(nil), (*ast.CallExpr)(nil)) {
		n := cur.Node()
		if r.Contains(n.Pos()) {
			continue
		}
		switch n := n.(type) {
		case *ast.SendStmt, *ast.SelectStmt:
			return true
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				return true
			}
		case *ast.CallExpr:
			if code.IsCallTo(c.pass, n, "time.Sleep") || isIO(c.pass, n) || blockingName(c.pass, n) || printsOut(c.pass, n) {
				return true
			}
		}
	}
	return false
}

// isIO reports whether call is a function or method of a package that
// does I/O.
func isIO(pass *analysis.Pass, call *ast.CallExpr) bool {
	fn, ok := calleeFunc(pass, call)
	if !ok || fn.Pkg() == nil {
		return false
	}
	switch fn.Pkg().Path() {
	case "io", "os", "net", "net/http", "net/rpc", "bufio", "crypto/tls", "database/sql", "os/exec", "syscall":
		return true
	}
	return false
}

// printsOut reports whether call is a fmt.Print or fmt.Fprint function:
// output to a file or a writer.
func printsOut(pass *analysis.Pass, call *ast.CallExpr) bool {
	fn, ok := calleeFunc(pass, call)
	return ok && fn.Pkg() != nil && fn.Pkg().Path() == "fmt" && (strings.HasPrefix(fn.Name(), "Print") || strings.HasPrefix(fn.Name(), "Fprint"))
}

// blockingName reports whether call is a method whose name says it
// waits for I/O or for another party: Read..., Write..., Recv..., Send...,
// Accept..., Dial..., Wait... (a codec's ReadResponseHeader, a stream's
// Recv).
func blockingName(pass *analysis.Pass, call *ast.CallExpr) bool {
	fn, ok := calleeFunc(pass, call)
	if !ok || fn.Signature().Recv() == nil {
		return false
	}
	for _, p := range []string{"Read", "Write", "Recv", "Send", "Accept", "Dial", "Wait"} {
		if strings.HasPrefix(fn.Name(), p) {
			return true
		}
	}
	return false
}

func calleeFunc(pass *analysis.Pass, call *ast.CallExpr) (*types.Func, bool) {
	fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
	return fn, ok
}

// readMostlyMaps reports maps that a sync.Mutex guards (every access
// sits in one of its critical sections) where the sections that only
// read the map outnumber those that write it readRatio to 1.
func (c *checker) readMostlyMaps() {
	type guarded struct {
		ops      []mapOp
		unsafe   bool
		mutex    *types.Var
		mutexSet bool
	}
	byMap := make(map[*types.Var]*guarded)
	var initOnly map[string]bool // computed at the first map access
	scope := c.pass.Pkg.Scope()
	mapVar := func(obj types.Object) bool {
		v, ok := obj.(*types.Var)
		if !ok {
			return false
		}
		_, isMap := v.Type().Underlying().(*types.Map)
		return isMap && (v.IsField() || v.Parent() == scope)
	}
	for id, obj := range report.Uses(c.pass.TypesInfo, c.in, mapVar) {
		if c.inTest(id.Node().Pos()) {
			continue // tests reach into everything, without locks
		}
		v := obj.(*types.Var)
		g := byMap[v]
		if g == nil {
			g = &guarded{}
			byMap[v] = g
		}
		if g.unsafe {
			continue
		}
		if initOnly == nil {
			initOnly = c.initOnlyFuncs()
		}
		if initOnly[enclosingFuncName(id)] {
			continue // registries filled by init need no lock
		}
		op, ok := c.mapOp(id)
		if !ok {
			if isInitialization(c.pass, id) {
				continue
			}
			g.unsafe = true // passed on, copied, assigned: not followed
			continue
		}
		mu := c.guard(op.pos)
		if mu == nil {
			mu, op.sections = c.guardByCallers(id)
		}
		if mu == nil || (g.mutexSet && g.mutex != mu) {
			g.unsafe = true
			continue
		}
		g.mutex, g.mutexSet = mu, true
		g.ops = append(g.ops, op)
	}
	vars := make([]*types.Var, 0, len(byMap))
	for v := range byMap {
		vars = append(vars, v)
	}
	// By file and offset: positions of different files depend on the
	// order the files were parsed in.
	slices.SortFunc(vars, func(a, b *types.Var) int {
		pa, pb := c.pass.Fset.Position(a.Pos()), c.pass.Fset.Position(b.Pos())
		return cmp.Or(strings.Compare(pa.Filename, pb.Filename), pa.Offset-pb.Offset)
	})
	// One finding per mutex, at its first read-mostly map.
	type finding struct {
		pos   token.Pos
		names []string
		msg   func(names, mutex string) string
		mutex *types.Var
		code  []ast.Node // the functions that use the maps
	}
	var findings []*finding
	byMutex := make(map[*types.Var]*finding)
	for _, v := range vars {
		g := byMap[v]
		if g.unsafe || g.mutex == nil {
			continue
		}
		msg := c.readMostly(g.mutex, g.ops)
		if msg == nil {
			continue
		}
		f := byMutex[g.mutex]
		if f != nil {
			f.names = append(f.names, v.Name())
		} else {
			f = &finding{pos: v.Pos(), names: []string{v.Name()}, msg: msg, mutex: g.mutex}
			byMutex[g.mutex] = f
			findings = append(findings, f)
		}
		for _, op := range g.ops {
			for fn := range op.cur.Enclosing((*ast.FuncDecl)(nil), (*ast.FuncLit)(nil)) {
				if !slices.Contains(f.code, fn.Node()) {
					f.code = append(f.code, fn.Node())
				}
				break
			}
		}
	}
	for _, f := range findings {
		names := "map " + f.names[0]
		if len(f.names) > 1 {
			names = "maps " + strings.Join(f.names[:len(f.names)-1], ", ") + " and " + f.names[len(f.names)-1]
		}
		// The mutex's type as the file of the finding spells it.
		mutex := "mutex " + f.mutex.Name()
		if file := report.FileOf(c.pass, f.pos); file != nil {
			if sync := report.ImportedAs(c.pass.TypesInfo, file, "sync"); sync != "" {
				mutex = sync + ".Mutex " + f.mutex.Name()
			}
		}
		c.rep.ReportHot(analysis.Diagnostic{
			Pos: f.pos, End: f.pos + token.Pos(len(f.names[0])),
			Message: f.msg(names, mutex),
		}, report.Hot{Code: f.code, Where: "the functions that use " + names, Pair: "ReadMostly"})
	}
}

// readMostly decides whether a map that mu guards, used by ops, is read
// mostly, and returns the message that says so (given the map's name),
// or nil. A critical section writes when it writes anything the mutex
// guards (any field, map or variable stored under it, directly or
// through its calls), not only this map. Two ways to be read-mostly:
//
//   - counted per entry point that reaches each section (init and cold
//     code excluded), the read-only sections outnumber the writing ones
//     readRatio to 1;
//   - the read-only sections run in goroutines or handlers that the
//     package starts or serves, in many copies, while the writing ones
//     are reached from none (a registry filled through its API and read
//     on every request).
func (c *checker) readMostly(mu *types.Var, ops []mapOp) func(names, mutex string) string {
	sections := make(map[*lockregions.Region]bool)
	for _, op := range ops {
		regions := op.sections
		if regions == nil {
			regions = c.regions.At(op.pos)
		}
		for _, r := range regions {
			if r.Mutex == mu {
				sections[r] = sections[r] || op.write || len(c.model.SectionWrites(r)) > 0
			}
		}
	}
	regions := slices.SortedFunc(maps.Keys(sections), func(a, b *lockregions.Region) int { return int(a.Pos - b.Pos) })
	nr, nw := 0, 0
	var writers, hotReaders []string
	hotWrites, hotReads := 0, 0
	for _, r := range regions {
		w := sections[r]
		f := c.model.FuncOf(r.Func)
		n := c.paths(f)
		hot, many := c.goroutinePaths(f)
		if w {
			nw += n
			hotWrites += hot
			if f != nil && n > 0 && !slices.Contains(writers, f.Name) {
				writers = append(writers, f.Name)
			}
			continue
		}
		nr += n
		if many && c.ownReads(f, r, ops) {
			many = false // each copy reads a map of its own
		}
		if many {
			hotReads += hot
			for _, root := range c.roots(f) {
				if root.Kind.Goroutine() && c.counts(root) && !slices.Contains(hotReaders, root.Func.Name) {
					hotReaders = append(hotReaders, root.Func.Name)
				}
			}
		}
	}
	if nw == 0 {
		return nil // written nowhere that counts: not this rule
	}
	// Positions of different files depend on the load order: sort by name.
	slices.Sort(writers)
	slices.Sort(hotReaders)
	switch {
	case nr >= c.readRatio*nw:
		return func(m, what string) string {
			return fmt.Sprintf("%s %s only read under %s on %d of the %d paths from entry points that lock it (written by %s), and readers wait for each other; use a sync.Map, or an atomic.Pointer to a map copied on each (rare) write",
				m, is(m), what, nr, nr+nw, strings.Join(writers, ", "))
		}
	case hotReads > 0 && hotWrites == 0:
		if len(hotReaders) > 3 {
			hotReaders = append(hotReaders[:3], "...")
		}
		return func(m, what string) string {
			return fmt.Sprintf("%s %s read under %s from goroutines and handlers (%s) and written only outside them (by %s), and readers wait for each other; use a sync.Map, or an atomic.Pointer to a map copied on each (rare) write",
				m, is(m), what, strings.Join(hotReaders, ", "), strings.Join(writers, ", "))
		}
	}
	return nil
}

// ownReads reports whether every operation of ops inside section r, of
// function f, goes to a map of an object that each goroutine running f
// owns (passes/writes Owned): the copies of a fan-out that each serve
// their own connection do not wait for each other.
func (c *checker) ownReads(f *writes.Func, r *lockregions.Region, ops []mapOp) bool {
	if f == nil {
		return false
	}
	n := 0
	for _, op := range ops {
		if slices.Contains(op.sections, r) {
			return false // in a helper called under the lock
		}
		if !r.Contains(op.pos) {
			continue
		}
		sel, ok := op.cur.Node().(*ast.SelectorExpr)
		if !ok {
			return false // a package variable
		}
		v := writes.BaseVar(c.pass.TypesInfo, sel.X)
		if v == nil || !c.model.Owned(f, v) {
			return false
		}
		n++
	}
	return n > 0
}

// is agrees the verb with "map m" or "maps a and b".
func is(names string) string {
	if strings.HasPrefix(names, "maps ") {
		return "are"
	}
	return "is"
}

// goroutinePaths counts the goroutine roots (go statements,
// WaitGroup.Go, errgroup, handlers) that reach f, and reports whether
// they run in many copies at once: a handler, a goroutine started in a
// loop, or more than one root.
func (c *checker) goroutinePaths(f *writes.Func) (n int, many bool) {
	if f == nil || f.Cold {
		return 0, false
	}
	for _, root := range c.roots(f) {
		if !root.Kind.Goroutine() || !c.counts(root) {
			continue
		}
		n++
		many = many || root.Kind == writes.Handler || c.startedInLoop(root.Func)
	}
	return n, many || n > 1
}

// paths counts the entry points (goroutine starts, handlers, exported
// functions, unknown callers) that reach f: init and configuration
// reloads do not count, and cold code counts for nothing.
func (c *checker) paths(f *writes.Func) int {
	if f == nil {
		return 1
	}
	if f.Cold {
		return 0
	}
	n := 0
	for _, root := range c.roots(f) {
		if root.Kind != writes.InitRoot && c.counts(root) {
			n++
		}
	}
	return n
}

// startedInLoop reports whether a start of f outside tests sits in a
// loop: many goroutines run f. (Root.InLoop also counts starts in
// functions that repeat, which tests make many functions do.)
func (c *checker) startedInLoop(f *writes.Func) bool {
	if c.loopStarts == nil {
		c.loopStarts = make(map[*writes.Func]bool)
		for _, g := range c.model.Funcs {
			for _, st := range g.Starts {
				if st.Started != nil && st.InLoop && !c.inTest(st.Node.Pos()) {
					c.loopStarts[st.Started] = true
				}
			}
		}
	}
	return c.loopStarts[f]
}

// roots returns the entry points that reach f through the package's
// calls, as passes/writes does, but not through tests: a function that
// only tests call has unknown callers, as it has when tests are not
// loaded (memoized).
func (c *checker) roots(f *writes.Func) []*writes.Root {
	if rs, ok := c.rootsOf[f]; ok {
		return rs
	}
	var out []*writes.Root
	seen := map[*writes.Func]bool{f: true}
	stack := []*writes.Func{f}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		callers := 0
		for _, call := range g.Callers {
			if call.Inert() || c.inTest(call.Node.Pos()) {
				continue
			}
			callers++
			if !seen[call.Caller] {
				seen[call.Caller] = true
				stack = append(stack, call.Caller)
			}
		}
		switch {
		case g.Root != nil:
			out = append(out, g.Root)
		case callers == 0 && g.Node != nil && !c.inTest(g.Node.Pos()):
			out = append(out, &writes.Root{Kind: writes.Unknown, Func: g})
		}
	}
	if c.rootsOf == nil {
		c.rootsOf = make(map[*writes.Func][]*writes.Root)
	}
	c.rootsOf[f] = out
	return out
}

// counts reports whether an entry point counts: not cold, and not a test
// (tests call everything, and are not how the code runs).
func (c *checker) counts(root *writes.Root) bool {
	return !root.Func.Cold && (root.Func.Node == nil || !c.inTest(root.Func.Node.Pos()))
}

// inTest reports whether pos is in a _test.go file.
func (c *checker) inTest(pos token.Pos) bool {
	f := c.pass.Fset.File(pos)
	return f != nil && strings.HasSuffix(f.Name(), "_test.go")
}

// enclosingFunc returns the *ast.FuncDecl or *ast.FuncLit around cur.
func enclosingFunc(cur inspector.Cursor) ast.Node {
	for fn := range cur.Enclosing((*ast.FuncLit)(nil), (*ast.FuncDecl)(nil)) {
		return fn.Node()
	}
	return nil
}

// guard returns the sync.Mutex (not RWMutex: read locks already share)
// whose critical section contains pos, or nil.
func (c *checker) guard(pos token.Pos) *types.Var {
	var mu *types.Var
	for _, r := range c.regions.At(pos) {
		if r.RW {
			return nil
		}
		mu = r.Mutex
	}
	return mu
}

// guardByCallers returns the sync.Mutex that every caller holds around
// its call of the function at cur, a helper with no unknown callers
// (typically named ...Locked), and the callers' critical sections; nil
// when some caller does not hold it.
func (c *checker) guardByCallers(cur inspector.Cursor) (*types.Var, []*lockregions.Region) {
	f := c.model.FuncOf(enclosingFunc(cur))
	if f == nil || f.Root != nil || len(f.Callers) == 0 {
		return nil, nil
	}
	var mu *types.Var
	var sections []*lockregions.Region
	for _, call := range f.Callers {
		if call.Inert() || c.inTest(call.Node.Pos()) {
			continue
		}
		var held *lockregions.Region
		for _, r := range c.regions.At(call.Node.Pos()) {
			if r.RW {
				return nil, nil
			}
			held = r
		}
		if held == nil || (mu != nil && held.Mutex != mu) {
			return nil, nil
		}
		mu = held.Mutex
		sections = append(sections, held)
	}
	return mu, sections
}

// isInitialization reports whether the map at id is being given its
// value: m = make(...), x.m = map[K]V{}, or T{m: make(...)}.
func isInitialization(pass *analysis.Pass, id inspector.Cursor) bool {
	e := id
	if id.ParentEdgeKind() == edge.SelectorExpr_Sel {
		e = id.Parent()
	}
	switch e.ParentEdgeKind() {
	case edge.KeyValueExpr_Key:
		return true
	case edge.AssignStmt_Lhs:
		as := e.Parent().Node().(*ast.AssignStmt)
		if len(as.Lhs) != len(as.Rhs) {
			return false
		}
		switch rhs := ast.Unparen(as.Rhs[e.ParentEdgeIndex()]).(type) {
		case *ast.CompositeLit:
			return true
		case *ast.CallExpr:
			return code.IsCallTo(pass, rhs, "make")
		}
	}
	return false
}

// initOnlyFuncs returns the names of init and of the unexported
// functions that only init calls: every use of them is inside a
// function named init.
func (c *checker) initOnlyFuncs() map[string]bool {
	var inits []*ast.FuncDecl
	for _, f := range c.pass.Files {
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && fd.Name.Name == "init" {
				inits = append(inits, fd)
			}
		}
	}
	out := map[string]bool{"init": true}
	if len(inits) == 0 {
		return out
	}
	inInit := func(pos token.Pos) bool {
		for _, fd := range inits {
			if fd.Pos() <= pos && pos < fd.End() {
				return true
			}
		}
		return false
	}
	only := make(map[string]bool) // by name: false once used outside init
	for id, obj := range c.pass.TypesInfo.Uses {
		fn, ok := obj.(*types.Func)
		if !ok || fn.Pkg() != c.pass.Pkg || fn.Signature().Recv() != nil || token.IsExported(fn.Name()) {
			continue
		}
		in := inInit(id.Pos())
		if was, seen := only[fn.Name()]; !seen {
			only[fn.Name()] = in
		} else if was && !in {
			only[fn.Name()] = false
		}
	}
	for name, ok := range only {
		if ok {
			out[name] = true
		}
	}
	return out
}

// enclosingFuncName names the top-level function around cur ("" outside
// any).
func enclosingFuncName(cur inspector.Cursor) string {
	for fd := range cur.Enclosing((*ast.FuncDecl)(nil)) {
		f := fd.Node().(*ast.FuncDecl)
		if f.Recv != nil {
			return ""
		}
		return f.Name.Name
	}
	return ""
}
