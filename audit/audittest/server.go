package audittest

import (
	"bufio"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Environment variables the integration tests read.
const (
	EnvURI         = "MONGODB_URI"      // the server to test against
	EnvRequired    = "MONGODB_REQUIRED" // "1": fail, not skip, without a server
	EnvFerretDBBin = "FERRETDB_BIN"     // a FerretDB binary (scripts/ferretdb), to run servers of a test's own
	EnvFerretDBDir = "FERRETDB_DIR"     // where those servers keep their data
)

// MongoURI returns the server to test against. Without one it skips the
// test, or fails it when MONGODB_REQUIRED=1.
func MongoURI(t testing.TB) string {
	t.Helper()
	uri := os.Getenv(EnvURI)
	if uri == "" {
		if os.Getenv(EnvRequired) == "1" {
			t.Fatalf("%s=1 but %s is not set: run the tests through scripts/with-ferretdb.sh", EnvRequired, EnvURI)
		}
		t.Skipf("skipping: no %s (scripts/with-ferretdb.sh starts a FerretDB server and sets it)", EnvURI)
	}
	return uri
}

// UniqueName returns a name no other test uses, for a database or a
// collection.
func UniqueName(prefix string) string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return prefix + "_" + hex.EncodeToString(b[:])
}

// Outage is a server that a test can take down and bring back at the same
// address.
type Outage interface {
	URI() string
	Down(t testing.TB) // returns once the server no longer answers
	Up(t testing.TB)   // returns once it answers again
}

// NewOutage returns a server the test controls: a FerretDB server of its
// own when FERRETDB_BIN is set, else a TCP proxy in front of MONGODB_URI
// (a single server, mongodb:// only) that can be cut off. It skips (or
// fails, when MONGODB_REQUIRED=1) without either.
func NewOutage(t testing.TB) Outage {
	t.Helper()
	if os.Getenv(EnvFerretDBBin) != "" {
		return StartFerretDB(t)
	}
	uri := MongoURI(t)
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "mongodb" || strings.Contains(u.Host, ",") {
		t.Skipf("skipping: an outage needs %s or a single-host mongodb:// %s", EnvFerretDBBin, EnvURI)
	}
	return NewProxy(t, u)
}

// FerretDB is a FerretDB server run by one test.
type FerretDB struct {
	bin, dir, addr, uri string
	mu                  sync.Mutex // guards cmd, held while starting
	cmd                 *exec.Cmd
	logMu               sync.Mutex
	logs                []string
}

func (f *FerretDB) log() string {
	f.logMu.Lock()
	defer f.logMu.Unlock()
	return strings.Join(f.logs, "\n")
}

// StartFerretDB starts a FerretDB server from FERRETDB_BIN on a free
// loopback port, with its data in a new directory under FERRETDB_DIR (or
// the test's temporary directory), and stops it when the test ends.
func StartFerretDB(t testing.TB) *FerretDB {
	t.Helper()
	bin := os.Getenv(EnvFerretDBBin)
	if bin == "" {
		if os.Getenv(EnvRequired) == "1" {
			t.Fatalf("%s=1 but %s is not set: run the tests through scripts/with-ferretdb.sh", EnvRequired, EnvFerretDBBin)
		}
		t.Skipf("skipping: no %s (scripts/with-ferretdb.sh builds FerretDB and sets it)", EnvFerretDBBin)
	}
	base := os.Getenv(EnvFerretDBDir)
	if base == "" {
		base = t.TempDir()
	}
	dir, err := os.MkdirTemp(base, "test-")
	if err != nil {
		t.Fatal(err)
	}
	f := &FerretDB{bin: bin, dir: dir, addr: "127.0.0.1:0"}
	t.Cleanup(func() {
		f.stop()
		if t.Failed() {
			t.Logf("FerretDB log:\n%s", f.log())
		}
		os.RemoveAll(dir)
	})
	if err := f.start(); err != nil {
		t.Fatal(err)
	}
	return f
}

// URI is the server's MongoDB URI; it stays the same across Down and Up.
func (f *FerretDB) URI() string { return f.uri }

// Down stops the server (SIGTERM, then SIGKILL after 10 s).
func (f *FerretDB) Down(t testing.TB) {
	t.Helper()
	f.stop()
}

// Up starts the server again, on the same port, with the same data.
func (f *FerretDB) Up(t testing.TB) {
	t.Helper()
	var err error
	for i := 0; i < 50; i++ { // the port may linger for a moment
		if err = f.start(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal(err)
}

func (f *FerretDB) start() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cmd != nil {
		return nil
	}
	cmd := exec.Command(f.bin, "-listen", f.addr, "-dir", filepath.Join(f.dir, "data"), "-quiet")
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start FerretDB: %w", err)
	}
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			f.logMu.Lock()
			f.logs = append(f.logs, sc.Text())
			f.logMu.Unlock()
		}
	}()
	line := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			line <- sc.Text()
		}
		close(line)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	select {
	case uri, ok := <-line:
		if !ok {
			_ = cmd.Wait()
			return fmt.Errorf("FerretDB exited before listening: %s", f.log())
		}
		u, err := url.Parse(uri)
		if err != nil {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			return fmt.Errorf("FerretDB printed %q: %w", uri, err)
		}
		f.cmd, f.addr = cmd, u.Host
		f.uri = "mongodb://" + u.Host + "/?directConnection=true"
		return nil
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		return errors.New("FerretDB did not start listening within 30 s")
	}
}

func (f *FerretDB) stop() {
	f.mu.Lock()
	cmd := f.cmd
	f.cmd = nil
	f.mu.Unlock()
	if cmd == nil {
		return
	}
	_ = cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = cmd.Process.Kill()
		<-done
	}
}

// Proxy forwards a loopback port to a MongoDB server and can cut it off.
type Proxy struct {
	target string
	uri    string
	addr   string

	mu    sync.Mutex
	ln    net.Listener
	conns map[net.Conn]bool
}

// NewProxy starts a proxy to the server of u and closes it when the test
// ends.
func NewProxy(t testing.TB, u *url.URL) *Proxy {
	t.Helper()
	host := u.Host
	if u.Port() == "" {
		host = net.JoinHostPort(u.Hostname(), "27017")
	}
	p := &Proxy{target: host, conns: map[net.Conn]bool{}, addr: "127.0.0.1:0"}
	if err := p.listen(); err != nil {
		t.Fatal(err)
	}
	pu := *u
	pu.Host = p.addr
	q := pu.Query()
	q.Set("directConnection", "true")
	pu.RawQuery = q.Encode()
	p.uri = pu.String()
	t.Cleanup(func() { p.down() })
	return p
}

// URI is the proxied server's URI.
func (p *Proxy) URI() string { return p.uri }

// Down closes the port and every connection through it.
func (p *Proxy) Down(t testing.TB) { p.down() }

// Up opens the port again.
func (p *Proxy) Up(t testing.TB) {
	t.Helper()
	var err error
	for i := 0; i < 50; i++ {
		if err = p.listen(); err == nil {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal(err)
}

func (p *Proxy) listen() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		return nil
	}
	ln, err := net.Listen("tcp", p.addr)
	if err != nil {
		return fmt.Errorf("proxy listen: %w", err)
	}
	p.ln, p.addr = ln, ln.Addr().String()
	go p.serve(ln)
	return nil
}

func (p *Proxy) serve(ln net.Listener) {
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		s, err := net.DialTimeout("tcp", p.target, 5*time.Second)
		if err != nil {
			c.Close()
			continue
		}
		p.mu.Lock()
		if p.ln != ln {
			p.mu.Unlock()
			c.Close()
			s.Close()
			return
		}
		p.conns[c], p.conns[s] = true, true
		p.mu.Unlock()
		go pipe(c, s)
		go pipe(s, c)
	}
}

func pipe(dst, src net.Conn) {
	_, _ = io.Copy(dst, src)
	dst.Close()
	src.Close()
}

func (p *Proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for c := range p.conns {
		c.Close()
	}
	p.conns = map[net.Conn]bool{}
}
