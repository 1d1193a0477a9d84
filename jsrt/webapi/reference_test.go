package webapi

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/dop251/goja"
)

// testdata/node_reference.json is Node 24's output for
// testdata/node_reference.js: hundreds of URLs, setters, URLSearchParams
// strings and TextDecoder inputs.
type reference struct {
	Parse []struct {
		Input    string
		Base     *string
		Error    *struct{ Name, Code, Message string }
		CanParse bool
		urlParts
	}
	Setters []struct {
		Href, Prop, Value string
		Error             *struct{ Name, Code string }
		Result            urlParts
	}
	Params []struct {
		Input   string
		Entries [][]string
		String  string
		Size    int
		Sorted  string
	}
	Decode []struct {
		Label     string
		Bytes     []int
		Encoding  string
		Text      string
		IgnoreBOM string
		Fatal     any
	}
	Stream []struct {
		Label string
		Bytes []int
		Text  string
	}
	Labels []struct {
		Label, Encoding, Error, Code, Message string
	}
	SingleByte []struct {
		Label   string
		Text    string
		Refused []int
	}
}

type urlParts struct {
	Href, Origin, Protocol, Username, Password, Host, Hostname, Port, Pathname, Search, Hash, Params string
}

func loadReference(t *testing.T) *reference {
	t.Helper()
	b, err := os.ReadFile("testdata/node_reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var r reference
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return &r
}

// parts reads a URL's components in JavaScript.
const partsJS = `(u) => ({href: u.href, origin: u.origin, protocol: u.protocol, username: u.username,
	password: u.password, host: u.host, hostname: u.hostname, port: u.port, pathname: u.pathname,
	search: u.search, hash: u.hash, params: String(u.searchParams)})`

func exportParts(t *testing.T, vm *goja.Runtime, v goja.Value) urlParts {
	t.Helper()
	var p urlParts
	b, err := json.Marshal(v.Export())
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

// knownURLDifferences are the inputs where the URL library and Node 24
// disagree (see docs/decisions/0020-web-globals.md).
var knownURLDifferences = map[string]bool{
	// Node accepts a Punycode label whose decoding is not a valid label;
	// golang.org/x/net/idna (UTS #46 with label validation) refuses it.
	"http://xn--a.com/":            true,
	"https://xn--a.com:8443/p?q#f": true,
	"http://xn--/":                 true,
	"https://xn--:8443/p?q#f":      true,
	"https://a.b.c.XN--pokxncvks":  true,
}

func TestURLParseMatchesNode(t *testing.T) {
	ref := loadReference(t)
	vm := newVM(t)
	parse, _ := goja.AssertFunction(run(t, vm, `(input, base) => {
		try { return {url: (`+partsJS+`)(base === undefined ? new URL(input) : new URL(input, base)), canParse: URL.canParse(input, base)}; }
		catch (e) { return {error: {name: e.name, code: e.code, message: e.message}, canParse: URL.canParse(input, base)}; }
	}`))
	bad := 0
	for _, c := range ref.Parse {
		base := goja.Undefined()
		if c.Base != nil {
			base = vm.ToValue(*c.Base)
		}
		v, err := parse(goja.Undefined(), vm.ToValue(c.Input), base)
		if err != nil {
			t.Fatalf("%q: %v", c.Input, err)
		}
		o := v.ToObject(vm)
		problem := ""
		if canParse := o.Get("canParse").ToBoolean(); canParse != c.CanParse {
			problem = fmt.Sprintf("URL.canParse = %v, Node: %v", canParse, c.CanParse)
		}
		e := o.Get("error")
		threw := e != nil && !goja.IsUndefined(e)
		switch {
		case problem != "":
		case c.Error != nil && !threw:
			problem = "parsed; Node: " + c.Error.Message
		case c.Error != nil:
			got := e.Export().(map[string]any)
			if got["name"] != c.Error.Name || got["code"] != c.Error.Code || got["message"] != c.Error.Message {
				problem = fmt.Sprintf("threw %v; Node: %+v", got, *c.Error)
			}
		case threw:
			problem = fmt.Sprintf("threw %v; Node: %+v", e.Export(), c.urlParts)
		default:
			if got := exportParts(t, vm, o.Get("url")); got != c.urlParts {
				problem = fmt.Sprintf("\n got %+v\nNode %+v", got, c.urlParts)
			}
		}
		if knownURLDifferences[c.Input] {
			if problem == "" {
				t.Errorf("new URL(%q) now matches Node: drop it from knownURLDifferences", c.Input)
			}
			continue
		}
		if problem != "" {
			bad++
			t.Errorf("new URL(%q, %v): %s", c.Input, strp(c.Base), problem)
		}
	}
	if len(ref.Parse) < 500 {
		t.Errorf("only %d reference URLs", len(ref.Parse))
	}
	t.Logf("%d URLs, %d differ", len(ref.Parse), bad)
}

func strp(s *string) string {
	if s == nil {
		return "<none>"
	}
	return *s
}

func TestURLSettersMatchNode(t *testing.T) {
	ref := loadReference(t)
	vm := newVM(t)
	set, _ := goja.AssertFunction(run(t, vm, `(href, prop, value) => {
		const u = new URL(href);
		let error;
		try { u[prop] = value; } catch (e) { error = {name: e.name, code: e.code}; }
		return {error, result: (`+partsJS+`)(u)};
	}`))
	bad := 0
	for _, c := range ref.Setters {
		v, err := set(goja.Undefined(), vm.ToValue(c.Href), vm.ToValue(c.Prop), vm.ToValue(c.Value))
		if err != nil {
			t.Fatal(err)
		}
		o := v.ToObject(vm)
		e := o.Get("error")
		if (c.Error != nil) != (e != nil && !goja.IsUndefined(e)) {
			bad++
			t.Errorf("%q.%s = %q: error %v; Node: %v", c.Href, c.Prop, c.Value, e, c.Error)
			continue
		}
		if got := exportParts(t, vm, o.Get("result")); got != c.Result {
			bad++
			t.Errorf("%q.%s = %q:\n got %+v\nNode %+v", c.Href, c.Prop, c.Value, got, c.Result)
		}
	}
	t.Logf("%d setter cases, %d differ", len(ref.Setters), bad)
}

func TestURLSearchParamsMatchNode(t *testing.T) {
	ref := loadReference(t)
	vm := newVM(t)
	f, _ := goja.AssertFunction(run(t, vm, `(input) => {
		const p = new URLSearchParams(input);
		const sorted = new URLSearchParams(input);
		sorted.sort();
		return JSON.stringify({entries: [...p], string: p.toString(), size: p.size, sorted: sorted.toString()});
	}`))
	for _, c := range ref.Params {
		v, err := f(goja.Undefined(), vm.ToValue(c.Input))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Entries [][]string
			String  string
			Size    int
			Sorted  string
		}
		if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
			t.Fatal(err)
		}
		if got.String != c.String || got.Size != c.Size || got.Sorted != c.Sorted || !reflect.DeepEqual(got.Entries, c.Entries) {
			t.Errorf("URLSearchParams(%q):\n got %+v\nNode %+v", c.Input, got, c)
		}
	}
}

func TestTextDecoderMatchesNode(t *testing.T) {
	ref := loadReference(t)
	vm := newVM(t)
	f, _ := goja.AssertFunction(run(t, vm, `(label, bytes) => {
		const d = new TextDecoder(label);
		let fatal;
		try { fatal = new TextDecoder(label, {fatal: true}).decode(new Uint8Array(bytes)); }
		catch (e) { fatal = {error: e.name, code: e.code}; }
		return JSON.stringify({encoding: d.encoding, text: d.decode(new Uint8Array(bytes)),
			ignoreBOM: new TextDecoder(label, {ignoreBOM: true}).decode(new Uint8Array(bytes)), fatal});
	}`))
	for _, c := range ref.Decode {
		v, err := f(goja.Undefined(), vm.ToValue(c.Label), vm.ToValue(c.Bytes))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Encoding, Text, IgnoreBOM string
			Fatal                     any
		}
		if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
			t.Fatal(err)
		}
		if got.Encoding != c.Encoding || got.Text != c.Text || got.IgnoreBOM != c.IgnoreBOM || !reflect.DeepEqual(got.Fatal, c.Fatal) {
			t.Errorf("TextDecoder(%q).decode(%v):\n got %+v\nNode %+v", c.Label, c.Bytes, got, c)
		}
	}
	stream, _ := goja.AssertFunction(run(t, vm, `(label, bytes) => {
		const d = new TextDecoder(label);
		let s = '';
		for (const b of bytes) s += d.decode(new Uint8Array([b]), {stream: true});
		return s + d.decode();
	}`))
	for _, c := range ref.Stream {
		v, err := stream(goja.Undefined(), vm.ToValue(c.Label), vm.ToValue(c.Bytes))
		if err != nil {
			t.Fatal(err)
		}
		if v.String() != c.Text {
			t.Errorf("TextDecoder(%q) streaming %v: got %q, Node %q", c.Label, c.Bytes, v.String(), c.Text)
		}
	}
	label, _ := goja.AssertFunction(run(t, vm, `(label) => {
		try { return JSON.stringify({encoding: new TextDecoder(label).encoding}); }
		catch (e) { return JSON.stringify({error: e.name, code: e.code, message: e.message}); }
	}`))
	for _, c := range ref.Labels {
		v, err := label(goja.Undefined(), vm.ToValue(c.Label))
		if err != nil {
			t.Fatal(err)
		}
		var got struct{ Encoding, Error, Code, Message string }
		if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
			t.Fatal(err)
		}
		if got.Encoding != c.Encoding || got.Error != c.Error || got.Code != c.Code || got.Message != c.Message {
			t.Errorf("TextDecoder(%q): got %+v, Node %+v", c.Label, got, c)
		}
	}
}

func TestSingleByteEncodingsMatchNode(t *testing.T) {
	ref := loadReference(t)
	vm := newVM(t)
	f, _ := goja.AssertFunction(run(t, vm, `(label) => {
		const all = new Uint8Array(256);
		for (let i = 0; i < 256; i++) all[i] = i;
		const refused = [];
		for (let b = 0; b < 256; b++) {
			try { new TextDecoder(label, {fatal: true}).decode(new Uint8Array([b])) } catch { refused.push(b) }
		}
		return JSON.stringify({text: new TextDecoder(label).decode(all), refused});
	}`))
	if len(ref.SingleByte) < 25 {
		t.Fatalf("only %d single-byte encodings", len(ref.SingleByte))
	}
	for _, c := range ref.SingleByte {
		v, err := f(goja.Undefined(), vm.ToValue(c.Label))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Text    string
			Refused []int
		}
		if err := json.Unmarshal([]byte(v.String()), &got); err != nil {
			t.Fatal(err)
		}
		if got.Text != c.Text {
			g, n := []rune(got.Text), []rune(c.Text)
			for i := range min(len(g), len(n)) {
				if g[i] != n[i] {
					t.Errorf("%s: byte %#x is %U, Node %U", c.Label, i, g[i], n[i])
				}
			}
		}
		if !reflect.DeepEqual(got.Refused, c.Refused) && (len(got.Refused) > 0 || len(c.Refused) > 0) {
			t.Errorf("%s: fatal refuses %v, Node %v", c.Label, got.Refused, c.Refused)
		}
	}
}
