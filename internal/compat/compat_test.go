// Package compat runs the compatibility corpus (testdata/compat): every
// snippet through `supervisor run --json`, its output compared with what
// Node printed for it. See testdata/compat/README.md.
package compat

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"codexec/internal/testutil"
)

// Case is one snippet of the corpus.
type Case struct {
	Name       string // AREA/NAME
	File       string
	Want       string // Node's output
	Directives map[string]string
}

var directiveRe = regexp.MustCompile(`^\s*//\s*compat:\s*(\w+)\s*(.*)$`)

// Load reads every case under dir (AREA/NAME.js|ts with AREA/NAME.out).
func Load(dir string) ([]Case, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.[jt]s"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var cases []Case
	for _, f := range files {
		want, err := os.ReadFile(strings.TrimSuffix(f, filepath.Ext(f)) + ".out")
		if err != nil {
			return nil, fmt.Errorf("%s has no recorded output (testdata/compat/record.sh): %w", f, err)
		}
		code, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		c := Case{
			Name:       strings.TrimSuffix(filepath.ToSlash(strings.TrimPrefix(f, dir+string(filepath.Separator))), filepath.Ext(f)),
			File:       f,
			Want:       strings.TrimRight(string(want), "\n"),
			Directives: map[string]string{},
		}
		sc := bufio.NewScanner(bytes.NewReader(code))
		for sc.Scan() {
			line := sc.Text()
			if m := directiveRe.FindStringSubmatch(line); m != nil {
				c.Directives[m[1]] = strings.TrimSpace(m[2])
				continue
			}
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "//") {
				break
			}
		}
		cases = append(cases, c)
	}
	return cases, nil
}

// Known reads known-differences.txt: AREA/NAME → reason.
func Known(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	known := map[string]string{}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, reason, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(reason) == "" {
			return nil, fmt.Errorf("%s:%d: want \"AREA/NAME: reason\"", path, i+1)
		}
		known[strings.TrimSpace(name)] = strings.TrimSpace(reason)
	}
	return known, nil
}

// runResult is the part of `supervisor run --json` the comparison reads.
type runResult struct {
	Status string          `json:"status"`
	Output json.RawMessage `json:"output"`
	Logs   []struct {
		Message string `json:"message"`
	} `json:"logs"`
	Error *struct {
		Message string `json:"message"`
	} `json:"error"`
}

var errNameRe = regexp.MustCompile(`^(?:Uncaught |Unhandled promise rejection: )?([A-Za-z_$][\w$]*):`)

// Render turns a result into the form Node's output was recorded in.
func Render(r runResult) string {
	var b strings.Builder
	for _, l := range r.Logs {
		b.WriteString(l.Message)
		b.WriteByte('\n')
	}
	switch r.Status {
	case "ok":
		var out bytes.Buffer
		if err := json.Compact(&out, r.Output); err != nil || len(r.Output) == 0 {
			out.Reset()
			out.WriteString("null")
		}
		b.WriteString("=> " + out.String())
	case "timeout":
		b.WriteString("!! Timeout")
	default:
		name := "Error"
		if r.Error != nil {
			if m := errNameRe.FindStringSubmatch(r.Error.Message); m != nil {
				name = m[1]
			}
		}
		if r.Status != "error" {
			name += " (status " + r.Status + ")"
		}
		b.WriteString("!! " + name)
	}
	return b.String()
}

// Run runs one case through the supervisor.
func Run(sup, dataDir string, c Case) (string, error) {
	args := []string{"run", "--json", "--data-dir", dataDir, "--socket", "off", "--timeout", "10s"}
	if os.Geteuid() != 0 {
		args = append(args, "--allow-weak-isolation")
	}
	if v, ok := c.Directives["context"]; ok {
		args = append(args, "--context", v)
	}
	if _, ok := c.Directives["allowBuiltinModules"]; ok {
		args = append(args, "--allow-builtin-modules")
	}
	if _, ok := c.Directives["tsExperimentalDecorators"]; ok {
		args = append(args, "--ts-experimental-decorators")
	}
	args = append(args, c.File)
	cmd := exec.Command(sup, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	_ = cmd.Run() // the exit code follows the status; the JSON says it all
	var r runResult
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return "", fmt.Errorf("supervisor run printed no result JSON: %v\nstdout: %s\nstderr: %s", err, stdout.Bytes(), stderr.Bytes())
	}
	return Render(r), nil
}

func TestCompat(t *testing.T) {
	root := testutil.ModuleRoot(t)
	dir := filepath.Join(root, "testdata", "compat")
	cases, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	known, err := Known(filepath.Join(dir, "known-differences.txt"))
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, c := range cases {
		names[c.Name] = true
	}
	for k := range known {
		if !names[k] {
			t.Errorf("known-differences.txt names %s, which is not a case", k)
		}
	}
	sup := testutil.Supervisor(t)
	dataDir := t.TempDir()
	var matched, ran atomic.Int64
	sem := make(chan struct{}, 4)
	var mu sync.Mutex
	var mismatched []string
	t.Run("cases", func(t *testing.T) {
		for _, c := range cases {
			t.Run(c.Name, func(t *testing.T) {
				t.Parallel()
				sem <- struct{}{}
				defer func() { <-sem }()
				got, err := Run(sup, dataDir, c)
				if err != nil {
					t.Fatal(err)
				}
				ran.Add(1)
				reason, isKnown := known[c.Name]
				if got == c.Want {
					matched.Add(1)
					if isKnown {
						t.Errorf("%s matches Node now: remove it from known-differences.txt (%s)", c.Name, reason)
					}
					return
				}
				mu.Lock()
				mismatched = append(mismatched, c.Name)
				mu.Unlock()
				if isKnown {
					t.Logf("known difference (%s)\n--- node\n%s\n--- codexec\n%s", reason, c.Want, got)
					return
				}
				t.Errorf("output differs from Node's\n--- node\n%s\n--- codexec\n%s", c.Want, got)
			})
		}
	})
	n := ran.Load()
	if n == 0 {
		t.Fatal("no case ran")
	}
	sort.Strings(mismatched)
	msg := fmt.Sprintf("compat: %d of %d cases match Node (%.1f%%); %d known differences listed", matched.Load(), n,
		100*float64(matched.Load())/float64(n), len(known))
	t.Log(msg)
	fmt.Println(msg)
	if len(mismatched) > 0 {
		fmt.Println("compat: not matching: " + strings.Join(mismatched, ", "))
	}
}

func TestMain(m *testing.M) {
	code := m.Run()
	testutil.RemoveBinaries()
	os.Exit(code)
}
