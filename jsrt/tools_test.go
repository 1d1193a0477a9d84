package jsrt

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"

	"codexec/ipc"
	"codexec/result"
)

// supervisorStub plays the supervisor's side of tool calls in the test's
// goroutine while the job runs in another: it receives the calls the code
// makes and answers them through Deliver.
type supervisorStub struct {
	t     *testing.T
	rt    *Runtime
	calls chan ipc.Call
	logs  chan string
	seen  map[string]bool // lines waitLog read
	done  chan struct{}
}

// next returns the next call, or false once the job has ended.
func (s *supervisorStub) next() (ipc.Call, bool) {
	s.t.Helper()
	select {
	case c := <-s.calls:
		return c, true
	case <-s.done:
		select {
		case c := <-s.calls:
			return c, true
		default:
			return ipc.Call{}, false
		}
	case <-time.After(30 * time.Second):
		s.t.Fatal("no call and no end of the job in 30 s")
		return ipc.Call{}, false
	}
}

// must returns the next call and fails the test when the job ended instead.
func (s *supervisorStub) must() ipc.Call {
	s.t.Helper()
	c, ok := s.next()
	if !ok {
		s.t.Fatal("the job ended before the call the test expected")
	}
	return c
}

func (s *supervisorStub) result(id int64, v string) {
	s.rt.Deliver(ipc.Reply{ID: id, Result: json.RawMessage(v)})
}

// waitLog waits for a console line (the sink is fed on the job's goroutine).
func (s *supervisorStub) waitLog(want string) {
	s.t.Helper()
	for !s.seen[want] {
		select {
		case l := <-s.logs:
			s.seen[l] = true
		case <-s.done:
			select {
			case l := <-s.logs:
				s.seen[l] = true
				continue
			default:
			}
			s.t.Fatalf("the job ended before it logged %q", want)
		case <-time.After(30 * time.Second):
			s.t.Fatalf("no log %q in 30 s", want)
		}
	}
}

// runTools runs code with the tools named, serve answering its calls.
// serve returns when it has nothing more to answer; the job must then end
// by itself (or by its deadline). Calls made after serve returned are
// returned too.
func runTools(t *testing.T, code string, names []string, serve func(*supervisorStub), mutate ...func(*ipc.Job)) (ipc.Result, []ipc.Call) {
	t.Helper()
	s := &supervisorStub{t: t, calls: make(chan ipc.Call, 1000), logs: make(chan string, 1000), seen: map[string]bool{}, done: make(chan struct{})}
	rt, err := New(Options{Calls: func(c ipc.Call) error {
		if !json.Valid(c.Args) {
			t.Errorf("call %d: args are not JSON: %q", c.ID, c.Args)
		}
		s.calls <- c
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	s.rt = rt
	job := ipc.Job{ID: "t", Code: code, Context: json.RawMessage(`{}`), TimeoutMs: 10000,
		MaxOutputBytes: 1 << 20, MaxLogLines: 1000, MaxLogBytes: 1 << 16, CaptureConsole: true, Tools: names}
	for _, m := range mutate {
		m(&job)
	}
	resc := make(chan ipc.Result, 1)
	go func() {
		defer close(s.done)
		resc <- rt.Run(job, func(level, msg string) error {
			s.logs <- msg
			return nil
		})
	}()
	if serve != nil {
		serve(s)
	}
	var res ipc.Result
	select {
	case res = <-resc:
	case <-time.After(60 * time.Second):
		t.Fatal("the job did not end in 60 s")
	}
	var late []ipc.Call
	for {
		select {
		case c := <-s.calls:
			late = append(late, c)
		default:
			return res, late
		}
	}
}

func wantOK(t *testing.T, res ipc.Result, output string) {
	t.Helper()
	if res.Status != result.OK {
		t.Fatalf("status %s (%+v), want ok", res.Status, res.Error)
	}
	if string(res.Output) != output {
		t.Fatalf("output %s\nwant   %s", res.Output, output)
	}
}

func wantStatus(t *testing.T, res ipc.Result, status result.Status, sub string) {
	t.Helper()
	if res.Status != status {
		t.Fatalf("status %s (%+v, output %s), want %s", res.Status, res.Error, res.Output, status)
	}
	if res.Error == nil || !strings.Contains(res.Error.Message, sub) {
		t.Fatalf("error %+v, want one containing %q", res.Error, sub)
	}
}

func TestToolCallResult(t *testing.T) {
	res, late := runTools(t, `const c = await tools.crm.findCustomer({ email: 'a@b.c', n: 1.5, u: undefined, s: 'é&<' });
		return { id: c.id, tags: c.tags, t: typeof c }`, []string{"crm.findCustomer"}, func(s *supervisorStub) {
		c := s.must()
		if c.ID != 1 || c.Name != "crm.findCustomer" || string(c.Args) != `{"email":"a@b.c","n":1.5,"s":"é&<"}` {
			t.Errorf("call %+v (args %s)", c, c.Args)
		}
		s.result(c.ID, `{"id": 7, "tags": ["x", null]}`)
	})
	wantOK(t, res, `{"id":7,"tags":["x",null],"t":"object"}`)
	if len(late) != 0 {
		t.Fatalf("unexpected calls: %+v", late)
	}
}

// Every JSON value a tool can return reaches the code as that value; an
// argument that is not an object crosses as its JSON, and none is {}.
func TestToolCallValuesAndArguments(t *testing.T) {
	results := []string{`null`, `0`, `-2.5e3`, `"s\u00e9"`, `true`, `[]`, `{"a":{"b":[1]}}`}
	var args []string
	res, _ := runTools(t, `const out = [];
		out.push(await tools.f());
		out.push(await tools.f(undefined));
		out.push(await tools.f(null));
		out.push(await tools.f(3));
		out.push(await tools.f('str'));
		out.push(await tools.f([1, () => 1]));
		out.push(await tools.f({ toJSON() { return { via: 'toJSON' } } }));
		return out`, []string{"f"}, func(s *supervisorStub) {
		for i := range results {
			c := s.must()
			args = append(args, string(c.Args))
			s.result(c.ID, results[i])
		}
	})
	wantOK(t, res, `[null,0,-2500,"sé",true,[],{"a":{"b":[1]}}]`)
	want := []string{`{}`, `{}`, `null`, `3`, `"str"`, `[1,null]`, `{"via":"toJSON"}`}
	if fmt.Sprint(args) != fmt.Sprint(want) {
		t.Fatalf("args %q\nwant %q", args, want)
	}
}

func TestToolCallError(t *testing.T) {
	res, _ := runTools(t, `const out = [];
		try {
			await tools.crm.findCustomer({ email: 'x' });
		} catch (e) {
			out.push(e instanceof ToolError, e instanceof Error, e.name, e.code, e.message, String(e),
				Object.keys(e).join(), e.stack);
		}
		const mine = new ToolError('made here', { code: 'mine' });
		out.push(mine.name, mine.code, mine instanceof ToolError, new ToolError('m').code === undefined);
		return out`, []string{"crm.findCustomer"}, func(s *supervisorStub) {
		c := s.must()
		s.rt.Deliver(ipc.Reply{ID: c.ID, Error: &ipc.ToolError{Code: "not_found", Message: "no customer with that email"}})
	})
	wantOK(t, res, `[true,true,"ToolError","not_found","no customer with that email","ToolError: no customer with that email","code","ToolError: no customer with that email","ToolError","mine",true,true]`)
}

// A ToolError nobody catches ends the job as an error naming it.
func TestToolCallErrorUncaught(t *testing.T) {
	res, _ := runTools(t, `await tools.f(); return 1`, []string{"f"}, func(s *supervisorStub) {
		c := s.must()
		s.rt.Deliver(ipc.Reply{ID: c.ID, Error: &ipc.ToolError{Code: "boom", Message: "the tool failed"}})
	})
	wantStatus(t, res, result.Error, "ToolError: the tool failed")
}

func TestToolCallRepliesOutOfOrder(t *testing.T) {
	res, _ := runTools(t, `const order = [];
		const ps = [1, 2, 3].map(n => tools.f({ n }).then(v => { order.push(n); return v }));
		return { values: await Promise.all(ps), order }`, []string{"f"}, func(s *supervisorStub) {
		calls := []ipc.Call{s.must(), s.must(), s.must()}
		for i := len(calls) - 1; i >= 0; i-- {
			var a struct{ N int }
			if err := json.Unmarshal(calls[i].Args, &a); err != nil {
				t.Fatal(err)
			}
			s.result(calls[i].ID, fmt.Sprint(a.N*10))
		}
	})
	wantOK(t, res, `{"values":[10,20,30],"order":[3,2,1]}`)
}

func TestToolCallsSequential(t *testing.T) {
	var ids []int64
	res, late := runTools(t, `let sum = 0;
		for (let i = 0; i < 50; i++) sum += await tools.math.add({ a: sum, i });
		return sum`, []string{"math.add"}, func(s *supervisorStub) {
		for i := 0; i < 50; i++ {
			c := s.must()
			ids = append(ids, c.ID)
			var a struct{ I int }
			if err := json.Unmarshal(c.Args, &a); err != nil || a.I != i {
				t.Fatalf("call %d: args %s (%v)", i, c.Args, err)
			}
			s.result(c.ID, fmt.Sprint(i))
		}
	})
	wantOK(t, res, "1225")
	for i, id := range ids {
		if id != int64(i+1) {
			t.Fatalf("ids %v: want 1..50", ids)
		}
	}
	if len(late) != 0 {
		t.Fatalf("%d calls after the 50th", len(late))
	}
}

// 50 calls are in flight at once: the stub answers none before it has all
// of them, then answers in a random order.
func TestToolCallsConcurrent(t *testing.T) {
	res, _ := runTools(t, `const ps = [];
		for (let i = 0; i < 50; i++) ps.push(tools.f({ i }));
		const vs = await Promise.all(ps);
		return vs.every((v, i) => v === i * 2) ? vs.length : vs`, []string{"f"}, func(s *supervisorStub) {
		var calls []ipc.Call
		seen := map[int64]bool{}
		for i := 0; i < 50; i++ {
			c := s.must()
			if seen[c.ID] {
				t.Fatalf("id %d twice", c.ID)
			}
			seen[c.ID] = true
			calls = append(calls, c)
		}
		rand.New(rand.NewSource(1)).Shuffle(len(calls), func(i, j int) { calls[i], calls[j] = calls[j], calls[i] })
		for _, c := range calls {
			var a struct{ I int }
			if err := json.Unmarshal(c.Args, &a); err != nil {
				t.Fatal(err)
			}
			s.result(c.ID, fmt.Sprint(a.I*2))
		}
	})
	wantOK(t, res, "50")
}

func TestToolsObject(t *testing.T) {
	res, late := runTools(t, `const fake = async () => 'fake';
		const out = [typeof tools.a.b.c, typeof tools.a.d, typeof tools.e,
			Object.keys(tools).join(), Object.keys(tools.a).join(),
			Object.isFrozen(tools), Object.isFrozen(tools.a), Object.isFrozen(tools.a.b), Object.isFrozen(tools.e),
			Object.getPrototypeOf(tools) === null, tools.a.b.c.name, tools.a.b.c.length,
			tools.e() instanceof Promise];
		// Tampering changes nothing (sloppy mode: silently; defineProperty throws).
		tools.a.d = fake; tools.e = fake; tools = fake; globalThis.tools = fake;
		delete tools.a; delete globalThis.tools;
		out.push(tools.a.d === fake, typeof tools);
		for (const f of [
			() => Object.defineProperty(tools, 'x', { value: fake }),
			() => Object.defineProperty(globalThis, 'tools', { value: fake }),
			() => Object.setPrototypeOf(tools, { x: fake }),
			() => { 'use strict'; tools.a.d = fake },
			() => new tools.e(),
		]) {
			try { f(); out.push('no error') } catch (e) { out.push(e.constructor.name) }
		}
		out.push(await tools.a.d());
		return out`, []string{"a.b.c", "a.d", "e"}, func(s *supervisorStub) {
		c := s.must() // tools.e() above
		if c.Name != "e" {
			t.Errorf("first call %q, want e", c.Name)
		}
		s.result(c.ID, `1`)
		c = s.must()
		if c.Name != "a.d" {
			t.Errorf("second call %q, want a.d", c.Name)
		}
		s.result(c.ID, `"real"`)
	})
	wantOK(t, res, `["function","function","function","a,e","b,d",true,true,true,true,true,"c",1,true,false,"object","TypeError","TypeError","TypeError","TypeError","TypeError","real"]`)
	if len(late) != 0 {
		t.Fatalf("unexpected calls: %+v", late)
	}
}

// A tool nobody declared is not there: calling it is a TypeError, and
// nothing reaches the supervisor (not even through Object.prototype).
func TestToolUndeclared(t *testing.T) {
	res, late := runTools(t, `const out = [typeof tools.nope, typeof tools.toString, 'constructor' in tools, typeof tools.a.other];
		for (const f of [() => tools.nope(), () => tools.a.other({}), () => tools.toString()]) {
			try { await f(); out.push('called') } catch (e) { out.push(e instanceof TypeError) }
		}
		return out`, []string{"a.b"}, nil)
	wantOK(t, res, `["undefined","undefined",false,"undefined",true,true,true]`)
	if len(late) != 0 {
		t.Fatalf("calls sent: %+v", late)
	}
}

// An argument with no JSON form rejects the call's promise (it does not
// throw) and sends nothing.
func TestToolCallArgumentsNotSerialisable(t *testing.T) {
	res, late := runTools(t, `const cyc = {}; cyc.self = cyc;
		const out = [];
		for (const a of [{ n: 1n }, cyc, () => 1, Symbol('s'), { toJSON() { throw new RangeError('mine') } }]) {
			const p = tools.f(a);
			out.push(p instanceof Promise);
			try { await p; out.push('sent') } catch (e) { out.push(e.constructor.name) }
		}
		try { await tools.f('x'.repeat(8 << 20)) } catch (e) { out.push(e.constructor.name, /over the \d+-byte bound/.test(e.message)) }
		// 20 GB of JSON: refused as soon as it is over the bound.
		const holes = []; holes.length = 2 ** 32 - 1;
		try { await tools.f({ holes }) } catch (e) { out.push(e.constructor.name, /is at least \d+ bytes of JSON, over the \d+-byte bound/.test(e.message)) }
		return out`, []string{"f"}, nil)
	wantOK(t, res, `[true,"TypeError",true,"TypeError",true,"TypeError",true,"TypeError",true,"RangeError","RangeError",true,"RangeError",true]`)
	if len(late) != 0 {
		t.Fatalf("calls sent: %+v", late)
	}
}

// A reply that never comes: the job ends at its deadline, as a timeout.
func TestToolCallNoReplyTimesOut(t *testing.T) {
	start := time.Now()
	res, _ := runTools(t, `await tools.slow(); return 'answered'`, []string{"slow"}, func(s *supervisorStub) {
		s.must() // and never answer
	}, func(j *ipc.Job) { j.TimeoutMs = 300 })
	wantStatus(t, res, result.Timeout, "exceeded the 300 ms timeout")
	if el := time.Since(start); el < 300*time.Millisecond {
		t.Fatalf("timed out after %v, before its deadline", el)
	}
}

// Stop (the heap watchdog, a log cap) ends a job that waits for a reply.
func TestToolCallStopWhileWaiting(t *testing.T) {
	res, _ := runTools(t, `await tools.slow(); return 'answered'`, []string{"slow"}, func(s *supervisorStub) {
		s.must()
		s.rt.Stop(result.Memory, "stopped while waiting")
	})
	wantStatus(t, res, result.Memory, "stopped while waiting")
}

// Timers run while a call waits, unref'd ones too (the call keeps the job
// alive, as pending I/O does in Node); the stub answers only after they ran.
func TestToolCallWithTimers(t *testing.T) {
	res, _ := runTools(t, `let ticks = 0, unrefd = false;
		const iv = setInterval(() => { if (++ticks === 3) console.log('three ticks') }, 1);
		setTimeout(() => { unrefd = true; console.log('unref ran') }, 2).unref();
		const v = await tools.f();
		clearInterval(iv);
		return [v, ticks >= 3, unrefd]`, []string{"f"}, func(s *supervisorStub) {
		c := s.must()
		s.waitLog("three ticks")
		s.waitLog("unref ran")
		s.result(c.ID, `"late"`)
	})
	wantOK(t, res, `["late",true,true]`)
}

func TestNoToolsWithoutDeclaration(t *testing.T) {
	res, _ := runCode(t, `return [typeof tools, typeof ToolError, 'tools' in globalThis, 'ToolError' in globalThis]`)
	wantOK(t, res, `["undefined","undefined",false,false]`)
}

// A reply the runtime did not ask for is the supervisor breaking the
// protocol: the job ends as internal.
func TestToolReplyProtocolErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		reply func(id int64) []ipc.Reply
		want  string
	}{
		{"unknown id", func(id int64) []ipc.Reply { return []ipc.Reply{{ID: id + 98, Result: json.RawMessage(`1`)}} }, "protocol: reply for unknown call 99"},
		{"duplicate", func(id int64) []ipc.Reply {
			return []ipc.Reply{{ID: id, Result: json.RawMessage(`1`)}, {ID: id, Result: json.RawMessage(`2`)}}
		}, "protocol: reply for unknown call 1"},
		{"both", func(id int64) []ipc.Reply {
			return []ipc.Reply{{ID: id, Result: json.RawMessage(`1`), Error: &ipc.ToolError{Code: "x"}}}
		}, "has both a result and an error"},
		{"neither", func(id int64) []ipc.Reply { return []ipc.Reply{{ID: id}} }, "has neither a result nor an error"},
		{"bad JSON", func(id int64) []ipc.Reply { return []ipc.Reply{{ID: id, Result: json.RawMessage(`{`)}} }, "the result is not valid JSON"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The code waits on a timer after the call, so that a
			// duplicate reply arrives while the job is still running.
			res, _ := runTools(t, `await tools.f(); await new Promise(r => setTimeout(r, 60000)); return 1`, []string{"f"}, func(s *supervisorStub) {
				c := s.must()
				for _, r := range tc.reply(c.ID) {
					s.rt.Deliver(r)
				}
			})
			wantStatus(t, res, result.Internal, tc.want)
		})
	}
}

func TestToolNamesRefused(t *testing.T) {
	for _, names := range [][]string{
		{""}, {"a..b"}, {".a"}, {"a."}, {"1a"}, {"a-b"}, {"a b"}, {"é"}, {"a", "a"}, {"a", "a.b"}, {"x.y.z", "x.y"},
	} {
		res, late := runTools(t, `return 1`, names, nil)
		wantStatus(t, res, result.Internal, "define tools")
		if len(late) != 0 {
			t.Fatalf("%q: calls sent", names)
		}
	}
	// And these are fine.
	res, _ := runTools(t, `return Object.keys(tools).join()`, []string{"_a", "$b.c0", "Z9.__proto__", "x.y.z", "x.y2"}, nil)
	wantOK(t, res, `"$b,Z9,_a,x"`)
}

func TestToolsNeedACaller(t *testing.T) {
	rt, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	res := rt.Run(ipc.Job{Code: `return 1`, TimeoutMs: 1000, MaxOutputBytes: 100, Tools: []string{"f"}}, nil)
	wantStatus(t, res, result.Internal, "no way to send calls")
}

// A call that cannot be sent (the message pipe is broken) ends the job
// as internal, and the code sees nothing of it.
func TestToolCallSendFails(t *testing.T) {
	rt, err := New(Options{Calls: func(ipc.Call) error { return errors.New("broken pipe") }})
	if err != nil {
		t.Fatal(err)
	}
	res := rt.Run(ipc.Job{Code: `try { await tools.f() } catch (e) { return 'caught' } return 'went on'`,
		TimeoutMs: 5000, MaxOutputBytes: 100, Tools: []string{"f"}}, nil)
	wantStatus(t, res, result.Internal, "send call: broken pipe")
}
