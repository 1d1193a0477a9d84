package client

import (
	"os/exec"
	"strings"
	"testing"
)

// An agent that links the client links none of the supervisor.
func TestClientDependencies(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "codexec/api/client").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		for _, bad := range []string{"github.com/dop251/goja", "github.com/evanw/esbuild", "go.mongodb.org/", "go.etcd.io/bbolt",
			"github.com/containerd/", "github.com/prometheus/", "codexec/service", "codexec/sandbox", "codexec/audit/embedded"} {
			if strings.HasPrefix(p, bad) {
				t.Errorf("the client links %s", p)
			}
		}
	}
}
