package cache

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	root "handouts"
	"handouts/fonts"
	"handouts/internal/golden"
	"handouts/internal/output/outputtest"
	"handouts/layouts"
)

// TestSourceCoversProgram: every Go file and every embedded file of every
// package of the main module that the command is built from (as go list
// reports them) is in what programSum hashes (handouts.Source, layouts.FS,
// fonts.FS), so no part of the program can change without changing the
// cache's key.
func TestSourceCoversProgram(t *testing.T) {
	goTool := golden.RequireTool(t, "go", "golang")
	out, err := exec.Command(goTool, "list", "-deps", "-f",
		`{{if .Module}}{{if .Module.Main}}{{.Dir}}|{{join .GoFiles ","}}|{{join .EmbedFiles ","}}{{end}}{{end}}`,
		"handouts/cmd/handouts").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	modRoot, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	has := func(rel string) bool {
		for _, src := range []struct {
			dir  string
			fsys fs.FS
		}{{"layouts/", layouts.FS}, {"fonts/", fonts.FS}, {"", root.Source}} {
			if r, ok := strings.CutPrefix(rel, src.dir); ok {
				if _, err := fs.Stat(src.fsys, r); err == nil {
					return true
				}
			}
		}
		return false
	}
	checked := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Split(line, "|")
		if len(f) != 3 {
			t.Fatalf("go list line %q", line)
		}
		dir, err := filepath.Rel(modRoot, f[0])
		if err != nil {
			t.Fatal(err)
		}
		for _, name := range append(strings.Split(f[1], ","), strings.Split(f[2], ",")...) {
			if name == "" {
				continue
			}
			rel := filepath.ToSlash(filepath.Join(dir, name))
			checked++
			if !has(rel) {
				t.Errorf("%s is part of the command but not of the program's digest; add it to the //go:embed line of source.go", rel)
			}
		}
	}
	if checked < 100 {
		t.Errorf("only %d files checked; go list said:\n%s", checked, out)
	}
}

// TestProgramKeyedBySource builds a copy of the module, committed to a
// fresh Git repository, three ways: go run (which stamps no VCS
// information), a binary made by go build -buildvcs=true (the revision
// stamped, so its bytes differ from go run's), and, after a comment is
// added to a Go file, go build again (the same revision, vcs.modified=true,
// so the revision alone would not tell the programs apart). The built
// binary reuses every file go run recorded; the changed program renders
// every file again.
//
// It compiles the program (every command with -trimpath, so the copy's
// packages are compiled once per machine, not once per temporary folder,
// and later runs take their compiled packages from Go's build cache) and
// needs the module's dependencies in the module cache (GOPROXY=off): it
// is skipped with -short, runs in CI (make test), and fails there without
// go or git.
func TestProgramKeyedBySource(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command three times; skipped with -short")
	}
	goTool := golden.RequireTool(t, "go", "golang")
	gitTool := golden.RequireTool(t, "git", "git")
	mod := filepath.Join(t.TempDir(), "handouts")
	copyModule(t, "../..", mod)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GIT_") {
			env = append(env, kv) // no GIT_DIR or GIT_WORK_TREE naming another repository
		}
	}
	env = append(env, "GIT_CEILING_DIRECTORIES="+filepath.Dir(mod), "GOFLAGS=-mod=readonly", "GOPROXY=off", "GOTOOLCHAIN=local",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.org",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.org")
	run := func(name string, args ...string) string {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = mod, env
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run(gitTool, "init", "-q")
	if top := strings.TrimSpace(run(gitTool, "rev-parse", "--show-toplevel")); top != mod {
		t.Fatalf("git's work tree is %s, not the copy %s", top, mod)
	}
	run(gitTool, "add", "-A")
	run(gitTool, "commit", "-q", "-m", "copy")

	src := t.TempDir()
	files, _ := golden.Tree(t, "../content/testdata/base.txtar")
	golden.WriteTree(t, src, files)
	out := filepath.Join(t.TempDir(), "out")
	bin := t.TempDir()
	build := []string{"-content", src, "-out", out}

	first := run(goTool, append([]string{"run", "-trimpath", "./cmd/handouts", "build"}, build...)...)
	if strings.Contains(first, "unchanged") {
		t.Fatalf("go run's first build reused files:\n%s", first)
	}
	m, err := outputtest.Manifest(out)
	if err != nil {
		t.Fatal(err)
	}
	n := len(m.Files)

	run(goTool, "build", "-trimpath", "-buildvcs=true", "-o", filepath.Join(bin, "handouts"), "./cmd/handouts")
	if info := run(goTool, "version", "-m", filepath.Join(bin, "handouts")); !strings.Contains(info, "vcs.revision=") || !strings.Contains(info, "vcs.modified=false") {
		t.Fatalf("the built binary carries no clean VCS revision:\n%s", info)
	}
	second := run(filepath.Join(bin, "handouts"), append([]string{"build"}, build...)...)
	if want := fmt.Sprintf("(0 rendered, %d unchanged)", n); !strings.Contains(second, want) {
		t.Errorf("the built binary's build after go run's: %q, want %q", second, want)
	}

	f := filepath.Join(mod, "cmd", "handouts", "main.go")
	data, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(f, append(data, "\n// A change to the program's source.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	run(goTool, "build", "-trimpath", "-buildvcs=true", "-o", filepath.Join(bin, "changed"), "./cmd/handouts")
	if info := run(goTool, "version", "-m", filepath.Join(bin, "changed")); !strings.Contains(info, "vcs.modified=true") {
		t.Fatalf("the changed copy's binary is not marked modified:\n%s", info)
	}
	third := run(filepath.Join(bin, "changed"), append([]string{"build"}, build...)...)
	if want := fmt.Sprintf("built %d files, ", n); !strings.Contains(third, want) || strings.Contains(third, "unchanged") {
		t.Errorf("the changed program's build: %q, want every file rendered (%q, none unchanged)", third, want)
	}
}

// copyModule copies the module at from into to: go.mod, go.sum and every
// file under it but tests, test data, content/, output/, dot files and
// dot folders (so the copy belongs to no repository until the test makes
// it one).
func copyModule(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		name := d.Name()
		if d.IsDir() {
			if rel != "." && (strings.HasPrefix(name, ".") || name == "testdata" || rel == "content" || rel == "output" || rel == "dist") {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		// A dot file is left out: .git in a work tree of a repository
		// is a file naming that repository.
		if !d.Type().IsRegular() || strings.HasPrefix(name, ".") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// BenchmarkProgramSource: the cost of naming the program, paid once per
// process (programSum): hashing its embedded source, layouts and fonts.
func BenchmarkProgramSource(b *testing.B) {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		b.Skip("no build info")
	}
	for b.Loop() {
		if !programSource(sha256.New(), bi) {
			b.Fatal("source not known")
		}
	}
}
