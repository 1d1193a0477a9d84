package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// The runner is the process untrusted code runs in: every package it links
// is attack surface. It links the standard library (but not its network,
// process-spawning or plugin packages), codexec's runner-side packages,
// goja with goja's own dependencies, x/sys and the lockdown libraries.
var allowedModules = []string{
	"codexec/ipc", "codexec/jsrt", "codexec/result", "codexec/limits",
	"github.com/dop251/goja",
	"github.com/dlclark/regexp2",                    // goja's regular expressions
	"github.com/go-sourcemap/sourcemap",             // goja's source maps (disabled by jsrt.ParserOptions)
	"golang.org/x/text",                             // goja's String.prototype.localeCompare and normalize; Intl.Collator
	"github.com/rivo/uniseg",                        // Intl.Segmenter (UAX #29 graphemes, words, sentences)
	"golang.org/x/sys",                              // system calls for the lockdown
	"github.com/landlock-lsm/go-landlock",           // landlock
	"github.com/elastic/go-seccomp-bpf",             // seccomp
	"kernel.org/pub/linux/libs/security/libcap/psx", // go-landlock's all-thread syscalls
	"github.com/nlnwa/whatwg-url",                   // WHATWG URL parser behind URL (jsrt/webapi)
	"github.com/bits-and-blooms/bitset",             // whatwg-url's percent-encode sets
	"golang.org/x/net/idna",                         // UTS #46 for URL host names (x/net: idna only)
}

var forbidden = map[string]string{
	"net":                                  "the runner has no network",
	"net/http":                             "the runner has no network",
	"os/exec":                              "the runner never starts processes",
	"plugin":                               "the runner never loads code",
	"github.com/evanw/esbuild":             "TypeScript is stripped in the supervisor",
	"go.mongodb.org/mongo-driver/v2/mongo": "auditing is the supervisor's job",
	"github.com/spf13/cobra":               "the runner has no command line",
	"go.etcd.io/bbolt":                     "the runner has no storage",
}

func TestRunnerDependencies(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "codexec/cmd/runner")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	pkgs := strings.Fields(string(out))
	if len(pkgs) < 20 {
		t.Fatalf("go list returned only %d packages: %q", len(pkgs), out)
	}
	for _, p := range pkgs {
		if why, bad := forbidden[p]; bad {
			t.Errorf("runner links %s: %s", p, why)
		}
		if !strings.Contains(strings.SplitN(p, "/", 2)[0], ".") && !strings.HasPrefix(p, "codexec/") {
			continue // standard library
		}
		if p == "codexec/cmd/runner" {
			continue
		}
		ok := false
		for _, m := range allowedModules {
			if p == m || strings.HasPrefix(p, m+"/") {
				ok = true
				break
			}
		}
		if !ok {
			t.Errorf("runner links %s, which is not on its allowlist", p)
		}
	}
}
