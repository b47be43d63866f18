package main

import (
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
)

// TestStartupInit: what every run of the program pays before main, as
// the runtime's init trace (GODEBUG=inittrace=1) counts it for this
// test's own binary, which links the same packages: handouts' internal
// packages
// allocate little at start-up (the preview server's pages, for one, are
// parsed when it first serves them), and neither encoding/gob, which
// fpdf's template serialization brought in, nor x/text's CLDR namer
// (language/display: the languages' own names are a table, lang's
// selfNames) is linked. Allocations are
// counted, not timed, so a busy machine does not change the result.
func TestStartupInit(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	const maxBytes = 64 << 10
	// The packages only tests link, and this package, whose tests'
	// variables are initialised with the program's.
	testOnly := map[string]bool{"handouts/internal/golden": true, "handouts/internal/pdftest": true, "handouts/internal/racetest": true}
	seen := 0
	for _, line := range strings.Split(string(out), "\n") {
		f := strings.Fields(line)
		// init PKG @T ms, C ms clock, B bytes, N allocs
		if len(f) < 11 || f[0] != "init" || f[8] != "bytes," {
			continue
		}
		pkg := f[1]
		if pkg == "encoding/gob" || pkg == "golang.org/x/text/language/display" {
			t.Errorf("%s is initialised at start-up", pkg)
		}
		if !strings.HasPrefix(pkg, "handouts/internal/") || testOnly[pkg] {
			continue
		}
		seen++
		if n, _ := strconv.Atoi(f[7]); n > maxBytes {
			t.Errorf("%s allocates %d bytes at start-up, over %d: make its tables on first use", pkg, n, maxBytes)
		}
		if pkg == "handouts/internal/serve" {
			if n, _ := strconv.Atoi(f[9]); n > 50 {
				t.Errorf("%s makes %d allocations at start-up; its pages are parsed on first use", pkg, n)
			}
		}
	}
	if seen == 0 {
		t.Fatalf("no init trace of handouts' packages:\n%s", out)
	}
}
