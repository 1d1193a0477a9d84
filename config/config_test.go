package config

import (
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestDefaultsValid(t *testing.T) {
	if err := DefaultLimits().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateNamesTheField(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*Limits)
		field  string
	}{
		{"timeout zero", func(l *Limits) { l.TimeoutMs = 0 }, "timeout"},
		{"timeout over", func(l *Limits) { l.TimeoutMs = 30001 }, "timeout"},
		{"memory under min", func(l *Limits) { l.MemoryLimitMiB = 8 }, "memoryLimit"},
		{"memory over max", func(l *Limits) { l.MemoryLimitMiB = 4096 }, "memoryLimit"},
		{"max below min", func(l *Limits) { l.MaxMemoryLimitMiB = 16 }, "maxMemoryLimit"},
		{"code cap", func(l *Limits) { l.MaxCodeBytes = 0 }, "maxCodeBytes"},
		{"no log lines", func(l *Limits) { l.MaxLogLines = 0 }, "maxLogLines"},
		{"no log bytes", func(l *Limits) { l.MaxLogBytes = 0 }, "maxLogBytes"},
		{"risk", func(l *Limits) { l.RiskThreshold = 1.5 }, "riskThreshold"},
		{"no tool calls", func(l *Limits) { l.MaxToolCalls = 0 }, "maxToolCalls"},
		{"tool calls over", func(l *Limits) { l.MaxToolCalls = MaxToolCalls + 1 }, "maxToolCalls"},
		{"tool arguments over", func(l *Limits) { l.MaxToolArgBytes = MaxToolArgBytes + 1 }, "maxToolArgBytes"},
		{"tool result zero", func(l *Limits) { l.MaxToolResultBytes = 0 }, "maxToolResultBytes"},
		{"tool result over what a runner reads", func(l *Limits) { l.MaxToolResultBytes = 8<<20 + 1 }, "maxToolResultBytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := DefaultLimits()
			tt.mutate(&l)
			err := l.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.field+" ") {
				t.Errorf("Validate() = %v, want an error naming %s", err, tt.field)
			}
		})
	}
}

func TestPatch(t *testing.T) {
	base := DefaultLimits()
	tests := []struct {
		name    string
		patch   string
		errSub  string
		changed []string
		check   func(Limits) bool
	}{
		{"timeout", `{"timeout": 2000}`, "", []string{"timeout"}, func(l Limits) bool { return l.TimeoutMs == 2000 }},
		{"several", `{"memoryLimit": 128, "captureConsole": false, "riskThreshold": 0.5}`, "", []string{"captureConsole", "memoryLimit", "riskThreshold"},
			func(l Limits) bool { return l.MemoryLimitMiB == 128 && !l.CaptureConsole && l.RiskThreshold == 0.5 }},
		{"same value", `{"timeout": 5000}`, "", nil, nil},
		{"tool caps", `{"maxToolCalls": 20, "maxToolArgBytes": 1024, "maxToolResultBytes": 8388608}`, "", []string{"maxToolArgBytes", "maxToolCalls", "maxToolResultBytes"},
			func(l Limits) bool {
				return l.MaxToolCalls == 20 && l.MaxToolArgBytes == 1024 && l.MaxToolResultBytes == 8<<20
			}},
		{"tool result cap too large", `{"maxToolResultBytes": 8388609}`, "maxToolResultBytes = 8388609 is outside [4, 8388608]", nil, nil},
		{"empty", `{}`, "", nil, nil},
		{"unknown", `{"timeOut": 1}`, `unknown setting "timeOut"`, nil, nil},
		{"wrong type", `{"timeout": "fast"}`, "timeout: want a int64", nil, nil},
		{"fraction for int", `{"memoryLimit": 1.5}`, "memoryLimit", nil, nil},
		{"null", `{"timeout": null}`, "may not be null", nil, nil},
		{"out of bounds", `{"timeout": 60000}`, "timeout = 60000 is outside [1, 30000]", nil, nil},
		{"memory above max", `{"memoryLimit": 2048}`, "memoryLimit", nil, nil},
		{"zero log lines", `{"maxLogLines": 0}`, "maxLogLines = 0 is outside [1, 1048576] (to drop console output, set captureConsole to false)", nil, nil},
		{"not an object", `[1]`, "not a JSON object", nil, nil},
		{"null patch", `null`, "not a JSON object", nil, nil},
		{"trailing", `{} {}`, "data after", nil, nil},
		{"garbage", `{"timeout":`, "not a JSON object", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changes, err := Patch(base, []byte(tt.patch))
			if tt.errSub != "" {
				if err == nil || !strings.Contains(err.Error(), tt.errSub) {
					t.Fatalf("Patch(%s) error = %v, want %q", tt.patch, err, tt.errSub)
				}
				if got != base {
					t.Errorf("a failed patch changed the limits")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			for k := range changes {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			if strings.Join(keys, ",") != strings.Join(tt.changed, ",") {
				t.Errorf("changes = %v, want %v", keys, tt.changed)
			}
			if tt.check != nil && !tt.check(got) {
				t.Errorf("Patch(%s) = %+v", tt.patch, got)
			}
		})
	}
}

func FuzzPatch(f *testing.F) {
	for _, s := range []string{`{"timeout": 2000}`, `{"memoryLimit": 128, "captureConsole": false}`, `{}`, `null`, `[`, `{"x":1}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, patch []byte) {
		got, _, err := Patch(DefaultLimits(), patch)
		if err == nil {
			if verr := got.Validate(); verr != nil {
				t.Fatalf("Patch accepted %q into invalid limits: %v", patch, verr)
			}
		}
	})
}

func TestFile(t *testing.T) {
	dir := t.TempDir()
	p := dir + "/codexec.json"
	os.WriteFile(p, []byte(`{"socket": "/tmp/x.sock", "socketMode": "0600", "hostId": "node-3.example.com", "policy": {"1000": ["a"]}, "limits": {"timeout": 2000}}`), 0o640)
	f, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if f.Socket != "/tmp/x.sock" || f.HostID != "node-3.example.com" || f.Limits.TimeoutMs != 2000 || f.Limits.MemoryLimitMiB != 256 || f.PolicyByUID()[1000][0] != "a" {
		t.Errorf("LoadFile = %+v", f)
	}
	if m, _ := f.Mode(); m != 0o600 {
		t.Errorf("Mode() = %o", m)
	}
	l := f.Limits
	l.MemoryLimitMiB = 128
	if err := SaveLimits(p, l); err != nil {
		t.Fatal(err)
	}
	g, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if g.Limits.MemoryLimitMiB != 128 || g.Socket != "/tmp/x.sock" || g.HostID != "node-3.example.com" || g.Limits.TimeoutMs != 2000 {
		t.Errorf("after SaveLimits: %+v", g)
	}
	if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o640 {
		t.Errorf("SaveLimits changed the mode to %o", fi.Mode().Perm())
	}
	for name, bad := range map[string]string{
		"unknown key":          `{"sockett": "x"}`,
		"bad mode":             `{"socketMode": "rw"}`,
		"bad uid":              `{"policy": {"bob": ["a"]}}`,
		"bad limits":           `{"limits": {"timeout": 0}}`,
		"bad logFormat":        `{"logFormat": "xml"}`,
		"bad hostId":           `{"hostId": "node 3"}`,
		"long hostId":          `{"hostId": "` + strings.Repeat("n", 254) + `"}`,
		"hostId escape":        `{"hostId": "n\u001b[2J"}`,
		"mongo w 0":            `{"mongo": {"w": 0}}`,
		"mongo w word":         `{"mongo": {"w": "most"}}`,
		"mongo w object":       `{"mongo": {"w": {"n": 1}}}`,
		"mongo readPreference": `{"mongo": {"readPreference": "secondaryOnly"}}`,
		"mongo negative time":  `{"mongo": {"timeoutMS": -5}}`,
		"mongo unknown option": `{"mongo": {"wtimeout": 5}}`,
		"mongo journal string": `{"mongo": {"journal": "yes"}}`,
	} {
		os.WriteFile(p, []byte(bad), 0o600)
		_, err := LoadFile(p)
		if err == nil {
			t.Errorf("%s: LoadFile accepted %s", name, bad)
		}
		if strings.Contains(bad, "hostId") && (!errors.Is(err, ErrInvalidHostID) || !strings.Contains(err.Error(), "config: hostId: invalid host id")) {
			t.Errorf("%s: %v; want a hostId error", name, err)
		}
	}
}

func TestMongoOptions(t *testing.T) {
	p := t.TempDir() + "/codexec.json"
	os.WriteFile(p, []byte(`{"mongoUri": "mongodb://db/?replicaSet=rs0", "mongo": {"w": 2, "journal": true, "retryWrites": false,
		"readPreference": "secondaryPreferred", "connectTimeoutMS": 3000, "serverSelectionTimeoutMS": 4000, "timeoutMS": 30000}}`), 0o600)
	f, err := LoadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	m := f.Mongo
	if m.W != "2" || m.Journal == nil || !*m.Journal || m.RetryWrites == nil || *m.RetryWrites || m.ReadPreference != "secondaryPreferred" ||
		m.ConnectTimeoutMS != 3000 || m.ServerSelectionTimeoutMS != 4000 || m.TimeoutMS != 30000 {
		t.Errorf("mongo = %+v", m)
	}
	var w struct{ W WriteConcern }
	if err := json.Unmarshal([]byte(`{"W": "majority"}`), &w); err != nil || w.W != "majority" {
		t.Errorf("w majority: %q, %v", w.W, err)
	}
	// Saved back as it was (PATCH /v1/config rewrites the file).
	if err := SaveLimits(p, f.Limits); err != nil {
		t.Fatal(err)
	}
	if g, err := LoadFile(p); err != nil || !reflect.DeepEqual(g.Mongo, f.Mongo) {
		t.Errorf("after SaveLimits: %+v, %v", g.Mongo, err)
	}
	// Without options, the file has no "mongo" key.
	q := t.TempDir() + "/plain.json"
	os.WriteFile(q, []byte(`{}`), 0o600)
	if err := SaveLimits(q, DefaultLimits()); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(q); strings.Contains(string(b), "mongo") {
		t.Errorf("an empty mongo key was written: %s", b)
	}
	for _, tc := range []struct {
		o    MongoOptions
		says string
	}{
		{MongoOptions{W: "0"}, "w 0 asks for no acknowledgement"},
		{MongoOptions{W: "51"}, "w 51 is outside [1, 50]"},
		{MongoOptions{ReadPreference: "any"}, `readPreference "any" is not one of`},
		{MongoOptions{ServerSelectionTimeoutMS: MaxMongoTimeoutMS + 1}, "serverSelectionTimeoutMS 600001 is outside [1, 600000] ms"},
	} {
		if err := tc.o.Validate(); !errors.Is(err, ErrMongoOption) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("Validate(%+v) = %v; want %q", tc.o, err, tc.says)
		}
	}
}
