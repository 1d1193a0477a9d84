package jsrt

import (
	"strings"
	"testing"
	"time"

	"codexec/result"
)

// The runtime's hooks for the web globals (jsrt/webapi): unref'd native
// timers for AbortSignal.timeout, listener exceptions reported as uncaught,
// and atob/btoa's DOMException.
func TestWebGlobalsHooks(t *testing.T) {
	t.Run("timeout fires while the job waits", func(t *testing.T) {
		res, _ := runCode(t, `const s = AbortSignal.timeout(20);
			await new Promise(r => setTimeout(r, 60));
			return [s.aborted, s.reason.name, s.reason.code]`)
		if res.Status != result.OK || string(res.Output) != `[true,"TimeoutError",23]` {
			t.Fatalf("got %s %s %+v", res.Status, res.Output, res.Error)
		}
	})
	t.Run("an unref'd timer does not keep the job alive", func(t *testing.T) {
		start := time.Now()
		res, _ := runCode(t, `AbortSignal.timeout(1500); return 'done'`)
		if res.Status != result.OK || string(res.Output) != `"done"` {
			t.Fatalf("got %s %s %+v", res.Status, res.Output, res.Error)
		}
		if d := time.Since(start); d > time.Second {
			t.Fatalf("the job waited %v for an unref'd timer", d)
		}
	})
	t.Run("a ref'd timer still runs after an unref'd one", func(t *testing.T) {
		res, logs := runCode(t, `AbortSignal.timeout(5).addEventListener('abort', () => console.log('aborted'));
			setTimeout(() => console.log('late'), 30); return 1`)
		if res.Status != result.OK || len(logs) != 2 || logs[0].msg != "aborted" || logs[1].msg != "late" {
			t.Fatalf("got %s %+v %v", res.Status, res.Error, logs)
		}
	})
	t.Run("clearTimeout cannot cancel a native timer", func(t *testing.T) {
		res, _ := runCode(t, `const s = AbortSignal.timeout(10);
			for (let id = -5; id < 5; id++) clearTimeout(id);
			await new Promise(r => setTimeout(r, 40));
			return s.aborted`)
		if res.Status != result.OK || string(res.Output) != `true` {
			t.Fatalf("got %s %s %+v", res.Status, res.Output, res.Error)
		}
	})
	t.Run("native timers count against the timer limit", func(t *testing.T) {
		res, _ := runCode(t, `for (let i = 0; i < 10001; i++) AbortSignal.timeout(100000)`)
		if res.Status != result.Error || !strings.Contains(res.Error.Message, "too many pending timers") {
			t.Fatalf("got %s %+v", res.Status, res.Error)
		}
	})
	t.Run("a listener's exception is uncaught", func(t *testing.T) {
		res, logs := runCode(t, `const c = new AbortController();
			c.signal.addEventListener('abort', () => { throw new RangeError('in listener') });
			c.signal.addEventListener('abort', () => console.log('second listener ran'));
			c.abort();
			console.log('after abort');
			return 1`)
		if res.Status != result.Error || !strings.Contains(res.Error.Message, "RangeError: in listener") {
			t.Fatalf("got %s %+v", res.Status, res.Error)
		}
		if len(logs) < 1 || logs[0].msg != "second listener ran" {
			t.Fatalf("logs %v", logs)
		}
	})
	t.Run("atob throws a DOMException", func(t *testing.T) {
		res, _ := runCode(t, `try { atob('*') } catch (e) { return [e instanceof DOMException, e.name, e.code, Object.keys(e).length] }`)
		if res.Status != result.OK || string(res.Output) != `[true,"InvalidCharacterError",5,0]` {
			t.Fatalf("got %s %s %+v", res.Status, res.Output, res.Error)
		}
	})
	t.Run("an uncaught DOMException is reported by name", func(t *testing.T) {
		res, _ := runCode(t, `AbortSignal.abort().throwIfAborted()`)
		if res.Status != result.Error || !strings.HasPrefix(res.Error.Message, "AbortError: This operation was aborted") {
			t.Fatalf("got %s %+v", res.Status, res.Error)
		}
	})
}
