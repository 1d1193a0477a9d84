package upstream

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"codexec/broker"
)

// maxTypeDepth bounds how deep TypeScript follows nested schemas; deeper
// is unknown.
const maxTypeDepth = 12

// TypeScript declares tools for the code, from their JSON schemas:
//
//	declare const tools: {
//	  calc: {
//	    /** Add two numbers. */
//	    add(args: {
//	      /** The first addend. */
//	      a: number;
//	      b?: number;
//	    }): Promise<{
//	      sum: number;
//	    }>;
//	  };
//	};
//
// It covers type (one or a list), properties and required, items, enum,
// const, anyOf and oneOf (unions), allOf (an intersection),
// additionalProperties of an object without properties (an index
// signature), and descriptions as JSDoc; anything else ($ref, a schema
// nested deeper than 12) is unknown, as is the result of a tool without an
// output schema.
func TypeScript(tools []broker.Tool) string {
	root := &node{kids: map[string]*node{}}
	for _, t := range tools {
		n := root
		parts := strings.Split(t.Name, ".")
		for _, p := range parts[:len(parts)-1] {
			k := n.kids[p]
			if k == nil {
				k = &node{kids: map[string]*node{}}
				n.kids[p] = k
			}
			n = k
		}
		n.kids[parts[len(parts)-1]] = &node{tool: &t}
	}
	var b strings.Builder
	b.WriteString("declare const tools: ")
	writeNode(&b, root, 0)
	b.WriteString(";\n")
	return b.String()
}

type node struct {
	tool *broker.Tool
	kids map[string]*node
}

func writeNode(b *strings.Builder, n *node, indent int) {
	if len(n.kids) == 0 {
		b.WriteString("{}")
		return
	}
	names := make([]string, 0, len(n.kids))
	for k := range n.kids {
		names = append(names, k)
	}
	sort.Strings(names)
	b.WriteString("{\n")
	for _, name := range names {
		k := n.kids[name]
		pad := strings.Repeat("  ", indent+1)
		if k.tool != nil {
			writeDoc(b, pad, k.tool.Description)
			b.WriteString(pad + name + "(args: " + schemaType(k.tool.InputSchema, indent+1, 0) + "): Promise<")
			if len(bytes.TrimSpace(k.tool.OutputSchema)) > 0 {
				b.WriteString(schemaType(k.tool.OutputSchema, indent+1, 0))
			} else {
				b.WriteString("unknown")
			}
			b.WriteString(">;\n")
			continue
		}
		b.WriteString(pad + name + ": ")
		writeNode(b, k, indent+1)
		b.WriteString(";\n")
	}
	b.WriteString(strings.Repeat("  ", indent) + "}")
}

// writeDoc writes a description as a JSDoc comment.
func writeDoc(b *strings.Builder, pad, desc string) {
	desc = strings.TrimSpace(strings.ReplaceAll(desc, "*/", "*\\/"))
	if desc == "" {
		return
	}
	lines := strings.Split(strings.ReplaceAll(desc, "\r\n", "\n"), "\n")
	if len(lines) == 1 {
		b.WriteString(pad + "/** " + lines[0] + " */\n")
		return
	}
	b.WriteString(pad + "/**\n")
	for _, l := range lines {
		b.WriteString(strings.TrimRight(pad+" * "+l, " ") + "\n")
	}
	b.WriteString(pad + " */\n")
}

// schemaType is the TypeScript type of a schema (raw JSON), written at
// indent.
func schemaType(raw json.RawMessage, indent, depth int) string {
	raw = bytes.TrimSpace(raw)
	if depth > maxTypeDepth || len(raw) == 0 {
		return "unknown"
	}
	switch string(raw) {
	case "true":
		return "unknown"
	case "false":
		return "never"
	}
	var s map[string]json.RawMessage
	if json.Unmarshal(raw, &s) != nil {
		return "unknown"
	}
	if _, ok := s["$ref"]; ok {
		return "unknown"
	}
	if c, ok := s["const"]; ok {
		return literal(c)
	}
	if e, ok := s["enum"]; ok {
		var vals []json.RawMessage
		if json.Unmarshal(e, &vals) != nil || len(vals) == 0 {
			return "unknown"
		}
		var parts []string
		for _, v := range vals {
			parts = append(parts, literal(v))
		}
		return union(parts)
	}
	for _, k := range []string{"anyOf", "oneOf"} {
		if a, ok := s[k]; ok {
			var subs []json.RawMessage
			if json.Unmarshal(a, &subs) != nil || len(subs) == 0 {
				return "unknown"
			}
			var parts []string
			for _, sub := range subs {
				parts = append(parts, schemaType(sub, indent, depth+1))
			}
			return union(parts)
		}
	}
	if a, ok := s["allOf"]; ok {
		var subs []json.RawMessage
		if json.Unmarshal(a, &subs) != nil || len(subs) == 0 {
			return "unknown"
		}
		var parts []string
		for _, sub := range subs {
			if t := schemaType(sub, indent, depth+1); t != "unknown" {
				parts = append(parts, paren(t))
			}
		}
		if len(parts) == 0 {
			return "unknown"
		}
		return strings.Join(parts, " & ")
	}
	var types []string
	if t, ok := s["type"]; ok {
		var one string
		if json.Unmarshal(t, &one) == nil {
			types = []string{one}
		} else if json.Unmarshal(t, &types) != nil {
			return "unknown"
		}
	} else if _, ok := s["properties"]; ok {
		types = []string{"object"}
	} else if _, ok := s["items"]; ok {
		types = []string{"array"}
	}
	if len(types) == 0 {
		return "unknown"
	}
	var parts []string
	for _, t := range types {
		switch t {
		case "string":
			parts = append(parts, "string")
		case "number", "integer":
			parts = append(parts, "number")
		case "boolean":
			parts = append(parts, "boolean")
		case "null":
			parts = append(parts, "null")
		case "array":
			item := "unknown"
			if it, ok := s["items"]; ok {
				item = schemaType(it, indent, depth+1)
			}
			if strings.ContainsAny(item, " |&\n") {
				parts = append(parts, "Array<"+item+">")
			} else {
				parts = append(parts, item+"[]")
			}
		case "object":
			parts = append(parts, objectType(s, indent, depth))
		default:
			parts = append(parts, "unknown")
		}
	}
	return union(parts)
}

func objectType(s map[string]json.RawMessage, indent, depth int) string {
	keys := orderedKeys(s["properties"])
	if len(keys) == 0 {
		ap := bytes.TrimSpace(s["additionalProperties"])
		switch {
		case string(ap) == "false":
			return "Record<string, never>"
		case len(ap) > 0 && string(ap) != "true":
			return "{ [key: string]: " + schemaType(ap, indent, depth+1) + " }"
		}
		return "{ [key: string]: unknown }"
	}
	var props map[string]json.RawMessage
	_ = json.Unmarshal(s["properties"], &props)
	var required []string
	_ = json.Unmarshal(s["required"], &required)
	req := map[string]bool{}
	for _, r := range required {
		req[r] = true
	}
	pad := strings.Repeat("  ", indent+1)
	var b strings.Builder
	b.WriteString("{\n")
	for _, k := range keys {
		var desc struct {
			Description string `json:"description"`
		}
		_ = json.Unmarshal(props[k], &desc)
		writeDoc(&b, pad, desc.Description)
		b.WriteString(pad + propName(k))
		if !req[k] {
			b.WriteString("?")
		}
		b.WriteString(": " + schemaType(props[k], indent+1, depth+1) + ";\n")
	}
	b.WriteString(strings.Repeat("  ", indent) + "}")
	return b.String()
}

// orderedKeys are an object's keys in the order the JSON has them.
func orderedKeys(raw json.RawMessage) []string {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	var keys []string
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		k, _ := t.(string)
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return keys
		}
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	return keys
}

func propName(k string) string {
	if k != "" && isIdent(k) {
		return k
	}
	b, _ := json.Marshal(k)
	return string(b)
}

func isIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c == '$' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

// literal is a JSON value as a TypeScript literal type: strings, numbers,
// booleans and null are; objects and arrays are unknown.
func literal(v json.RawMessage) string {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || v[0] == '{' || v[0] == '[' {
		return "unknown"
	}
	var x any
	if json.Unmarshal(v, &x) != nil {
		return "unknown"
	}
	if s, ok := x.(string); ok {
		b, _ := json.Marshal(s)
		return string(b)
	}
	return string(v)
}

// union joins types with |, once each; unknown absorbs the rest.
func union(parts []string) string {
	var out []string
	seen := map[string]bool{}
	for _, p := range parts {
		if p == "unknown" {
			return "unknown"
		}
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return strings.Join(out, " | ")
}

func paren(t string) string {
	if strings.Contains(t, " | ") {
		return "(" + t + ")"
	}
	return t
}
