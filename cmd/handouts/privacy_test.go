package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPatientNeverInErrors feeds patient-looking names and addresses
// through every error path of email, sheet, calendar and packet that
// checks them: each run fails, saying what is wrong, and no part of the
// name or address (the text after a bad address, a second address, a
// name's letters) is on standard output or error.
func TestPatientNeverInErrors(t *testing.T) {
	const content = "../../content"
	one := func(cmd string, more ...string) []string {
		return append([]string{cmd, "-content", content, "-brand", "harbor", "-treatment", "microneedling", "-skin", "dry", "-area", "face", "-date", "2026-03-13"}, more...)
	}
	m := mailer{getenv: func(string) string { return "" }, now: time.Now}
	tests := []struct {
		name    string
		args    []string
		secrets []string
		want    string
	}{
		{"text after the address", one("email", "-to", "maria.lopez@example.com garcia"), []string{"garcia", "maria"}, "there is more after the address"},
		{"a second address after a semicolon", one("email", "-to", "a@x;evil@example.com"), []string{"evil", "example.com"}, "there is more after the address"},
		{"two addresses", one("email", "-to", "maria@example.com, lopez@example.net"), []string{"maria", "lopez"}, "2 addresses"},
		{"unclosed angle", one("email", "-to", "Maria Garcia <maria@ex"), []string{"Maria", "Garcia", "maria@ex"}, "unclosed angle-addr"},
		{"no at sign", one("email", "-to", "mariagarcia"), []string{"mariagarcia"}, "cannot be read as name@domain"},
		{"a quote left open", one("email", "-to", `"Maria Garcia <m@example.com>`), []string{"Maria", "Garcia"}, "cannot be read"},
		{"an address outside ASCII", one("email", "-to", "maría@example.com"), []string{"mar", "example.com"}, "outside ASCII"},
		{"a line break in the address", one("email", "-to", "maria@example.com\nBcc: evil@example.com"), []string{"maria", "evil"}, "a line feed"},
		{"a name the font lacks: email", one("email", "-to", "a@example.com", "-name", "李娜"), []string{"李", "娜"}, "cannot be printed"},
		{"a name the font lacks: sheet", one("sheet", "-o", "-", "-name", "李娜"), []string{"李", "娜"}, "cannot be printed"},
		{"a name the font lacks: calendar", one("calendar", "-o", "-", "-name", "Ana李"), []string{"Ana", "李"}, "cannot be printed"},
		{"a name the font lacks: packet", one("packet", "-o", "-", "-name", "李娜"), []string{"李", "娜"}, "cannot be printed"},
		{"a long name: packet", one("packet", "-o", "-", "-name", strings.Repeat("Zelinda", 10)), []string{"Zelinda"}, "characters long"},
		{"a long name: sheet", one("sheet", "-o", "-", "-name", strings.Repeat("Zelinda", 10)), []string{"Zelinda"}, "characters long"},
		{"a control character in the name", one("packet", "-o", "-", "-name", "Zelinda\x07"), []string{"Zelinda"}, "control character"},
		{"a reordering control in the name", one("sheet", "-o", "-", "-name", "Zel\u202eadnil"), []string{"Zel", "adnil"}, "reorders"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			var code int
			if tt.args[0] == "email" {
				code = 1
				if err := runEmail(tt.args[1:], &stdout, &stderr, m); err != nil {
					stderr.WriteString(err.Error())
				} else {
					code = 0
				}
			} else {
				code = run(tt.args, &stdout, &stderr)
			}
			if code == 0 {
				t.Fatalf("exit 0, want a refusal")
			}
			if !strings.Contains(stderr.String(), tt.want) {
				t.Errorf("stderr %q does not say %q", stderr.String(), tt.want)
			}
			for _, s := range tt.secrets {
				if strings.Contains(stdout.String(), s) || strings.Contains(stderr.String(), s) {
					t.Errorf("%q is in the output:\nstdout %.200q\nstderr %q", s, stdout.String(), stderr.String())
				}
			}
		})
	}
}

// TestOneOffCacheHoldsNoPatient: what a one-off keeps in the user's cache
// folder (the clinic's printed logo, internal/project/logocache.go) holds
// nothing of the patient's, in its names or its bytes; the next copy
// reads it back and comes out the same.
func TestOneOffCacheHoldsNoPatient(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	dir := t.TempDir()
	var made [2][]byte
	for i := range made {
		out := filepath.Join(dir, fmt.Sprintf("%d.pdf", i))
		if code, _, stderr := runCmd("sheet", "-content", "../../content", "-brand", "thistle", "-skin", "dry", "-area", "face", "-date", "2026-12-14", "-time", "16:30", "-name", "Zebulon", "-o", out); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		made[i], _ = os.ReadFile(out)
	}
	if len(made[0]) == 0 || !bytes.Equal(made[0], made[1]) {
		t.Errorf("the copies made before and after the cache differ (%d and %d bytes)", len(made[0]), len(made[1]))
	}
	files := 0
	filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		data, _ := os.ReadFile(p)
		for _, secret := range []string{"Zebulon", "2026-12-14", "14 December", "16:30", "4:30"} {
			if strings.Contains(p, secret) || bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s holds %q", p, secret)
			}
		}
		return nil
	})
	if files == 0 {
		t.Error("the one-off kept nothing in the cache folder; the clinic's printed logo belongs there")
	}
}
