package fleettest

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// subnet is the private network the test makes between its namespaces; no
// packet of it leaves them.
const subnet = "10.77.0"

// netns is a network namespace the test made (ip netns add), named
// /run/netns/<name>.
type netns struct{ name string }

func (n netns) path() string { return filepath.Join("/run/netns", n.name) }

// run runs a command and fails the test with its output when it fails.
func run(t testing.TB, name string, args ...string) {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

// ipIn runs `ip -n ns args...`.
func (n netns) ip(t testing.TB, args ...string) {
	t.Helper()
	run(t, "ip", append([]string{"-n", n.name}, args...)...)
}

// command runs name in the namespace (nsenter switches the network
// namespace only and then execs name: the process is name itself, with
// the machine's mounts and cgroups).
func (n netns) command(name string, args ...string) *exec.Cmd {
	return exec.Command("nsenter", append([]string{"--net=" + n.path(), "--", name}, args...)...)
}

// network is the test's namespaces: db holds the database server on
// subnet.1 behind a bridge; host i (1-based) is on subnet.(10+i), linked to
// the bridge by a veth pair whose host end is eth0.
type network struct {
	prefix string
	db     netns
	hosts  []netns
}

// newNetwork makes the namespaces and links, and removes them when the
// test ends, whatever happened (removing a namespace removes its veths).
func newNetwork(t *testing.T, hosts int) *network {
	t.Helper()
	nw := &network{prefix: fmt.Sprintf("cxfleet-%d", os.Getpid())}
	add := func(name string) netns {
		n := netns{nw.prefix + "-" + name}
		run(t, "ip", "netns", "add", n.name)
		t.Cleanup(func() {
			if out, err := exec.Command("ip", "netns", "del", n.name).CombinedOutput(); err != nil {
				t.Errorf("remove network namespace %s: %v %s", n.name, err, out)
			}
		})
		n.ip(t, "link", "set", "lo", "up")
		return n
	}
	nw.db = add("db")
	nw.db.ip(t, "link", "add", "br0", "type", "bridge")
	nw.db.ip(t, "addr", "add", subnet+".1/24", "dev", "br0")
	nw.db.ip(t, "link", "set", "br0", "up")
	for i := 1; i <= hosts; i++ {
		h := add(fmt.Sprintf("h%d", i))
		peer := fmt.Sprintf("d%d", i)
		h.ip(t, "link", "add", "eth0", "type", "veth", "peer", "name", peer, "netns", nw.db.name)
		nw.db.ip(t, "link", "set", peer, "master", "br0")
		nw.db.ip(t, "link", "set", peer, "up")
		h.ip(t, "addr", "add", fmt.Sprintf("%s.%d/24", subnet, 10+i), "dev", "eth0")
		h.ip(t, "link", "set", "eth0", "up")
		nw.hosts = append(nw.hosts, h)
	}
	return nw
}

// dbAddr is the database server's address.
func (nw *network) dbAddr() string { return subnet + ".1" }

// setLink takes host i's link to the database down or up.
func (nw *network) setLink(t testing.TB, i int, up bool) {
	t.Helper()
	state := "down"
	if up {
		state = "up"
	}
	nw.hosts[i].ip(t, "link", "set", "eth0", state)
}

// leftovers lists the namespaces of this test still present.
func (nw *network) leftovers() []string {
	out, _ := exec.Command("ip", "netns", "list").Output()
	var left []string
	for _, l := range bytes.Split(out, []byte("\n")) {
		if f := strings.Fields(string(l)); len(f) > 0 && strings.HasPrefix(f[0], nw.prefix) {
			left = append(left, f[0])
		}
	}
	return left
}
