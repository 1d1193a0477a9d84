package bus

import (
	"sync"
	"testing"
	"time"
)

func TestOrderAndFilter(t *testing.T) {
	b := New()
	all := b.Subscribe(16)
	done := b.Subscribe(16, ExecutionCompleted)
	b.Publish(Event{Type: ExecutionStarted, ExecutionID: "e1"})
	b.Publish(Event{Type: ValidationStarted, ExecutionID: "e1"})
	b.Publish(Event{Type: ExecutionCompleted, ExecutionID: "e1"})
	want := []Type{ExecutionStarted, ValidationStarted, ExecutionCompleted}
	for i, w := range want {
		ev := <-all.C()
		if ev.Type != w || ev.Timestamp.IsZero() {
			t.Errorf("event %d = %s at %v, want %s stamped", i, ev.Type, ev.Timestamp, w)
		}
	}
	if ev := <-done.C(); ev.Type != ExecutionCompleted {
		t.Errorf("filtered subscription got %s", ev.Type)
	}
	select {
	case ev := <-done.C():
		t.Errorf("filtered subscription got an extra %s", ev.Type)
	default:
	}
}

// A subscriber that never reads loses events and is told how many; the
// publisher is never held up.
func TestSlowSubscriberDoesNotBlock(t *testing.T) {
	b := New()
	slow := b.Subscribe(4)
	fast := b.Subscribe(2000)
	start := time.Now()
	for i := 0; i < 1000; i++ {
		b.Publish(Event{Type: ExecutionStarted})
	}
	if d := time.Since(start); d > time.Second {
		t.Errorf("publishing 1000 events took %v", d)
	}
	if n := slow.Dropped(); n != 996 {
		t.Errorf("slow subscriber dropped %d, want 996", n)
	}
	if n := slow.Dropped(); n != 0 {
		t.Errorf("Dropped() did not reset: %d", n)
	}
	if n := fast.Dropped(); n != 0 || len(fast.C()) != 1000 {
		t.Errorf("fast subscriber dropped %d and holds %d", n, len(fast.C()))
	}
}

func TestConcurrentPublishAndClose(t *testing.T) {
	b := New()
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(2)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				b.Publish(Event{Type: ExecutionFailed})
			}
		}()
		go func() {
			defer wg.Done()
			s := b.Subscribe(8)
			for j := 0; j < 10; j++ {
				select {
				case <-s.C():
				default:
				}
			}
			s.Close()
			s.Close()
		}()
	}
	wg.Wait()
	if n := b.Subscribers(); n != 0 {
		t.Errorf("%d subscribers left", n)
	}
	var nilBus *Bus
	nilBus.Publish(Event{Type: ExecutionStarted}) // a nil bus drops events
}
