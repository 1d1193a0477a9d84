// Command image writes codexec's container image without a registry or a
// container engine: an OCI image holding the two static binaries
// (/usr/local/bin/supervisor and /usr/local/bin/runner) and nothing else,
// as a tarball for `docker load` / `podman load` and as an OCI image
// layout. The same binaries give the same bytes and the same digest.
//
//	go run . -supervisor ../../bin/supervisor -runner ../../bin/runner -o ../../bin/image
//
// The files' time is $SOURCE_DATE_EPOCH when set, else the commit time Go
// stamped in the supervisor, else the Unix epoch.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "image:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	fs := flag.NewFlagSet("image", flag.ContinueOnError)
	sup := fs.String("supervisor", "", "the supervisor executable (static, from make build)")
	run := fs.String("runner", "", "the runner executable (static, from make build)")
	out := fs.String("o", "", "output directory: NAME-TAG.tar and oci/ are written in it")
	nm := fs.String("name", "codexec", "image name")
	tag := fs.String("tag", "0.1.0", "image tag")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *sup == "" || *run == "" || *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("-supervisor, -runner and -o are required, and nothing else")
	}
	start := time.Now()
	in, arch, err := Load(*sup, *run, *nm, *tag, os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return err
	}
	img, err := Build(in, arch)
	if err != nil {
		return err
	}
	tarPath, ociPath, err := Write(img, in, *out)
	if err != nil {
		return err
	}
	digest, err := img.Digest()
	if err != nil {
		return err
	}
	fi, err := os.Stat(tarPath)
	if err != nil {
		return err
	}
	fmt.Printf("%s:%s %s (%s, %.1f MB, %.1fs)\n  %s\n  %s\n", in.Name, in.Tag, digest, arch,
		float64(fi.Size())/1e6, time.Since(start).Seconds(), tarPath, ociPath)
	return nil
}

// Load reads and checks the two binaries and settles the inputs: the
// architecture both were built for, the revision label and the time.
func Load(supPath, runPath, name, tag, sourceDateEpoch string) (Inputs, string, error) {
	sp, err := Inspect(supPath)
	if err != nil {
		return Inputs{}, "", err
	}
	rp, err := Inspect(runPath)
	if err != nil {
		return Inputs{}, "", err
	}
	if sp.GOARCH != rp.GOARCH {
		return Inputs{}, "", fmt.Errorf("the supervisor is built for %s and the runner for %s", sp.GOARCH, rp.GOARCH)
	}
	epoch, err := Epoch(sourceDateEpoch, sp)
	if err != nil {
		return Inputs{}, "", err
	}
	in := Inputs{Name: name, Tag: tag, Epoch: epoch, Revision: sp.Revision}
	if in.Supervisor, err = os.ReadFile(supPath); err != nil {
		return Inputs{}, "", err
	}
	if in.Runner, err = os.ReadFile(runPath); err != nil {
		return Inputs{}, "", err
	}
	if _, err := in.Ref(); err != nil {
		return Inputs{}, "", fmt.Errorf("image reference %s:%s: %w", name, tag, err)
	}
	return in, sp.GOARCH, nil
}
