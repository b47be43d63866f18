package pdf

import (
	"strings"
	"testing"
)

// TestNameSubsetsAsReplacer: renaming the faces in place gives what a
// strings.Replacer of subsetNames gives (the names before this change),
// with every new name as long as the old, so no byte offset moves.
func TestNameSubsetsAsReplacer(t *testing.T) {
	var pairs []string
	for _, n := range subsetNames {
		if len(n[0]) != len(n[1]) {
			t.Errorf("%q renamed %q: lengths %d and %d", n[0], n[1], len(n[0]), len(n[1]))
		}
		pairs = append(pairs, n[0], n[1])
	}
	r := strings.NewReplacer(pairs...)
	f := "/utf8" + family
	for _, in := range []string{
		"",
		"no font here",
		"/FontName " + f + " /F1 " + f + "B",
		f + "BI" + f + "I" + f + "B" + f,
		"<< /BaseFont " + f + "BIX >>\n" + f + "IB /utf8" + f + "\n/utf8",
		f[:len(f)-1] + " " + f + f,
	} {
		got := []byte(in)
		nameSubsets(got)
		if want := r.Replace(in); string(got) != want {
			t.Errorf("nameSubsets(%q) = %q, want %q", in, got, want)
		}
	}
}
