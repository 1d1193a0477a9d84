package service

import (
	"context"
	"strings"
	"testing"

	"codexec/internal/testutil"
	"codexec/result"
)

// require works through a real runner exactly when the effective
// configuration allows built-in modules; validation and the runtime agree
// both ways.
func TestBuiltinModulesFollowTheConfig(t *testing.T) {
	s, err := New(Options{RunnerPath: testutil.Runner(t)})
	if err != nil {
		t.Fatal(err)
	}
	code := `const { createHash } = require('node:crypto');
const path = require('path');
return [createHash('sha256').update('abc').digest('hex').slice(0, 8), path.join('/a', '../b')];`
	// Off (the default): validation refuses it, before any runner.
	res := s.Execute(context.Background(), Request{Code: code}, nil)
	if res.Status != result.Blocked || res.Error == nil || !strings.Contains(res.Error.Message, "allowBuiltinModules is off") {
		t.Fatalf("off: %s %+v", res.Status, res.Error)
	}
	// Off, and code that only tests for require: the runner has none.
	res = s.Execute(context.Background(), Request{Code: `return typeof require`}, nil)
	if res.Status != result.OK || string(res.Output) != `"undefined"` {
		t.Fatalf("off, typeof require: %s %s %+v", res.Status, res.Output, res.Error)
	}

	lim := s.Limits()
	lim.AllowBuiltinModules = true
	if err := s.SetLimits(lim); err != nil {
		t.Fatal(err)
	}
	res = s.Execute(context.Background(), Request{Code: code}, nil)
	if res.Status != result.OK || string(res.Output) != `["ba7816bf","/b"]` {
		t.Fatalf("on: %s %s %+v", res.Status, res.Output, res.Error)
	}
	// A module the runtime does not have is refused by validation too.
	res = s.Execute(context.Background(), Request{Code: `return require('fs')`}, nil)
	if res.Status != result.Blocked {
		t.Fatalf("on, fs: %s %+v", res.Status, res.Error)
	}

	lim.AllowBuiltinModules = false
	if err := s.SetLimits(lim); err != nil {
		t.Fatal(err)
	}
	res = s.Execute(context.Background(), Request{Code: `return typeof require`}, nil)
	if string(res.Output) != `"undefined"` {
		t.Fatalf("off again: %s %+v", res.Output, res.Error)
	}
}
