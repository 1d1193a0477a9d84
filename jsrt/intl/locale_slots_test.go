package intl

import (
	"runtime"
	"testing"
	"time"
)

func slotCount[T any](s *internalSlots[T]) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.m)
}

// TestSlotsGoWithTheirObjects checks that the internal slots of objects
// the script no longer reaches are dropped: a loop making collators does
// not grow memory for ever.
func TestSlotsGoWithTheirObjects(t *testing.T) {
	vm := newVM(t)
	before := slotCount(&collators)
	evalJS(t, vm, `for (let i = 0; i < 2000; i++) new Intl.Collator("en"); 0`)
	if n := slotCount(&collators) - before; n < 1000 {
		t.Fatalf("only %d collators registered", n)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		runtime.GC()
		if n := slotCount(&collators) - before; n < 100 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d collators' slots still held after collection", slotCount(&collators)-before)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// A collator still referenced keeps its slots.
	evalJS(t, vm, `globalThis.kept = new Intl.Collator("de"); 0`)
	runtime.GC()
	time.Sleep(20 * time.Millisecond)
	runtime.GC()
	if got := evalJS(t, vm, `kept.resolvedOptions().locale`); got != "de" {
		t.Fatalf("kept collator: %v", got)
	}
}

// TestSlotsAreInvisible checks that an Intl object has no own property or
// symbol a script could read its state from.
func TestSlotsAreInvisible(t *testing.T) {
	vm := newVM(t)
	got := evalJS(t, vm, `[new Intl.Collator(), new Intl.Locale("en"), new Intl.DisplayNames("en", {type: "region"}), new Intl.Segmenter(), new Intl.Segmenter().segment("a")].map(o => Reflect.ownKeys(o).length).join()`)
	if got != "0,0,0,0,0" {
		t.Fatalf("own keys: %v", got)
	}
}
