// Package wait holds the tests' patience: a test waits for a condition, not
// for a fixed time, and gives up only after a ceiling generous enough that a
// slow or busy machine never reaches it (a stuck run does).
//
// The ceiling is the environment variable HANDOUTS_TEST_CEILING (a Go
// duration such as 20m), 5 minutes when it is not set. CI on a loaded
// machine may raise it; nothing in a test depends on the machine being fast
// enough to finish within a shorter time.
package wait

import (
	"context"
	"fmt"
	"os"
	"testing"
	"time"
)

// Env names the environment variable that sets the ceiling.
const Env = "HANDOUTS_TEST_CEILING"

// DefaultCeiling is the ceiling when Env is not set.
const DefaultCeiling = 5 * time.Minute

// Ceiling returns how long a test waits for anything before it calls the
// run stuck: Env when it holds a positive duration, else DefaultCeiling.
func Ceiling() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(Env)); err == nil && d > 0 {
		return d
	}
	return DefaultCeiling
}

// Stuck is the message of a wait that reached the ceiling: what it waited
// for, for how long, and how to wait longer.
func Stuck(what string) string {
	return fmt.Sprintf("waited %v for %s; giving up (set %s to wait longer)", Ceiling(), what, Env)
}

// Until polls cond, every few milliseconds at first and every quarter of a
// second at most, until it returns true (Until returns nil) or the ceiling
// passes (Until returns an error naming what, see Stuck).
func Until(what string, cond func() bool) error {
	end := time.Now().Add(Ceiling())
	pause := 5 * time.Millisecond
	for !cond() {
		if time.Now().After(end) {
			return fmt.Errorf("%s", Stuck(what))
		}
		<-time.After(pause)
		pause = min(2*pause, 250*time.Millisecond)
	}
	return nil
}

// For is Until in a test: it fails the test (Fatal) when the ceiling
// passes. what says what the test waits for: "the page to reload".
func For(t testing.TB, what string, cond func() bool) {
	t.Helper()
	if err := Until(what, cond); err != nil {
		t.Fatal(err)
	}
}

// Recv waits for a value from c, failing the test at the ceiling.
func Recv[T any](t testing.TB, what string, c <-chan T) T {
	t.Helper()
	select {
	case v := <-c:
		return v
	case <-time.After(Ceiling()):
		t.Fatal(Stuck(what))
		panic("unreachable")
	}
}

// Context returns a context that ends at the ceiling, whose cause
// (context.Cause) says what it waited for, and its cancel function.
func Context(parent context.Context, what string) (context.Context, context.CancelFunc) {
	return context.WithTimeoutCause(parent, Ceiling(), fmt.Errorf("%s", Stuck(what)))
}

// Err explains an error from work done under ctx: when ctx has ended, the
// context's cause (what it waited for) is added to err.
func Err(ctx context.Context, err error) error {
	if err == nil || ctx.Err() == nil {
		return err
	}
	if c := context.Cause(ctx); c != nil && c != ctx.Err() {
		return fmt.Errorf("%w: %v", err, c)
	}
	return err
}

// CPU returns the processor time (user and system) the process spent while
// f ran. A test of how work grows with its input compares CPU time, which
// other programs on a busy machine hardly change, where wall time could
// grow without limit; the test should run alone (not in parallel) so that
// the time is f's.
func CPU(f func()) time.Duration {
	before := CPUTime()
	f()
	return CPUTime() - before
}
