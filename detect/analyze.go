package detect

import (
	"fmt"
	"regexp"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	"github.com/dop251/goja/token"

	"codexec/result"
)

// valKind is what analysis knows of a value, as bits.
type valKind uint8

const (
	// kFunc: a function, or the prototype of one. Its .constructor is
	// Function, AsyncFunction or GeneratorFunction.
	kFunc valKind = 1 << iota
	// kCtor: read from .constructor of something unknown; it may be one of
	// those constructors.
	kCtor
	// kGlobal: the global object.
	kGlobal
	// kProto: the prototype of a function (Function.prototype,
	// AsyncFunction.prototype, ...): any of its keys may be "constructor".
	kProto
)

const maxKindDepth = 32

// binding is one declared name, with what analysis learnt of its values.
// Analysis is flow-insensitive within a name: whatever was ever assigned
// to it counts.
type binding struct {
	kind        valKind
	strs        []pattern // string values assigned to it
	strsUnknown bool      // a value that is not a known string was assigned too
	derived     bool      // some string value was assembled, not a plain literal
	global      bool      // an implicit global (assigned, never declared)
}

// scope is one lexical scope. Names are resolved through one symbol
// table (analyzer.syms) that holds, per name, the bindings of the scopes
// currently open, innermost last.
type scope struct {
	parent *scope
	fn     bool // a function scope: var declarations land here
	depth  int
	names  []string // declared here, removed from the table on leave
}

type symbol struct {
	b *binding
	s *scope
}

// jumpTarget is a statement that break or continue can leave.
type jumpTarget struct {
	labels    []string
	loop      bool // continue can target it
	breakable bool // an unlabelled break can target it
	watch     bool // a loop whose test is always true
	exited    bool // something leaves it
	idx       file.Idx
}

type fnCtx struct {
	parent  *fnCtx
	this    valKind
	targets []*jumpTarget
}

type analyzer struct {
	opts     Options
	pos      func(file.Idx) (int, int)
	root     ast.Node
	findings []result.Finding
	seen     map[findingKey]bool
	kept     map[result.Severity]int // findings kept per severity
	dropped  int                     // findings past the caps, counted only
	warnSeen map[string]bool         // every warning rule found, kept or not
	blocked  bool                    // a blocking finding was found, kept or not

	scope   *scope
	globals *scope
	syms    map[string][]symbol
	fn      *fnCtx
	stack   []Cursor

	bindings []binding // allocated in chunks
	scopes   []scope

	pendingLabels []string
	intervals     []file.Idx
	cleared       bool
	foldExact     bool // fold gives up on partly known strings (only whole names matter)
}

func newAnalyzer(opts Options, pos func(file.Idx) (int, int), root ast.Node) *analyzer {
	g := &scope{fn: true}
	return &analyzer{opts: opts, pos: pos, root: root, seen: map[findingKey]bool{},
		kept: map[result.Severity]int{}, warnSeen: map[string]bool{},
		scope: g, globals: g, syms: make(map[string][]symbol, 64), fn: &fnCtx{this: kGlobal},
		stack: make([]Cursor, 0, 64)}
}

type findingKey struct {
	rule      string
	line, col int
}

// add records a finding. Hostile code can have a finding per statement: at
// most maxKept of each severity are kept (the verdict lists fewer still),
// the rest only counted.
func (a *analyzer) add(rule string, idx file.Idx, msg string) {
	info := ruleByID[rule]
	if info.Severity == result.SeverityBlock {
		a.blocked = true
	} else {
		a.warnSeen[rule] = true
	}
	line, col := 0, 0
	if idx > 0 {
		line, col = a.pos(idx)
	}
	key := findingKey{rule, line, col}
	if a.seen[key] {
		return
	}
	a.seen[key] = true
	if a.kept[info.Severity] >= maxKept {
		a.dropped++
		return
	}
	a.kept[info.Severity]++
	a.findings = append(a.findings, result.Finding{Rule: rule, Severity: info.Severity, Message: msg, Line: line, Column: col})
}

const maxKept = 1000

func (a *analyzer) pre(c Cursor) bool {
	a.stack = append(a.stack, c)
	a.enter(c)
	a.check(c)
	return true
}

func (a *analyzer) post(c Cursor) {
	a.leave(c)
	a.stack = a.stack[:len(a.stack)-1]
}

// ---- scopes ----

func (a *analyzer) pushScope(fn bool) {
	if len(a.scopes) == cap(a.scopes) {
		a.scopes = make([]scope, 0, 32)
	}
	a.scopes = append(a.scopes, scope{parent: a.scope, fn: fn, depth: a.scope.depth + 1})
	a.scope = &a.scopes[len(a.scopes)-1]
}

func (a *analyzer) newBinding(kind valKind) *binding {
	if len(a.bindings) == cap(a.bindings) {
		a.bindings = make([]binding, 0, 64)
	}
	a.bindings = append(a.bindings, binding{kind: kind})
	return &a.bindings[len(a.bindings)-1]
}

func (a *analyzer) popScope() {
	s := a.scope
	for _, name := range s.names {
		list := a.syms[name]
		for i := len(list) - 1; i >= 0; i-- {
			if list[i].s == s {
				list = append(list[:i], list[i+1:]...)
				break
			}
		}
		a.syms[name] = list
	}
	a.scope = s.parent
}

func (a *analyzer) pushFn(this valKind) {
	a.fn = &fnCtx{parent: a.fn, this: this}
}

func (a *analyzer) popFn() { a.fn = a.fn.parent }

func (a *analyzer) declareIn(s *scope, name string, kind valKind) *binding {
	list := a.syms[name]
	pos := len(list)
	for i := len(list) - 1; i >= 0; i-- {
		if list[i].s == s {
			list[i].b.kind |= kind
			return list[i].b
		}
		if list[i].s.depth > s.depth {
			pos = i
		}
	}
	b := a.newBinding(kind)
	list = append(list, symbol{})
	copy(list[pos+1:], list[pos:])
	list[pos] = symbol{b: b, s: s}
	a.syms[name] = list
	s.names = append(s.names, name)
	return b
}

func (a *analyzer) declare(id *ast.Identifier, kind valKind) {
	a.declareIn(a.scope, id.Name.String(), kind)
}

func (a *analyzer) fnScope() *scope {
	s := a.scope
	for !s.fn {
		s = s.parent
	}
	return s
}

func (a *analyzer) resolve(name string) *binding {
	if list := a.syms[name]; len(list) > 0 {
		return list[len(list)-1].b
	}
	return nil
}

// isGlobal reports whether name, here, is the global of that name.
func (a *analyzer) isGlobal(name string) bool {
	b := a.resolve(name)
	return b == nil || b.global
}

// bindTargets calls f for every name a binding target declares.
func bindTargets(e ast.Expression, f func(*ast.Identifier), depth int) {
	if depth > MaxNesting {
		return
	}
	d := depth + 1
	switch e := e.(type) {
	case *ast.Identifier:
		f(e)
	case *ast.ArrayPattern:
		for _, el := range e.Elements {
			bindTargets(el, f, d)
		}
		bindTargets(e.Rest, f, d)
	case *ast.ObjectPattern:
		for _, p := range e.Properties {
			switch p := p.(type) {
			case *ast.PropertyShort:
				f(&p.Name)
			case *ast.PropertyKeyed:
				bindTargets(p.Value, f, d)
			case *ast.SpreadElement:
				bindTargets(p.Expression, f, d)
			}
		}
		bindTargets(e.Rest, f, d)
	case *ast.AssignExpression:
		bindTargets(e.Left, f, d)
	case *ast.Binding:
		bindTargets(e.Target, f, d)
	case *ast.SpreadElement:
		bindTargets(e.Expression, f, d)
	}
}

func (a *analyzer) declareTargets(e ast.Expression, s *scope) {
	bindTargets(e, func(id *ast.Identifier) { a.declareIn(s, id.Name.String(), 0) }, 0)
}

func (a *analyzer) declareParams(pl *ast.ParameterList) {
	if pl == nil {
		return
	}
	for _, b := range pl.List {
		if b != nil {
			a.declareTargets(b.Target, a.scope)
		}
	}
	a.declareTargets(pl.Rest, a.scope)
}

func (a *analyzer) declareVars(list []*ast.VariableDeclaration) {
	for _, v := range list {
		if v == nil {
			continue
		}
		for _, b := range v.List {
			if b != nil {
				a.declareTargets(b.Target, a.scope)
			}
		}
	}
}

// declareLexical declares what a statement list declares in its block.
func (a *analyzer) declareLexical(list []ast.Statement) {
	for _, st := range list {
		switch st := st.(type) {
		case *ast.LexicalDeclaration:
			for _, b := range st.List {
				if b != nil {
					a.declareTargets(b.Target, a.scope)
				}
			}
		case *ast.ClassDeclaration:
			if st.Class != nil && st.Class.Name != nil {
				a.declare(st.Class.Name, kFunc)
			}
		case *ast.FunctionDeclaration:
			if st.Function != nil && st.Function.Name != nil {
				a.declare(st.Function.Name, kFunc)
				// Sloppy-mode functions in blocks are also var-scoped.
				a.declareIn(a.fnScope(), st.Function.Name.Name.String(), kFunc)
			}
		}
	}
}

func (a *analyzer) pushTarget(t *jumpTarget) {
	t.labels = append(t.labels, a.pendingLabels...)
	a.pendingLabels = nil
	a.fn.targets = append(a.fn.targets, t)
}

func (a *analyzer) popTarget() *jumpTarget {
	ts := a.fn.targets
	t := ts[len(ts)-1]
	a.fn.targets = ts[:len(ts)-1]
	return t
}

func isLoopOrSwitch(s ast.Statement) bool {
	switch s.(type) {
	case *ast.ForStatement, *ast.ForInStatement, *ast.ForOfStatement, *ast.WhileStatement,
		*ast.DoWhileStatement, *ast.SwitchStatement, *ast.LabelledStatement:
		return true
	}
	return false
}

func (a *analyzer) enter(c Cursor) {
	switch n := c.Node.(type) {
	case *ast.FunctionLiteral:
		var this valKind
		if c.Node == a.root {
			this = kGlobal
		} else if md, ok := c.Parent.(*ast.MethodDefinition); ok && md.Static {
			this = kFunc
		}
		a.pushFn(this)
		a.pushScope(true)
		if n.Name != nil {
			if _, isDecl := c.Parent.(*ast.FunctionDeclaration); !isDecl {
				a.declare(n.Name, kFunc)
			}
		}
		a.declareParams(n.ParameterList)
		a.declareVars(n.DeclarationList)
	case *ast.ArrowFunctionLiteral:
		a.pushFn(a.fn.this)
		a.pushScope(true)
		a.declareParams(n.ParameterList)
		a.declareVars(n.DeclarationList)
	case *ast.ClassStaticBlock:
		a.pushFn(kFunc)
		a.pushScope(true)
		a.declareVars(n.DeclarationList)
	case *ast.FieldDefinition:
		var this valKind
		if n.Static {
			this = kFunc
		}
		a.pushFn(this)
	case *ast.ClassLiteral:
		a.pushScope(false)
		if n.Name != nil {
			a.declare(n.Name, kFunc)
		}
	case *ast.BlockStatement:
		a.pushScope(false)
		a.declareLexical(n.List)
	case *ast.SwitchStatement:
		a.pushScope(false)
		for _, cs := range n.Body {
			if cs != nil {
				a.declareLexical(cs.Consequent)
			}
		}
		a.pushTarget(&jumpTarget{breakable: true})
	case *ast.ForStatement:
		a.pushScope(false)
		if ld, ok := n.Initializer.(*ast.ForLoopInitializerLexicalDecl); ok {
			for _, b := range ld.LexicalDeclaration.List {
				if b != nil {
					a.declareTargets(b.Target, a.scope)
				}
			}
		}
		a.pushTarget(&jumpTarget{loop: true, breakable: true, watch: n.Test == nil || alwaysTrue(n.Test), idx: n.For})
	case *ast.ForInStatement:
		a.pushScope(false)
		if fd, ok := n.Into.(*ast.ForDeclaration); ok {
			a.declareTargets(fd.Target, a.scope)
		}
		a.pushTarget(&jumpTarget{loop: true, breakable: true})
	case *ast.ForOfStatement:
		a.pushScope(false)
		if fd, ok := n.Into.(*ast.ForDeclaration); ok {
			a.declareTargets(fd.Target, a.scope)
		}
		a.pushTarget(&jumpTarget{loop: true, breakable: true})
	case *ast.WhileStatement:
		a.pushTarget(&jumpTarget{loop: true, breakable: true, watch: alwaysTrue(n.Test), idx: n.While})
	case *ast.DoWhileStatement:
		a.pushTarget(&jumpTarget{loop: true, breakable: true, watch: alwaysTrue(n.Test), idx: n.Do})
	case *ast.CatchStatement:
		a.pushScope(false)
		a.declareTargets(n.Parameter, a.scope)
	case *ast.LabelledStatement:
		if n.Label != nil {
			a.pendingLabels = append(a.pendingLabels, n.Label.Name.String())
		}
		if !isLoopOrSwitch(n.Statement) {
			a.pushTarget(&jumpTarget{})
		}
	}
}

func (a *analyzer) leave(c Cursor) {
	switch n := c.Node.(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassStaticBlock:
		a.popScope()
		a.popFn()
	case *ast.FieldDefinition:
		a.popFn()
	case *ast.ClassLiteral, *ast.BlockStatement, *ast.CatchStatement:
		a.popScope()
	case *ast.SwitchStatement:
		a.popTarget()
		a.popScope()
	case *ast.ForStatement, *ast.ForInStatement, *ast.ForOfStatement:
		a.leaveLoop()
		a.popScope()
	case *ast.WhileStatement, *ast.DoWhileStatement:
		a.leaveLoop()
	case *ast.LabelledStatement:
		if !isLoopOrSwitch(n.Statement) {
			a.popTarget()
		}
	}
}

func (a *analyzer) leaveLoop() {
	t := a.popTarget()
	if t.watch && !t.exited {
		a.add(RuleLoopNoExit, t.idx, "this loop's condition is always true and nothing visibly leaves it (no break, return, throw or yield): it will run until the timeout")
	}
}

// alwaysTrue reports a loop test that is a truthy constant.
func alwaysTrue(e ast.Expression) bool {
	switch e := e.(type) {
	case *ast.BooleanLiteral:
		return e.Value
	case *ast.NumberLiteral:
		switch v := e.Value.(type) {
		case int64:
			return v != 0
		case float64:
			return v != 0 && v == v
		}
	case *ast.StringLiteral:
		return len(e.Value) > 0
	case *ast.ArrayLiteral, *ast.ObjectLiteral, *ast.FunctionLiteral, *ast.ArrowFunctionLiteral:
		return true
	case *ast.UnaryExpression:
		if e.Operator == token.NOT {
			return alwaysFalse(e.Operand)
		}
	}
	return false
}

func alwaysFalse(e ast.Expression) bool {
	switch e := e.(type) {
	case *ast.BooleanLiteral:
		return !e.Value
	case *ast.NumberLiteral:
		switch v := e.Value.(type) {
		case int64:
			return v == 0
		case float64:
			return v == 0
		}
	case *ast.StringLiteral:
		return len(e.Value) == 0
	case *ast.NullLiteral:
		return true
	}
	return false
}

// ---- jumps ----

func (a *analyzer) exitAll() {
	for _, t := range a.fn.targets {
		t.exited = true
	}
}

func (a *analyzer) jump(n *ast.BranchStatement) {
	ts := a.fn.targets
	label := ""
	if n.Label != nil {
		label = n.Label.Name.String()
	}
	for i := len(ts) - 1; i >= 0; i-- {
		t := ts[i]
		match := false
		if label != "" {
			for _, l := range t.labels {
				match = match || l == label
			}
		} else if n.Token == token.BREAK {
			match = t.breakable
		} else {
			match = t.loop
		}
		if !match {
			continue
		}
		// Everything inside the target is left; break leaves the target too.
		for _, inner := range ts[i+1:] {
			inner.exited = true
		}
		if n.Token == token.BREAK {
			t.exited = true
		}
		return
	}
}

// ---- rules ----

var nestedQuantifier = regexp.MustCompile(`\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,)`)

func (a *analyzer) check(c Cursor) {
	switch n := c.Node.(type) {
	case *ast.Identifier:
		a.checkIdent(c, n)
	case *ast.DotExpression:
		a.checkMember(n.Left, n.Identifier.Name.String(), nil, n.Identifier.Idx)
	case *ast.BracketExpression:
		a.checkMember(n.Left, "", n.Member, n.LeftBracket)
	case *ast.CallExpression:
		a.checkCall(c, n)
		a.checkAssembled(c, n)
	case *ast.BinaryExpression:
		if n.Operator == token.PLUS {
			a.checkAssembled(c, n)
		}
	case *ast.TemplateLiteral:
		a.checkAssembled(c, n)
	case *ast.NewExpression:
		a.checkAlloc(a.globalPath(n.Callee), n.ArgumentList, n.New)
	case *ast.AssignExpression:
		a.checkAssign(n)
	case *ast.Binding:
		if id, ok := n.Target.(*ast.Identifier); ok && n.Initializer != nil {
			if b := a.resolve(id.Name.String()); b != nil {
				a.learn(b, n.Initializer, token.ASSIGN)
			}
		}
	case *ast.ObjectPattern:
		a.checkPattern(c, n)
	case *ast.WithStatement:
		a.add(RuleWith, n.With, "with statements are refused: they make every name in the block ambiguous")
	case *ast.BranchStatement:
		a.jump(n)
	case *ast.ReturnStatement, *ast.ThrowStatement, *ast.YieldExpression:
		a.exitAll()
	case *ast.StringLiteral:
		if len(n.Literal) > 64<<10 {
			a.add(RuleHugeLiteral, n.Idx, fmt.Sprintf("a %d-byte string literal", len(n.Literal)))
		}
	case *ast.TemplateElement:
		if len(n.Literal) > 64<<10 {
			a.add(RuleHugeLiteral, n.Idx, fmt.Sprintf("a %d-byte template literal", len(n.Literal)))
		}
	case *ast.ArrayLiteral:
		if len(n.Value) > 10000 {
			a.add(RuleHugeLiteral, n.LeftBracket, fmt.Sprintf("an array literal of %d elements", len(n.Value)))
		}
	case *ast.ObjectLiteral:
		if len(n.Value) > 10000 {
			a.add(RuleHugeLiteral, n.LeftBrace, fmt.Sprintf("an object literal of %d properties", len(n.Value)))
		}
	case *ast.RegExpLiteral:
		if len(n.Pattern) < 4096 && nestedQuantifier.MatchString(n.Pattern) {
			a.add(RuleRegexBacktrack, n.Idx, "this regular expression nests quantifiers, e.g. (a+)+: matching can take exponential time")
		}
	}
}

// isReference reports whether the identifier at the top of the stack is
// a reference to a variable, not a name being declared, a property name or
// a label.
func (a *analyzer) isReference(c Cursor) bool {
	switch c.Field {
	case "Identifier", "Label", "Meta", "Property":
		return false
	case "Name":
		switch c.Parent.(type) {
		case *ast.FunctionLiteral, *ast.ClassLiteral:
			return false
		}
	}
	// Climb through binding patterns to what holds them.
	for i := len(a.stack) - 1; i > 0; i-- {
		c := a.stack[i]
		switch c.Parent.(type) {
		case *ast.ArrayPattern, *ast.ObjectPattern, *ast.SpreadElement:
			continue
		case *ast.PropertyShort:
			if c.Field == "Name" {
				continue
			}
		case *ast.PropertyKeyed:
			if c.Field == "Value" {
				continue
			}
		case *ast.AssignExpression:
			if c.Field == "Left" {
				continue // a default inside a pattern, or an assignment: decided above it
			}
		case *ast.Binding:
			return c.Field != "Target"
		case *ast.ParameterList:
			return c.Field != "Rest"
		case *ast.CatchStatement:
			return c.Field != "Parameter"
		case *ast.ForDeclaration:
			return c.Field != "Target"
		}
		return true
	}
	return true
}

func (a *analyzer) checkIdent(c Cursor, n *ast.Identifier) {
	if !a.isReference(c) {
		return
	}
	name := n.Name.String()
	if name == "clearInterval" || name == "clearTimeout" {
		a.cleared = true
		return
	}
	rule, ok := dangerousGlobals[name]
	if !ok || !a.isGlobal(name) {
		return
	}
	if u, ok := c.Parent.(*ast.UnaryExpression); ok && u.Operator == token.TYPEOF {
		return
	}
	if name == "require" && a.requireAllowed(c) {
		return
	}
	a.add(rule, n.Idx, globalMessage(rule, name, a.opts.AllowBuiltinModules))
}

func globalMessage(rule, name string, allowModules bool) string {
	switch rule {
	case RuleEval:
		return "eval is not available: code cannot be built from strings in this sandbox"
	case RuleFunction:
		return "the Function constructor is not available (it builds code from strings); to test for a function use typeof x === 'function'"
	case RuleRequire:
		if name == "module" {
			return "module is not available: it gives access to require"
		}
		if allowModules {
			return "require is limited to the allow-listed built-in modules, named by a string literal: " + fmt.Sprint(AllowedBuiltinModules())
		}
		return "require is not available: no modules can be loaded (allowBuiltinModules is off)"
	case RuleProcess:
		return "process is not available: the code has no access to the host process, its environment or its exit"
	case RuleNodeModule:
		return name + " is a Node.js module, not available here: the code has no file system, processes or network"
	}
	return name + " is not available"
}

func (a *analyzer) requireAllowed(c Cursor) bool {
	if !a.opts.AllowBuiltinModules || c.Field != "Callee" {
		return false
	}
	call, ok := c.Parent.(*ast.CallExpression)
	if !ok || len(call.ArgumentList) != 1 {
		return false
	}
	s, ok := a.fold(call.ArgumentList[0]).str()
	if !ok {
		return false
	}
	if len(s) > 5 && s[:5] == "node:" {
		s = s[5:]
	}
	return allowedModules[s]
}

func isProtoKey(s string) bool {
	for _, k := range protoKeys {
		if s == k {
			return true
		}
	}
	return false
}

func isObfuscatedName(s string) bool {
	for _, k := range obfuscatedNames {
		if s == k {
			return true
		}
	}
	return false
}

// checkKey applies the computed-key rules to a key: its folded value, and
// every value assigned to a variable used as the key. It reports whether a
// finding was made.
func (a *analyzer) checkKey(key ast.Expression, idx file.Idx) bool {
	if a.checkKeyValue(a.fold(key), idx) {
		return true
	}
	if id, ok := key.(*ast.Identifier); ok {
		if b := a.resolve(id.Name.String()); b != nil && (len(b.strs) > 1 || b.strsUnknown) {
			for _, p := range b.strs {
				if a.checkKeyValue(patVal(p, b.derived), idx) {
					return true
				}
			}
		}
	}
	return false
}

func (a *analyzer) checkKeyValue(v value, idx file.Idx) bool {
	if v.kind != vStr {
		return false
	}
	if s, ok := v.str(); ok {
		if isProtoKey(s) {
			a.add(RuleComputedKey, idx, fmt.Sprintf("computed access to %q is refused: it leads to constructors and prototypes", s))
			return true
		}
		if v.derived && isObfuscatedName(s) {
			a.add(RuleObfuscatedName, idx, fmt.Sprintf("this key is assembled to spell %q", s))
			return true
		}
		return false
	}
	for _, k := range protoKeys {
		if v.pat.mayBecome(k) {
			a.add(RuleComputedKey, idx, fmt.Sprintf("this computed key may become %q (it is built from pieces of it)", k))
			return true
		}
	}
	return false
}

func (a *analyzer) checkMember(left ast.Expression, dotName string, key ast.Expression, idx file.Idx) {
	name, known := dotName, key == nil
	if key != nil {
		name, known = a.fold(key).str()
		a.checkKey(key, idx)
	}
	recv := a.kindOf(left)
	if recv&kGlobal != 0 {
		switch {
		case known && (name == "clearInterval" || name == "clearTimeout"):
			a.cleared = true
		case known:
			if rule := dangerousGlobals[name]; rule != "" {
				a.add(rule, idx, globalMessage(rule, name, false)+" (reached through the global object)")
			}
		default:
			a.add(RuleGlobalDynamic, idx, "the global object is indexed with a key that is not known before running")
		}
	}
	if !known {
		if recv&kProto != 0 {
			a.add(RuleConstructor, idx, "a function's prototype indexed with a key not known before running may reach its constructor (Function, AsyncFunction, GeneratorFunction)")
		}
		return
	}
	switch name {
	case "constructor":
		if key == nil {
			a.checkConstructor(recv, idx)
		}
	case "__proto__":
		if key == nil {
			if a.written(len(a.stack)-1) || a.memberWritten() {
				a.add(RuleProtoWrite, idx, "writing through __proto__ changes prototypes shared by other values")
			} else {
				a.add(RuleProtoAccess, idx, "__proto__ is deprecated; use Object.getPrototypeOf")
			}
		}
	case "prototype":
		if builtinCtors[a.globalPath(left)] && (a.written(len(a.stack)-1) || a.memberWritten()) {
			a.add(RuleBuiltinProto, idx, "writing to a built-in prototype changes every value of its kind")
		}
	}
}

// written reports whether the node at stack index i is assigned to.
func (a *analyzer) written(i int) bool {
	if i < 0 {
		return false
	}
	c := a.stack[i]
	switch p := c.Parent.(type) {
	case *ast.AssignExpression:
		return c.Field == "Left"
	case *ast.UnaryExpression:
		return p.Operator == token.INCREMENT || p.Operator == token.DECREMENT || p.Operator == token.DELETE
	case *ast.ForIntoExpression:
		return true
	}
	return false
}

// memberWritten reports whether a member of the current node is assigned
// to (x.__proto__.y = ...).
func (a *analyzer) memberWritten() bool {
	i := len(a.stack) - 1
	if i < 1 || a.stack[i].Field != "Left" {
		return false
	}
	switch a.stack[i].Parent.(type) {
	case *ast.DotExpression, *ast.BracketExpression:
		return a.written(i - 1)
	}
	return false
}

// context finds where the value of the current node goes, looking through
// optional chains and the last element of a sequence.
func (a *analyzer) context() Cursor {
	i := len(a.stack) - 1
	for i > 0 {
		c := a.stack[i]
		switch p := c.Parent.(type) {
		case *ast.Optional, *ast.OptionalChain:
			i--
			continue
		case *ast.SequenceExpression:
			if len(p.Sequence) > 0 && p.Sequence[len(p.Sequence)-1] == c.Node {
				i--
				continue
			}
		}
		break
	}
	return a.stack[i]
}

// checkConstructor judges x.constructor by what x is and where the value
// goes: reading .name, comparing and testing are fine; calling it, or
// anything but that on the constructor of a function, reaches Function.
func (a *analyzer) checkConstructor(recv valKind, idx file.Idx) {
	danger := recv&(kFunc|kCtor) != 0
	c := a.context()
	block := false
	switch p := c.Parent.(type) {
	case *ast.DotExpression:
		switch p.Identifier.Name.String() {
		case "constructor", "call", "apply", "bind":
			block = true
		case "name", "prototype", "length":
		default:
			block = danger
		}
	case *ast.BracketExpression:
		s, ok := a.fold(p.Member).str()
		switch {
		case ok && (s == "name" || s == "prototype" || s == "length"):
		case ok && s == "constructor":
			block = true
		default:
			block = danger
		}
	case *ast.CallExpression:
		block = c.Field == "Callee" || danger || a.isReflective(p.Callee)
	case *ast.NewExpression:
		block = danger
	case *ast.BinaryExpression:
		switch p.Operator {
		case token.STRICT_EQUAL, token.STRICT_NOT_EQUAL, token.EQUAL, token.NOT_EQUAL, token.INSTANCEOF, token.IN:
		default:
			block = danger
		}
	case *ast.UnaryExpression:
	case *ast.IfStatement, *ast.ConditionalExpression, *ast.WhileStatement, *ast.DoWhileStatement, *ast.ForStatement:
		block = danger && c.Field != "Test"
	default:
		block = danger
	}
	if block {
		a.add(RuleConstructor, idx, ".constructor used this way reaches the Function constructor (or AsyncFunction, GeneratorFunction), which builds code from strings; reading .name or comparing is fine")
	}
}

func (a *analyzer) isReflective(callee ast.Expression) bool {
	switch a.globalPath(callee) {
	case "Reflect.construct", "Reflect.apply", "Reflect.get", "Reflect.getPrototypeOf", "Object.getPrototypeOf":
		return true
	}
	if d, ok := callee.(*ast.DotExpression); ok {
		switch d.Identifier.Name.String() {
		case "call", "apply", "bind":
			return true
		}
	}
	return false
}

func (a *analyzer) checkCall(c Cursor, n *ast.CallExpression) {
	path := a.globalPath(n.Callee)
	args := n.ArgumentList
	idx := n.LeftParenthesis
	switch path {
	case "setTimeout", "setInterval":
		if len(args) > 0 && a.fold(args[0]).kind == vStr {
			a.add(RuleEval, n.Callee.Idx0(), path+" with a string runs the string as code: pass a function")
		}
		if path == "setInterval" {
			a.intervals = append(a.intervals, n.Callee.Idx0())
			if _, discarded := c.Parent.(*ast.ExpressionStatement); discarded {
				a.add(RuleIntervalNoClear, n.Callee.Idx0(), "this interval's id is discarded, so nothing can clear it: it keeps the run alive until the timeout")
			}
		}
	case "Reflect.construct", "Reflect.apply":
		if len(args) > 0 && a.kindOf(args[0])&kCtor != 0 {
			a.add(RuleConstructor, idx, path+" of a value read from .constructor may construct Function")
		}
	case "Object.setPrototypeOf", "Reflect.setPrototypeOf":
		if len(args) > 0 && (a.isBuiltinProto(args[0], 0) || a.kindOf(args[0])&kGlobal != 0) {
			a.add(RuleProtoWrite, idx, "changing the prototype of a built-in prototype or of the global object is refused")
		}
	case "Object.defineProperty", "Object.defineProperties", "Object.assign":
		if len(args) > 0 && a.isBuiltinProto(args[0], 0) {
			a.add(RuleBuiltinProto, idx, "writing to a built-in prototype changes every value of its kind")
		}
	}
	if ki, ok := reflectiveKeyCalls[path]; ok && len(args) > ki {
		a.checkKeyArg(args[0], args[ki], idx)
	}
	if d, ok := n.Callee.(*ast.DotExpression); ok {
		method := d.Identifier.Name.String()
		if lookupMethods[method] && len(args) > 0 {
			a.checkKeyArg(d.Left, args[0], idx)
		}
		if (method == "call" || method == "apply" || method == "bind") && a.kindOf(d.Left)&kCtor != 0 {
			a.add(RuleConstructor, idx, method+" on a value read from .constructor may call the Function constructor")
		}
		if method == "repeat" && len(args) > 0 {
			if v := a.fold(args[0]); v.kind == vNum && v.num >= 1<<24 {
				a.add(RuleHugeAllocation, idx, fmt.Sprintf("repeat(%s) builds a string of %s copies", numString(v.num), numString(v.num)))
			}
		}
	}
	if id, ok := n.Callee.(*ast.Identifier); ok {
		if b := a.resolve(id.Name.String()); b != nil && b.kind&kCtor != 0 {
			a.add(RuleConstructor, id.Idx, "calling a value read from .constructor may call the Function constructor")
		}
	}
	a.checkAlloc(path, args, idx)
}

func (a *analyzer) checkKeyArg(obj, key ast.Expression, idx file.Idx) {
	if a.checkKey(key, idx) {
		return
	}
	kind := a.kindOf(obj)
	if _, known := a.fold(key).str(); !known && kind&kProto != 0 {
		a.add(RuleConstructor, idx, "a function's prototype read with a key not known before running may reach its constructor (Function, AsyncFunction, GeneratorFunction)")
		return
	}
	if kind&kGlobal == 0 {
		return
	}
	if s, ok := a.fold(key).str(); ok {
		if rule := dangerousGlobals[s]; rule != "" {
			a.add(rule, idx, globalMessage(rule, s, false)+" (reached through the global object)")
		}
		return
	}
	a.add(RuleGlobalDynamic, idx, "the global object is indexed with a key that is not known before running")
}

var allocators = set("Array", "ArrayBuffer", "SharedArrayBuffer", "Int8Array", "Uint8Array",
	"Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array",
	"Float64Array", "BigInt64Array", "BigUint64Array")

func (a *analyzer) checkAlloc(path string, args []ast.Expression, idx file.Idx) {
	if !allocators[path] || len(args) != 1 {
		return
	}
	if v := a.fold(args[0]); v.kind == vNum && v.num >= 1<<24 {
		a.add(RuleHugeAllocation, idx, fmt.Sprintf("%s(%s) allocates %s elements up front", path, numString(v.num), numString(v.num)))
	}
}

func (a *analyzer) checkAssign(n *ast.AssignExpression) {
	id, ok := n.Left.(*ast.Identifier)
	if !ok {
		return
	}
	name := id.Name.String()
	b := a.resolve(name)
	if b == nil {
		b = a.declareIn(a.globals, name, 0)
		b.global = true
	}
	a.learn(b, n.Right, n.Operator)
}

// learn records what a value assigned to b may be.
func (a *analyzer) learn(b *binding, e ast.Expression, op token.Token) {
	b.kind |= a.kindOf(e)
	v := unknown
	switch e.(type) {
	case *ast.StringLiteral, *ast.TemplateLiteral, *ast.BinaryExpression, *ast.CallExpression, *ast.Identifier:
		v = a.fold(e) // only what can hold a string: folding an array literal costs
	}
	switch {
	case op == token.ASSIGN && v.kind == vStr:
		b.strs = append(b.strs, v.asPattern())
		b.derived = b.derived || v.derived
	case op == token.PLUS && (v.kind == vStr || len(b.strs) > 0):
		if len(b.strs) == 0 {
			b.strs = []pattern{holePattern()}
		}
		for i, p := range b.strs {
			b.strs[i] = p.concat(v.asPattern())
		}
		b.derived = true
	default:
		b.strsUnknown = true
	}
	if len(b.strs) > 8 {
		b.strs = b.strs[:8]
		b.strsUnknown = true
	}
}

// checkPattern applies the member rules to destructuring: const
// {constructor: C} = f reads f.constructor.
func (a *analyzer) checkPattern(c Cursor, n *ast.ObjectPattern) {
	var src ast.Expression
	switch p := c.Parent.(type) {
	case *ast.Binding:
		if c.Field == "Target" {
			src = p.Initializer
		}
	case *ast.AssignExpression:
		if c.Field == "Left" {
			src = p.Right
		}
	}
	var srcKind valKind
	if src != nil {
		srcKind = a.kindOf(src)
	}
	// Nested under a constructor key: {constructor: {constructor: F}}.
	underCtor := false
	if pk, ok := c.Parent.(*ast.PropertyKeyed); ok && c.Field == "Value" {
		if s, ok := pk.Key.(*ast.StringLiteral); ok && !pk.Computed && s.Value.String() == "constructor" {
			underCtor = true
		}
	}
	for _, prop := range n.Properties {
		var name string
		known := false
		var idx file.Idx
		var target *ast.Identifier
		switch p := prop.(type) {
		case *ast.PropertyShort:
			name, known, idx, target = p.Name.Name.String(), true, p.Name.Idx, &p.Name
		case *ast.PropertyKeyed:
			idx = p.Key.Idx0()
			if p.Computed {
				a.checkKey(p.Key, idx)
				name, known = a.fold(p.Key).str()
			} else if s, ok := p.Key.(*ast.StringLiteral); ok {
				name, known = s.Value.String(), true
			}
			target, _ = p.Value.(*ast.Identifier)
			if as, ok := p.Value.(*ast.AssignExpression); ok {
				target, _ = as.Left.(*ast.Identifier)
			}
		default:
			continue
		}
		if srcKind&kGlobal != 0 {
			if !known {
				a.add(RuleGlobalDynamic, idx, "the global object is destructured with a key that is not known before running")
			} else if rule := dangerousGlobals[name]; rule != "" {
				a.add(rule, idx, globalMessage(rule, name, false)+" (destructured from the global object)")
			}
		}
		if !known {
			continue
		}
		switch name {
		case "constructor":
			if underCtor || srcKind&(kFunc|kCtor) != 0 {
				a.add(RuleConstructor, idx, "destructuring .constructor here reaches the Function constructor, which builds code from strings")
			} else if target != nil {
				if b := a.resolve(target.Name.String()); b != nil {
					b.kind |= kCtor
				}
			}
		case "__proto__":
			a.add(RuleProtoAccess, idx, "__proto__ is deprecated; use Object.getPrototypeOf")
		}
	}
}

// assembledNames are names with no everyday meaning: assembling one from
// pieces anywhere (not only as a key) is obfuscation.
var assembledNames = set("constructor", "__proto__", "eval", "child_process", "globalThis", "mainModule")

// stringBuilders are the calls whose result fold can compute.
var stringBuilders = set("join", "reverse", "concat", "toLowerCase", "toUpperCase", "slice", "substring",
	"substr", "replace", "replaceAll", "repeat", "trim", "at", "charAt", "toString", "split")

var stringBuilderPaths = set("String", "String.fromCharCode", "String.fromCodePoint", "atob",
	"decodeURIComponent", "decodeURI", "unescape", "Array.from", "Array.of")

// isStringBuild reports the expressions that build strings from pieces.
func (a *analyzer) isStringBuild(e ast.Node) bool {
	switch e := e.(type) {
	case *ast.BinaryExpression:
		return e.Operator == token.PLUS
	case *ast.TemplateLiteral:
		return true
	case *ast.CallExpression:
		if d, ok := e.Callee.(*ast.DotExpression); ok && stringBuilders[d.Identifier.Name.String()] {
			return true
		}
		return stringBuilderPaths[a.globalPath(e.Callee)]
	}
	return false
}

// checkAssembled refuses a name like "constructor" or "eval" assembled from
// pieces wherever it is, judged once at the outermost string-building
// expression. Keys are judged by checkKey.
func (a *analyzer) checkAssembled(c Cursor, n ast.Expression) {
	if !a.isStringBuild(n) {
		return
	}
	switch p := c.Parent.(type) {
	case *ast.BracketExpression:
		if c.Field == "Member" {
			return
		}
	case *ast.PropertyKeyed:
		if c.Field == "Key" && p.Computed {
			return
		}
	case *ast.DotExpression:
		if d := a.stack[len(a.stack)-2]; c.Field == "Left" && d.Parent != nil {
			if call, ok := d.Parent.(*ast.CallExpression); ok && d.Field == "Callee" && a.isStringBuild(call) {
				return // judged at the call
			}
		}
	default:
		if a.isStringBuild(p) {
			return
		}
	}
	a.foldExact = true
	v := a.fold(n)
	a.foldExact = false
	if s, ok := v.str(); ok && v.derived && assembledNames[s] {
		a.add(RuleObfuscatedName, n.Idx0(), fmt.Sprintf("this expression assembles %q from pieces", s))
	}
}

// ---- what values are ----

// kindOf tells what analysis knows of the value of e.
func (a *analyzer) kindOf(e ast.Expression) valKind { return a.kindDepth(e, 0) }

func (a *analyzer) kindDepth(e ast.Expression, depth int) valKind {
	if e == nil || depth > maxKindDepth {
		return 0
	}
	d := depth + 1
	switch e := e.(type) {
	case *ast.FunctionLiteral, *ast.ArrowFunctionLiteral, *ast.ClassLiteral:
		return kFunc
	case *ast.Identifier:
		name := e.Name.String()
		b := a.resolve(name)
		if b != nil && !b.global {
			return b.kind
		}
		var k valKind
		if b != nil {
			k = b.kind
		}
		if globalAliases[name] {
			k |= kGlobal
		}
		if builtinFunctions[name] {
			k |= kFunc
		}
		return k
	case *ast.ThisExpression:
		return a.fn.this
	case *ast.DotExpression:
		return memberKind(a.kindDepth(e.Left, d), e.Identifier.Name.String())
	case *ast.BracketExpression:
		if s, ok := a.fold(e.Member).str(); ok {
			return memberKind(a.kindDepth(e.Left, d), s)
		}
	case *ast.CallExpression:
		return a.callKind(e, d)
	case *ast.SequenceExpression:
		if len(e.Sequence) > 0 {
			return a.kindDepth(e.Sequence[len(e.Sequence)-1], d)
		}
	case *ast.ConditionalExpression:
		return a.kindDepth(e.Consequent, d) | a.kindDepth(e.Alternate, d)
	case *ast.BinaryExpression:
		switch e.Operator {
		case token.LOGICAL_AND, token.LOGICAL_OR, token.COALESCE:
			return a.kindDepth(e.Left, d) | a.kindDepth(e.Right, d)
		}
	case *ast.AssignExpression:
		return a.kindDepth(e.Right, d)
	case *ast.Optional:
		return a.kindDepth(e.Expression, d)
	case *ast.OptionalChain:
		return a.kindDepth(e.Expression, d)
	}
	return 0
}

func memberKind(recv valKind, name string) valKind {
	switch name {
	case "constructor":
		if recv&kFunc != 0 {
			return kFunc | kCtor
		}
		return kCtor
	case "__proto__":
		if recv&kFunc != 0 {
			return kFunc | kProto
		}
		return 0
	case "prototype":
		return 0
	case "call", "apply", "bind":
		return kFunc
	}
	var k valKind
	if recv&kGlobal != 0 {
		if globalAliases[name] {
			k |= kGlobal
		}
		if builtinFunctions[name] {
			k |= kFunc
		}
	}
	if methodNames[name] {
		k |= kFunc
	}
	return k
}

func (a *analyzer) callKind(e *ast.CallExpression, d int) valKind {
	switch a.globalPath(e.Callee) {
	case "Object.getPrototypeOf", "Reflect.getPrototypeOf":
		if len(e.ArgumentList) > 0 && a.kindDepth(e.ArgumentList[0], d)&kFunc != 0 {
			return kFunc | kProto
		}
	case "Object.getOwnPropertyDescriptors":
		if len(e.ArgumentList) > 0 {
			return a.kindDepth(e.ArgumentList[0], d) & kFunc
		}
	}
	switch callee := e.Callee.(type) {
	case *ast.DotExpression:
		if callee.Identifier.Name.String() == "bind" {
			return kFunc
		}
	case *ast.FunctionLiteral:
		// (function () { return this })() is the global object.
		if callee.Body != nil {
			for _, st := range callee.Body.List {
				if r, ok := st.(*ast.ReturnStatement); ok {
					if _, ok := r.Argument.(*ast.ThisExpression); ok {
						return kGlobal
					}
				}
			}
		}
	}
	return 0
}

// globalPath names a member chain rooted at a global, when it is one the
// rules know (knownPaths): "Reflect.construct", "setTimeout"; through the
// global object too (globalThis.Reflect.get is "Reflect.get"). It is ""
// for anything else.
func (a *analyzer) globalPath(e ast.Expression) string { return a.pathDepth(e, 0) }

func (a *analyzer) pathDepth(e ast.Expression, depth int) string {
	if depth > 4 {
		return ""
	}
	switch e := e.(type) {
	case *ast.Identifier:
		name := e.Name.String()
		if (pathRoots[name] || globalAliases[name]) && a.isGlobal(name) {
			return name
		}
		if b := a.resolve(name); b != nil && b.kind&kGlobal != 0 {
			return "globalThis"
		}
	case *ast.ThisExpression:
		if a.fn.this&kGlobal != 0 {
			return "globalThis"
		}
	case *ast.DotExpression:
		return a.member(a.pathDepth(e.Left, depth+1), e.Identifier.Name.String())
	case *ast.BracketExpression:
		left := a.pathDepth(e.Left, depth+1)
		if left == "" {
			return ""
		}
		s, _ := a.fold(e.Member).str()
		return a.member(left, s)
	}
	return ""
}

func (a *analyzer) member(left, name string) string {
	switch {
	case left == "" || name == "":
		return ""
	case globalAliases[left]:
		if pathRoots[name] || globalAliases[name] {
			return name
		}
		return ""
	}
	return pathMembers[left][name]
}

// isBuiltinProto reports expressions that are a built-in prototype:
// Array.prototype, Object.getPrototypeOf([]), ”.__proto__.
func (a *analyzer) isBuiltinProto(e ast.Expression, depth int) bool {
	if depth > 8 {
		return false
	}
	switch e := e.(type) {
	case *ast.DotExpression:
		switch e.Identifier.Name.String() {
		case "prototype":
			return builtinCtors[a.globalPath(e.Left)]
		case "__proto__":
			return isLiteral(e.Left) || a.isBuiltinProto(e.Left, depth+1)
		}
	case *ast.BracketExpression:
		s, _ := a.fold(e.Member).str()
		switch s {
		case "prototype":
			return builtinCtors[a.globalPath(e.Left)]
		case "__proto__":
			return isLiteral(e.Left) || a.isBuiltinProto(e.Left, depth+1)
		}
	case *ast.CallExpression:
		switch a.globalPath(e.Callee) {
		case "Object.getPrototypeOf", "Reflect.getPrototypeOf":
			if len(e.ArgumentList) > 0 {
				arg := e.ArgumentList[0]
				return isLiteral(arg) || a.isBuiltinProto(arg, depth+1)
			}
		}
	}
	return false
}

func isLiteral(e ast.Expression) bool {
	switch e.(type) {
	case *ast.ArrayLiteral, *ast.ObjectLiteral, *ast.StringLiteral, *ast.NumberLiteral,
		*ast.BooleanLiteral, *ast.RegExpLiteral, *ast.TemplateLiteral, *ast.FunctionLiteral,
		*ast.ArrowFunctionLiteral:
		return true
	}
	return false
}

// finish adds the findings that need the whole tree.
func (a *analyzer) finish() {
	if len(a.intervals) > 0 && !a.cleared {
		a.add(RuleIntervalNoClear, a.intervals[0], "setInterval is used but clearInterval never is: the interval keeps the run alive until the timeout")
	}
}
