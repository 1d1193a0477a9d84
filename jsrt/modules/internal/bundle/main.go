// Command bundle writes jsrt/modules/js: one minified file per built-in
// module, built with esbuild from the glue in src/ and the npm packages that
// package.json pins:
//
//	(cd jsrt/modules/internal/bundle && npm ci --ignore-scripts)
//	go run ./jsrt/modules/internal/bundle
//
// Each output file is one function expression,
//
//	(function (require, module, exports, host, process, Function) { ... })
//
// that jsrt/modules calls on the module's first require. Inside a bundle,
// require of another built-in module (util, buffer, ...) is left to the
// runtime, so every module exists once however many others use it. In
// src/, a name with a trailing slash ("buffer/") means the npm package of
// that name; anywhere else it means the built-in module. A few helper
// packages are replaced by shims in src/ (their polyfills reach for the
// Function constructor, which the sandbox does not have), and a few npm
// files are patched to Node 24's behaviour; each patch must match exactly
// once or the generator fails. util's inspect and format are not bundled:
// they are the runtime's own (host.inspector()).
//
// This is a separate main package: the runner does not link esbuild.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// Modules are the built-in modules, each built from src/NAME.js.
var Modules = []string{"assert", "buffer", "crypto", "events", "path", "querystring", "string_decoder", "url", "util"}

// shims replace helper packages, for every importer.
var shims = map[string]string{
	"qs":                     "shim_qs.js",
	"punycode/":              "shim_punycode.js",
	"object.assign/polyfill": "shim_object_assign.js",
	"object-is/polyfill":     "shim_object_is.js",
	"call-bind/callBound":    "shim_callbound.js",
	"is-nan":                 "shim_is_nan.js",
	"object-is":              "shim_object_is_fn.js",
}

// patch is a text replacement in one npm file.
type patch struct {
	file     string // path under node_modules
	old, new string
	until    string // if set, old is where the replaced text starts and until where it ends (included)
}

// replace is a patch of the text old.
func replace(file, old, new string) patch { return patch{file: file, old: old, new: new} }

var patches = []patch{
	// assert's messages as Node 24 words them: a diff ends with a newline,
	// ...
	replace("assert/build/internal/assert/assertion_error.js", "concat(other).concat(end).concat(indicator);", `concat(other).concat(end).concat(indicator, "\n");`),
	replace("assert/build/internal/assert/assertion_error.js", "'Values identical but not reference-equal:'", "'Values have same structure but are not reference-equal:'"),
	replace("assert/build/internal/assert/assertion_error.js", `.concat(_res, "\n\nshould equal\n\n")`, `.concat(_res, operator === 'deepEqual' ? "\n\nshould loosely deep-equal\n\n" : "\n\nshould equal\n\n")`),
	// ... and a message given to strictEqual or deepStrictEqual heads the
	// diff instead of replacing it.
	replace("assert/build/internal/assert/assertion_error.js", "function createErrDiff(actual, expected, operator) {", "function createErrDiff(actual, expected, operator, header) {"),
	replace("assert/build/internal/assert/assertion_error.js", `return "".concat(kReadableOperator[operator], "\n\n") + "".concat(actualLines[0], " !== ")`, `return "".concat(header || kReadableOperator[operator], "\n\n") + "".concat(actualLines[0], " !== ")`),
	replace("assert/build/internal/assert/assertion_error.js", "var msg = kReadableOperator[operator] + ", "var msg = (header || kReadableOperator[operator]) + "),
	replace("assert/build/internal/assert/assertion_error.js", "    if (message != null) {\n      _this = _super.call(this, String(message));", "    if (message != null && (message instanceof Error || (operator !== 'deepStrictEqual' && operator !== 'strictEqual'))) {\n      _this = _super.call(this, String(message));\n    } else if (message != null) {\n      _this = _super.call(this, createErrDiff(actual, expected, operator, String(message)));"),
	// buffer's range errors as Node's: class, code and message.
	replace("buffer/index.js", "const base64 = require('base64-js')", bufferErrors+"const base64 = require('base64-js')"),
	replace("buffer/index.js", "  if ((offset % 1) !== 0 || offset < 0) throw new RangeError('offset is not uint')\n  if (offset + ext > length) throw new RangeError('Trying to access beyond buffer length')",
		"  nodeCheckBounds(offset, ext, length)"),
	replace("buffer/index.js", "  if (value > max || value < min) throw new RangeError('\"value\" argument is out of bounds')\n  if (offset + ext > buf.length) throw new RangeError('Index out of range')",
		"  if (value > max || value < min) throw nodeRangeError('value', nodeIntRange(min, max, ext), value)\n  nodeCheckBounds(offset, ext, buf.length)"),
	// Buffer's encodings done by the runtime (buffer_natives.go): in
	// JavaScript they concatenate a string a character at a time, which
	// goja makes quadratic. UTF-8 is decoded as WHATWG (and Node) do: one
	// U+FFFD for each maximal invalid subsequence.
	replace("buffer/index.js", "function utf8Slice (buf, start, end) {", "function utf8Slice (buf, start, end) {\n  return host.bufDecode(buf, start, end, 'utf8')\n}\nfunction utf8SliceJS (buf, start, end) {"),
	replace("buffer/index.js", "function hexSlice (buf, start, end) {", "function hexSlice (buf, start, end) {\n  return host.bufDecode(buf, start, end, 'hex')\n}\nfunction hexSliceJS (buf, start, end) {"),
	replace("buffer/index.js", "function asciiSlice (buf, start, end) {", "function asciiSlice (buf, start, end) {\n  return host.bufDecode(buf, start, end, 'ascii')\n}\nfunction asciiSliceJS (buf, start, end) {"),
	replace("buffer/index.js", "function latin1Slice (buf, start, end) {", "function latin1Slice (buf, start, end) {\n  return host.bufDecode(buf, start, end, 'latin1')\n}\nfunction latin1SliceJS (buf, start, end) {"),
	replace("buffer/index.js", "function base64Slice (buf, start, end) {", "function base64Slice (buf, start, end) {\n  return host.bufDecode(buf, start, end, 'base64')\n}\nfunction base64SliceJS (buf, start, end) {"),
	replace("buffer/index.js", "function utf16leSlice (buf, start, end) {", "function utf16leSlice (buf, start, end) {\n  return host.bufDecode(buf, start, end, 'utf16le')\n}\nfunction utf16leSliceJS (buf, start, end) {"),
	replace("buffer/index.js", "function utf8Write (buf, string, offset, length) {", "function utf8Write (buf, string, offset, length) {\n  return host.bufWrite(buf, string, offset, length, 'utf8')\n}\nfunction utf8WriteJS (buf, string, offset, length) {"),
	replace("buffer/index.js", "function hexWrite (buf, string, offset, length) {", "function hexWrite (buf, string, offset, length) {\n  return host.bufWrite(buf, string, offset, length, 'hex')\n}\nfunction hexWriteJS (buf, string, offset, length) {"),
	replace("buffer/index.js", "function asciiWrite (buf, string, offset, length) {", "function asciiWrite (buf, string, offset, length) {\n  return host.bufWrite(buf, string, offset, length, 'latin1')\n}\nfunction asciiWriteJS (buf, string, offset, length) {"),
	replace("buffer/index.js", "function base64Write (buf, string, offset, length) {", "function base64Write (buf, string, offset, length) {\n  return host.bufWrite(buf, string, offset, length, 'base64')\n}\nfunction base64WriteJS (buf, string, offset, length) {"),
	replace("buffer/index.js", "function ucs2Write (buf, string, offset, length) {", "function ucs2Write (buf, string, offset, length) {\n  return host.bufWrite(buf, string, offset, length, 'utf16le')\n}\nfunction ucs2WriteJS (buf, string, offset, length) {"),
	replace("buffer/index.js", "        return utf8ToBytes(string).length\n", "        return host.byteLength(string, 'utf8')\n"),
	replace("buffer/index.js", "        return base64ToBytes(string).length", "        return host.byteLength(string, 'base64')"),
	replace("buffer/index.js", "return mustMatch ? -1 : utf8ToBytes(string).length // assume utf8", "return mustMatch ? -1 : host.byteLength(string, 'utf8') // assume utf8"),
	// string_decoder's unknown encoding as Node's.
	replace("string_decoder/lib/string_decoder.js", "throw new Error('Unknown encoding: ' + enc);",
		"throw Object.defineProperty(new TypeError('Unknown encoding: ' + enc), 'code', { value: 'ERR_UNKNOWN_ENCODING', writable: true, enumerable: true, configurable: true });"),
	// assert.throws/rejects with an Error class the error is not an
	// instance of: Node 24 fails the assertion rather than rethrowing.
	replace("assert/build/assert.js", "  if (Error.isPrototypeOf(expected)) {\n    return false;\n  }", `  if (Error.isPrototypeOf(expected)) {
    if (actual instanceof Error) {
      var m = 'The error is expected to be an instance of "' + expected.name + '". Received ';
      var name = actual.constructor && actual.constructor.name || actual.name;
      m += expected.name === name ? 'an error with identical name but a different prototype.' : '"' + name + '"';
      if (actual.message) m += '\n\nError message:\n\n' + actual.message;
      var err = new AssertionError({ actual: actual, expected: expected, message: m, operator: fn.name, stackStartFn: fn });
      err.generatedMessage = !msg;
      throw err;
    }
    return false;
  }`),
	// Node sends the max-listeners warning to the process's stderr, which
	// a job does not have, not to its console.
	replace("events/events.js", "if (console && console.warn) console.warn(warning);", ""),
}

// bufferErrors are the helpers the buffer patches call: Node's
// ERR_OUT_OF_RANGE and ERR_BUFFER_OUT_OF_BOUNDS (lib/internal/buffer.js).
const bufferErrors = `function nodeRangeError (name, range, value) {
  let shown = typeof value === 'bigint' ? String(value) + 'n' : String(value)
  if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) shown = shown.replace(/\B(?=(\d{3})+(?!\d))/g, '_')
  const e = new RangeError('The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + shown)
  e.code = 'ERR_OUT_OF_RANGE'
  return e
}
function nodeIntRange (min, max, byteLength) {
  if (byteLength > 3) {
    if (min === 0) return '>= 0 and < 2 ** ' + byteLength * 8
    return '>= -(2 ** ' + (byteLength * 8 - 1) + ') and < 2 ** ' + (byteLength * 8 - 1)
  }
  return '>= ' + min + ' and <= ' + max
}
function nodeCheckBounds (offset, byteLength, length) {
  if (offset + byteLength > length) {
    if (length - byteLength < 0) {
      const e = new RangeError('Attempt to access memory outside buffer bounds')
      e.code = 'ERR_BUFFER_OUT_OF_BOUNDS'
      throw e
    }
    throw nodeRangeError('offset', '>= 0 and <= ' + (length - byteLength), offset)
  }
}
`

const header = "// Code generated by go run ./jsrt/modules/internal/bundle; DO NOT EDIT.\n"

func main() {
	here, _ := os.Getwd()
	dir := flag.String("dir", filepath.Join(here, "jsrt/modules/internal/bundle"), "the generator's directory (src/, node_modules/)")
	out := flag.String("out", filepath.Join(here, "jsrt/modules/js"), "directory to write the bundles to")
	flag.Parse()
	if err := run(*dir, *out); err != nil {
		fmt.Fprintln(os.Stderr, "bundle:", err)
		os.Exit(1)
	}
}

func run(dir, out string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules")); err != nil {
		return fmt.Errorf("no node_modules: run (cd %s && npm ci --ignore-scripts) first", dir)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	packages := map[string]bool{}
	for _, name := range Modules {
		code, err := build(dir, name, packages)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		wrapped := header + "(function(require,module,exports,host,process,Function){" + code + "})\n"
		if err := os.WriteFile(filepath.Join(out, name+".js"), []byte(wrapped), 0o644); err != nil {
			return err
		}
		fmt.Printf("%-15s %6d bytes\n", name, len(wrapped))
	}
	return writeNotices(dir, out, packages)
}

func build(dir, name string, packages map[string]bool) (string, error) {
	src := filepath.Join(dir, "src")
	public := regexp.MustCompile(`^(` + strings.Join(Modules, "|") + `)(/?)$`)
	plugin := api.Plugin{
		Name: "codexec-modules",
		Setup: func(b api.PluginBuild) {
			b.OnResolve(api.OnResolveOptions{Filter: `.*`}, func(a api.OnResolveArgs) (api.OnResolveResult, error) {
				if strings.HasPrefix(a.Path, "internal/") {
					// What Node's vendored files import from Node's internals.
					return api.OnResolveResult{Path: filepath.Join(src, "node", a.Path+".js")}, nil
				}
				if f, ok := shims[a.Path]; ok {
					return api.OnResolveResult{Path: filepath.Join(src, f)}, nil
				}
				m := public.FindStringSubmatch(a.Path)
				if m == nil {
					return api.OnResolveResult{}, nil
				}
				fromGlue := filepath.Dir(a.Importer) == src
				switch {
				case fromGlue && m[2] == "/":
					return api.OnResolveResult{}, nil // the npm package itself
				case name == "util" && m[1] == "util":
					// assert's comparisons, bundled into util, need only
					// the type checks.
					return api.OnResolveResult{Path: filepath.Join(src, "types.js")}, nil
				}
				return api.OnResolveResult{Path: m[1], External: true}, nil
			})
			// Node's own files read primordials, a free variable in Node.
			b.OnLoad(api.OnLoadOptions{Filter: `/src/node/(path|querystring|internal/querystring)\.js$`}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				b, err := os.ReadFile(a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				text := "var primordials = require(" + strconv.Quote(filepath.Join(src, "node", "primordials.js")) + ");\n" + string(b)
				return api.OnLoadResult{Contents: &text, ResolveDir: filepath.Dir(a.Path), Loader: api.LoaderJS}, nil
			})
			b.OnLoad(api.OnLoadOptions{Filter: `node_modules`}, func(a api.OnLoadArgs) (api.OnLoadResult, error) {
				var mine []patch
				for _, p := range patches {
					if strings.HasSuffix(filepath.ToSlash(a.Path), "node_modules/"+p.file) {
						mine = append(mine, p)
					}
				}
				if len(mine) == 0 {
					return api.OnLoadResult{}, nil
				}
				b, err := os.ReadFile(a.Path)
				if err != nil {
					return api.OnLoadResult{}, err
				}
				text := string(b)
				for _, p := range mine {
					if n := strings.Count(text, p.old); n != 1 {
						return api.OnLoadResult{}, fmt.Errorf("patch of %s: %q occurs %d times, not once", p.file, p.old, n)
					}
					if p.until == "" {
						text = strings.Replace(text, p.old, p.new, 1)
						continue
					}
					i := strings.Index(text, p.old)
					j := strings.Index(text[i:], p.until)
					if j < 0 || strings.Count(text[i:], p.until) != 1 {
						return api.OnLoadResult{}, fmt.Errorf("patch of %s: %q does not end once after %q", p.file, p.until, p.old)
					}
					text = text[:i] + p.new + text[i+j+len(p.until):]
				}
				return api.OnLoadResult{Contents: &text, ResolveDir: filepath.Dir(a.Path), Loader: api.LoaderJS}, nil
			})
		},
	}
	res := api.Build(api.BuildOptions{
		EntryPoints: []string{filepath.Join(src, name+".js")},
		Bundle:      true,
		Write:       false,
		Format:      api.FormatCommonJS,
		Platform:    api.PlatformNeutral,
		MainFields:  []string{"main"},
		Conditions:  []string{"require"},
		Target:      api.ES2020,
		// goja cannot parse these: lowered.
		Supported:         map[string]bool{"async-generator": false, "for-await": false},
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		KeepNames:         true, // Buffer.name, EventEmitter.name, ... as in Node
		LegalComments:     api.LegalCommentsNone,
		Charset:           api.CharsetUTF8,
		Define:            map[string]string{"global": "globalThis"},
		Plugins:           []api.Plugin{plugin},
		Metafile:          true,
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		msgs := api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage})
		return "", fmt.Errorf("%s", strings.Join(msgs, ""))
	}
	if len(res.OutputFiles) != 1 {
		return "", fmt.Errorf("%d output files", len(res.OutputFiles))
	}
	// The npm packages whose code went in, for the licence notices.
	var meta struct {
		Inputs map[string]json.RawMessage `json:"inputs"`
	}
	if err := json.Unmarshal([]byte(res.Metafile), &meta); err != nil {
		return "", err
	}
	for in := range meta.Inputs {
		if i := strings.LastIndex(in, "node_modules/"); i >= 0 {
			rest := strings.SplitN(in[i+len("node_modules/"):], "/", 3)
			pkg := rest[0]
			if strings.HasPrefix(pkg, "@") && len(rest) > 1 {
				pkg += "/" + rest[1]
			}
			abs, err := filepath.Abs(in[:i+len("node_modules/")] + pkg)
			if err != nil {
				return "", err
			}
			packages[abs] = true
		}
	}
	return strings.TrimSpace(string(res.OutputFiles[0].Contents)), nil
}

// writeNotices writes the licences of the npm packages in the bundles
// (packages: their directories) and
// of Node's own files (from their headers) to out/LICENSES.txt.
func writeNotices(dir, out string, packages map[string]bool) error {
	var b strings.Builder
	b.WriteString("The bundles in this directory contain code from these projects, under these licences.\n")
	dirs := make([]string, 0, len(packages))
	for p := range packages {
		dirs = append(dirs, p)
	}
	sort.Strings(dirs)
	for _, p := range dirs {
		pdir := p
		var pkg struct{ Name, Version, License string }
		if raw, err := os.ReadFile(filepath.Join(pdir, "package.json")); err != nil {
			return err
		} else if err := json.Unmarshal(raw, &pkg); err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		files, _ := filepath.Glob(filepath.Join(pdir, "LICEN[CS]E*"))
		if len(files) == 0 {
			return fmt.Errorf("%s@%s: no licence file", pkg.Name, pkg.Version)
		}
		text, err := os.ReadFile(files[0])
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "\n==== %s %s (%s)\n\n%s\n", pkg.Name, pkg.Version, pkg.License, strings.TrimSpace(string(text)))
	}
	// Node's files carry their licence in their header comment.
	head, err := os.ReadFile(filepath.Join(dir, "src", "node", "path.js"))
	if err != nil {
		return err
	}
	var lines []string
	for _, l := range strings.Split(string(head), "\n") {
		if !strings.HasPrefix(l, "//") {
			break
		}
		lines = append(lines, strings.TrimSpace(strings.TrimPrefix(l, "//")))
	}
	fmt.Fprintf(&b, "\n==== Node.js v24.22.3: lib/path.js, lib/querystring.js, lib/internal/querystring.js (MIT)\n\n%s\n", strings.Join(lines, "\n"))
	return os.WriteFile(filepath.Join(out, "LICENSES.txt"), []byte(b.String()), 0o644)
}
