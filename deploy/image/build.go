package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"debug/buildinfo"
	"debug/elf"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/empty"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/mutate"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
)

// Where the binaries go in the image, and what runs.
const (
	BinDir     = "/usr/local/bin"
	Supervisor = BinDir + "/supervisor"
	Runner     = BinDir + "/runner"
)

// Inputs is everything an image is made from. The same Inputs give the
// same bytes: nothing is read from the clock, the host's users or the
// files' own metadata.
type Inputs struct {
	Supervisor []byte // the static supervisor executable
	Runner     []byte // the static runner executable
	Name       string // repository, e.g. codexec
	Tag        string // e.g. 0.1.0
	// Epoch is every file's modification time and the config's created
	// time. Zero means the Unix epoch.
	Epoch time.Time
	// Revision is the org.opencontainers.image.revision label; empty
	// leaves it out.
	Revision string
}

// Provenance is what the supervisor binary says about its own build.
type Provenance struct {
	Revision string    // vcs.revision, "-modified" appended when vcs.modified
	Time     time.Time // vcs.time; zero when not stamped
	GOARCH   string
	GOOS     string
}

// Inspect checks that path is a static Linux executable built by Go and
// returns what its build information says. The image has no C library and
// no dynamic loader, so a binary that needs one could never start in it.
func Inspect(path string) (Provenance, error) {
	var p Provenance
	f, err := elf.Open(path)
	if err != nil {
		return p, fmt.Errorf("%s: not an ELF executable: %w", path, err)
	}
	defer f.Close()
	for _, prog := range f.Progs {
		if prog.Type == elf.PT_INTERP {
			return p, fmt.Errorf("%s: dynamically linked (it names a program interpreter); build it with CGO_ENABLED=0 (make build)", path)
		}
	}
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return p, fmt.Errorf("%s: no Go build information: %w", path, err)
	}
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			p.Revision = s.Value
		case "vcs.time":
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				p.Time = t.UTC()
			}
		case "vcs.modified":
			modified = s.Value == "true"
		case "GOARCH":
			p.GOARCH = s.Value
		case "GOOS":
			p.GOOS = s.Value
		case "CGO_ENABLED":
			if s.Value == "1" {
				return p, fmt.Errorf("%s: built with CGO_ENABLED=1; build it with CGO_ENABLED=0 (make build)", path)
			}
		}
	}
	if p.Revision != "" && modified {
		p.Revision += "-modified"
	}
	if p.GOARCH == "" {
		p.GOARCH = runtime.GOARCH
	}
	if p.GOOS == "" {
		p.GOOS = runtime.GOOS
	}
	if p.GOOS != "linux" {
		return p, fmt.Errorf("%s: built for %s, the image is linux", path, p.GOOS)
	}
	return p, nil
}

// Epoch picks the files' time: $SOURCE_DATE_EPOCH when set (the
// reproducible-builds convention), else the commit time stamped in the
// supervisor, else the Unix epoch. All three come from the inputs, never
// from the clock.
func Epoch(sourceDateEpoch string, p Provenance) (time.Time, error) {
	if sourceDateEpoch != "" {
		n, err := strconv.ParseInt(sourceDateEpoch, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a non-negative number of seconds", sourceDateEpoch)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	if !p.Time.IsZero() {
		return p.Time, nil
	}
	return time.Unix(0, 0).UTC(), nil
}

// entry is one file or directory of the image's single layer.
type entry struct {
	name string // without a leading slash; directories end in /
	mode int64
	data []byte
}

// entries is the whole root file system, in the order it is written
// (parents before children, then by name). /tmp is the one directory the
// binaries do not need as root: the supervisor's defaults for a non-root
// user fall back to it (the socket when $XDG_RUNTIME_DIR is unset).
func (in Inputs) entries() []entry {
	return []entry{
		{name: "tmp/", mode: 0o1777},
		{name: "usr/", mode: 0o755},
		{name: "usr/local/", mode: 0o755},
		{name: "usr/local/bin/", mode: 0o755},
		{name: "usr/local/bin/runner", mode: 0o711, data: in.Runner}, // executable, not readable, by the runners' ids (decision 0042)
		{name: "usr/local/bin/supervisor", mode: 0o755, data: in.Supervisor},
	}
}

// layerBytes writes the layer: a ustar archive with owner 0:0, no user or
// group names and one fixed time, gzipped with an empty header (no name,
// no time) at a fixed level.
func (in Inputs) layerBytes() ([]byte, error) {
	var tarBuf bytes.Buffer
	tw := tar.NewWriter(&tarBuf)
	mtime := in.Epoch
	if mtime.IsZero() {
		mtime = time.Unix(0, 0)
	}
	for _, e := range in.entries() {
		h := &tar.Header{
			Name:    e.name,
			Mode:    e.mode,
			ModTime: mtime.UTC(),
			Format:  tar.FormatUSTAR,
		}
		if strings.HasSuffix(e.name, "/") {
			h.Typeflag = tar.TypeDir
		} else {
			h.Typeflag = tar.TypeReg
			h.Size = int64(len(e.data))
		}
		if err := tw.WriteHeader(h); err != nil {
			return nil, fmt.Errorf("layer: %s: %w", e.name, err)
		}
		if _, err := tw.Write(e.data); err != nil {
			return nil, fmt.Errorf("layer: %s: %w", e.name, err)
		}
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.DefaultCompression)
	if err != nil {
		return nil, err
	}
	if _, err := zw.Write(tarBuf.Bytes()); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return gz.Bytes(), nil
}

// Build makes the image: one gzipped layer, an OCI manifest and config.
func Build(in Inputs, arch string) (v1.Image, error) {
	if len(in.Supervisor) == 0 || len(in.Runner) == 0 {
		return nil, errors.New("build: both the supervisor and the runner are needed")
	}
	gz, err := in.layerBytes()
	if err != nil {
		return nil, err
	}
	layer, err := tarball.LayerFromOpener(func() (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(gz)), nil
	}, tarball.WithMediaType(types.OCILayer))
	if err != nil {
		return nil, fmt.Errorf("build: layer: %w", err)
	}
	created := v1.Time{Time: in.Epoch.UTC()}
	if in.Epoch.IsZero() {
		created = v1.Time{Time: time.Unix(0, 0).UTC()}
	}
	base := mutate.ConfigMediaType(mutate.MediaType(empty.Image, types.OCIManifestSchema1), types.OCIConfigJSON)
	img, err := mutate.Append(base, mutate.Addendum{
		Layer:     layer,
		MediaType: types.OCILayer,
		History: v1.History{
			Created:   created,
			CreatedBy: "codexec deploy/image: " + Supervisor + " and " + Runner,
		},
	})
	if err != nil {
		return nil, fmt.Errorf("build: %w", err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		return nil, err
	}
	cf = cf.DeepCopy()
	cf.Architecture = arch
	cf.OS = "linux"
	cf.Created = created
	labels := map[string]string{
		"org.opencontainers.image.title":       in.Name,
		"org.opencontainers.image.description": "codexec: a supervisor that runs untrusted JavaScript and TypeScript in isolated single-use runners",
		"org.opencontainers.image.version":     in.Tag,
		"org.opencontainers.image.created":     created.Format(time.RFC3339),
	}
	if in.Revision != "" {
		labels["org.opencontainers.image.revision"] = in.Revision
	}
	cf.Config = v1.Config{
		Entrypoint: []string{Supervisor},
		Cmd:        []string{"serve"},
		Env:        []string{"PATH=" + BinDir},
		WorkingDir: "/",
		Labels:     labels,
		StopSignal: "SIGTERM",
	}
	return mutate.ConfigFile(img, cf)
}

// Ref is the image's reference, name:tag.
func (in Inputs) Ref() (name.Tag, error) {
	return name.NewTag(in.Name + ":" + in.Tag)
}

// Write puts the image in dir: NAME-TAG.tar (docker load, podman load)
// and oci/ (an OCI image layout whose index names the tag). Both are
// written beside their final place and renamed over it, so a failed build
// leaves the previous one whole.
func Write(img v1.Image, in Inputs, dir string) (tarPath, ociPath string, err error) {
	ref, err := in.Ref()
	if err != nil {
		return "", "", fmt.Errorf("write: reference %s:%s: %w", in.Name, in.Tag, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", "", err
	}
	tarPath = filepath.Join(dir, in.Name+"-"+in.Tag+".tar")
	tmp := tarPath + ".tmp"
	if err := tarball.WriteToFile(tmp, ref, img); err != nil {
		os.Remove(tmp)
		return "", "", fmt.Errorf("write: %s: %w", tarPath, err)
	}
	if err := os.Rename(tmp, tarPath); err != nil {
		return "", "", err
	}

	ociPath = filepath.Join(dir, "oci")
	tmpDir := ociPath + ".tmp"
	if err := os.RemoveAll(tmpDir); err != nil {
		return "", "", err
	}
	p, err := layout.Write(tmpDir, empty.Index)
	if err != nil {
		return "", "", fmt.Errorf("write: %s: %w", ociPath, err)
	}
	if err := p.AppendImage(img, layout.WithAnnotations(map[string]string{
		"org.opencontainers.image.ref.name": in.Tag,
	})); err != nil {
		os.RemoveAll(tmpDir)
		return "", "", fmt.Errorf("write: %s: %w", ociPath, err)
	}
	if err := os.RemoveAll(ociPath); err != nil {
		return "", "", err
	}
	if err := os.Rename(tmpDir, ociPath); err != nil {
		return "", "", err
	}
	return tarPath, ociPath, nil
}
