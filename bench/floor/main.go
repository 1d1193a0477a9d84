// Command floor is the benchmark's reference for "one fresh Go process per
// execution": a static Go binary that reads one length-prefixed job from
// standard input, answers one length-prefixed frame on standard output, and
// exits. It does nothing else, so its spawn-to-exit time is the floor of
// codexec's design.
package main

import (
	"encoding/binary"
	"io"
	"os"
)

func main() {
	var hdr [4]byte
	if _, err := io.ReadFull(os.Stdin, hdr[:]); err != nil {
		os.Exit(1)
	}
	job := make([]byte, binary.BigEndian.Uint32(hdr[:]))
	if _, err := io.ReadFull(os.Stdin, job); err != nil {
		os.Exit(1)
	}
	answer := []byte(`{"type":"result","arg":{"status":"ok","output":14}}`)
	binary.BigEndian.PutUint32(hdr[:], uint32(len(answer)))
	os.Stdout.Write(append(hdr[:], answer...))
}
