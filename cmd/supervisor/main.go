// Command supervisor is codexec's front door: it validates untrusted
// JavaScript or TypeScript, runs it in a fresh, locked-down runner process,
// and reports a truthful result. See `supervisor --help`.
package main

import "os"

func main() {
	os.Exit(Execute(NewState()))
}
