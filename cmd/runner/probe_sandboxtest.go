//go:build sandboxtest && !cgo

package main

import (
	"encoding/json"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// probe is compiled into test builds only (-tags sandboxtest): it plays an
// attacker who already has native code execution inside a locked-down
// runner. A job whose code is "probe:NAME[:ARG]" makes one raw system call
// attempt and reports whether it worked; a forbidden call kills the runner
// instead (seccomp).
func probe(code string) (json.RawMessage, bool) {
	rest, ok := strings.CutPrefix(code, "probe:")
	if !ok {
		return nil, false
	}
	name, arg, _ := strings.Cut(rest, ":")
	err := attempt(name, arg)
	out := map[string]any{"probe": name, "ok": err == nil}
	if err != nil {
		out["error"] = err.Error()
	}
	b, _ := json.Marshal(out)
	return b, true
}

func errnoOf(e unix.Errno) error {
	if e != 0 {
		return e
	}
	return nil
}

func attempt(name, arg string) error {
	switch name {
	case "forgecall":
		// Tool calls written straight to the message pipe (fd 4, as the
		// supervisor passes it), past the runtime: arg is "undeclared"
		// (a name the job did not declare), "badargs" (arguments its
		// schema refuses) or "flood" (far more calls than any cap).
		frame := func(id int, name, args string) []byte {
			body := fmt.Sprintf(`{"type":"call","arg":{"id":%d,"name":%q,"args":%s}}`, id, name, args)
			b := make([]byte, 4+len(body))
			b[0], b[1], b[2], b[3] = byte(len(body)>>24), byte(len(body)>>16), byte(len(body)>>8), byte(len(body))
			copy(b[4:], body)
			return b
		}
		var out []byte
		switch arg {
		case "undeclared":
			out = frame(1, "admin.deleteEverything", `{}`)
		case "badargs":
			out = frame(1, "crm.findCustomer", `{"email":{"$ne":null}}`)
		case "flood":
			for i := 1; i <= 1000; i++ {
				out = append(out, frame(i, "crm.findCustomer", `{"email":"x"}`)...)
			}
		default:
			return fmt.Errorf("unknown forgecall %q", arg)
		}
		for len(out) > 0 {
			n, err := unix.Write(4, out)
			if err != nil {
				return err
			}
			out = out[n:]
		}
		return nil
	case "open":
		fd, err := unix.Open("/etc/passwd", unix.O_RDONLY, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		var b [64]byte
		_, err = unix.Read(fd, b[:])
		return err
	case "create":
		p := fmt.Sprintf("/tmp/codexec-probe-%d", os.Getpid())
		fd, err := unix.Open(p, unix.O_CREAT|unix.O_WRONLY|unix.O_EXCL, 0o600)
		if err != nil {
			return err
		}
		unix.Close(fd)
		unix.Unlink(p)
		return nil
	case "connect":
		port, _ := strconv.Atoi(arg)
		fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		sa := &unix.SockaddrInet4{Port: port}
		copy(sa.Addr[:], net.IPv4(127, 0, 0, 1).To4())
		return unix.Connect(fd, sa)
	case "fork":
		r, _, e := unix.RawSyscall6(unix.SYS_CLONE, uintptr(unix.SIGCHLD), 0, 0, 0, 0, 0)
		if e == 0 && r == 0 {
			unix.RawSyscall(unix.SYS_EXIT_GROUP, 0, 0, 0)
		}
		return errnoOf(e)
	case "execve":
		return unix.Exec("/bin/true", []string{"true"}, nil)
	case "ptrace":
		pid, _ := strconv.Atoi(arg)
		return unix.PtraceAttach(pid)
	case "mount":
		return unix.Mount("none", "/tmp", "tmpfs", 0, "")
	case "setuid":
		_, _, e := unix.RawSyscall(unix.SYS_SETUID, 0, 0, 0)
		return errnoOf(e)
	case "kill0":
		pid, _ := strconv.Atoi(arg)
		return unix.Kill(pid, 0)
	case "unshare":
		return unix.Unshare(unix.CLONE_NEWUSER)
	case "bpf":
		_, _, e := unix.Syscall(unix.SYS_BPF, 0, 0, 0)
		return errnoOf(e)
	case "io_uring_setup":
		var params [120]byte
		_, _, e := unix.Syscall(unix.SYS_IO_URING_SETUP, 1, uintptr(unsafe.Pointer(&params[0])), 0)
		return errnoOf(e)
	case "keyctl":
		_, _, e := unix.Syscall(unix.SYS_KEYCTL, unix.KEYCTL_GET_KEYRING_ID, uintptr(0xfffffffd), 0)
		return errnoOf(e)
	case "perf_event_open":
		attr := unix.PerfEventAttr{Type: unix.PERF_TYPE_SOFTWARE, Config: unix.PERF_COUNT_SW_CPU_CLOCK}
		attr.Size = uint32(unsafe.Sizeof(attr))
		_, err := unix.PerfEventOpen(&attr, 0, -1, -1, 0)
		return err
	case "personality":
		_, _, e := unix.Syscall(unix.SYS_PERSONALITY, 0xffffffff, 0, 0)
		return errnoOf(e)
	case "environ":
		fd, err := unix.Open("/proc/"+arg+"/environ", unix.O_RDONLY, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		var b [64]byte
		_, err = unix.Read(fd, b[:])
		return err
	}
	return fmt.Errorf("unknown probe %q", name)
}
