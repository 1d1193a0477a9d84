package detect

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	jsast "github.com/dop251/goja/ast"
	"github.com/dop251/goja/file"
	jsparser "github.com/dop251/goja/parser"

	"codexec/jsrt"
)

// nodeTypes lists, from goja's own source, every type of its ast package
// that implements ast.Node (has an Idx0 method): a newer goja with a new
// node type fails these tests until the walker knows it.
func nodeTypes(t *testing.T) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-f", "{{.Dir}}", "github.com/dop251/goja/ast").Output()
	if err != nil {
		t.Fatalf("locate goja's ast package: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, filepath.Join(dir, "node.go"), nil, 0)
	if err != nil {
		t.Fatalf("parse goja's ast/node.go: %v", err)
	}
	seen := map[string]bool{}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Recv == nil || fd.Name.Name != "Idx0" {
			continue
		}
		if star, ok := fd.Recv.List[0].Type.(*ast.StarExpr); ok {
			if id, ok := star.X.(*ast.Ident); ok {
				seen[id.Name] = true
			}
		}
	}
	var names []string
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) < 70 {
		t.Fatalf("found only %d node types in %s", len(names), dir)
	}
	return names
}

func parseProgram(t *testing.T, path string) *jsast.Program {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	prg, err := jsparser.ParseFile(nil, path, string(src), 0, jsrt.ParserOptions...)
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	return prg
}

func typeName(n jsast.Node) string { return reflect.TypeOf(n).Elem().Name() }

// Nodes only a failed parse produces; validation never walks such a tree.
var onlyInBadParses = map[string]bool{"BadExpression": true, "BadStatement": true}

func TestWalkVisitsEveryNodeType(t *testing.T) {
	prg := parseProgram(t, "testdata/walk/all-nodes.js")
	visited := map[string]bool{}
	if !Walk(prg, func(c Cursor) bool { visited[typeName(c.Node)] = true; return true }, nil) {
		t.Fatal("Walk = false, want true on a shallow program")
	}
	for _, name := range nodeTypes(t) {
		if onlyInBadParses[name] {
			continue
		}
		if !visited[name] {
			t.Errorf("Walk(all-nodes.js) never visited %s: the walker or the corpus misses it", name)
		}
	}
}

func TestWalkBadNodes(t *testing.T) {
	for _, n := range []jsast.Node{&jsast.BadExpression{}, &jsast.BadStatement{}} {
		got := 0
		Walk(n, func(Cursor) bool { got++; return true }, nil)
		if got != 1 {
			t.Errorf("Walk(%T) visited %d nodes, want 1", n, got)
		}
	}
}

// reachable collects, by reflection and independently of the walker, every
// node reachable from root, apart from what only DeclarationList fields
// reach, which it returns separately.
func reachable(root jsast.Node) (nodes, viaDecls map[jsast.Node]bool) {
	nodes, viaDecls = map[jsast.Node]bool{}, map[jsast.Node]bool{}
	nodeType := reflect.TypeOf((*jsast.Node)(nil)).Elem()
	astPkg := reflect.TypeOf(jsast.Identifier{}).PkgPath()
	var visit func(v reflect.Value, into map[jsast.Node]bool)
	visit = func(v reflect.Value, into map[jsast.Node]bool) {
		switch v.Kind() {
		case reflect.Interface:
			if !v.IsNil() {
				visit(v.Elem(), into)
			}
		case reflect.Pointer:
			if v.IsNil() || v.Elem().Kind() != reflect.Struct || v.Elem().Type().PkgPath() != astPkg {
				return
			}
			if v.Type().Implements(nodeType) {
				n := v.Interface().(jsast.Node)
				if into[n] {
					return
				}
				into[n] = true
			}
			visit(v.Elem(), into)
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				visit(v.Index(i), into)
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				f := v.Type().Field(i)
				fv := v.Field(i)
				switch {
				case f.Name == "DeclarationList":
					visit(fv, viaDecls)
				case f.Anonymous && fv.Kind() == reflect.Struct:
					// An embedded node (PrivateIdentifier's Identifier) is not a node of its own.
					visit(fv, into)
				case fv.Kind() == reflect.Struct && fv.CanAddr() && fv.Addr().Type().Implements(nodeType):
					visit(fv.Addr(), into)
				default:
					visit(fv, into)
				}
			}
		}
	}
	visit(reflect.ValueOf(root), nodes)
	return nodes, viaDecls
}

// Every node reachable from the root is visited: no field of any node type
// is skipped.
func TestWalkReachesEveryNode(t *testing.T) {
	for _, path := range corpusFiles(t, "testdata/walk/*.js", "testdata/legit/*.js", "testdata/attack/*.js") {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			prg, err := jsparser.ParseFile(nil, path, string(src), 0, jsrt.ParserOptions...)
			if err != nil {
				// Module syntax and function-body code: parse as the runner does.
				fn, _, perr := jsrt.ParseBody(string(src))
				if perr != nil {
					return // module syntax: goja parses nothing to walk
				}
				checkReach(t, fn)
				return
			}
			checkReach(t, prg)
		})
	}
}

func checkReach(t *testing.T, root jsast.Node) {
	t.Helper()
	visited := map[jsast.Node]int{}
	Walk(root, func(c Cursor) bool { visited[c.Node]++; return true }, nil)
	want, viaDecls := reachable(root)
	for n := range want {
		if visited[n] == 0 {
			t.Errorf("Walk skipped a %T at offset %d", n, n.Idx0())
		}
	}
	for n := range viaDecls {
		if _, isDecl := n.(*jsast.VariableDeclaration); !isDecl && visited[n] == 0 {
			t.Errorf("a %T reached only through a DeclarationList was not visited", n)
		}
	}
	for n, k := range visited {
		if k > 1 {
			t.Errorf("Walk visited a %T %d times", n, k)
		}
	}
}

func TestWalkOrderAndCursor(t *testing.T) {
	fn, _, perr := jsrt.ParseBody("const x = f(a, b);")
	if perr != nil {
		t.Fatal(perr)
	}
	var got []string
	Walk(fn, func(c Cursor) bool {
		if id, ok := c.Node.(*jsast.Identifier); ok {
			got = append(got, c.Field+":"+id.Name.String())
		}
		return true
	}, nil)
	want := "Target:x Callee:f ArgumentList:a ArgumentList:b"
	if s := strings.Join(got, " "); !strings.Contains(s, want) {
		t.Errorf("Walk identifiers = %q, want %q in source order", s, want)
	}
}

func TestWalkDepthLimit(t *testing.T) {
	tests := []struct {
		name string
		n    int
		want bool
	}{
		{"shallow chain", 100, true},
		{"chain past the limit", MaxWalkDepth + 10, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fn, _, perr := jsrt.ParseBody("return a" + strings.Repeat(" + a", tt.n))
			if perr != nil {
				t.Fatal(perr)
			}
			if got := Walk(fn, func(Cursor) bool { return true }, nil); got != tt.want {
				t.Errorf("Walk(a + a ... (%d)) = %v, want %v", tt.n, got, tt.want)
			}
		})
	}
}

type foreignNode struct{}

func (foreignNode) Idx0() file.Idx { return 0 }
func (foreignNode) Idx1() file.Idx { return 0 }

func TestWalkUnknownNodePanics(t *testing.T) {
	defer func() {
		if _, ok := recover().(unknownNode); !ok {
			t.Error("Walk(unknown node type) did not panic with unknownNode")
		}
	}()
	Walk(foreignNode{}, func(Cursor) bool { return true }, nil)
}

func corpusFiles(t *testing.T, globs ...string) []string {
	t.Helper()
	var out []string
	for _, g := range globs {
		m, err := filepath.Glob(g)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, m...)
	}
	if len(out) == 0 {
		t.Fatalf("no files match %v", globs)
	}
	return out
}
