package main

import (
	"fmt"
	"handouts/internal/content"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"handouts/internal/golden"
	"handouts/internal/project"
)

const (
	contentTestdata = "../../internal/content/testdata/"
	baseTree        = contentTestdata + "base.txtar"
)

// TestCheckBuildErrors runs each tree of the content corpus whose problem
// only the build finds (testdata/errors-build: a sheet that runs long for
// some variants, a character the font cannot print in a treatment's name)
// through `handouts check`: exit 1 and exactly the message, once.
func TestCheckBuildErrors(t *testing.T) {
	cases, _ := filepath.Glob(contentTestdata + "errors-build/*.txtar")
	if len(cases) < 2 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			t.Parallel()
			dir, want, code, stdout, stderr := checkCase(t, c)
			want = withCount(strings.ReplaceAll(strings.TrimSpace(want), "content/", dir+"/"))
			if code != 1 || strings.TrimSpace(stderr) != want {
				t.Errorf("check = exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
		})
	}
}

// withCount is want, check's problems one a line, followed by the count
// check ends with.
func withCount(want string) string {
	return want + "\n" + project.Count(len(strings.Split(want, "\n")), "problem")
}

// TestCheckEveryProblem: one `handouts check` reports every problem of
// testdata/errors-all (an unknown key in a brand file, a placeholder
// naming no field in a sheet, a deleted guide.es.md), sorted by file and
// line, on standard error, and ends with their count; exit 1.
func TestCheckEveryProblem(t *testing.T) {
	t.Parallel()
	c := contentTestdata + "errors-all/three-kinds.txtar"
	dir := filepath.Join(t.TempDir(), "content")
	files, want := golden.Tree(t, baseTree, contentTestdata+"es.txtar", c)
	golden.WriteTree(t, dir, files)
	code, stdout, stderr := runCmd("check", "-content", dir)
	want = strings.ReplaceAll(strings.TrimSpace(want), "content/", dir+"/")
	if n := len(strings.Split(want, "\n")); n < 3 {
		t.Fatalf("the case lists %d problems", n)
	}
	if want += "\n4 problems"; code != 1 || strings.TrimSpace(stderr) != want {
		t.Errorf("check = exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	if stdout != "" {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
}

// TestBuildPrintsWarnings: `handouts build` of a tree check warns about
// (testdata/warnings/no-name-for-treatment.txtar) prints check's
// warnings, each at its file and line, and ends with their count, as
// check does.
func TestBuildPrintsWarnings(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "content")
	files, want := golden.Tree(t, baseTree, contentTestdata+"warnings/no-name-for-treatment.txtar")
	golden.WriteTree(t, dir, files)
	lines := strings.Split(strings.TrimSpace(want), "\n")
	count := fmt.Sprintf("\n%d warnings\n", len(lines))
	out := filepath.Join(t.TempDir(), "out")
	for _, args := range [][]string{{"build", "-content", dir, "-out", out}, {"check", "-content", dir}} {
		code, stdout, stderr := runCmd(args...)
		if code != 0 {
			t.Fatalf("%s = exit %d: %s", args[0], code, stderr)
		}
		for _, w := range lines {
			if w = "warning: " + strings.ReplaceAll(w, "content/", dir+"/") + "\n"; !strings.Contains(stdout, w) {
				t.Errorf("%s's output lacks\n%sin:\n%s", args[0], w, stdout)
			}
		}
		if !strings.HasSuffix(stdout, count) {
			t.Errorf("%s's output does not end with %q:\n%s", args[0], count, stdout)
		}
	}
}

// checkCase lays the txtar archive c over the base tree in a temporary
// content folder and runs check on it; want is the archive's comment.
func checkCase(t *testing.T, c string) (dir, want string, code int, stdout, stderr string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "content")
	files, want := golden.Tree(t, baseTree, c)
	golden.WriteTree(t, dir, files)
	code, stdout, stderr = runCmd("check", "-content", dir)
	return dir, want, code, stdout, stderr
}

// TestCheckWarnings: each tree of testdata/warnings passes check (exit 0)
// and check prints each of its warnings, at its file and line.
func TestCheckWarnings(t *testing.T) {
	cases, _ := filepath.Glob(contentTestdata + "warnings/*.txtar")
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			t.Parallel()
			dir, want, code, stdout, stderr := checkCase(t, c)
			if code != 0 {
				t.Fatalf("check = exit %d: %s", code, stderr)
			}
			for _, w := range strings.Split(strings.TrimSpace(want), "\n") {
				w = "warning: " + strings.ReplaceAll(w, "content/", dir+"/")
				if !strings.Contains(stdout, w+"\n") {
					t.Errorf("check output lacks\n%s\nin:\n%s", w, stdout)
				}
			}
		})
	}
}

// grownTree writes the real content with the growth archive (a peel, a
// third clinic, combination skin, hands) and then more laid over it into
// a temporary folder, and returns the folder and the last archive's
// comment.
func grownTree(t *testing.T, more ...string) (string, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, a := range append([]string{contentTestdata + "grow.txtar"}, more...) {
		files, comment := golden.Tree(t, a)
		golden.WriteTree(t, dir, files)
		ar, err := txtar.ParseFile(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if strings.TrimSpace(string(f.Data)) == golden.Deleted {
				os.Remove(filepath.Join(dir, f.Name))
			}
		}
		want = comment
	}
	return dir, want
}

// TestCheckGrowErrors runs testdata/errors-grow (a new area that the
// handouts already written do not cover, a field only the new skin type
// has) through check, over the real content and the growth archive.
func TestCheckGrowErrors(t *testing.T) {
	t.Parallel()
	cases, _ := filepath.Glob(contentTestdata + "errors-grow/*.txtar")
	for _, c := range cases {
		t.Run(strings.TrimSuffix(filepath.Base(c), ".txtar"), func(t *testing.T) {
			dir, want := grownTree(t, c)
			code, _, stderr := runCmd("check", "-content", dir)
			want = withCount(strings.ReplaceAll(strings.TrimSpace(want), "content/", dir+"/"))
			if code != 1 || strings.TrimSpace(stderr) != want {
				t.Errorf("check = exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
			}
		})
	}
}

// TestGrowthBuilds: the content grown as a new clinic would grow it (a
// second treatment, a third clinic, a fifth skin type and a fifth area)
// builds. Every kind and format of both treatments is made for the new
// skin type and area in each clinic (the third clinic's en-CA, the
// first's Spanish, the second's en-GB), and the third clinic's peel sheet
// for the new skin type with every other area and the new area with every
// other skin type. (TestGrowth in internal/content checks the text of
// every variant of every clinic; rendering all 1,200 files is a full
// `handouts check`, 20 s.)
func TestGrowthBuilds(t *testing.T) {
	t.Parallel()
	dir, _ := grownTree(t)
	src, err := (&sourceFlags{content: dir, layouts: "../../layouts", fonts: "../../fonts"}).sources()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	p, err := project.Load(src)
	if err != nil {
		t.Fatalf("load the grown content:\n%v", err)
	}
	t.Logf("loaded in %v", time.Since(start))
	type variant struct{ brand, lang, treatment, skin, area string }
	var vs []variant
	for _, b := range []struct{ id, lang string }{{"lumen", "en-CA"}, {"harbor", "es-US"}, {"thistle", "en-GB"}} {
		for _, tr := range []string{"microneedling", "peel"} {
			vs = append(vs, variant{b.id, b.lang, tr, "combination", "hands"})
		}
	}
	for _, s := range p.Catalog.Skins {
		for _, a := range p.Catalog.Areas {
			if (s.ID == "combination") != (a.ID == "hands") {
				vs = append(vs, variant{"lumen", "en-CA", "peel", s.ID, a.ID})
			}
		}
	}
	// Two at a time: each render is single-threaded.
	sem := make(chan struct{}, 2)
	var wg sync.WaitGroup
	var made atomic.Int32
	for _, v := range vs {
		env, err := p.Catalog.EnvIn(v.brand, v.lang, v.treatment, v.skin, v.area)
		if err != nil {
			t.Fatal(err)
		}
		jobs := []project.Request{{Env: env, Kind: "sheet", Format: "pdf"}} // the page count is what differs
		if v.skin == "combination" && v.area == "hands" {
			jobs = nil
			for _, kind := range []string{"sheet", "guide", "calendar"} {
				for _, f := range []string{"pdf", "html"} {
					jobs = append(jobs, project.Request{Env: env, Kind: content.Kind(kind), Format: content.Format(f)})
				}
			}
		}
		for _, j := range jobs {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				r, err := p.Render(j)
				if err != nil || len(r.Data) == 0 {
					t.Errorf("%+v %s %s: %v", v, j.Kind, j.Format, err)
					return
				}
				made.Add(1)
			})
		}
	}
	wg.Wait()
	t.Logf("%d files made in %v", made.Load(), time.Since(start))
}

// TestTreatmentFlag: with two treatments offered, sheet and calendar need
// -treatment, and the message lists the treatments; an unknown one is
// named with the nearest and the known ids (exit 2, bad usage).
func TestTreatmentFlag(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "content")
	files, _ := golden.Tree(t, baseTree)
	for _, f := range []string{"treatment.yaml", "sheet.md"} {
		files["treatments/peel/"+f] = files["treatments/microneedling/"+f]
	}
	// acme offers both.
	files["brands/acme.yaml"] = []byte(strings.Replace(string(files["brands/acme.yaml"]), "\ntreatments:\n", "\ntreatments:\n  peel:\n", 1))
	golden.WriteTree(t, dir, files)
	tests := []struct {
		args []string
		want string
	}{
		{nil, "handouts sheet: -treatment is required: there are 2 treatments (microneedling, peel); choose one, such as -treatment peel"},
		{[]string{"-treatment", "pel"}, `handouts sheet: -treatment: unknown treatment "pel" (did you mean "peel"?); known: microneedling, peel`},
	}
	for _, tt := range tests {
		args := append([]string{"sheet", "-content", dir, "-brand", "acme", "-skin", "dry", "-area", "face", "-o", filepath.Join(t.TempDir(), "x.pdf")}, tt.args...)
		code, _, stderr := runCmd(args...)
		if code != 2 || strings.TrimSpace(stderr) != tt.want {
			t.Errorf("handouts %v = exit %d, %q; want exit 2 and %q", tt.args, code, stderr, tt.want)
		}
	}
	o := filepath.Join(t.TempDir(), "x.pdf")
	if code, _, stderr := runCmd("sheet", "-content", dir, "-brand", "acme", "-skin", "dry", "-area", "face", "-treatment", "peel", "-o", o); code != 0 {
		t.Errorf("with -treatment peel: exit %d: %s", code, stderr)
	}
}
