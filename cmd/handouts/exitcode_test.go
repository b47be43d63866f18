package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/golden"
)

// TestExitCodes runs every subcommand with bad usage (a flag it does not
// have, a required flag left out, an id the content does not have, a
// value it cannot take: exit 2) and with broken content (exit 1).
func TestExitCodes(t *testing.T) {
	base := "../../internal/content/testdata/base.txtar"
	good := t.TempDir()
	files, _ := golden.Tree(t, base)
	golden.WriteTree(t, good, files)
	bad := t.TempDir()
	files["brands/acme.yaml"] = []byte(strings.Replace(string(files["brands/acme.yaml"]), `primary: "`, `primary: navy #`, 1))
	golden.WriteTree(t, bad, files)
	if string(files["brands/acme.yaml"]) == "" || !strings.Contains(string(files["brands/acme.yaml"]), "navy") {
		t.Fatal("the broken brand file was not made")
	}
	tmp := t.TempDir()
	out := filepath.Join(tmp, "out")
	pdf := filepath.Join(tmp, "x.pdf")
	one := func(cmd, content string, more ...string) []string {
		args := []string{cmd, "-content", content, "-brand", "acme", "-skin", "dry", "-area", "face", "-date", "2026-03-13"}
		if cmd == "email" {
			args = append(args, "-to", "a@example.com")
		}
		if cmd != "build" {
			args = append(args, "-o", pdf)
		}
		return append(args, more...)
	}
	with := func(args []string, flag, value string) []string {
		out := append([]string(nil), args...)
		for i := range out {
			if out[i] == flag {
				out[i+1] = value
				return out
			}
		}
		return append(out, flag, value)
	}
	type tc struct {
		name string
		args []string
		code int
	}
	var tests []tc
	for _, cmd := range []string{"build", "assemble", "check", "diff", "sheet", "calendar", "packet", "email", "serve"} {
		tests = append(tests, tc{cmd + " -nope", []string{cmd, "-nope"}, 2})
	}
	tests = append(tests,
		tc{"build -shard 4/3", []string{"build", "-content", good, "-out", out, "-shard", "4/3"}, 2},
		tc{"build extra argument", []string{"build", "extra"}, 2},
		tc{"assemble without -out", []string{"assemble", "x"}, 2},
		tc{"assemble without shards", []string{"assemble", "-out", out}, 2},
		tc{"build of broken content", []string{"build", "-content", bad, "-out", out}, 1},
		tc{"check of broken content", []string{"check", "-content", bad}, 1},
	)
	for _, cmd := range []string{"sheet", "calendar", "packet", "email"} {
		args := one(cmd, good)
		tests = append(tests,
			tc{cmd + " unknown -brand", with(args, "-brand", "nope"), 2},
			tc{cmd + " unknown -skin", with(args, "-skin", "scaly"), 2},
			tc{cmd + " unknown -area", with(args, "-area", "elbow"), 2},
			tc{cmd + " unknown -treatment", with(args, "-treatment", "botox"), 2},
			tc{cmd + " unknown -lang", with(args, "-lang", "xx-YY"), 2},
			tc{cmd + " bad -date", with(args, "-date", "2026-02-30"), 2},
			tc{cmd + " bad -time", with(args, "-time", "25:61"), 2},
			tc{cmd + " bad -override", with(args, "-override", "no-such-rule=3d"), 2},
			tc{cmd + " broken content", one(cmd, bad), 1},
		)
	}
	tests = append(tests,
		tc{"calendar -format ics without -date", []string{"calendar", "-content", good, "-brand", "acme", "-skin", "dry", "-area", "face", "-format", "ics", "-o", pdf}, 2},
		tc{"sheet -format docx", with(one("sheet", good), "-format", "docx"), 2},
		tc{"sheet -kind poster", with(one("sheet", good), "-kind", "poster"), 2},
		tc{"email without -to", []string{"email", "-content", good, "-brand", "acme", "-skin", "dry", "-area", "face", "-date", "2026-03-13"}, 2},
		tc{"email bad -to", with(one("email", good), "-to", "not an address"), 2},
		tc{"packet without -date", []string{"packet", "-content", good, "-brand", "acme", "-skin", "dry", "-area", "face"}, 2},
	)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := runCmd(tt.args...)
			if code != tt.code {
				t.Errorf("handouts %s: exit %d, want %d: %s", strings.Join(tt.args, " "), code, tt.code, stderr)
			}
		})
	}
	if _, err := os.Stat(pdf); err == nil {
		t.Errorf("a failed run wrote %s", pdf)
	}
}
