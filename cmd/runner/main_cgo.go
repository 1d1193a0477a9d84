//go:build cgo

package main

import (
	"fmt"
	"os"
)

// A runner built with cgo would apply landlock through libpsx's C path,
// which lists /proc/PID/task to find the threads to restrict: inside the
// runner's own pid namespace that is another process's task list, and the
// lockdown hangs. Go's own all-threads system call, used without cgo, has
// no such dependency. So a cgo build refuses to run rather than run weaker.
func main() {
	fmt.Fprintln(os.Stderr, "runner: built with cgo; build it with CGO_ENABLED=0 (make build does)")
	os.Exit(2)
}
