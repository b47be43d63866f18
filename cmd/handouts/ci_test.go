package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"handouts/internal/golden"
)

// The workflows under ci/ are checked twice: their structure (jobs,
// matrix, needs, artifacts, Pages) as parsed YAML, and their commands, run
// here through the command's own entry point as each runner would run
// them, on a small content tree, with the artifacts carried between jobs
// as GitHub and GitLab carry them. The published folder must equal a plain
// build's. actionlint checks the GitHub workflow too where it can be had
// from the Go module cache or proxy (TestGitHubWorkflowActionlint).

const (
	githubWorkflow = "../../.ci/workflows/github/handouts.yml"
	gitlabWorkflow = "../../.ci/workflows/gitlab/.gitlab-ci.yml"
	pagesURL       = "https://clinics.example/handouts"
)

// list is a YAML value given as one string or a list of strings.
type list []string

// UnmarshalYAML reads a string or a sequence of strings.
func (l *list) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		*l = list{n.Value}
		return nil
	}
	var s []string
	err := n.Decode(&s)
	*l = s
	return err
}

type ghWorkflow struct {
	On   map[string]any `yaml:"on"`
	Jobs map[string]*ghJob
}

type ghJob struct {
	Needs    list
	RunsOn   string `yaml:"runs-on"`
	Strategy struct {
		Matrix map[string][]int
	}
	Permissions map[string]string
	Environment map[string]string
	Steps       []ghStep
}

type ghStep struct {
	ID, Name, Uses, Run string
	With                map[string]string
}

type glJob struct {
	Stage     string
	Needs     list
	Parallel  int
	Script    []string
	Artifacts struct{ Paths []string }
	Rules     []map[string]string
}

func readYAML(t *testing.T, file string, v any) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
}

// step returns the job's one step that uses action (without its version).
func (j *ghJob) step(t *testing.T, action string) ghStep {
	t.Helper()
	var found []ghStep
	for _, s := range j.Steps {
		if name, _, _ := strings.Cut(s.Uses, "@"); name == action {
			found = append(found, s)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d steps use %s, want 1", len(found), action)
	}
	return found[0]
}

// TestGitHubWorkflow: a check job; a build job over a matrix of shards
// 1..n, each building shard i/n and uploading it as an artifact; an
// assemble job that downloads every shard, assembles them with the Pages
// address checked against the brands' base_url, and uploads the site;
// a deploy job publishing it on Pages. Then every job's commands run, in
// order, on a small content tree.
func TestGitHubWorkflow(t *testing.T) {
	var wf ghWorkflow
	readYAML(t, githubWorkflow, &wf)
	if _, ok := wf.On["push"]; !ok {
		t.Error("the workflow does not run on push")
	}
	for name, needs := range map[string][]string{"check": nil, "build": {"check"}, "assemble": {"build"}, "deploy": {"assemble"}} {
		j := wf.Jobs[name]
		if j == nil {
			t.Fatalf("no %s job", name)
		}
		if !slices.Equal(j.Needs, needs) {
			t.Errorf("%s needs %v, want %v", name, j.Needs, needs)
		}
	}
	build, assemble, deploy := wf.Jobs["build"], wf.Jobs["assemble"], wf.Jobs["deploy"]
	shards := build.Strategy.Matrix["shard"]
	if len(shards) < 2 {
		t.Fatalf("the build matrix has shards %v, want 1..n with n >= 2", shards)
	}
	for i, s := range shards {
		if s != i+1 {
			t.Fatalf("the build matrix has shards %v, want 1..%d", shards, len(shards))
		}
	}
	up := build.step(t, "actions/upload-artifact")
	down := assemble.step(t, "actions/download-artifact")
	if got := strings.ReplaceAll(up.With["name"], "${{ matrix.shard }}", "*"); got != down.With["pattern"] || !strings.Contains(up.With["name"], "${{ matrix.shard }}") {
		t.Errorf("artifacts uploaded as %q, downloaded as %q", up.With["name"], down.With["pattern"])
	}
	pages := assemble.step(t, "actions/configure-pages")
	if pages.ID != "pages" {
		t.Errorf("configure-pages has id %q; the assemble command reads steps.pages.outputs.base_url", pages.ID)
	}
	if deploy.Permissions["pages"] != "write" || deploy.Permissions["id-token"] != "write" || deploy.Environment["name"] != "github-pages" {
		t.Errorf("deploy has permissions %v and environment %v, want pages and id-token write, github-pages", deploy.Permissions, deploy.Environment)
	}
	deploy.step(t, "actions/deploy-pages")

	// Run the jobs.
	files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
	runner := checkouts(t, files, nil)
	dir := runGitHub(t, wf, runner, pagesURL)
	samePublished(t, filepath.Join(dir, assemble.step(t, "actions/upload-pages-artifact").With["path"]), runner("plain"))
}

// checkouts returns a function making fresh checkouts: content/ holding
// files, and root files (such as publish.yaml) beside it.
func checkouts(t *testing.T, files, root map[string][]byte) func(name string) string {
	return func(name string) string {
		dir := filepath.Join(t.TempDir(), name)
		golden.WriteTree(t, filepath.Join(dir, "content"), files)
		golden.WriteTree(t, dir, root)
		return dir
	}
}

// runGitHub runs the GitHub workflow's jobs in order, each in a fresh
// checkout, carrying the artifacts between them, with the repository's
// Pages at pages; it returns the assemble job's checkout.
func runGitHub(t *testing.T, wf ghWorkflow, runner func(string) string, pages string) string {
	t.Helper()
	build, assemble := wf.Jobs["build"], wf.Jobs["assemble"]
	shards := build.Strategy.Matrix["shard"]
	up := build.step(t, "actions/upload-artifact")
	down := assemble.step(t, "actions/download-artifact")
	vars := map[string]string{
		"${{ strategy.job-total }}":                strconv.Itoa(len(shards)),
		"${{ steps.pages.outputs.base_url }}":      pages,
		"${{ steps.deployment.outputs.page_url }}": pages,
	}
	runSteps(t, runner("check"), wf.Jobs["check"].Steps, vars)
	artifacts := map[string]string{}
	for _, s := range shards {
		dir := runner(fmt.Sprintf("build-%d", s))
		vars["${{ matrix.shard }}"] = strconv.Itoa(s)
		runSteps(t, dir, build.Steps, vars)
		// upload-artifact leaves hidden files out.
		artifacts[strings.ReplaceAll(up.With["name"], "${{ matrix.shard }}", strconv.Itoa(s))] = copyTree(t, filepath.Join(dir, up.With["path"]), false)
	}
	dir := runner("assemble")
	for name, from := range artifacts {
		if ok, _ := path.Match(down.With["pattern"], name); ok {
			os.CopyFS(filepath.Join(dir, down.With["path"], name), os.DirFS(from))
		}
	}
	runSteps(t, dir, assemble.Steps, vars)
	return dir
}

// TestGitLabWorkflow: stages check, build and deploy; a build job run on
// n parallel runners, each building shard $CI_NODE_INDEX/$CI_NODE_TOTAL
// into a folder it keeps as an artifact; a pages job, on the default
// branch only, that needs the builds, assembles their folders into public/
// with the Pages address checked, and keeps public/. Then every job's
// script runs, in order, on a small content tree.
func TestGitLabWorkflow(t *testing.T) {
	var wf map[string]yaml.Node
	readYAML(t, gitlabWorkflow, &wf)
	jobs := map[string]*glJob{}
	for name, n := range wf {
		if name == "stages" || name == "default" || name == "variables" {
			continue
		}
		j := &glJob{}
		if err := n.Decode(j); err != nil {
			t.Fatalf("job %s: %v", name, err)
		}
		jobs[name] = j
	}
	var stageList []string
	if n := wf["stages"]; n.Decode(&stageList) != nil {
		t.Fatal("stages is not a list")
	}
	stages := fmt.Sprint(stageList)
	if stages != "[check build deploy]" {
		t.Errorf("stages %s, want [check build deploy]", stages)
	}
	for name, want := range map[string]struct {
		stage string
		needs []string
	}{"check": {"check", nil}, "build": {"build", []string{"check"}}, "pages": {"deploy", []string{"build"}}} {
		j := jobs[name]
		if j == nil {
			t.Fatalf("no %s job", name)
		}
		if j.Stage != want.stage || !slices.Equal(j.Needs, want.needs) {
			t.Errorf("%s: stage %s, needs %v; want %s, %v", name, j.Stage, j.Needs, want.stage, want.needs)
		}
	}
	build, pages := jobs["build"], jobs["pages"]
	if build.Parallel < 2 {
		t.Fatalf("build runs on %d runners, want parallel: 2 or more", build.Parallel)
	}
	if !slices.Equal(pages.Artifacts.Paths, []string{"public", "sites"}) {
		t.Errorf("pages keeps %v, want [public sites] (GitLab publishes public/; sites/ holds the other sites)", pages.Artifacts.Paths)
	}
	if len(pages.Rules) != 1 || pages.Rules[0]["if"] != "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" {
		t.Errorf("pages runs on %v, want the default branch only", pages.Rules)
	}

	files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
	runner := checkouts(t, files, nil)
	dir := runGitLab(t, jobs, runner, pagesURL)
	samePublished(t, filepath.Join(dir, "public"), runner("plain"))
}

// runGitLab runs the GitLab pipeline's jobs in order, each in a fresh
// checkout, carrying the artifacts between them, with the project's Pages
// at pages; it returns the pages job's checkout.
func runGitLab(t *testing.T, jobs map[string]*glJob, runner func(string) string, pages string) string {
	t.Helper()
	build := jobs["build"]
	vars := map[string]string{"${CI_NODE_TOTAL}": strconv.Itoa(build.Parallel), "$CI_PAGES_URL": pages}
	runScript(t, runner("check"), jobs["check"].Script, vars)
	dir := runner("pages")
	for i := 1; i <= build.Parallel; i++ {
		vars["${CI_NODE_INDEX}"] = strconv.Itoa(i)
		b := runner(fmt.Sprintf("build-%d", i))
		runScript(t, b, build.Script, vars)
		// Artifacts (hidden files too) are extracted in the next stage's
		// checkout.
		for _, p := range build.Artifacts.Paths {
			p = strings.TrimSuffix(expand(t, p, vars), "/")
			os.CopyFS(filepath.Join(dir, p), os.DirFS(filepath.Join(b, p)))
		}
	}
	runScript(t, dir, jobs["pages"].Script, vars)
	return dir
}

// runSteps runs a GitHub job's run: steps in dir; actions are not run.
func runSteps(t *testing.T, dir string, steps []ghStep, vars map[string]string) {
	t.Helper()
	var lines []string
	for _, s := range steps {
		if s.Run != "" {
			lines = append(lines, strings.Split(strings.TrimSpace(s.Run), "\n")...)
		}
	}
	runScript(t, dir, lines, vars)
}

// runScript runs each line of a job's script in dir: "go run
// ./cmd/handouts ..." through run, "rm -rf ..." removing; any other line
// fails the test, so every command a workflow runs is checked.
func runScript(t *testing.T, dir string, lines []string, vars map[string]string) {
	t.Helper()
	t.Chdir(dir)
	for _, line := range lines {
		words := shellWords(t, expand(t, line, vars))
		switch {
		case len(words) > 3 && slices.Equal(words[:3], []string{"go", "run", "./cmd/handouts"}):
			args := words[3:]
			if _, ok := lookup(args[0]); !ok {
				t.Fatalf("%q: handouts has no command %q", line, args[0])
			}
			code, stdout, stderr := runCmd(args...)
			if code != 0 {
				t.Fatalf("%q: exit %d\n%s%s", line, code, stdout, stderr)
			}
		case len(words) > 2 && words[0] == "rm" && words[1] == "-rf":
			for _, w := range words[2:] {
				os.RemoveAll(w)
			}
		default:
			t.Fatalf("%q: not a command this test knows how to check", line)
		}
	}
}

// expand replaces the workflow's variables and expressions with values.
func expand(t *testing.T, s string, vars map[string]string) string {
	t.Helper()
	for k, v := range vars {
		s = strings.ReplaceAll(s, k, v)
	}
	if m := reVariable.FindString(s); m != "" {
		t.Fatalf("%q: %s has no value in this test", s, m)
	}
	return s
}

// reVariable finds a GitHub expression or a GitLab variable.
var reVariable = regexp.MustCompile(`\$\{\{[^}]*\}\}|\$\{?CI_[A-Z_]+\}?`)

// shellWords splits a command line as the shell does for the simple lines
// of these workflows: spaces, double quotes, and globs expanded.
func shellWords(t *testing.T, line string) []string {
	t.Helper()
	var words []string
	var w strings.Builder
	quoted, in := false, false
	for _, r := range line + " " {
		switch {
		case r == '"':
			quoted, in = !quoted, true
		case r == ' ' && !quoted:
			if in {
				words = append(words, w.String())
			}
			w.Reset()
			in = false
		default:
			w.WriteRune(r)
			in = true
		}
	}
	var out []string
	for _, w := range words {
		if strings.ContainsAny(w, "*?[") {
			m, _ := filepath.Glob(w)
			if len(m) == 0 {
				t.Fatalf("%q: %s matches nothing", line, w)
			}
			out = append(out, m...)
			continue
		}
		out = append(out, w)
	}
	return out
}

// copyTree copies dir to a new folder, leaving out names that start with
// a dot unless hidden.
func copyTree(t *testing.T, dir string, hidden bool) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if !hidden && strings.HasPrefix(d.Name(), ".") && rel != "." {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// samePublished builds the checkout's content plainly and compares the
// published folder with it: the same files, byte for byte, and nothing
// of the build's own (no name starting with a dot).
func samePublished(t *testing.T, site, checkout string) {
	t.Helper()
	t.Chdir(checkout)
	if code, _, stderr := runCmd("build", "-out", "plain"); code != 0 {
		t.Fatalf("plain build: exit %d: %s", code, stderr)
	}
	want := golden.Snapshot(t, copyTree(t, filepath.Join(checkout, "plain"), false))
	got := golden.Snapshot(t, site)
	if len(got) != len(want) {
		t.Errorf("published %d files, a plain build makes %d", len(got), len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: published differs from a plain build's", k)
		}
	}
	for k := range got {
		if strings.HasPrefix(k, ".") {
			t.Errorf("%s published", k)
		}
	}
}

// TestAssemblePagesURL: assemble -pages-url refuses, naming the brand file,
// when a brand's base_url is not the address the site is published at.
func TestAssemblePagesURL(t *testing.T) {
	files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
	files["brands/acme.yaml"] = append(files["brands/acme.yaml"], "base_url: https://acme.example/aftercare\n"...)
	dir := t.TempDir()
	golden.WriteTree(t, filepath.Join(dir, "content"), files)
	content := filepath.Join(dir, "content")
	shard := filepath.Join(dir, "shard")
	if code, _, stderr := runCmd("build", "-content", content, "-shard", "1/1", "-out", shard); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runCmd("assemble", "-content", content, "-pages-url", pagesURL, shard, "-out", filepath.Join(dir, "site"))
	if code != 1 || !strings.Contains(stderr, "acme.yaml: base_url is https://acme.example/aftercare, but the handouts are published at "+pagesURL) {
		t.Errorf("assemble with another base_url: exit %d, %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "site")); err == nil {
		t.Error("the site folder was made")
	}
	code, _, stderr = runCmd("assemble", "-content", content, "-pages-url", "https://acme.example/aftercare/", shard, "-out", filepath.Join(dir, "site"))
	if code != 0 {
		t.Errorf("assemble at the brand's base_url: exit %d, %s", code, stderr)
	}
}

// actionlintModule is the actionlint release the GitHub workflow is
// checked with (a Go module: github.com/rhysd/actionlint).
const actionlintModule = "github.com/rhysd/actionlint/cmd/actionlint@v1.7.12"

// TestGitHubWorkflowActionlint runs actionlint on the GitHub workflow:
// from the Go module cache alone when it is there (fast, offline), else
// through the module proxy (once, about 15 s). Without either, it skips
// loudly, and fails when CI=true.
func TestGitHubWorkflowActionlint(t *testing.T) {
	goTool := golden.RequireTool(t, "go", "golang")
	cache, err := exec.Command(goTool, "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatal(err)
	}
	offline := []string{"GOPROXY=file://" + filepath.Join(strings.TrimSpace(string(cache)), "cache", "download"), "GOSUMDB=off", "GOFLAGS="}
	var out []byte
	for _, env := range [][]string{offline, {"GOFLAGS="}} {
		cmd := exec.Command(goTool, "run", actionlintModule, "-no-color", githubWorkflow)
		cmd.Env = append(os.Environ(), env...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err = cmd.Output()
		var ee *exec.ExitError
		if err == nil || (errors.As(err, &ee) && ee.ExitCode() == 1 && len(out) > 0) {
			break // ran: clean, or found problems
		}
		out = append(out, stderr.Bytes()...)
	}
	switch {
	case err == nil:
	case len(out) > 0 && strings.Contains(string(out), githubWorkflow):
		t.Errorf("actionlint %s:\n%s", githubWorkflow, out)
	case os.Getenv("CI") == "true":
		t.Fatalf("actionlint could not be run (go run %s): %v\n%s", actionlintModule, err, out)
	default:
		t.Logf("SKIP: actionlint could not be run (go run %s needs the module proxy once): %v\n%s", actionlintModule, err, out)
		t.SkipNow()
	}
}
