package main

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

// TestEmailDraftReproducible: the same choices give the same draft, byte
// for byte, whatever the clock says; its Date: is the treatment date and
// time (midnight without -time).
func TestEmailDraftReproducible(t *testing.T) {
	t.Parallel()
	content := peelContent(t)
	draft := func(now time.Time, more ...string) []byte {
		t.Helper()
		m := mailer{getenv: func(string) string { return "" }, now: func() time.Time { return now }}
		var out, errb bytes.Buffer
		if err := runEmail(append(visit(content, "-to", patientAddr, "-o", "-"), more...), &out, &errb, m); err != nil {
			t.Fatalf("email: %v (%s)", err, errb.String())
		}
		return out.Bytes()
	}
	a := draft(time.Date(2026, 3, 13, 11, 5, 0, 0, time.UTC))
	b := draft(time.Date(2027, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 5*3600)))
	if !bytes.Equal(a, b) {
		t.Fatal("two drafts of the same choices differ")
	}
	p := parseMessage(t, a)
	if d, err := p.header.Date(); err != nil || !d.Equal(time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)) {
		t.Errorf("Date = %v, %v; want the treatment date and time", d, err)
	}
	// Without -time: midnight of the treatment date.
	var args []string
	all := visit(content, "-to", patientAddr, "-o", "-")
	for i := 0; i < len(all); i++ {
		if all[i] == "-time" {
			i++ // and its value
			continue
		}
		args = append(args, all[i])
	}
	m := mailer{getenv: func(string) string { return "" }, now: time.Now}
	var out, errb bytes.Buffer
	if err := runEmail(args, &out, &errb, m); err != nil {
		t.Fatalf("email: %v", err)
	}
	if d, err := parseMessage(t, out.Bytes()).header.Date(); err != nil || !d.Equal(time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Date without -time = %v, %v; want midnight of the treatment date", d, err)
	}
	if strings.Contains(string(a), "2027") {
		t.Error("the clock's year is in the draft")
	}
}
