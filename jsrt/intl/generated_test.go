package intl

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestDataIsGenerated: data/ is what the generator writes from the pinned
// CLDR packages (when they are installed: .ci/run installs them).
func TestDataIsGenerated(t *testing.T) {
	if _, err := os.Stat("internal/gen/node_modules/cldr-core"); err != nil {
		t.Skip("CLDR packages not installed: (cd jsrt/intl/internal/gen && npm ci --ignore-scripts)")
	}
	dir := t.TempDir()
	cmd := exec.Command("go", "run", "./internal/gen", "-cldr", "internal/gen/node_modules", "-out", dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	n := 0
	err := filepath.WalkDir("data", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel("data", path)
		want, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got, err := os.ReadFile(filepath.Join(dir, rel))
		if err != nil {
			t.Errorf("data/%s: the generator does not write it", rel)
			return nil
		}
		if !bytes.Equal(unzip(t, got), unzip(t, want)) {
			t.Errorf("data/%s is not what the generator writes: run go run ./jsrt/intl/internal/gen", rel)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("only %d data files compared", n)
	}
}

// unzip returns a gzip file's content (the gzip header holds no time, but
// compare the content all the same), or b itself.
func unzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return b
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}
