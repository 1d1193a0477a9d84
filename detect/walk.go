package detect

import (
	"github.com/dop251/goja/ast"
)

// MaxWalkDepth bounds how deep Walk recurses into the tree. Nesting of
// brackets, functions and statements is refused long before this by
// CheckNesting; what is left are left-leaning chains such as a + b + c ...
// or a.b.c ..., which goja's parser builds without recursing but which are
// as deep as they are long.
const MaxWalkDepth = 2048

// Cursor is one node during a walk.
type Cursor struct {
	Node   ast.Node
	Parent ast.Node // nil for the root
	// Field names the field of Parent that holds Node, as spelled in goja's
	// ast package ("Callee", "ArgumentList", "Left", ...); "" for the root.
	Field string
	Depth int // 0 for the root
}

// Walk visits root and every node under it, depth first in source order:
// pre before a node's children (returning false skips them), post, if not
// nil, after them. It visits every node type of goja's ast package, and
// every child field of each (nil children are skipped); the only fields it
// does not descend into are the DeclarationList fields, which repeat
// bindings already reached through the statements that declare them.
//
// Walk returns false when the tree is deeper than MaxWalkDepth; the nodes
// below that depth are not visited.
func Walk(root ast.Node, pre func(Cursor) bool, post func(Cursor)) bool {
	w := walker{pre: pre, post: post, complete: true}
	w.node(root, nil, "", 0)
	return w.complete
}

type walker struct {
	pre      func(Cursor) bool
	post     func(Cursor)
	complete bool
}

func (w *walker) node(n, parent ast.Node, field string, depth int) {
	if n == nil {
		return
	}
	if depth > MaxWalkDepth {
		w.complete = false
		return
	}
	c := Cursor{Node: n, Parent: parent, Field: field, Depth: depth}
	if !w.pre(c) {
		return
	}
	w.children(n, depth+1)
	if w.post != nil {
		w.post(c)
	}
}

// The typed helpers turn possibly-nil pointers into nil interfaces, so that
// node never sees a non-nil interface holding a nil pointer.

func (w *walker) expr(e ast.Expression, parent ast.Node, field string, d int) {
	if e != nil {
		w.node(e, parent, field, d)
	}
}

func (w *walker) exprs(list []ast.Expression, parent ast.Node, field string, d int) {
	for _, e := range list {
		w.expr(e, parent, field, d) // holes in array literals are nil
	}
}

func (w *walker) stmt(s ast.Statement, parent ast.Node, field string, d int) {
	if s != nil {
		w.node(s, parent, field, d)
	}
}

func (w *walker) stmts(list []ast.Statement, parent ast.Node, field string, d int) {
	for _, s := range list {
		w.stmt(s, parent, field, d)
	}
}

func (w *walker) ident(id *ast.Identifier, parent ast.Node, field string, d int) {
	if id != nil {
		w.node(id, parent, field, d)
	}
}

func (w *walker) block(b *ast.BlockStatement, parent ast.Node, field string, d int) {
	if b != nil {
		w.node(b, parent, field, d)
	}
}

func (w *walker) fn(f *ast.FunctionLiteral, parent ast.Node, field string, d int) {
	if f != nil {
		w.node(f, parent, field, d)
	}
}

func (w *walker) bindings(list []*ast.Binding, parent ast.Node, field string, d int) {
	for _, b := range list {
		if b != nil {
			w.node(b, parent, field, d)
		}
	}
}

func (w *walker) params(p *ast.ParameterList, parent ast.Node, d int) {
	if p != nil {
		w.node(p, parent, "ParameterList", d)
	}
}

func (w *walker) decls(list []*ast.VariableDeclaration, parent ast.Node, d int) {
	for _, v := range list {
		if v != nil {
			w.node(v, parent, "DeclarationList", d)
		}
	}
}

// children visits the children of n in source order. Every node type of
// goja's ast package has a case; a type this switch does not know is a
// programming error caught by the walker tests.
func (w *walker) children(n ast.Node, d int) {
	switch n := n.(type) {
	// Expressions.
	case *ast.ArrayLiteral:
		w.exprs(n.Value, n, "Value", d)
	case *ast.ArrayPattern:
		w.exprs(n.Elements, n, "Elements", d)
		w.expr(n.Rest, n, "Rest", d)
	case *ast.AssignExpression:
		w.expr(n.Left, n, "Left", d)
		w.expr(n.Right, n, "Right", d)
	case *ast.AwaitExpression:
		w.expr(n.Argument, n, "Argument", d)
	case *ast.BadExpression:
	case *ast.BinaryExpression:
		w.expr(n.Left, n, "Left", d)
		w.expr(n.Right, n, "Right", d)
	case *ast.Binding:
		w.expr(n.Target, n, "Target", d)
		w.expr(n.Initializer, n, "Initializer", d)
	case *ast.BooleanLiteral:
	case *ast.BracketExpression:
		w.expr(n.Left, n, "Left", d)
		w.expr(n.Member, n, "Member", d)
	case *ast.CallExpression:
		w.expr(n.Callee, n, "Callee", d)
		w.exprs(n.ArgumentList, n, "ArgumentList", d)
	case *ast.ClassLiteral:
		w.ident(n.Name, n, "Name", d)
		w.expr(n.SuperClass, n, "SuperClass", d)
		for _, el := range n.Body {
			if el != nil {
				w.node(el, n, "Body", d)
			}
		}
	case *ast.ConditionalExpression:
		w.expr(n.Test, n, "Test", d)
		w.expr(n.Consequent, n, "Consequent", d)
		w.expr(n.Alternate, n, "Alternate", d)
	case *ast.DotExpression:
		w.expr(n.Left, n, "Left", d)
		w.node(&n.Identifier, n, "Identifier", d)
	case *ast.ExpressionBody:
		w.expr(n.Expression, n, "Expression", d)
	case *ast.ArrowFunctionLiteral:
		w.params(n.ParameterList, n, d)
		if n.Body != nil {
			w.node(n.Body, n, "Body", d)
		}
		w.decls(n.DeclarationList, n, d)
	case *ast.FunctionLiteral:
		w.ident(n.Name, n, "Name", d)
		w.params(n.ParameterList, n, d)
		w.block(n.Body, n, "Body", d)
		w.decls(n.DeclarationList, n, d)
	case *ast.Identifier:
	case *ast.MetaProperty:
		w.ident(n.Meta, n, "Meta", d)
		w.ident(n.Property, n, "Property", d)
	case *ast.NewExpression:
		w.expr(n.Callee, n, "Callee", d)
		w.exprs(n.ArgumentList, n, "ArgumentList", d)
	case *ast.NullLiteral:
	case *ast.NumberLiteral:
	case *ast.ObjectLiteral:
		for _, p := range n.Value {
			w.expr(p, n, "Value", d)
		}
	case *ast.ObjectPattern:
		for _, p := range n.Properties {
			w.expr(p, n, "Properties", d)
		}
		w.expr(n.Rest, n, "Rest", d)
	case *ast.Optional:
		w.expr(n.Expression, n, "Expression", d)
	case *ast.OptionalChain:
		w.expr(n.Expression, n, "Expression", d)
	case *ast.ParameterList:
		w.bindings(n.List, n, "List", d)
		w.expr(n.Rest, n, "Rest", d)
	case *ast.PrivateDotExpression:
		w.expr(n.Left, n, "Left", d)
		w.node(&n.Identifier, n, "Identifier", d)
	case *ast.PrivateIdentifier:
	case *ast.PropertyKeyed:
		w.expr(n.Key, n, "Key", d)
		w.expr(n.Value, n, "Value", d)
	case *ast.PropertyShort:
		w.node(&n.Name, n, "Name", d)
		w.expr(n.Initializer, n, "Initializer", d)
	case *ast.RegExpLiteral:
	case *ast.SequenceExpression:
		w.exprs(n.Sequence, n, "Sequence", d)
	case *ast.SpreadElement:
		w.expr(n.Expression, n, "Expression", d)
	case *ast.StringLiteral:
	case *ast.SuperExpression:
	case *ast.TemplateElement:
	case *ast.TemplateLiteral:
		w.expr(n.Tag, n, "Tag", d)
		for i, el := range n.Elements {
			if el != nil {
				w.node(el, n, "Elements", d)
			}
			if i < len(n.Expressions) {
				w.expr(n.Expressions[i], n, "Expressions", d)
			}
		}
		for i := len(n.Elements); i < len(n.Expressions); i++ {
			w.expr(n.Expressions[i], n, "Expressions", d)
		}
	case *ast.ThisExpression:
	case *ast.UnaryExpression:
		w.expr(n.Operand, n, "Operand", d)
	case *ast.YieldExpression:
		w.expr(n.Argument, n, "Argument", d)

	// Statements.
	case *ast.BadStatement:
	case *ast.BlockStatement:
		w.stmts(n.List, n, "List", d)
	case *ast.BranchStatement:
		w.ident(n.Label, n, "Label", d)
	case *ast.CaseStatement:
		w.expr(n.Test, n, "Test", d)
		w.stmts(n.Consequent, n, "Consequent", d)
	case *ast.CatchStatement:
		w.expr(n.Parameter, n, "Parameter", d)
		w.block(n.Body, n, "Body", d)
	case *ast.ClassDeclaration:
		if n.Class != nil {
			w.node(n.Class, n, "Class", d)
		}
	case *ast.DebuggerStatement:
	case *ast.DoWhileStatement:
		w.stmt(n.Body, n, "Body", d)
		w.expr(n.Test, n, "Test", d)
	case *ast.EmptyStatement:
	case *ast.ExpressionStatement:
		w.expr(n.Expression, n, "Expression", d)
	case *ast.ForInStatement:
		if n.Into != nil {
			w.node(n.Into, n, "Into", d)
		}
		w.expr(n.Source, n, "Source", d)
		w.stmt(n.Body, n, "Body", d)
	case *ast.ForOfStatement:
		if n.Into != nil {
			w.node(n.Into, n, "Into", d)
		}
		w.expr(n.Source, n, "Source", d)
		w.stmt(n.Body, n, "Body", d)
	case *ast.ForStatement:
		if n.Initializer != nil {
			w.node(n.Initializer, n, "Initializer", d)
		}
		w.expr(n.Test, n, "Test", d)
		w.expr(n.Update, n, "Update", d)
		w.stmt(n.Body, n, "Body", d)
	case *ast.FunctionDeclaration:
		w.fn(n.Function, n, "Function", d)
	case *ast.IfStatement:
		w.expr(n.Test, n, "Test", d)
		w.stmt(n.Consequent, n, "Consequent", d)
		w.stmt(n.Alternate, n, "Alternate", d)
	case *ast.LabelledStatement:
		w.ident(n.Label, n, "Label", d)
		w.stmt(n.Statement, n, "Statement", d)
	case *ast.LexicalDeclaration:
		w.bindings(n.List, n, "List", d)
	case *ast.ReturnStatement:
		w.expr(n.Argument, n, "Argument", d)
	case *ast.SwitchStatement:
		w.expr(n.Discriminant, n, "Discriminant", d)
		for _, c := range n.Body {
			if c != nil {
				w.node(c, n, "Body", d)
			}
		}
	case *ast.ThrowStatement:
		w.expr(n.Argument, n, "Argument", d)
	case *ast.TryStatement:
		w.block(n.Body, n, "Body", d)
		if n.Catch != nil {
			w.node(n.Catch, n, "Catch", d)
		}
		w.block(n.Finally, n, "Finally", d)
	case *ast.VariableStatement:
		w.bindings(n.List, n, "List", d)
	case *ast.WhileStatement:
		w.expr(n.Test, n, "Test", d)
		w.stmt(n.Body, n, "Body", d)
	case *ast.WithStatement:
		w.expr(n.Object, n, "Object", d)
		w.stmt(n.Body, n, "Body", d)

	// Declarations, class elements, loop heads, the program.
	case *ast.VariableDeclaration:
		// Its List is the same slice as the statement's that declared it.
	case *ast.FieldDefinition:
		w.expr(n.Key, n, "Key", d)
		w.expr(n.Initializer, n, "Initializer", d)
	case *ast.MethodDefinition:
		w.expr(n.Key, n, "Key", d)
		w.fn(n.Body, n, "Body", d)
	case *ast.ClassStaticBlock:
		w.block(n.Block, n, "Block", d)
		w.decls(n.DeclarationList, n, d)
	case *ast.ForLoopInitializerExpression:
		w.expr(n.Expression, n, "Expression", d)
	case *ast.ForLoopInitializerVarDeclList:
		w.bindings(n.List, n, "List", d)
	case *ast.ForLoopInitializerLexicalDecl:
		w.node(&n.LexicalDeclaration, n, "LexicalDeclaration", d)
	case *ast.ForIntoVar:
		if n.Binding != nil {
			w.node(n.Binding, n, "Binding", d)
		}
	case *ast.ForDeclaration:
		w.expr(n.Target, n, "Target", d)
	case *ast.ForIntoExpression:
		w.expr(n.Expression, n, "Expression", d)
	case *ast.Program:
		w.stmts(n.Body, n, "Body", d)
		w.decls(n.DeclarationList, n, d)
	default:
		panic(unknownNode{n})
	}
}

// unknownNode is the panic of a walk over a node type this package does
// not know (a newer goja). Validate recovers it and refuses the code.
type unknownNode struct{ n ast.Node }
