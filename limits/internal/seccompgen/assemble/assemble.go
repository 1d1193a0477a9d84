// Package assemble turns the runner's seccomp policy into BPF with
// go-seccomp-bpf; it is used by the generator and by the test that keeps
// the generated program in step with the policy.
package assemble

import (
	"fmt"

	seccomp "github.com/elastic/go-seccomp-bpf"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"

	"codexec/limits"
)

// Policy is the runner's policy in go-seccomp-bpf's terms: the allowlist,
// the conditional calls, and kill-process for everything else.
func Policy() seccomp.Policy {
	groups := []seccomp.SyscallGroup{{Names: limits.SeccompAllowlist, Action: seccomp.ActionAllow}}
	var conds []seccomp.NameWithConditions
	for _, r := range limits.SeccompConditional {
		var cs seccomp.ArgumentConditions
		for _, a := range r.Args {
			op := seccomp.Equal
			if a.Op == limits.OpBitsSet {
				op = seccomp.BitsSet
			}
			cs = append(cs, seccomp.Condition{Argument: a.Arg, Operation: op, Value: a.Value})
		}
		conds = append(conds, seccomp.NameWithConditions{Name: r.Name, Conditions: cs})
	}
	groups = append(groups, seccomp.SyscallGroup{NamesWithCondtions: conds, Action: seccomp.ActionAllow})
	return seccomp.Policy{DefaultAction: seccomp.ActionKillProcess, Syscalls: groups}
}

// Program assembles the policy into raw BPF instructions.
func Program() ([]unix.SockFilter, error) {
	p := Policy()
	insts, err := p.Assemble()
	if err != nil {
		return nil, fmt.Errorf("assemble seccomp policy: %w", err)
	}
	raw, err := bpf.Assemble(insts)
	if err != nil {
		return nil, fmt.Errorf("assemble BPF: %w", err)
	}
	out := make([]unix.SockFilter, len(raw))
	for i, r := range raw {
		out[i] = unix.SockFilter{Code: r.Op, Jt: r.Jt, Jf: r.Jf, K: r.K}
	}
	return out, nil
}
