package wait

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestCeiling: the ceiling comes from HANDOUTS_TEST_CEILING, and is the
// default when that is unset or not a positive duration.
func TestCeiling(t *testing.T) {
	for _, tt := range []struct {
		env  string
		want time.Duration
	}{
		{"", DefaultCeiling},
		{"20m", 20 * time.Minute},
		{"90s", 90 * time.Second},
		{"soon", DefaultCeiling},
		{"-1m", DefaultCeiling},
		{"0s", DefaultCeiling},
	} {
		t.Setenv(Env, tt.env)
		if got := Ceiling(); got != tt.want {
			t.Errorf("%s=%q: Ceiling() = %v, want %v", Env, tt.env, got, tt.want)
		}
	}
}

// TestUntil: Until returns as soon as the condition holds, and at the
// ceiling gives up with a message saying what it waited for and how to wait
// longer.
func TestUntil(t *testing.T) {
	n := 0
	if err := Until("the third call", func() bool { n++; return n == 3 }); err != nil || n != 3 {
		t.Errorf("Until = %v after %d calls, want nil after 3", err, n)
	}
	t.Setenv(Env, "30ms")
	start := time.Now()
	err := Until("a condition that never holds", func() bool { return false })
	if err == nil {
		t.Fatal("Until returned nil for a condition that never holds")
	}
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("Until gave up after %v, before the 30ms ceiling", d)
	}
	want := "waited 30ms for a condition that never holds; giving up (set HANDOUTS_TEST_CEILING to wait longer)"
	if err.Error() != want {
		t.Errorf("Until error = %q, want %q", err, want)
	}
}

// TestRecv: Recv returns what arrives.
func TestRecv(t *testing.T) {
	c := make(chan int, 1)
	go func() { c <- 7 }()
	if got := Recv(t, "seven", c); got != 7 {
		t.Errorf("Recv = %d, want 7", got)
	}
}

// TestContextCause: a context from Context ends at the ceiling, and Err
// adds its cause, what it waited for, to an error from work under it;
// an error under a live context is left as it is.
func TestContextCause(t *testing.T) {
	t.Setenv(Env, "10ms")
	ctx, cancel := Context(context.Background(), "the browser to print")
	defer cancel()
	<-ctx.Done()
	err := Err(ctx, ctx.Err())
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "waited 10ms for the browser to print") {
		t.Errorf("Err = %v, want the deadline and what was waited for", err)
	}
	live, stop := Context(context.Background(), "x")
	defer stop()
	plain := errors.New("plain")
	if got := Err(live, plain); got != plain {
		t.Errorf("Err under a live context = %v, want the error unchanged", got)
	}
}

// TestCPU: CPU counts the processor time of work, not time spent asleep.
func TestCPU(t *testing.T) {
	slept := CPU(func() { <-time.After(50 * time.Millisecond) })
	spun := CPU(func() {
		for end := time.Now().Add(50 * time.Millisecond); time.Now().Before(end); {
		}
	})
	if slept >= 25*time.Millisecond {
		t.Errorf("50 ms asleep counted %v of CPU, want almost none", slept)
	}
	if spun <= 0 {
		t.Errorf("50 ms of spinning counted %v of CPU, want some", spun)
	}
}
