package main

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-containerregistry/pkg/name"
	v1 "github.com/google/go-containerregistry/pkg/v1"
	"github.com/google/go-containerregistry/pkg/v1/layout"
	"github.com/google/go-containerregistry/pkg/v1/tarball"
	"github.com/google/go-containerregistry/pkg/v1/types"
	"github.com/google/go-containerregistry/pkg/v1/validate"
)

var (
	binOnce sync.Once
	binDir  string
	binErr  error
	binTemp bool // binDir was made by this test binary: TestMain removes it
)

// binaries returns the directory with the supervisor and runner:
// $CODEXEC_TEST_BIN (make test-image sets it to bin/), else a static build
// of both from the main module, made once.
func binaries(t *testing.T) (sup, run string) {
	t.Helper()
	binOnce.Do(func() {
		if d := os.Getenv("CODEXEC_TEST_BIN"); d != "" {
			binDir = d
			return
		}
		binDir, binErr = os.MkdirTemp("", "codexec-image-bin-")
		if binErr != nil {
			return
		}
		binTemp = true
		cmd := exec.Command("go", "build", "-trimpath", "-o", binDir+"/", "./cmd/supervisor", "./cmd/runner")
		cmd.Dir = "../.."
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			binErr = errors.New("go build: " + err.Error() + ": " + string(out))
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	sup, run = filepath.Join(binDir, "supervisor"), filepath.Join(binDir, "runner")
	for _, p := range []string{sup, run} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%v (make build writes bin/; CODEXEC_TEST_BIN names that directory)", err)
		}
	}
	return sup, run
}

type built struct {
	in      Inputs
	arch    string
	img     v1.Image
	digest  v1.Hash
	tarPath string
	ociPath string
}

// buildImage runs what `make image` runs, into dir.
func buildImage(t *testing.T, dir, sourceDateEpoch string) built {
	t.Helper()
	sup, run := binaries(t)
	in, arch, err := Load(sup, run, "codexec", "0.1.0", sourceDateEpoch)
	if err != nil {
		t.Fatal(err)
	}
	img, err := Build(in, arch)
	if err != nil {
		t.Fatal(err)
	}
	tp, op, err := Write(img, in, dir)
	if err != nil {
		t.Fatal(err)
	}
	d, err := img.Digest()
	if err != nil {
		t.Fatal(err)
	}
	return built{in: in, arch: arch, img: img, digest: d, tarPath: tp, ociPath: op}
}

func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func sumReader(t *testing.T, open func() (io.ReadCloser, error)) string {
	t.Helper()
	rc, err := open()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	h := sha256.New()
	if _, err := io.Copy(h, rc); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// wantFiles is the image's whole file system.
type fileEntry struct {
	name     string
	typ      byte
	mode     int64
	contents string // sha256 of a regular file
}

func wantFiles(in Inputs) []fileEntry {
	return []fileEntry{
		{"tmp/", tar.TypeDir, 0o1777, ""},
		{"usr/", tar.TypeDir, 0o755, ""},
		{"usr/local/", tar.TypeDir, 0o755, ""},
		{"usr/local/bin/", tar.TypeDir, 0o755, ""},
		{"usr/local/bin/runner", tar.TypeReg, 0o711, sum(in.Runner)},
		{"usr/local/bin/supervisor", tar.TypeReg, 0o755, sum(in.Supervisor)},
	}
}

// checkImage checks one image read back from disk against what was built.
func checkImage(t *testing.T, img v1.Image, b built) {
	t.Helper()
	if err := validate.Image(img); err != nil {
		t.Fatalf("validate (every digest and size against its blob): %v", err)
	}
	m, err := img.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Layers) != 1 {
		t.Fatalf("%d layers, want 1", len(m.Layers))
	}
	raw, err := img.RawConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if got := sum(raw); got != m.Config.Digest.Hex {
		t.Errorf("config blob sha256 %s, the manifest says %s", got, m.Config.Digest)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	if cf.OS != "linux" || cf.Architecture != runtime.GOARCH {
		t.Errorf("platform %s/%s, want linux/%s", cf.OS, cf.Architecture, runtime.GOARCH)
	}
	if !slices.Equal(cf.Config.Entrypoint, []string{"/usr/local/bin/supervisor"}) || !slices.Equal(cf.Config.Cmd, []string{"serve"}) {
		t.Errorf("entrypoint %q cmd %q", cf.Config.Entrypoint, cf.Config.Cmd)
	}
	if !slices.Equal(cf.Config.Env, []string{"PATH=/usr/local/bin"}) || cf.Config.User != "" {
		t.Errorf("env %q user %q", cf.Config.Env, cf.Config.User)
	}
	if v := cf.Config.Labels["org.opencontainers.image.version"]; v != "0.1.0" {
		t.Errorf("version label %q", v)
	}
	if rev := cf.Config.Labels["org.opencontainers.image.revision"]; rev != b.in.Revision {
		t.Errorf("revision label %q, the supervisor's build says %q", rev, b.in.Revision)
	}
	if !cf.Created.Time.Equal(b.in.Epoch) {
		t.Errorf("created %s, want %s", cf.Created.Time, b.in.Epoch)
	}
	layers, err := img.Layers()
	if err != nil {
		t.Fatal(err)
	}
	l := layers[0]
	digest, _ := l.Digest()
	diffID, _ := l.DiffID()
	if got := sumReader(t, l.Compressed); got != digest.Hex || got != m.Layers[0].Digest.Hex {
		t.Errorf("layer blob sha256 %s, digest %s, the manifest says %s", got, digest, m.Layers[0].Digest)
	}
	if got := sumReader(t, l.Uncompressed); got != diffID.Hex || len(cf.RootFS.DiffIDs) != 1 || cf.RootFS.DiffIDs[0] != diffID {
		t.Errorf("layer tar sha256 %s, diff id %s, the config's %v", got, diffID, cf.RootFS.DiffIDs)
	}

	// Exactly the expected files, owned by 0:0, at the epoch.
	rc, err := l.Uncompressed()
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	tr := tar.NewReader(rc)
	var got []fileEntry
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		e := fileEntry{name: h.Name, typ: h.Typeflag, mode: h.Mode}
		if h.Typeflag == tar.TypeReg {
			data, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			e.contents = sum(data)
		}
		if h.Uid != 0 || h.Gid != 0 || h.Uname != "" || h.Gname != "" {
			t.Errorf("%s: owner %d:%d (%q:%q), want 0:0 without names", h.Name, h.Uid, h.Gid, h.Uname, h.Gname)
		}
		if !h.ModTime.Equal(b.in.Epoch) {
			t.Errorf("%s: mtime %s, want %s", h.Name, h.ModTime, b.in.Epoch)
		}
		got = append(got, e)
	}
	if want := wantFiles(b.in); !slices.Equal(got, want) {
		t.Errorf("layer entries:\n got %+v\nwant %+v", got, want)
	}
}

// TestImageReadBack reads both outputs back with go-containerregistry's
// own readers and checks the manifest, the config and every file.
func TestImageReadBack(t *testing.T) {
	b := buildImage(t, t.TempDir(), "")

	// The tarball, as docker load and podman load see it.
	tag, err := name.NewTag("codexec:0.1.0")
	if err != nil {
		t.Fatal(err)
	}
	fromTar, err := tarball.ImageFromPath(b.tarPath, &tag)
	if err != nil {
		t.Fatalf("read the tarball by its tag: %v", err)
	}
	checkImage(t, fromTar, b)
	// A docker archive carries the config and the layers, not the
	// manifest (docker load writes its own): the config digest, which
	// docker shows as the image ID, and the layer are the built ones.
	builtCfg, _ := b.img.ConfigName()
	if c, err := fromTar.ConfigName(); err != nil || c != builtCfg {
		t.Errorf("tarball config digest %s (%v), built %s", c, err, builtCfg)
	}
	builtLayers, _ := b.img.Layers()
	tarLayers, _ := fromTar.Layers()
	bd, _ := builtLayers[0].Digest()
	if td, err := tarLayers[0].Digest(); err != nil || td != bd {
		t.Errorf("tarball layer digest %s (%v), built %s", td, err, bd)
	}
	mf, err := tarball.LoadManifest(func() (io.ReadCloser, error) { return os.Open(b.tarPath) })
	if err != nil {
		t.Fatal(err)
	}
	if len(mf) != 1 || !slices.Equal(mf[0].RepoTags, []string{"codexec:0.1.0"}) {
		t.Errorf("manifest.json: %+v, want one image tagged codexec:0.1.0", mf)
	}

	// The OCI layout.
	idx, err := layout.ImageIndexFromPath(b.ociPath)
	if err != nil {
		t.Fatal(err)
	}
	im, err := idx.IndexManifest()
	if err != nil {
		t.Fatal(err)
	}
	if len(im.Manifests) != 1 {
		t.Fatalf("index has %d manifests, want 1", len(im.Manifests))
	}
	desc := im.Manifests[0]
	if desc.Digest != b.digest || desc.MediaType != types.OCIManifestSchema1 || desc.Annotations["org.opencontainers.image.ref.name"] != "0.1.0" {
		t.Errorf("index entry %+v, want the image %s as an OCI manifest named 0.1.0", desc, b.digest)
	}
	fromOCI, err := idx.Image(desc.Digest)
	if err != nil {
		t.Fatal(err)
	}
	checkImage(t, fromOCI, b)
	if mt, _ := fromOCI.MediaType(); mt != types.OCIManifestSchema1 {
		t.Errorf("manifest media type %s", mt)
	}
	if cn, _ := fromOCI.ConfigName(); true {
		m, _ := fromOCI.Manifest()
		if m.Config.MediaType != types.OCIConfigJSON || m.Config.Digest != cn || m.Layers[0].MediaType != types.OCILayer {
			t.Errorf("media types: config %s, layer %s", m.Config.MediaType, m.Layers[0].MediaType)
		}
	}
	// Every blob in the layout is named by its own digest, and there are
	// exactly three: manifest, config, layer.
	blobs, err := os.ReadDir(filepath.Join(b.ociPath, "blobs", "sha256"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range blobs {
		data, err := os.ReadFile(filepath.Join(b.ociPath, "blobs", "sha256", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if sum(data) != e.Name() {
			t.Errorf("blob %s has sha256 %s", e.Name(), sum(data))
		}
	}
	if len(blobs) != 3 {
		t.Errorf("%d blobs, want 3 (manifest, config, layer)", len(blobs))
	}
	if data, err := os.ReadFile(filepath.Join(b.ociPath, "oci-layout")); err != nil || !strings.Contains(string(data), `"imageLayoutVersion": "1.0.0"`) {
		t.Errorf("oci-layout: %q %v", data, err)
	}
}

// dirFiles reads every file under dir, by relative path.
func dirFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[rel] = sum(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestReproducible: the same binaries give the same bytes, twice; a
// changed binary or a changed time gives another digest.
func TestReproducible(t *testing.T) {
	a := buildImage(t, t.TempDir(), "")
	b := buildImage(t, t.TempDir(), "")
	if a.digest != b.digest {
		t.Errorf("two builds: digests %s and %s", a.digest, b.digest)
	}
	ta, err := os.ReadFile(a.tarPath)
	if err != nil {
		t.Fatal(err)
	}
	tb, err := os.ReadFile(b.tarPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ta, tb) {
		t.Errorf("two builds: the tarballs differ (sha256 %s and %s)", sum(ta), sum(tb))
	}
	if fa, fb := dirFiles(t, a.ociPath), dirFiles(t, b.ociPath); len(fa) != 5 || !mapsEqual(fa, fb) {
		t.Errorf("two builds: the OCI layouts differ:\n%v\n%v", fa, fb)
	}

	// Building over an existing output replaces it: still one image.
	dir := filepath.Dir(a.tarPath)
	again := buildImage(t, dir, "")
	if again.digest != a.digest || len(dirFiles(t, again.ociPath)) != 5 {
		t.Errorf("a rebuild in place: digest %s, layout %v", again.digest, dirFiles(t, again.ociPath))
	}

	// One byte more in the runner: another layer, another image.
	in := a.in
	in.Runner = append(slices.Clone(in.Runner), 0)
	img, err := Build(in, a.arch)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := img.Digest(); d == a.digest {
		t.Errorf("a changed runner kept the digest %s", d)
	}
	ls, _ := img.Layers()
	ld, _ := ls[0].Digest()
	al, _ := a.img.Layers()
	ad, _ := al[0].Digest()
	if ld == ad {
		t.Errorf("a changed runner kept the layer digest %s", ld)
	}

	// SOURCE_DATE_EPOCH sets every time, and so the digest.
	c := buildImage(t, t.TempDir(), "1700000000")
	if !c.in.Epoch.Equal(time.Unix(1700000000, 0)) || c.digest == a.digest {
		t.Errorf("SOURCE_DATE_EPOCH=1700000000: epoch %s, digest %s (without: %s)", c.in.Epoch, c.digest, a.digest)
	}
	fromOCI, err := layout.ImageIndexFromPath(c.ociPath)
	if err != nil {
		t.Fatal(err)
	}
	cimg, err := fromOCI.Image(c.digest)
	if err != nil {
		t.Fatal(err)
	}
	checkImage(t, cimg, c)
	if _, _, err := Load(filepath.Join(binDir, "supervisor"), filepath.Join(binDir, "runner"), "codexec", "0.1.0", "yesterday"); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
		t.Errorf("SOURCE_DATE_EPOCH=yesterday: %v", err)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestEpoch(t *testing.T) {
	stamped := time.Date(2026, 12, 7, 7, 15, 12, 0, time.UTC)
	for _, c := range []struct {
		env   string
		p     Provenance
		want  time.Time
		error bool
	}{
		{"", Provenance{}, time.Unix(0, 0), false},
		{"", Provenance{Time: stamped}, stamped, false},
		{"1700000000", Provenance{Time: stamped}, time.Unix(1700000000, 0), false},
		{"0", Provenance{Time: stamped}, time.Unix(0, 0), false},
		{"-1", Provenance{}, time.Time{}, true},
		{"1.5", Provenance{}, time.Time{}, true},
	} {
		got, err := Epoch(c.env, c.p)
		if (err != nil) != c.error || (!c.error && !got.Equal(c.want)) {
			t.Errorf("Epoch(%q, %v) = %s, %v; want %s (error %v)", c.env, c.p.Time, got, err, c.want, c.error)
		}
	}
}

// TestInspectRefuses: what cannot run in an image without a C library is
// refused with a reason, as is what is not an executable at all.
func TestInspectRefuses(t *testing.T) {
	notELF := filepath.Join(t.TempDir(), "script")
	if err := os.WriteFile(notELF, []byte("#!/bin/sh\necho hi\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Inspect(notELF); err == nil || !strings.Contains(err.Error(), "not an ELF executable") {
		t.Errorf("a script: %v", err)
	}
	// A dynamically linked program of the host (a C program: the shell).
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh to try a dynamic executable with")
	}
	if sh, err = filepath.EvalSymlinks(sh); err != nil {
		t.Fatal(err)
	}
	_, err = Inspect(sh)
	if err == nil || !strings.Contains(err.Error(), "CGO_ENABLED=0") {
		t.Errorf("%s (dynamically linked): %v, want a refusal naming CGO_ENABLED=0", sh, err)
	}
	sup, _ := binaries(t)
	if p, err := Inspect(sup); err != nil || p.GOOS != "linux" || p.GOARCH != runtime.GOARCH {
		t.Errorf("the supervisor: %+v %v", p, err)
	}
}

// rootfsOf builds the image, reads the tarball back and extracts its file
// system: what a runtime would run.
func rootfsOf(t *testing.T) (string, *v1.ConfigFile) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root: new namespaces, mounts, cgroups")
	}
	b := buildImage(t, t.TempDir(), "")
	tag, _ := name.NewTag("codexec:0.1.0")
	img, err := tarball.ImageFromPath(b.tarPath, &tag)
	if err != nil {
		t.Fatal(err)
	}
	cf, err := img.ConfigFile()
	if err != nil {
		t.Fatal(err)
	}
	rootfs := filepath.Join(t.TempDir(), "rootfs")
	if err := os.Mkdir(rootfs, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := extract(img, rootfs); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(filepath.Join(rootfs, "tmp")); err != nil || fi.Mode()&os.ModeSticky == 0 || fi.Mode().Perm() != 0o777 {
		t.Fatalf("/tmp: %v %v", fi.Mode(), err)
	}
	return rootfs, cf
}

// TestRootfsInNamespaces runs the image's file system the way a container
// runtime would, without one: `supervisor doctor` must find full isolation
// and `supervisor run -` must run a job in a runner.
func TestRootfsInNamespaces(t *testing.T) {
	rootfs, cf := rootfsOf(t)

	rep, code, stderr := doctor(t, container(t, rootfs, cf, nil, "doctor", "--json"))
	if !rep.FullIsolation || code != 0 {
		t.Fatalf("doctor in the container: full isolation %v (exit %d), missing %q\nstderr: %s", rep.FullIsolation, code, rep.Missing, stderr)
	}
	for _, want := range []string{"running as root", "cgroup delegation", "seccomp", "landlock", "pid namespace", "net namespace", "a runner, end to end"} {
		if _, ok := rep.ok[want]; !ok {
			t.Errorf("doctor: %q is not ok", want)
		}
	}
	if d := rep.ok["a runner, end to end"]; !strings.Contains(d, "namespaces pid+net+ipc+uts+mount") || !strings.Contains(d, "cgroup v1") && !strings.Contains(d, "cgroup v2") {
		t.Errorf("the live check's layers: %q", d)
	}
	if d := rep.ok["a runner, end to end"]; strings.Contains(d, "itself") {
		t.Errorf("the image's runner (mode 0711) was not started as its ids: %q", d)
	}

	out, stderr, code := output(t, container(t, rootfs, cf, nil, "run", "-"), "return 1+1")
	if code != 0 || strings.TrimSpace(out) != "2" {
		t.Fatalf("run - in the container: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if strings.Contains(stderr, "weak") {
		t.Errorf("run - in the container ran weakly isolated: %s", stderr)
	}
	// The CLI's audit record went to the default data directory, inside
	// the container's file system: the path a volume must cover.
	segs, err := filepath.Glob(filepath.Join(rootfs, "var/lib/codexec/*"))
	if err != nil || len(segs) == 0 {
		t.Errorf("nothing under /var/lib/codexec after a run: %v %v", segs, err)
	}
}

type doctorReport struct {
	Checks []struct {
		Name   string `json:"name"`
		OK     bool   `json:"ok"`
		Detail string `json:"detail"`
		Fix    string `json:"fix"`
	} `json:"checks"`
	FullIsolation bool              `json:"fullIsolation"`
	Missing       []string          `json:"missing"`
	ok            map[string]string // the checks that passed: name → detail
}

// doctor runs `supervisor doctor --json` in a container and logs its checks.
func doctor(t *testing.T, cmd *exec.Cmd) (rep doctorReport, code int, stderr string) {
	t.Helper()
	out, stderr, code := output(t, cmd, "")
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("doctor --json (exit %d): %v\nstdout: %s\nstderr: %s", code, err, out, stderr)
	}
	t.Logf("doctor in the container (exit %d):", code)
	rep.ok = map[string]string{}
	for _, c := range rep.Checks {
		t.Logf("  %-22s ok=%-5v %s", c.Name, c.OK, c.Detail)
		if c.OK {
			rep.ok[c.Name] = c.Detail
		}
	}
	return rep, code, stderr
}

// TestRootfsInCgroupNamespace: the container in a group of its own with a
// private cgroup namespace, the hierarchies mounted fresh (what a runtime
// does with --cgroupns=private): the supervisor sees its group as the
// root, gets full isolation, and its runners' groups are made inside the
// container's group, nowhere else.
func TestRootfsInCgroupNamespace(t *testing.T) {
	rootfs, cf := rootfsOf(t)
	groups := containerGroups(t)
	hs := hostHierarchies(t)

	rep, code, stderr := doctor(t, containerWith(t, spec{Rootfs: rootfs, Cgroups: cgroupsPrivate, Groups: groups, Hierarchies: hs}, cf, "doctor", "--json"))
	if !rep.FullIsolation || code != 0 {
		t.Fatalf("doctor in a cgroup namespace: full isolation %v (exit %d), missing %q\nstderr: %s", rep.FullIsolation, code, rep.Missing, stderr)
	}
	// Seen from inside, the runner groups' parents are at the root of
	// each hierarchy.
	want := "runner groups go in /sys/fs/cgroup/memory/codexec, /sys/fs/cgroup/pids/codexec, /sys/fs/cgroup/cpu/codexec"
	if d := rep.ok["cgroup delegation"]; d != want {
		t.Errorf("cgroup delegation: %q, want %q", d, want)
	}
	out, stderr, code := output(t, containerWith(t, spec{Rootfs: rootfs, Cgroups: cgroupsPrivate, Groups: groups, Hierarchies: hs}, cf, "run", "-"), "return 1+1")
	if code != 0 || strings.TrimSpace(out) != "2" {
		t.Fatalf("run - in a cgroup namespace: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	// Seen from the host, they are inside the container's groups.
	for _, g := range groups {
		if fi, err := os.Stat(filepath.Join(g, "codexec")); err != nil || !fi.IsDir() {
			t.Errorf("no runner parent group inside the container's group %s: %v", g, err)
		}
	}
}

// TestRootfsWithoutCgroups: a container that shows no cgroup hierarchy
// (sysfs without /sys/fs/cgroup mounted). doctor says what is missing and
// how to get it; `run` refuses to run weakly unless told to.
func TestRootfsWithoutCgroups(t *testing.T) {
	rootfs, cf := rootfsOf(t)
	s := spec{Rootfs: rootfs, Cgroups: cgroupsNone}

	rep, code, _ := doctor(t, containerWith(t, s, cf, "doctor", "--json"))
	if rep.FullIsolation || code != 1 {
		t.Fatalf("doctor without cgroups: full isolation %v, exit %d; want false, 1", rep.FullIsolation, code)
	}
	// The controllers and delegation checks find nothing mounted. (The
	// mode check reads an empty /sys/fs/cgroup as v1 "legacy".)
	for _, c := range rep.Checks {
		switch c.Name {
		case "cgroup controllers":
			if c.OK || !strings.Contains(c.Detail, "missing: memory pids cpu") || c.Fix == "" {
				t.Errorf("cgroup controllers: %+v, want memory, pids and cpu missing, with a fix", c)
			}
		case "cgroup delegation":
			if c.OK || c.Fix == "" {
				t.Errorf("cgroup delegation: %+v, want not ok, with a fix", c)
			}
		}
	}
	if len(rep.Missing) != 1 || !strings.Contains(rep.Missing[0], "cgroup") {
		t.Errorf("missing %q, want the per-execution cgroup alone", rep.Missing)
	}
	if _, ok := rep.ok["a runner, end to end"]; !ok {
		t.Errorf("the live check (weakly isolated) failed without cgroups")
	}

	out, stderr, code := output(t, containerWith(t, s, cf, "run", "-"), "return 1+1")
	if code == 0 || strings.TrimSpace(out) == "2" || !strings.Contains(stderr, "--allow-weak-isolation") {
		t.Errorf("run - without cgroups: exit %d, stdout %q, stderr %q; want a refusal naming --allow-weak-isolation", code, out, stderr)
	}
	out, stderr, code = output(t, containerWith(t, s, cf, "run", "--allow-weak-isolation", "-"), "return 1+1")
	if code != 0 || strings.TrimSpace(out) != "2" {
		t.Errorf("run --allow-weak-isolation - without cgroups: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

// TestServeInNamespaces starts the image's default command (serve) as pid
// 1 with /run/codexec a volume of a host directory, as the DaemonSet
// mounts it, runs an execution through the socket from outside, and
// stops it with SIGTERM as `docker stop` would.
func TestServeInNamespaces(t *testing.T) {
	rootfs, cf := rootfsOf(t)
	sockDir := t.TempDir()
	cmd := container(t, rootfs, cf, []volume{{Host: sockDir, Container: "/run/codexec"}})
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stderr, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stopped := false
	defer func() {
		if !stopped {
			cmd.Process.Kill()
			<-exited
		}
	}()

	sock := filepath.Join(sockDir, "supervisor.sock")
	hc := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, "unix", sock)
	}}, Timeout: 60 * time.Second}
	deadline := time.Now().Add(60 * time.Second)
	var health map[string]any
	for {
		resp, err := hc.Get("http://codexec/healthz")
		if err == nil {
			err = json.NewDecoder(resp.Body).Decode(&health)
			resp.Body.Close()
			if err == nil && resp.StatusCode == 200 {
				break
			}
		}
		select {
		case err := <-exited:
			stopped = true
			t.Fatalf("serve exited before answering: %v\n%s", err, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no healthy answer on %s within a minute: %v\n%s", sock, err, stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Logf("healthz: %v", health)

	resp, err := hc.Post("http://codexec/v1/executions", "application/json", strings.NewReader(`{"code": "return context.n * 2", "context": {"n": 21}}`))
	if err != nil {
		t.Fatal(err)
	}
	var res struct {
		Status string          `json:"status"`
		Output json.RawMessage `json:"output"`
		Error  *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	err = json.NewDecoder(resp.Body).Decode(&res)
	resp.Body.Close()
	if err != nil || resp.StatusCode != 200 || res.Status != "ok" || string(res.Output) != "42" {
		t.Fatalf("POST /v1/executions: %d %+v %v\n%s", resp.StatusCode, res, err, stderr.String())
	}

	// docker stop: SIGTERM to pid 1.
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		stopped = true
		if err != nil {
			t.Fatalf("serve after SIGTERM: %v\n%s", err, stderr.String())
		}
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not exit within a minute of SIGTERM\n%s", stderr.String())
	}
	if _, err := os.Lstat(sock); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the socket is still there after a clean stop: %v", err)
	}
}

// TestEngineLoad loads the tarball into docker and podman, each when it is
// installed and its service answers, and runs `supervisor version` from it.
func TestEngineLoad(t *testing.T) {
	var engines []string
	for _, e := range []string{"docker", "podman"} {
		if _, err := exec.LookPath(e); err != nil {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := exec.CommandContext(ctx, e, "info").Run()
		cancel()
		if err != nil {
			t.Logf("%s is installed but does not answer (%v)", e, err)
			continue
		}
		engines = append(engines, e)
	}
	if len(engines) == 0 {
		t.Skip("no docker or podman that answers")
	}
	b := buildImage(t, t.TempDir(), "")
	for _, e := range engines {
		t.Run(e, func(t *testing.T) {
			run := func(args ...string) string {
				t.Helper()
				ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
				defer cancel()
				out, err := exec.CommandContext(ctx, e, args...).CombinedOutput()
				if err != nil {
					t.Fatalf("%s %s: %v\n%s", e, strings.Join(args, " "), err, out)
				}
				return string(out)
			}
			if out := run("load", "-i", b.tarPath); !strings.Contains(out, "codexec:0.1.0") {
				t.Errorf("%s load: %s", e, out)
			}
			t.Cleanup(func() { exec.Command(e, "rmi", "codexec:0.1.0").Run() })
			if out := strings.TrimSpace(run("image", "inspect", "--format", "{{json .Config.Entrypoint}} {{json .Config.Cmd}}", "codexec:0.1.0")); out != `["/usr/local/bin/supervisor"] ["serve"]` {
				t.Errorf("%s image inspect: %s", e, out)
			}
			if out := run("run", "--rm", "--network=none", "codexec:0.1.0", "version"); !strings.HasPrefix(out, "codexec ") {
				t.Errorf("%s run codexec:0.1.0 version: %q", e, out)
			}
		})
	}
}
