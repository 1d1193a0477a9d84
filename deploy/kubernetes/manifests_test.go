package kubernetes

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"sigs.k8s.io/yaml"

	"codexec/config"
)

// doc is one YAML document of a manifest file, decoded.
type doc struct {
	file string // relative to this directory
	obj  any    // *corev1.Namespace, *appsv1.DaemonSet, ...
}

// newObject returns the API type of an apiVersion and kind, or nil for
// one the manifests have no business holding.
func newObject(apiVersion, kind string) any {
	switch apiVersion + " " + kind {
	case "v1 Namespace":
		return &corev1.Namespace{}
	case "v1 ServiceAccount":
		return &corev1.ServiceAccount{}
	case "v1 ConfigMap":
		return &corev1.ConfigMap{}
	case "v1 Secret":
		return &corev1.Secret{}
	case "v1 Pod":
		return &corev1.Pod{}
	case "apps/v1 DaemonSet":
		return &appsv1.DaemonSet{}
	}
	return nil
}

// splitDocs splits a YAML stream at its "---" lines and drops documents
// that hold only comments.
func splitDocs(b []byte) [][]byte {
	var out [][]byte
	for _, part := range regexp.MustCompile(`(?m)^---[ \t]*$`).Split(string(b), -1) {
		meaningful := false
		for _, line := range strings.Split(part, "\n") {
			if t := strings.TrimSpace(line); t != "" && !strings.HasPrefix(t, "#") {
				meaningful = true
			}
		}
		if meaningful {
			out = append(out, []byte(part))
		}
	}
	return out
}

// load decodes every document of the YAML files in dir (not below it)
// strictly: a field the API types do not have, or a duplicate field, is
// an error, and so is a kind the manifests should not hold.
func load(t *testing.T, dir string) []doc {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var docs []doc
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			continue
		}
		// kubectl apply -f DIR reads these three; nothing else may hide
		// among them (a kustomization.yaml would break that command).
		if ext := filepath.Ext(name); ext != ".yaml" && ext != ".yml" && ext != ".json" {
			continue
		}
		file := filepath.Join(dir, name)
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		parts := splitDocs(b)
		if len(parts) == 0 {
			t.Errorf("%s: no document", file)
		}
		for i, part := range parts {
			var tm metav1.TypeMeta
			if err := yaml.Unmarshal(part, &tm); err != nil {
				t.Errorf("%s, document %d: %v", file, i+1, err)
				continue
			}
			obj := newObject(tm.APIVersion, tm.Kind)
			if obj == nil {
				t.Errorf("%s, document %d: apiVersion %q kind %q is not one the manifests hold", file, i+1, tm.APIVersion, tm.Kind)
				continue
			}
			if err := yaml.UnmarshalStrict(part, obj); err != nil {
				t.Errorf("%s, document %d (%s): %v", file, i+1, tm.Kind, err)
				continue
			}
			docs = append(docs, doc{file: file, obj: obj})
		}
	}
	return docs
}

func only[T any](t *testing.T, docs []doc, what string) (T, string) {
	t.Helper()
	var found []T
	var files []string
	for _, d := range docs {
		if o, ok := d.obj.(T); ok {
			found = append(found, o)
			files = append(files, d.file)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want exactly one %s, found %d (%v)", what, len(found), files)
	}
	return found[0], files[0]
}

// imageRef is the image reference `make image` tags: IMAGE_NAME and
// IMAGE_TAG of the Makefile.
func imageRef(t *testing.T) (name, tag string) {
	t.Helper()
	b, err := os.ReadFile("../../Makefile")
	if err != nil {
		t.Fatal(err)
	}
	get := func(v, def string) string {
		m := regexp.MustCompile(`(?m)^` + v + `\s*\?=\s*(\S+)\s*$`).FindSubmatch(b)
		if m == nil {
			t.Logf("the Makefile does not set %s: expecting %q", v, def)
			return def
		}
		return string(m[1])
	}
	return get("IMAGE_NAME", "codexec"), get("IMAGE_TAG", "0.1.0")
}

// shutdownBudget is how long `supervisor serve` may take to stop after
// SIGTERM: the constants shutdownExecutions and shutdownAudit of
// cmd/supervisor/serve.go, read from its source.
func shutdownBudget(t *testing.T) time.Duration {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "../../cmd/supervisor/serve.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Duration{"shutdownExecutions": 0, "shutdownAudit": 0}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || len(vs.Values) != 1 {
			return true
		}
		if _, ok := want[vs.Names[0].Name]; !ok {
			return true
		}
		// N * time.Second
		be, ok := vs.Values[0].(*ast.BinaryExpr)
		if !ok || be.Op != token.MUL {
			return true
		}
		lit, ok1 := be.X.(*ast.BasicLit)
		sel, ok2 := be.Y.(*ast.SelectorExpr)
		if !ok1 || !ok2 || sel.Sel.Name != "Second" {
			return true
		}
		n2, err := strconv.Atoi(lit.Value)
		if err == nil {
			want[vs.Names[0].Name] = time.Duration(n2) * time.Second
		}
		return true
	})
	var total time.Duration
	for k, v := range want {
		if v == 0 {
			t.Fatalf("cmd/supervisor/serve.go: constant %s = N * time.Second not found", k)
		}
		total += v
	}
	return total
}

// flagValue returns the value after flag in args.
func flagValue(args []string, flag string) (string, bool) {
	for i, a := range args {
		if a == flag && i+1 < len(args) {
			return args[i+1], true
		}
		if v, ok := strings.CutPrefix(a, flag+"="); ok {
			return v, true
		}
	}
	return "", false
}

// loadConfig decodes the ConfigMap's config.json with the project's own
// strict decoder (config.LoadFile: unknown keys and bad values refused).
func loadConfig(t *testing.T, cm *corev1.ConfigMap, key string) config.File {
	t.Helper()
	text, ok := cm.Data[key]
	if !ok {
		t.Fatalf("ConfigMap %s has no key %q (keys: %v)", cm.Name, key, keys(cm.Data))
	}
	p := filepath.Join(t.TempDir(), key)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := config.LoadFile(p)
	if err != nil {
		t.Fatalf("ConfigMap %s, %s: %v", cm.Name, key, err)
	}
	return f
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// deployment is one way to apply the manifests: a directory of files that
// `kubectl apply -f` takes in their lexical order.
type deployment struct {
	name  string
	files []string // in apply order
}

// The default: `kubectl apply -f deploy/kubernetes/`. The user-namespace
// variant: the same, its ConfigMap and DaemonSet taken from userns/.
func deployments(t *testing.T) []deployment {
	t.Helper()
	top, err := filepath.Glob("*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(top)
	var userns []string
	for _, f := range top {
		if alt := filepath.Join("userns", f); fileExists(alt) {
			userns = append(userns, alt)
		} else {
			userns = append(userns, f)
		}
	}
	return []deployment{{"default", top}, {"hostUsers: false", userns}}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// Every document of every manifest decodes strictly into its API type,
// and each directory holds only kinds the deployment needs.
func TestManifestsDecodeStrictly(t *testing.T) {
	for _, dir := range []string{".", "userns", "examples"} {
		docs := load(t, dir)
		if len(docs) == 0 {
			t.Errorf("%s: no manifests", dir)
		}
		for _, d := range docs {
			if _, ok := d.obj.(*corev1.Secret); ok && dir != "examples" {
				t.Errorf("%s holds a Secret: the MongoDB URI is referenced, its Secret made by the operator (examples/mongodb-secret.yaml is the form)", d.file)
			}
		}
	}
	// A field that is not in the API types is refused: the check is real.
	bad := []byte("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {}\nextra: 1\n")
	if err := yaml.UnmarshalStrict(bad, &corev1.ConfigMap{}); err == nil {
		t.Error("a ConfigMap with an unknown field decoded without error")
	}
	// A file kubectl apply -f would choke on (a kustomization.yaml, which
	// has no kind) is refused too, and the real directory passes the same
	// check.
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "kustomization.yaml"), []byte("resources:\n  - a.yaml\n"), 0o644)
	if loadQuiet(dir) != nil {
		t.Error("a kustomization.yaml passed as a manifest")
	}
	if loadQuiet(".") == nil {
		t.Error("the manifests fail the quiet load")
	}
}

// loadQuiet is load without a test: it returns nil when a document does
// not decode to a known kind.
func loadQuiet(dir string) []doc {
	entries, _ := os.ReadDir(dir)
	var docs []doc
	for _, e := range entries {
		if ext := filepath.Ext(e.Name()); e.IsDir() || ext != ".yaml" && ext != ".yml" && ext != ".json" {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil
		}
		for _, part := range splitDocs(b) {
			var tm metav1.TypeMeta
			if yaml.Unmarshal(part, &tm) != nil {
				return nil
			}
			obj := newObject(tm.APIVersion, tm.Kind)
			if obj == nil || yaml.UnmarshalStrict(part, obj) != nil {
				return nil
			}
			docs = append(docs, doc{file: e.Name(), obj: obj})
		}
	}
	return docs
}

// The DaemonSet agrees with the project and with the other manifests, in
// both deployments.
func TestDaemonSet(t *testing.T) {
	wantName, wantTag := imageRef(t)
	budget := shutdownBudget(t)
	for _, dep := range deployments(t) {
		t.Run(dep.name, func(t *testing.T) {
			var docs []doc
			for _, f := range dep.files {
				docs = append(docs, loadFile(t, f)...)
			}
			// kubectl apply -f DIR goes in lexical order: the namespace first.
			if _, ok := docs[0].obj.(*corev1.Namespace); !ok {
				t.Errorf("the first document applied (%s) is not the Namespace", docs[0].file)
			}
			nsObj, _ := only[*corev1.Namespace](t, docs, "Namespace")
			if nsObj.Labels["pod-security.kubernetes.io/enforce"] != "privileged" {
				t.Errorf("namespace %s: Pod Security level %q, want privileged (the supervisor's pod is privileged)", nsObj.Name, nsObj.Labels["pod-security.kubernetes.io/enforce"])
			}
			for _, d := range docs {
				if m := objectMeta(d.obj); m != nil && d.obj != any(nsObj) && m.Namespace != nsObj.Name {
					t.Errorf("%s: %s in namespace %q, want %q", d.file, m.Name, m.Namespace, nsObj.Name)
				}
			}
			ds, dsFile := only[*appsv1.DaemonSet](t, docs, "DaemonSet")
			sa, _ := only[*corev1.ServiceAccount](t, docs, "ServiceAccount")
			cm, _ := only[*corev1.ConfigMap](t, docs, "ConfigMap")
			pod := ds.Spec.Template.Spec
			if len(pod.Containers) != 1 {
				t.Fatalf("%s: %d containers, want 1", dsFile, len(pod.Containers))
			}
			c := pod.Containers[0]

			// The image: `make image`'s reference, never latest.
			name, tag, _ := strings.Cut(c.Image, ":")
			if name != wantName || tag != wantTag || tag == "latest" || strings.Contains(c.Image, "@") {
				t.Errorf("image %q, want %s:%s", c.Image, wantName, wantTag)
			}
			if c.ImagePullPolicy != corev1.PullIfNotPresent {
				t.Errorf("imagePullPolicy %q, want IfNotPresent", c.ImagePullPolicy)
			}

			// The command, and what it names.
			cmd := c.Command
			if len(cmd) < 2 || cmd[0] != "/usr/local/bin/supervisor" || cmd[1] != "serve" {
				t.Fatalf("command %q, want /usr/local/bin/supervisor serve ...", cmd)
			}
			if len(c.Args) != 0 {
				t.Errorf("args %q: the command says everything", c.Args)
			}
			cfgPath, ok1 := flagValue(cmd, "--config")
			socket, ok2 := flagValue(cmd, "--socket")
			logFormat, _ := flagValue(cmd, "--log-format")
			if !ok1 || !ok2 || logFormat != "json" {
				t.Fatalf("command %q: want --config, --socket and --log-format json", cmd)
			}
			mounts := map[string]corev1.VolumeMount{}
			for _, m := range c.VolumeMounts {
				mounts[m.MountPath] = m
			}
			volumes := map[string]corev1.Volume{}
			for _, v := range pod.Volumes {
				volumes[v.Name] = v
			}
			volumeAt := func(dir string) (corev1.Volume, corev1.VolumeMount) {
				m, ok := mounts[dir]
				if !ok {
					t.Fatalf("nothing is mounted at %s (mounts: %v)", dir, c.VolumeMounts)
				}
				v, ok := volumes[m.Name]
				if !ok {
					t.Fatalf("volume %q mounted at %s is not declared", m.Name, dir)
				}
				return v, m
			}

			// The configuration file: the ConfigMap, mounted read-only, its
			// key the file's name; decoded by the project's decoder.
			v, m := volumeAt(path.Dir(cfgPath))
			if v.ConfigMap == nil || v.ConfigMap.Name != cm.Name || len(v.ConfigMap.Items) != 0 || !m.ReadOnly || m.SubPath != "" {
				t.Errorf("%s: want ConfigMap %s mounted read-only, whole, got %+v %+v", path.Dir(cfgPath), cm.Name, v.VolumeSource, m)
			}
			cfg := loadConfig(t, cm, path.Base(cfgPath))
			if cfg.Socket != socket {
				t.Errorf("config.json socket %q, command --socket %q", cfg.Socket, socket)
			}
			if cfg.LogFormat != "json" {
				t.Errorf("config.json logFormat %q, want json", cfg.LogFormat)
			}
			if _, err := strconv.Atoi(cfg.SocketGroup); err != nil {
				t.Errorf("config.json socketGroup %q: a gid, not a name (the image has no /etc/group)", cfg.SocketGroup)
			}
			if cfg.MongoURI != "" {
				t.Errorf("config.json holds a MongoDB URI: it belongs in the Secret")
			}
			if cfg.AllowWeakIsolation {
				t.Errorf("config.json allows weak isolation")
			}

			// The socket: a hostPath directory mounted at the same path.
			v, m = volumeAt(path.Dir(socket))
			if v.HostPath == nil || v.HostPath.Path != path.Dir(socket) || m.ReadOnly || m.SubPath != "" {
				t.Errorf("socket directory %s: want the node's %s, writable, got %+v %+v", path.Dir(socket), path.Dir(socket), v.VolumeSource, m)
			} else if v.HostPath.Type == nil || *v.HostPath.Type != corev1.HostPathDirectoryOrCreate {
				t.Errorf("socket directory: hostPath type %v, want DirectoryOrCreate", v.HostPath.Type)
			}

			// The outbox: on the node, so that a new pod ships what the old
			// one left.
			if cfg.DataDir == "" {
				t.Fatal("config.json has no dataDir")
			}
			v, m = volumeAt(cfg.DataDir)
			if v.HostPath == nil || v.HostPath.Path != cfg.DataDir || m.ReadOnly {
				t.Errorf("dataDir %s: want the node's %s, writable, got %+v", cfg.DataDir, cfg.DataDir, v.VolumeSource)
			}

			// Probes: exec, `supervisor health` on the same socket, with a
			// timeout under the probe's own.
			for what, p := range map[string]*corev1.Probe{"startupProbe": c.StartupProbe, "livenessProbe": c.LivenessProbe, "readinessProbe": c.ReadinessProbe} {
				if p == nil {
					t.Errorf("no %s", what)
					continue
				}
				if p.Exec == nil || p.HTTPGet != nil || p.TCPSocket != nil || p.GRPC != nil {
					t.Errorf("%s: want an exec probe only, got %+v", what, p.ProbeHandler)
					continue
				}
				pc := p.Exec.Command
				if len(pc) < 2 || pc[0] != cmd[0] || pc[1] != "health" {
					t.Errorf("%s: %q, want %s health", what, pc, cmd[0])
				}
				if s, _ := flagValue(pc, "--socket"); s != socket {
					t.Errorf("%s: --socket %q, want the daemon's %q", what, s, socket)
				}
				to, ok := flagValue(pc, "--timeout")
				d, err := time.ParseDuration(to)
				if !ok || err != nil || d <= 0 || d >= time.Duration(p.TimeoutSeconds)*time.Second {
					t.Errorf("%s: --timeout %q must be set and under timeoutSeconds %d", what, to, p.TimeoutSeconds)
				}
			}

			// Resources: requests, and a memory limit the runners fit in.
			if c.Resources.Requests.Cpu().IsZero() || c.Resources.Requests.Memory().IsZero() {
				t.Errorf("resource requests %v: want cpu and memory", c.Resources.Requests)
			}
			runners := resource.MustParse(fmt.Sprintf("%dMi", cfg.MaxConcurrent*cfg.Limits.MaxMemoryLimitMiB+512))
			if cfg.MaxConcurrent == 0 || c.Resources.Limits.Memory().Cmp(runners) < 0 {
				t.Errorf("memory limit %v below maxConcurrent %d × maxMemoryLimit %d MiB + 512 MiB for the daemon",
					c.Resources.Limits.Memory(), cfg.MaxConcurrent, cfg.Limits.MaxMemoryLimitMiB)
			}

			// The node's namespaces stay the node's.
			if pod.HostNetwork || pod.HostPID || pod.HostIPC {
				t.Errorf("hostNetwork %v, hostPID %v, hostIPC %v: want none", pod.HostNetwork, pod.HostPID, pod.HostIPC)
			}
			for _, p := range c.Ports {
				if p.HostPort != 0 {
					t.Errorf("hostPort %d: the supervisor listens on a Unix socket only", p.HostPort)
				}
			}

			// Labels and selectors.
			sel, err := metav1.LabelSelectorAsSelector(ds.Spec.Selector)
			if err != nil || sel.Empty() {
				t.Fatalf("selector %v: %v", ds.Spec.Selector, err)
			}
			if !sel.Matches(labels.Set(ds.Spec.Template.Labels)) {
				t.Errorf("selector %v does not match the pod template's labels %v", ds.Spec.Selector, ds.Spec.Template.Labels)
			}
			for k, v := range ds.Spec.Selector.MatchLabels {
				if ds.Labels[k] != v {
					t.Errorf("DaemonSet label %s=%q, selector wants %q", k, ds.Labels[k], v)
				}
			}

			// Service account: the one declared, no token.
			if pod.ServiceAccountName != sa.Name {
				t.Errorf("serviceAccountName %q, want %q", pod.ServiceAccountName, sa.Name)
			}
			if pod.AutomountServiceAccountToken == nil || *pod.AutomountServiceAccountToken || sa.AutomountServiceAccountToken == nil || *sa.AutomountServiceAccountToken {
				t.Error("a service account token is mounted: the supervisor does not use the Kubernetes API")
			}

			// The host id from the node's name; the MongoDB URI from the
			// Secret, never a literal.
			env := map[string]corev1.EnvVar{}
			for _, e := range c.Env {
				env[e.Name] = e
				if strings.Contains(e.Value, "mongodb://") || strings.Contains(e.Value, "mongodb+srv://") {
					t.Errorf("env %s holds a MongoDB URI: it belongs in the Secret", e.Name)
				}
			}
			if e := env["CODEXEC_HOST_ID"]; e.ValueFrom == nil || e.ValueFrom.FieldRef == nil || e.ValueFrom.FieldRef.FieldPath != "spec.nodeName" {
				t.Errorf("CODEXEC_HOST_ID %+v: want the node's name (fieldRef spec.nodeName)", e)
			}
			secretRef := env["CODEXEC_MONGO_URI"]
			if secretRef.ValueFrom == nil || secretRef.ValueFrom.SecretKeyRef == nil || secretRef.Value != "" {
				t.Fatalf("CODEXEC_MONGO_URI %+v: want a secretKeyRef", secretRef)
			}
			example, _ := only[*corev1.Secret](t, load(t, "examples"), "example Secret")
			ref := secretRef.ValueFrom.SecretKeyRef
			_, inData := example.Data[ref.Key]
			_, inString := example.StringData[ref.Key]
			if example.Name != ref.Name || example.Namespace != ds.Namespace || !(inData || inString) {
				t.Errorf("the example Secret %s/%s does not hold the key %s/%s the DaemonSet reads", example.Namespace, example.Name, ref.Name, ref.Key)
			}

			// Shutdown: the grace period covers the daemon's drain.
			if pod.TerminationGracePeriodSeconds == nil {
				t.Errorf("no terminationGracePeriodSeconds: the default (30 s) is under the daemon's drain of %v", budget)
			} else if grace := time.Duration(*pod.TerminationGracePeriodSeconds) * time.Second; grace < budget {
				t.Errorf("terminationGracePeriodSeconds %v, under the daemon's drain of %v (cmd/supervisor/serve.go)", grace, budget)
			}
			if ds.Spec.UpdateStrategy.Type != appsv1.RollingUpdateDaemonSetStrategyType || ds.Spec.UpdateStrategy.RollingUpdate == nil ||
				ds.Spec.UpdateStrategy.RollingUpdate.MaxUnavailable == nil {
				t.Errorf("updateStrategy %+v: want RollingUpdate with maxUnavailable", ds.Spec.UpdateStrategy)
			} else if s := ds.Spec.UpdateStrategy.RollingUpdate.MaxSurge; s != nil && s.IntValue() != 0 {
				t.Errorf("maxSurge %v: two supervisors cannot share a node's socket", s)
			}

			// The security context: privileged (for a writable cgroupfs), as
			// root, read-only root filesystem.
			sc := c.SecurityContext
			if sc == nil || sc.Privileged == nil || !*sc.Privileged || sc.RunAsUser == nil || *sc.RunAsUser != 0 ||
				sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
				t.Errorf("container securityContext %+v: want privileged, uid 0, read-only root filesystem", sc)
			}
		})
	}
}

func loadFile(t *testing.T, file string) []doc {
	t.Helper()
	var out []doc
	for _, d := range load(t, filepath.Dir(file)) {
		if d.file == filepath.Join(filepath.Dir(file), filepath.Base(file)) {
			out = append(out, d)
		}
	}
	if len(out) == 0 {
		t.Fatalf("%s: no documents", file)
	}
	return out
}

func objectMeta(o any) *metav1.ObjectMeta {
	v := reflect.ValueOf(o).Elem().FieldByName("ObjectMeta")
	if !v.IsValid() {
		return nil
	}
	m := v.Addr().Interface().(*metav1.ObjectMeta)
	return m
}

// The variant in a user namespace is the default DaemonSet and
// configuration but for hostUsers and the policy: nothing else may drift.
func TestUserNamespaceVariant(t *testing.T) {
	def, _ := only[*appsv1.DaemonSet](t, loadFile(t, "30-daemonset.yaml"), "DaemonSet")
	uns, _ := only[*appsv1.DaemonSet](t, loadFile(t, "userns/30-daemonset.yaml"), "DaemonSet")
	if uns.Spec.Template.Spec.HostUsers == nil || *uns.Spec.Template.Spec.HostUsers {
		t.Fatalf("userns/30-daemonset.yaml: hostUsers %v, want false", uns.Spec.Template.Spec.HostUsers)
	}
	if def.Spec.Template.Spec.HostUsers != nil {
		t.Errorf("30-daemonset.yaml sets hostUsers")
	}
	uns.Spec.Template.Spec.HostUsers = nil
	if !reflect.DeepEqual(def, uns) {
		a, _ := yaml.Marshal(def)
		b, _ := yaml.Marshal(uns)
		t.Errorf("the two DaemonSets differ beyond hostUsers:\n%s", lineDiff(string(a), string(b)))
	}

	defCM, _ := only[*corev1.ConfigMap](t, loadFile(t, "20-configmap.yaml"), "ConfigMap")
	unsCM, _ := only[*corev1.ConfigMap](t, loadFile(t, "userns/20-configmap.yaml"), "ConfigMap")
	a, b := loadConfig(t, defCM, "config.json"), loadConfig(t, unsCM, "config.json")
	if !slices.Equal(b.Policy["65534"], []string{"*"}) || len(b.Policy) != 1 {
		t.Errorf("userns policy %v: want only 65534 (every caller's uid seen from the pod's user namespace)", b.Policy)
	}
	a.Policy, b.Policy = nil, nil
	if !reflect.DeepEqual(a, b) {
		t.Errorf("the two configurations differ beyond the policy:\n%+v\n%+v", a, b)
	}
	if defCM.Name != unsCM.Name || defCM.Namespace != unsCM.Namespace {
		t.Errorf("the userns ConfigMap is %s/%s, want the default's name %s/%s (it replaces it)", unsCM.Namespace, unsCM.Name, defCM.Namespace, defCM.Name)
	}
}

// The example agent pod mounts the node's socket directory read-only,
// names the daemon's socket, runs as a uid the policy admits, and holds
// the socket's group.
func TestAgentPod(t *testing.T) {
	ds, _ := only[*appsv1.DaemonSet](t, loadFile(t, "30-daemonset.yaml"), "DaemonSet")
	cm, _ := only[*corev1.ConfigMap](t, loadFile(t, "20-configmap.yaml"), "ConfigMap")
	cfg := loadConfig(t, cm, "config.json")
	socket, _ := flagValue(ds.Spec.Template.Spec.Containers[0].Command, "--socket")
	hostDir := path.Dir(socket)

	docs := load(t, "examples")
	pod, file := only[*corev1.Pod](t, docs, "agent Pod")
	ns, _ := only[*corev1.Namespace](t, docs, "agent Namespace")
	if pod.Namespace != ns.Name || pod.Namespace == ds.Namespace {
		t.Errorf("%s: the agent in namespace %q, want its own (%q), not the supervisor's", file, pod.Namespace, ns.Name)
	}
	var vol string
	for _, v := range pod.Spec.Volumes {
		if v.HostPath != nil && v.HostPath.Path == hostDir {
			vol = v.Name
		}
	}
	if vol == "" {
		t.Fatalf("%s: no hostPath volume of %s", file, hostDir)
	}
	if len(pod.Spec.Containers) != 1 {
		t.Fatalf("%s: %d containers", file, len(pod.Spec.Containers))
	}
	c := pod.Spec.Containers[0]
	var mount *corev1.VolumeMount
	for i := range c.VolumeMounts {
		if c.VolumeMounts[i].Name == vol {
			mount = &c.VolumeMounts[i]
		}
	}
	if mount == nil || !mount.ReadOnly || mount.SubPath != "" {
		t.Fatalf("%s: the socket directory mounted %+v, want read-only, whole", file, mount)
	}
	want := path.Join(mount.MountPath, path.Base(socket))
	var named bool
	for _, e := range c.Env {
		if e.Name == "CODEXEC_SOCKET" {
			named = e.Value == want
		}
	}
	if !named || !strings.Contains(strings.Join(c.Command, " "), "--unix-socket") {
		t.Errorf("%s: want CODEXEC_SOCKET=%s used with curl --unix-socket", file, want)
	}
	if name, tag, _ := strings.Cut(c.Image, ":"); name == "" || tag == "" || tag == "latest" {
		t.Errorf("%s: image %q: want a pinned tag", file, c.Image)
	}

	psc := pod.Spec.SecurityContext
	if psc == nil || psc.RunAsUser == nil {
		t.Fatalf("%s: no runAsUser", file)
	}
	uid := strconv.FormatInt(*psc.RunAsUser, 10)
	if _, ok := cfg.Policy[uid]; !ok || *psc.RunAsUser == 0 {
		t.Errorf("%s: runs as uid %s, which the policy %v does not name", file, uid, cfg.Policy)
	}
	gid, _ := strconv.ParseInt(cfg.SocketGroup, 10, 64)
	mode, _ := cfg.Mode()
	inGroup := slices.Contains(psc.SupplementalGroups, gid) || (psc.RunAsGroup != nil && *psc.RunAsGroup == gid)
	if !inGroup || mode&0o060 != 0o060 {
		t.Errorf("%s: supplementalGroups %v (runAsGroup set: %v) and socket mode %04o group %d: the pod could not connect", file, psc.SupplementalGroups, psc.RunAsGroup != nil, mode, gid)
	}
	if mode&0o006 != 0 {
		t.Errorf("socket mode %04o lets anyone on the node connect", mode)
	}
	if sc := c.SecurityContext; sc == nil || sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation || sc.Privileged != nil && *sc.Privileged {
		t.Errorf("%s: the agent's securityContext %+v: want no privilege escalation", file, sc)
	}
}

func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	var out bytes.Buffer
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			fmt.Fprintf(&out, "- %s\n+ %s\n", x, y)
		}
	}
	return out.String()
}
