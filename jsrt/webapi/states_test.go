package webapi

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/dop251/goja"
)

// The Go state behind an object goes when the object does: a loop that
// makes many URLs and params does not keep them.
func TestStatesAreCollected(t *testing.T) {
	vm := goja.New()
	g, err := Install(vm, Host{})
	if err != nil {
		t.Fatal(err)
	}
	run(t, vm, `for (let i = 0; i < 5000; i++) {
		const u = new URL('https://a.example/' + i + '?q=' + i); u.searchParams.append('r', 'x'); new TextEncoder();
		const p = new URLSearchParams('a=1'); p.keys().next(); new AbortController().abort(); performance.mark('m');
		new Blob(['x']).slice(0, 1); new DOMException('x'); new CustomEvent('e', {detail: i});
	}
	performance.clearMarks();
	// A params object outlives its URL, and still works.
	globalThis.params = new URL('https://gone.example/?a=1').searchParams;`)
	kept := run(t, vm, `globalThis.kept = new URL('https://kept.example/'); 1`)
	_ = kept
	count := func() int {
		g.w.mu.Lock()
		defer g.w.mu.Unlock()
		return len(g.w.states)
	}
	for i := 0; i < 50 && count() > 100; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if n := count(); n > 100 {
		byType := map[string]int{}
		g.w.mu.Lock()
		for _, st := range g.w.states {
			byType[fmt.Sprintf("%T", st)]++
		}
		g.w.mu.Unlock()
		t.Fatalf("%d states still held after collection: %v", n, byType)
	}
	if v := run(t, vm, `kept.host`); v.String() != "kept.example" {
		t.Fatalf("a live URL lost its state: %v", v)
	}
	if v := run(t, vm, `params.append('b', '2'); params.toString()`); v.String() != "a=1&b=2" {
		t.Fatalf("a URL's params after the URL went: %v", v)
	}
}
