// Package writes computes, once per package, a model of who writes what:
// for each function of the package, the fields, package variables, maps
// and mutexes it writes, directly and through the same-package functions
// it calls statically; whether each write repeats; and which goroutine
// roots reach it. It uses the syntax and go/types only (no SSA, no
// facts): fields of struct types declared in other packages are written
// by this package's code too, and count here with their own *types.Var.
//
// # Functions
//
// Every function declaration and function literal of the package is a
// [*Func]. Package-level variable initializers form one more Func, named
// "package initialization", with Init set (its Node is nil).
//
// A Func's call edges ([Func.Calls]) are its static calls of functions
// and methods of this package (typeutil.StaticCallee; generic functions
// by their origin), its immediate calls of literals (func(){...}()), the
// literals it assigns to a local variable (f := func(){...}: an edge at
// the assignment, and one at each call f() with that call's context),
// and the literals it passes as arguments (a callback such as once.Do(f)
// or sort.Slice(xs, less) runs in the caller's goroutine). A call through
// a struct field of func type declared in the package (rh.update(ci)) is
// an edge to each function the package stores in that field, by a
// composite literal or an assignment, when it stores nothing else there
// (no parameter, no value it cannot see) and at most four of them (etcd's
// raftReadyHandler, whose updateCommittedIndex the raft goroutine calls);
// a literal stored in an unexported such field then has no unknown
// callers. Other calls through an interface or a func value are unknown
// and make no edge.
// Code in _test.go files makes no edge, start or value use into the
// package's own functions: the model of the package is the same in its
// test variant (test functions have Test set and their own edges). A goroutine
// start (a go statement, sync.WaitGroup.Go, errgroup Go or TryGo) is not
// a call edge: the started function is a [Root] of its own, and the
// start is listed in [Func.Starts].
//
// # Writes
//
// A [*Write] is one write to a shared object, in the function whose body
// holds it (not a nested literal's):
//
//   - Lock, TryLock, Unlock, RLock, TryRLock, RUnlock of a sync.Mutex or
//     sync.RWMutex field or package variable (Var is the mutex);
//   - Add, Store, Swap, CompareAndSwap, And, Or of a sync/atomic type
//     (x.n.Add(1)) or through a sync/atomic function (atomic.AddInt64(&x.n, 1));
//   - the write methods of an atomic wrapper type of another package, a
//     struct that holds one sync/atomic value (or one such wrapper) and
//     only blank fields besides, as pebble's base.AtomicSeqNum, or a type
//     of go.uber.org/atomic: Add, Sub, Inc and Dec add, Store and Set
//     store, Swap swaps, CompareAndSwap and CAS compare and swap, And, Or
//     and Toggle are And/Or (go/types shows the type's fields, not its
//     methods' bodies: the names decide);
//   - plain stores: x.f = v, x.f += v, x.f++, v = ... for a package variable;
//   - map writes m[k] = v, m[k]++, delete(m, k), clear(m), and element
//     stores x.s[i] = v (Var is the map, slice or array field or variable);
//   - calls x.f.m() of a method of this package, with a pointer receiver,
//     on a field f held by value (or a package variable), when m writes
//     its receiver's memory atomically ([Func.RecvWrites], to a fixed
//     point over the methods m calls on its receiver): a write of f
//     with those kinds ([Write.Method]). kafka-go's stats.writes.observe(1),
//     where observe is atomic.AddInt64(c.ptr(), v), writes field writes.
//
// Writes to objects that only the writing function sees are left out: a
// struct variable of the function, or a pointer it constructs (p := &T{},
// p := new(T), or p := newT() and p, err := newT() where newT is a
// constructor of the package; also p = &T{} for a variable or named
// result of the function that every assignment gives such a pointer and
// whose address is not taken), and local variables in general. A
// constructor returns, on every path, nil or a pointer it constructs and
// uses only to select its fields and to call leaf methods on, and it has
// no goroutine start and no literal. A leaf method has a pointer receiver
// that it uses only to select fields and call other leaf methods on, and
// it starts no goroutine, holds no literal and calls no other function of
// the package and no unknown code. A call of a leaf method on a pointer
// the caller constructs is [Call.Fresh]: it writes no shared memory, and
// roots, repetition, cold code and effects do not follow it. Each Write records the
// struct type that declares the field ([Write.Owner]), the expression of
// the object written ([Write.Base]: s in s.n), the element index when the
// object is an element of a slice or array ([Write.Shard]: c.shards[w] in
// c.shards[w].n.Add(1)), and:
//
//   - InLoop: the write sits in a loop of its own function, and writes the
//     same object on every iteration: not x.f where x is declared in the
//     loop (its range key or value, its index variable, or a variable of
//     its body), nor xs[i].f with i declared in the loop;
//   - Const: it stores a constant (Store(true), x.f = 0, CompareAndSwap
//     with a constant new value), or it is a CompareAndSwap from nil (a
//     pointer initialized lazily, once);
//   - Guarded: it sits under an if whose condition reads the same field
//     (if !f.Load() { f.Store(true) }), or after an if that reads it and
//     returns (if v := f.Load(); v != nil { return v }; ...; f.Store(x):
//     a cache filled once), or it is itself a CompareAndSwap in an if
//     condition: a state change;
//   - OncePath: an atomic or mutex write after an if that reads a flag
//     and returns, in a function that stores a constant to that flag
//     after the if: the slow path of a one-time initialization;
//   - Dead: it sits under a constant-false condition (if debug { with
//     const debug = false), or in the else of a constant-true one;
//   - Locked: the mutexes whose critical sections (passes/lockregions)
//     hold it, in its own function.
//
// [Write.Repeats] is InLoop, or its function repeats ([Func.Repeats]).
// For a write of the function's receiver memory ([Write.Recv]: r.n,
// r.stats.n) it is InLoop or [Func.RecvRepeats], and the entry points
// that write that object are [Result.WriteRoots]: a call on a pointer
// the caller constructs (p := new(T); p.init()) gives the method an
// object nobody else holds yet, so it passes on neither its caller's
// repetition nor its roots, and a call on the caller's own receiver
// (r.prepare(), r.SetX(v)) passes on the caller's own receiver's.
//
// # Roots, repetition, cold code
//
// [Result.Roots] are the entry points that reach a function through call
// edges (computed on demand, memoized; [Func.Root] is the function's own,
// when it is one): goroutine starts (go statements,
// WaitGroup.Go, errgroup Go and TryGo; [Root.InLoop] when the start sits
// in a loop), HTTP handlers (ServeHTTP(http.ResponseWriter, *http.Request)
// methods and functions of that signature used as values) and gRPC
// service methods (exported methods of a type that embeds an
// Unimplemented...Server), the Read and ReadFrom methods and the Write
// and WriteTo methods of a connection type (one whose method set has
// Read and Write of a []byte, SetReadDeadline and SetWriteDeadline, as
// net.Conn and net.PacketConn have: a full-duplex connection is read by
// one goroutine while another writes it), main, exported functions and methods (an
// unknown caller), functions used as values and unexported methods that
// nothing calls statically (unknown callers: an interface, a callback),
// and init with the package initialization.
//
// A Func Repeats when it is started as a goroutine, is a handler, is
// called from a loop (a call site in a loop of the caller), or is called
// by a function that repeats, except through a call that a timer paces
// ([Call.Paced]: once a tick is not over and over; a write so paced
// does not repeat either).
//
// A Func is Cold when no root other than init reaches it except through
// init or a configuration reload (a function whose name contains
// "reload", any case), or when only dead call sites call it: its writes
// are not hot.
//
// # Transitive effects
//
// [Result.Effects] gives a function's writes through its call edges (to
// a fixed point: strongly connected components share one set): the
// variables written, by kind; [Effects.Locks] lists the mutexes it locks,
// so that a loop body that calls it can tell whether it takes the same
// mutex again. [Result.SectionWrites] lists what a critical section
// writes, directly and through the calls inside it (fields, maps,
// elements and package variables: not atomics, not mutexes), and
// [Result.Guarded] what any critical section of a mutex writes: the data
// that mutex guards.
package writes

import (
	"go/ast"
	"go/token"
	"go/types"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/perflint/perflint/passes/lockregions"
)

// Analyzer computes a [*Result] for each package. It requires no other
// pass (not the inspectors: it walks the syntax itself), and so runs
// while the other passes are computed.
var Analyzer = &analysis.Analyzer{
	Name:             "perflintwrites",
	Doc:              "models which functions write which fields and mutexes, how often, from which goroutines",
	Run:              run,
	RunDespiteErrors: true,
	ResultType:       reflect.TypeFor[*Result](),
}

// Kind says how a [Write] writes.
type Kind uint16

const (
	Store       Kind = 1 << iota // x.f = v, x.f += v, x.f++, a package variable
	MapWrite                     // m[k] = v, m[k]++, delete, clear
	ElemWrite                    // x.s[i] = v on a slice or array
	AtomicAdd                    // Add, AddInt64...
	AtomicStore                  // Store, StoreInt64...
	AtomicSwap                   // Swap, SwapInt64...
	AtomicCAS                    // CompareAndSwap...
	AtomicAndOr                  // And, Or, AndInt32...
	Lock                         // Lock, TryLock
	Unlock                       // Unlock
	RLock                        // RLock, TryRLock
	RUnlock                      // RUnlock

	// Atomic is every sync/atomic kind, Mutex every sync.(RW)Mutex kind,
	// Plain the stores, map writes and element writes.
	Atomic = AtomicAdd | AtomicStore | AtomicSwap | AtomicCAS | AtomicAndOr
	Mutex  = Lock | Unlock | RLock | RUnlock
	Plain  = Store | MapWrite | ElemWrite
)

// String names a single kind.
func (k Kind) String() string {
	names := []string{"store", "map write", "element write", "Add", "Store", "Swap", "CompareAndSwap", "And/Or", "Lock", "Unlock", "RLock", "RUnlock"}
	var out []string
	for i, n := range names {
		if k&(1<<i) != 0 {
			out = append(out, n)
		}
	}
	return strings.Join(out, "|")
}

// Write is one write of a shared object.
type Write struct {
	// Var is the field or package variable written: the atomic, the
	// mutex, the map, the slice, or the plain field. For a generic
	// type's field it is the field of the origin type.
	Var *types.Var
	// Owner is the struct type that declares Var as seen at the write
	// (a *types.Named, or an unnamed *types.Struct); nil for a package
	// variable.
	Owner types.Type
	Kind  Kind
	Func  *Func
	// Node is the call, assignment or inc/dec statement that writes.
	Node ast.Node
	// Base is the object whose field is written (s in s.n, s.shards[w] in
	// s.shards[w].n); nil for a package variable.
	Base ast.Expr
	// Index is the path of field indices from Base's type to Var
	// (types.Selection.Index: more than one for a field promoted
	// through embedded fields); nil when Base is an element (Shard).
	Index []int
	// Shard is the index expression at the root of the written object
	// when it is an element of a slice or array: c.shards[w] in
	// c.shards[w].n.Add(1), counters[w] in counters[w].Add(1).
	Shard *ast.IndexExpr

	InLoop, Const, Guarded, Dead bool
	// OncePath is true for an atomic or mutex write after an if that
	// reads a flag and returns, in a function that then stores a
	// constant to the flag: the slow path of a one-time initialization
	// (if a.init.Load() { ...; return }; a.mu.Lock(); ...;
	// a.init.Store(true)), not a hot write.
	OncePath bool
	// Method is true for a write made by calling a method of the
	// written field's own type (x.f.inc() where inc adds to its
	// receiver atomically): Kind holds the method's receiver writes.
	Method bool
	// Recv is true when the object written is the memory of its
	// function's pointer receiver (r.n, r.stats.n): which goroutines
	// write it, and how often, depends on the callers' receivers
	// ([Result.WriteRoots], [Func.RecvRepeats]).
	Recv bool
	// Locked lists the mutexes whose critical sections hold the write.
	Locked []*types.Var
	// Branch is the innermost branch of its function that holds the
	// write (see [Encloses]).
	Branch ast.Node
	// Paced: the loop that repeats the write waits on a timer each
	// iteration (see [Call.Paced]); the write does not repeat.
	Paced bool
}

// Repeats reports whether the write runs over and over: in a loop of its
// function on the same object, or in a function that repeats (for a
// write of the receiver's memory, one that repeats on one receiver:
// [Func.RecvRepeats]).
func (w *Write) Repeats() bool {
	if w.Paced {
		return false
	}
	if w.Recv {
		return w.InLoop || w.Func.RecvRepeats
	}
	return w.InLoop || w.Func.Repeats
}

// Loops reports whether the write repeats as [Write.Repeats] does, and
// for a reason other than that a goroutine runs it: a loop, or a
// function that loops ([Func.Loops]).
func (w *Write) Loops() bool {
	return w.Repeats() && (w.InLoop || w.Func.Loops)
}

// Pos is the position of the write.
func (w *Write) Pos() token.Pos { return w.Node.Pos() }

// Func is a function declaration or literal of the package, or the
// package initialization.
type Func struct {
	// Node is the *ast.FuncDecl or *ast.FuncLit; nil for the package
	// initialization.
	Node ast.Node
	// Obj is the declared function or method; nil for a literal.
	Obj *types.Func
	// Parent is the function a literal appears in.
	Parent *Func
	// Name is how a stack trace spells it: f, (*T).m, (*T).m.func1,
	// or "package initialization".
	Name string
	// Writes are the writes in its own body, in source order.
	Writes []*Write
	// Calls are its call edges, in source order; Callers the reverse.
	Calls   []*Call
	Callers []*Call
	// Starts are the goroutine starts in its body.
	Starts []*Start
	// Root is set when the function is an entry point (see Roots).
	Root *Root
	// Init is true for init functions and the package initialization;
	// Reload for functions whose name says they reload configuration.
	Init, Reload bool
	// Test is true for functions declared in _test.go files (and the
	// literals inside them): a test package's variant sees them, the
	// package itself does not.
	Test bool
	// Repeats and Cold: see the package documentation.
	Repeats, Cold bool
	// RecvRepeats, for a method with a pointer receiver, is Repeats
	// counting only the calls that may give it the same receiver again:
	// not a call on a pointer the caller constructs (p := new(T);
	// p.init()), and a call on the caller's own receiver (r.prepare())
	// only when the caller repeats so.
	RecvRepeats bool
	// Loops is Repeats without the start of a goroutine as a reason of
	// its own: the function is called in a loop, runs as a handler, or
	// as a goroutine started in a loop, or is called or started by one
	// that loops. A goroutine started once per setup runs its body once.
	Loops bool
	// RecvWrites are the atomic writes a method with a pointer receiver
	// makes to its receiver's own memory (*r, or r.f for a field held by
	// value), directly or through methods it calls on that memory: a
	// counter type's inc (atomic.AddInt64((*int64)(c), 1)), or a struct
	// whose observe adds to its atomic fields.
	RecvWrites Kind

	roots       []*Root
	rootsOK     bool
	recvRoots   []*Root
	recvRootsOK bool
	effects     *Effects
	index       int // Tarjan's
	lowlink     int
	onStack     bool
	rootsWalk   int // the last traversal of Roots that visited the function
	recvWalk    int // of RecvRoots
	literals    int // literals numbered so far (top-level functions only)
}

// Call is one call edge.
type Call struct {
	Caller, Callee *Func
	Node           ast.Node // the *ast.CallExpr, or the literal passed as an argument
	InLoop, Dead   bool
	// Branch is the innermost branch of the caller that holds the call
	// (see [Encloses]).
	Branch ast.Node
	// Paced is set when the loop that repeats the call waits on a timer
	// each iteration: it ranges over a channel of time.Time (a ticker's
	// C), its body sleeps, receives from one, or selects on one (every
	// other case leaving the loop), or the call sits in a select case
	// that receives from one. Loops over a collection inside such a loop
	// (for _, m := range meters { m.tick() }) keep its pace. The callee
	// runs once a tick, not over and over: the call passes on no
	// repetition.
	Paced bool
	// Fresh is set on a call of a leaf method (one that touches only its
	// receiver's fields) on a pointer the caller constructs (p := &T{},
	// or a constructor's result): it writes no shared memory.
	Fresh bool
	// Recv says what a call of a method with a pointer receiver gives it
	// as its receiver.
	Recv RecvArg
}

// RecvArg says what receiver a method call passes.
type RecvArg uint8

const (
	OtherRecv RecvArg = iota // not a method call, or any other object
	OwnRecv                  // the caller's own receiver's memory: r.prepare()
	FreshRecv                // a pointer the caller constructs: p := new(T); p.init()
)

// Encloses reports whether branch a, of the function that holds a write
// or a call, holds branch b of the same function: code in b runs only
// where a's branch is taken, so code at a's own level runs on the way
// (barring an early return between them). A branch is the body or the
// else of an if, a case or comm clause, or a loop body (code that runs
// a different number of times than the code around it), innermost
// around the code; nil (the function's top level) holds every branch.
func Encloses(a, b ast.Node) bool {
	if a == nil {
		return true
	}
	if b == nil {
		return false
	}
	return a.Pos() <= b.Pos() && b.End() <= a.End()
}

// Inert reports whether the call reaches no shared memory: it sits under
// a constant-false condition (Dead), or it is Fresh. Roots, repetition,
// cold code and effects do not follow it.
func (c *Call) Inert() bool { return c.Dead || c.Fresh }

// Start is one goroutine start.
type Start struct {
	Starter *Func
	Started *Func    // nil when the started function is not of this package
	Node    ast.Node // the *ast.GoStmt, or the Go/TryGo *ast.CallExpr
	InLoop  bool
	Kind    RootKind
}

// RootKind says how a root is entered.
type RootKind uint8

const (
	GoStmt      RootKind = iota + 1 // started by a go statement
	WaitGroupGo                     // started by sync.WaitGroup.Go
	ErrgroupGo                      // started by errgroup.Group Go or TryGo
	Handler                         // an HTTP or gRPC handler
	ConnIO                          // the Read or Write side of a connection type
	Main                            // main.main
	Exported                        // an exported function or method: unknown callers
	Unknown                         // used as a value, or a method nothing calls statically
	InitRoot                        // init or the package initialization
)

// Goroutine reports whether the root runs in a goroutine the package
// starts, a handler goroutine of a server, or a connection's reader or
// writer goroutine.
func (k RootKind) Goroutine() bool { return k <= ConnIO }

func (k RootKind) String() string {
	return [...]string{"", "go statement", "WaitGroup.Go", "errgroup", "handler", "connection reader or writer", "main", "exported", "unknown caller", "init"}[k]
}

// Root is an entry point of the package.
type Root struct {
	Kind RootKind
	Func *Func
	// InLoop is true for a goroutine started in a loop (or from a
	// function that repeats): many goroutines run it.
	InLoop bool
}

// ConnSide returns "reader" or "writer" for a ConnIO root, the side of
// the connection its method runs on, and "" for other roots.
func (r *Root) ConnSide() string {
	if r.Kind != ConnIO || r.Func.Obj == nil {
		return ""
	}
	return connSide(r.Func.Obj.Name(), r.Func.Obj.Signature())
}

// Result is the model of one package.
type Result struct {
	// Funcs lists every function in source order; the package
	// initialization comes first.
	Funcs []*Func
	// Writes lists every write in source order.
	Writes []*Write
	// Sections lists the critical sections of the package's functions in
	// source order, found by the walk that finds the writes.
	Sections *lockregions.Result

	byObj  map[*types.Func]*Func
	byNode map[ast.Node]*Func
	byVar  map[*types.Var][]*Write
	info   *types.Info
	tarjan struct {
		index int
		stack []*Func
	}
	// walks numbers the traversals of Roots and RecvRoots, which mark
	// the functions they visit with it in place of a set.
	walks      int
	rootsStack []*Func // reused by Roots
	guarded    map[*types.Var]map[*types.Var]bool
	pass       *analysis.Pass
	// fresh marks the pointer variables their function constructs
	// (p := &T{}, p := newT()): see Owned.
	fresh      map[*types.Var]bool
	starts     map[*Func][]*Start
	startsOnce sync.Once
	heldOf     map[*Func][]*types.Var

	// mu guards what is computed on demand (effects, roots, guarded):
	// the analyzers that require this pass run on one package at once.
	mu sync.Mutex
}

// FuncOf returns the Func of a *ast.FuncDecl or *ast.FuncLit, or nil.
func (r *Result) FuncOf(n ast.Node) *Func { return r.byNode[n] }

// FuncObj returns the Func that declares fn (a generic function by its
// origin), or nil when fn is not of this package.
func (r *Result) FuncObj(fn *types.Func) *Func {
	if fn == nil {
		return nil
	}
	return r.byObj[fn.Origin()]
}

// Callee returns the function of this package that call calls
// statically (a literal called in place too), or nil.
func (r *Result) Callee(call *ast.CallExpr) *Func {
	if lit, ok := ast.Unparen(call.Fun).(*ast.FuncLit); ok {
		return r.byNode[lit]
	}
	fn := typeutil.StaticCallee(r.info, call)
	return r.FuncObj(fn)
}

// WritesOf returns every write of v (a field by its origin), in source
// order.
func (r *Result) WritesOf(v *types.Var) []*Write { return r.byVar[v.Origin()] }

// Vars returns the variables written anywhere in the package, in order
// of their first write.
func (r *Result) Vars() []*types.Var {
	var out []*types.Var
	seen := make(map[*types.Var]bool)
	for _, w := range r.Writes {
		if !seen[w.Var] {
			seen[w.Var] = true
			out = append(out, w.Var)
		}
	}
	return out
}

// Effects are the writes of a function and of everything it calls.
type Effects struct {
	// Vars maps each variable written to the kinds of its writes.
	Vars map[*types.Var]Kind
}

// Writes reports whether the effects write v with a kind in k.
func (e *Effects) Writes(v *types.Var, k Kind) bool { return e.Vars[v.Origin()]&k != 0 }

// Locks returns the mutexes locked (Lock, TryLock, RLock, TryRLock).
func (e *Effects) Locks() []*types.Var {
	var out []*types.Var
	for v, k := range e.Vars {
		if k&(Lock|RLock) != 0 {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b *types.Var) int { return int(a.Pos() - b.Pos()) })
	return out
}

// Locks reports whether f or anything it calls locks mu.
func (r *Result) Locks(f *Func, mu *types.Var) bool {
	return r.Effects(f).Writes(mu, Lock|RLock)
}

// Effects returns the writes of f through its call edges (not through
// goroutine starts), computed once per strongly connected component.
func (r *Result) Effects(f *Func) *Effects {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.effects(f)
}

func (r *Result) effects(f *Func) *Effects {
	if f.effects == nil {
		r.strongConnect(f)
	}
	return f.effects
}

// strongConnect is Tarjan's algorithm, computing each component's effects
// when it completes.
func (r *Result) strongConnect(f *Func) {
	t := &r.tarjan
	t.index++
	f.index, f.lowlink = t.index, t.index
	t.stack = append(t.stack, f)
	f.onStack = true
	for _, c := range f.Calls {
		g := c.Callee
		if c.Inert() {
			continue
		}
		switch {
		case g.effects == nil && g.index == 0:
			r.strongConnect(g)
			f.lowlink = min(f.lowlink, g.lowlink)
		case g.onStack:
			f.lowlink = min(f.lowlink, g.index)
		}
	}
	if f.lowlink != f.index {
		return
	}
	var comp []*Func
	for {
		g := t.stack[len(t.stack)-1]
		t.stack = t.stack[:len(t.stack)-1]
		g.onStack = false
		comp = append(comp, g)
		if g == f {
			break
		}
	}
	// The component's effects are its own writes and its callees'. Most
	// functions write nothing that the largest of their callees' effects
	// lack, and share those (nothing changes an Effects once made).
	var base *Effects
	for _, g := range comp {
		for _, c := range g.Calls {
			if ce := c.Callee.effects; !c.Inert() && ce != nil && (base == nil || len(ce.Vars) > len(base.Vars)) {
				base = ce
			}
		}
	}
	var e *Effects
	add := func(v *types.Var, k Kind) {
		if e == nil {
			if base != nil && base.Vars[v]&k == k {
				return
			}
			e = &Effects{Vars: make(map[*types.Var]Kind)}
			if base != nil {
				maps.Copy(e.Vars, base.Vars)
			}
		}
		e.Vars[v] |= k
	}
	for _, g := range comp {
		for _, w := range g.Writes {
			if !w.Dead {
				add(w.Var, w.Kind)
			}
		}
		for _, c := range g.Calls {
			ce := c.Callee.effects
			if c.Inert() || ce == nil || ce == base {
				continue // in the component, not reached, or already in
			}
			for v, k := range ce.Vars {
				add(v, k)
			}
		}
	}
	switch {
	case e != nil:
	case base != nil:
		e = base
	default:
		e = &noEffects
	}
	for _, g := range comp {
		g.effects = e
	}
}

// noEffects are those of the functions that write nothing.
var noEffects Effects

// Roots returns the entry points that reach f through call edges
// (literals through the function that calls or passes them), memoized.
// A function that is not cold is reached through callers that are not
// cold only: the paths through init or a reload do not count.
func (r *Result) Roots(f *Func) []*Root {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.rootsLocked(f)
}

func (r *Result) rootsLocked(f *Func) []*Root {
	if f.rootsOK {
		return f.roots
	}
	r.walks++
	walk := r.walks
	f.rootsWalk = walk
	stack := append(r.rootsStack[:0], f)
	var out []*Root
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if g.Root != nil {
			out = append(out, g.Root)
		}
		for _, c := range g.Callers {
			if !c.Inert() && c.Caller.rootsWalk != walk && (!c.Caller.Cold || f.Cold) {
				c.Caller.rootsWalk = walk
				stack = append(stack, c.Caller)
			}
		}
	}
	r.rootsStack = stack
	slices.SortFunc(out, func(a, b *Root) int { return cmpPos(a.Func, b.Func) })
	f.roots, f.rootsOK = out, true
	return out
}

// WriteRoots returns the entry points that reach w with the object it
// writes: Roots(w.Func), but for a write of the receiver's memory only
// through calls that may pass a shared receiver (see RecvRoots).
func (r *Result) WriteRoots(w *Write) []*Root {
	if w.Recv {
		return r.RecvRoots(w.Func)
	}
	return r.Roots(w.Func)
}

// RecvRoots returns the entry points that reach method f with a receiver
// that may be shared: f's own root, the roots of callers that call it on
// any other object, and through callers that pass their own receiver,
// theirs; a call on a pointer the caller constructs passes none
// (memoized).
func (r *Result) RecvRoots(f *Func) []*Root {
	r.mu.Lock()
	defer r.mu.Unlock()
	if f.recvRootsOK {
		return f.recvRoots
	}
	r.walks++
	walk := r.walks
	f.recvWalk = walk
	stack := []*Func{f}
	var out []*Root
	add := func(root *Root) {
		if !slices.Contains(out, root) {
			out = append(out, root)
		}
	}
	for len(stack) > 0 {
		g := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if g.Root != nil {
			add(g.Root)
		}
		for _, c := range g.Callers {
			if c.Inert() || (c.Caller.Cold && !f.Cold) {
				continue
			}
			switch c.Recv {
			case FreshRecv:
			case OwnRecv:
				if c.Caller.recvWalk != walk {
					c.Caller.recvWalk = walk
					stack = append(stack, c.Caller)
				}
			default:
				for _, root := range r.rootsLocked(c.Caller) {
					add(root)
				}
			}
		}
	}
	slices.SortFunc(out, func(a, b *Root) int { return cmpPos(a.Func, b.Func) })
	f.recvRoots, f.recvRootsOK = out, true
	return out
}

func cmpPos(a, b *Func) int {
	pa, pb := token.NoPos, token.NoPos
	if a.Node != nil {
		pa = a.Node.Pos()
	}
	if b.Node != nil {
		pb = b.Node.Pos()
	}
	return int(pa - pb)
}

// SectionWrites returns the plain writes (stores, map and element
// writes) inside critical section reg, directly and through the calls
// inside it, by variable.
func (r *Result) SectionWrites(reg *lockregions.Region) map[*types.Var]Kind {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sectionWrites(reg)
}

func (r *Result) sectionWrites(reg *lockregions.Region) map[*types.Var]Kind {
	out := make(map[*types.Var]Kind)
	f := r.enclosing(reg)
	if f == nil {
		return out
	}
	for _, w := range f.Writes {
		if reg.Contains(w.Pos()) && w.Kind&Plain != 0 && !w.Dead {
			out[w.Var] |= w.Kind
		}
	}
	for _, c := range f.Calls {
		if !reg.Contains(c.Node.Pos()) || c.Inert() {
			continue
		}
		for v, k := range r.effects(c.Callee).Vars {
			if k&Plain != 0 {
				out[v] |= k & Plain
			}
		}
	}
	return out
}

// Guarded returns the variables that some critical section of mu writes
// (plain writes, directly or through calls): the data mu guards.
func (r *Result) Guarded(mu *types.Var) map[*types.Var]bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.guarded == nil {
		r.guarded = make(map[*types.Var]map[*types.Var]bool)
	}
	if g, ok := r.guarded[mu]; ok {
		return g
	}
	g := make(map[*types.Var]bool)
	for _, reg := range r.Sections.Regions {
		if reg.Mutex == mu {
			for v := range r.sectionWrites(reg) {
				g[v] = true
			}
		}
	}
	r.guarded[mu] = g
	return g
}

// enclosing returns the Func whose own body holds the section.
func (r *Result) enclosing(reg *lockregions.Region) *Func {
	if reg.Func == nil {
		return nil
	}
	return r.byNode[reg.Func]
}
