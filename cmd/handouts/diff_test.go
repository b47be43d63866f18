package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handouts/internal/golden"
)

// gitRepo makes a git repository in a temporary folder whose content/
// holds the small valid tree, committed, and returns a function that
// runs git in it.
func gitRepo(t *testing.T) (string, func(args ...string)) {
	t.Helper()
	golden.RequireTool(t, "git", "git")
	repo := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo}, args...)...)
		cmd.Env = append(os.Environ(), "GIT_CONFIG_NOSYSTEM=1", "GIT_CONFIG_GLOBAL=/dev/null",
			"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.com", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.com",
			"GIT_AUTHOR_DATE=2026-11-01T10:00:00Z", "GIT_COMMITTER_DATE=2026-11-01T10:00:00Z")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %s: %v: %s", strings.Join(args, " "), err, out)
		}
	}
	run("init", "-q", "-b", "main")
	files, _ := golden.Tree(t, baseTree)
	golden.WriteTree(t, filepath.Join(repo, "content"), files)
	run("add", "content")
	run("commit", "-q", "-m", "content")
	return repo, run
}

// TestDiffBetweenCommits: in a git repository, a commit that changes one
// sentence of the sheet and one rule window; `handouts diff -from HEAD~1
// -to HEAD` reports exactly those, for all the variants they affect (the
// sentence the rule's window changes under the rule's doing), names the
// sheet whose reviewed_on did not change, and writes the HTML report with
// the changed words marked and a place to sign.
func TestDiffBetweenCommits(t *testing.T) {
	t.Parallel()
	repo, git := gitRepo(t)
	edit := func(file, from, to string) {
		p := filepath.Join(repo, "content", file)
		data, _ := os.ReadFile(p)
		s := strings.Replace(string(data), from, to, 1)
		if s == string(data) {
			t.Fatalf("%q not in %s", from, file)
		}
		os.WriteFile(p, []byte(s), 0o644)
	}
	edit("treatments/microneedling/sheet.md", "Call {{clinic.phone}} with questions about your {{treatment}}.", "Call us at {{clinic.phone}} with any question about your {{treatment}}.")
	edit("treatments/microneedling/treatment.yaml", "    start: 0d\n    end: 7d\n", "    start: 0d\n    end: 10d\n")
	git("commit", "-q", "-a", "-m", "one sentence, one window")
	// A change not yet committed must not show: -to HEAD reads git.
	edit("treatments/microneedling/sheet.md", "Oily chest only.", "Oily chest, not committed.")

	report := filepath.Join(t.TempDir(), "review.html")
	code, stdout, stderr := runCmd("diff", "-content", filepath.Join(repo, "content"), "-from", "HEAD~1", "-to", "HEAD", "-html", report)
	if code != 0 {
		t.Fatalf("diff = exit %d: %s", code, stderr)
	}
	dir := filepath.Join(repo, "content")
	want := `What patients will read differently
  from: HEAD~1 (HASH, 2026-11-01)
  to:   HEAD (HASH, 2026-11-01)

Rule windows
  DIR/treatments/microneedling/treatment.yaml:7: no-actives "No retinoids, acids or vitamin C": ends 7d → 10d

DIR/treatments/microneedling/sheet.md (microneedling sheet; en-US; 4 variants)
  its words changed but reviewed_on (2026-10-15, Dr. Test) did not: a clinician should review the changes and update reviewed_on
  changed, for all 4 variants:
    - Call (207) 555-0100 with questions about your AcmeGlow Microneedling.
    + Call us at (207) 555-0100 with any question about your AcmeGlow Microneedling.
  changed by a rule or a value it inserts, for all 4 variants:
    - Skip actives for 7 days.
    + Skip actives for 10 days.

wrote ` + report + "\n"
	got := reHash.ReplaceAllString(stdout, "(HASH,")
	if want = strings.ReplaceAll(want, "DIR", dir); got != want {
		t.Errorf("diff output =\n%s\nwant\n%s", got, want)
	}
	html, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{
		"Call <ins>us at </ins>(207) 555-0100 with <ins>any question </ins>about",
		"with <del>questions </del>about", "for <del>7 </del>days", "for <ins>10 </ins>days",
		"<td>ends 7d → 10d</td>", "did not: a clinician should review",
		"Name and role:", "Signature:", "Date:",
	} {
		if !strings.Contains(string(html), w) {
			t.Errorf("HTML report lacks %q", w)
		}
	}
	// By default the working folder is compared with HEAD: the change not
	// committed, and nothing else.
	code, stdout, _ = runCmd("diff", "-content", dir)
	if code != 0 || !strings.Contains(stdout, "- Oily chest only.\n    + Oily chest, not committed.\n") || strings.Contains(stdout, "Skip actives") {
		t.Errorf("diff against the working folder = exit %d:\n%s", code, stdout)
	}
	// Not a revision, not a folder: bad usage.
	code, _, stderr = runCmd("diff", "-content", dir, "-from", "no-such-rev")
	if code != 2 || !strings.Contains(stderr, `-from: "no-such-rev" is not a folder or a git revision of `+dir) {
		t.Errorf("diff -from no-such-rev = exit %d, %q", code, stderr)
	}
}

var reHash = regexp.MustCompile(`\([0-9a-f]{7,},`)
