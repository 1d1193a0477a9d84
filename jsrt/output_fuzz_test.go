package jsrt_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"codexec/config"
	"codexec/detect"
	"codexec/ipc"
	"codexec/jsrt"
	"codexec/result"
)

// outputShapes are the ways a fuzzed value comes back from the code: each
// is the body of a job whose context is {"v": value}. roundTrip says the
// output must be the value itself.
var outputShapes = []struct {
	name      string
	code      string
	roundTrip bool
}{
	{"as is", "return context.v", true},
	{"awaited", "return await Promise.resolve(context.v)", true},
	{"structured clone", "return structuredClone(context.v)", true},
	{"through toJSON", "return {toJSON() { return context.v }}", true},
	{"logged", "console.log(context.v); console.log('%o %s %d', context.v, context.v, context.v); return context.v", true},
	{"shared twice", "return [context.v, context.v]", false},
	{"with unserialisable neighbours", "return {v: context.v, u: undefined, f() {}, s: Symbol('s'), m: new Map([[1, context.v]]), d: new Date(0), n: NaN}", false},
	{"made cyclic", "const v = context.v; if (v !== null && typeof v === 'object') v.self = v; return v", false},
	{"with a BigInt", "const v = context.v; if (v !== null && typeof v === 'object') v.big = 10n; return v", false},
	{"getters", "const v = context.v; if (v !== null && typeof v === 'object') Object.defineProperty(v, 'g', {get() { return v }, enumerable: true}); return v", false},
	{"frozen proxy", "return new Proxy(Object.freeze(Object(context.v)), {})", false},
}

// outputSeeds are JSON values of every type and the awkward ones.
var outputSeeds = []string{
	`null`, `true`, `0`, `-0`, `1e308`, `-1.7976931348623157e308`, `5e-324`, `12345678901234567890`, `0.1`,
	`""`, `"é\u0000\u2028\ud800"`, `"\ud83d\ude00"`, `"</script>"`, `[]`, `{}`, `[1, "a", null, [true]]`,
	`{"a": {"b": {"c": [1, 2, {"d": null}]}}}`, `{"__proto__": {"x": 1}}`, `{"constructor": 1, "toJSON": 2}`,
	`{"1": 1, "0": 0, "b": 2, "a": 1}`, `{"a": 1, "a": 2}`, `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
	`{"` + strings.Repeat("k", 300) + `": "` + strings.Repeat("v", 3000) + `"}`,
}

// checkOutput runs one value through one shape in a fresh runtime, as a
// runner would, and checks the result: ok with valid JSON (the value itself
// where the shape says so) or a clean error, never a crash, an internal
// error or a hang. Only contexts the service would pass are run.
func checkOutput(t *testing.T, value string, shape uint8) {
	t.Helper()
	sh := outputShapes[int(shape)%len(outputShapes)]
	ctx := json.RawMessage(`{"v": ` + value + `}`)
	if !utf8.ValidString(value) || detect.CheckParams(detect.Params{Language: detect.JavaScript, Code: sh.code, Context: ctx,
		TimeoutMs: 1000, MemoryLimitMiB: 256, AgentID: "fuzz", ChannelID: "fuzz"}, config.DefaultLimits()) != nil {
		return
	}
	var want any
	if err := json.Unmarshal(ctx, &want); err != nil {
		return // a number beyond a double's range: the service refuses it as invalid
	}
	rt, err := jsrt.New(jsrt.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var logs []string
	res := rt.Run(ipc.Job{ID: "fuzz", Code: sh.code, Context: ctx, TimeoutMs: 10000, MaxOutputBytes: 64 << 10,
		MaxLogLines: 10, MaxLogBytes: 64 << 10, CaptureConsole: true}, func(level, msg string) error {
		logs = append(logs, msg)
		return nil
	})
	where := fmt.Sprintf("value %s, shape %q", value, sh.name)
	for _, l := range logs {
		if !utf8.ValidString(l) {
			t.Fatalf("%s: a log line is not UTF-8: %q", where, l)
		}
	}
	switch res.Status {
	case result.OK:
		if !json.Valid(res.Output) || !utf8.Valid(res.Output) {
			t.Fatalf("%s: ok with output that is not JSON: %q", where, res.Output)
		}
		if len(res.Output) > 64<<10 {
			t.Fatalf("%s: ok with %d bytes of output over the cap", where, len(res.Output))
		}
		if sh.roundTrip {
			var got any
			if err := json.Unmarshal(res.Output, &got); err != nil {
				t.Fatalf("%s: output %s: %v", where, res.Output, err)
			}
			if w := want.(map[string]any)["v"]; !reflect.DeepEqual(got, w) {
				t.Fatalf("%s: output %s, want the value back", where, res.Output)
			}
		}
	case result.Error, result.OutputLimit:
		if res.Error == nil || res.Error.Message == "" || !utf8.ValidString(res.Error.Message) {
			t.Fatalf("%s: %s without a clean error: %+v", where, res.Status, res.Error)
		}
		if sh.roundTrip && res.Status == result.Error {
			t.Fatalf("%s: error %s, want the value back", where, res.Error.Message)
		}
		if res.Status == result.OutputLimit && strings.Contains(res.Error.Message, "output cap") {
			// The serialisation stopped at the cap: in full, the value's
			// JSON must really be over it.
			rt, err := jsrt.New(jsrt.Options{})
			if err != nil {
				t.Fatal(err)
			}
			full := rt.Run(ipc.Job{ID: "fuzz", Code: sh.code, Context: ctx, TimeoutMs: 10000, MaxOutputBytes: 64 << 20,
				MaxLogLines: 10, MaxLogBytes: 64 << 10, CaptureConsole: true}, func(string, string) error { return nil })
			if full.Status == result.OK && len(full.Output) <= 64<<10 {
				t.Fatalf("%s: output_limit (%s), but its JSON in full is %d bytes", where, res.Error.Message, len(full.Output))
			}
		}
	default:
		t.Fatalf("%s: status %s (%+v), want ok, error or output_limit", where, res.Status, res.Error)
	}
}

func FuzzOutput(f *testing.F) {
	for _, v := range outputSeeds {
		for i := range outputShapes {
			f.Add(v, uint8(i))
		}
	}
	f.Fuzz(checkOutput)
}

// TestFuzzOutputCorpus replays FuzzOutput's seeds, and what fuzzing found
// (testdata/fuzz/FuzzOutput), under plain go test.
func TestFuzzOutputCorpus(t *testing.T) {
	type input struct {
		value string
		shape uint8
	}
	var inputs []input
	for _, v := range outputSeeds {
		for i := range outputShapes {
			inputs = append(inputs, input{v, uint8(i)})
		}
	}
	found, _ := filepath.Glob(filepath.Join("testdata", "fuzz", "FuzzOutput", "*"))
	for _, path := range found {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(b), "\n")
		if len(lines) < 3 || !strings.HasPrefix(lines[1], "string(") || !strings.HasPrefix(lines[2], "byte(") {
			t.Fatalf("%s: not a saved FuzzOutput input", path)
		}
		v, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		// byte('\x03'): a character literal.
		lit := strings.TrimSuffix(strings.TrimPrefix(lines[2], "byte("), ")")
		shape, _, _, err := strconv.UnquoteChar(strings.TrimSuffix(strings.TrimPrefix(lit, "'"), "'"), '\'')
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		inputs = append(inputs, input{v, uint8(shape)})
	}
	for i, in := range inputs {
		t.Run(strconv.Itoa(i), func(t *testing.T) { checkOutput(t, in.value, in.shape) })
	}
}
