package goja

import (
	"strings"

	"github.com/dop251/goja/ast"
	"github.com/dop251/goja/parser"
)

// calleeText renders a callee as V8's CallPrinter does in "x is not a
// function" ("obj.items.map", "fn(...).x", "obj[k]"), or "" for a shape it
// does not render (the engine's generic message is used then).
func calleeText(e ast.Expression) string {
	var b strings.Builder
	if !writeCallee(&b, e, 0) {
		return ""
	}
	return b.String()
}

func writeCallee(b *strings.Builder, e ast.Expression, depth int) bool {
	if depth > 16 || b.Len() > 200 {
		return false
	}
	switch e := e.(type) {
	case *ast.Identifier:
		b.WriteString(e.Name.String())
	case *ast.ThisExpression:
		b.WriteString("this")
	case *ast.OptionalChain:
		return writeCallee(b, e.Expression, depth+1)
	case *ast.Optional:
		return writeCallee(b, e.Expression, depth+1)
	case *ast.DotExpression:
		if !writeCallee(b, e.Left, depth+1) {
			return false
		}
		b.WriteString(optionalDot(e.Left))
		b.WriteString(e.Identifier.Name.String())
	case *ast.PrivateDotExpression:
		if !writeCallee(b, e.Left, depth+1) {
			return false
		}
		b.WriteString(optionalDot(e.Left))
		b.WriteString("#")
		b.WriteString(e.Identifier.Name.String())
	case *ast.BracketExpression:
		if !writeCallee(b, e.Left, depth+1) {
			return false
		}
		if lit, ok := e.Member.(*ast.StringLiteral); ok && isIdentifierName(lit.Value.String()) {
			b.WriteString(optionalDot(e.Left))
			b.WriteString(lit.Value.String())
			return true
		}
		if _, ok := e.Left.(*ast.Optional); ok {
			b.WriteString("?.")
		}
		b.WriteByte('[')
		if !writeCallee(b, e.Member, depth+1) {
			return false
		}
		b.WriteByte(']')
	case *ast.CallExpression:
		if !writeCallee(b, e.Callee, depth+1) {
			b.Reset()
			b.WriteString("(intermediate value)")
		}
		b.WriteString("(...)")
	case *ast.StringLiteral:
		b.WriteString(e.Literal)
	case *ast.NumberLiteral:
		b.WriteString(e.Literal)
	default:
		return false
	}
	return true
}

func optionalDot(left ast.Expression) string {
	if _, ok := left.(*ast.Optional); ok {
		return "?."
	}
	return "."
}

func isIdentifierName(s string) bool {
	return s != "" && parser.IsIdentifier(s)
}
