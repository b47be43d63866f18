package main

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"handouts/internal/golden"
)

// twoClinics is the small content tree with a second clinic, each with
// its own domain: acme at https://acme.example/aftercare, beta at
// https://beta.example/handouts.
func twoClinics(t *testing.T) map[string][]byte {
	files, _ := golden.Tree(t, "../../internal/content/testdata/base.txtar")
	acme := string(files["brands/acme.yaml"])
	files["brands/acme.yaml"] = []byte(acme + "base_url: https://acme.example/aftercare\n")
	beta := strings.NewReplacer("Acme Skin", "Beta Skin", "logo: acme.png", "logo: beta.png", "acme.example", "beta.example").Replace(acme)
	files["brands/beta.yaml"] = []byte(beta + "base_url: https://beta.example/handouts\n")
	files["brands/beta.png"] = files["brands/acme.png"]
	return files
}

const twoSites = `sites:
  - name: pages
    url: https://acme.example/aftercare
    brands: [acme]
  - name: beta
    url: https://beta.example/handouts/
    brands: [beta]
`

// TestPublishingPlan: two clinics on two domains. The GitHub and GitLab
// workflows' commands, run through the real command, publish each
// clinic's folder in its own site's folder (the site named pages on the
// repository's Pages), each file as a plain build makes it.
func TestPublishingPlan(t *testing.T) {
	files := twoClinics(t)
	var gh ghWorkflow
	readYAML(t, githubWorkflow, &gh)
	var gl map[string]yaml.Node
	readYAML(t, gitlabWorkflow, &gl)
	runner := checkouts(t, files, map[string][]byte{"publish.yaml": []byte(twoSites)})
	plain := runner("plain")
	t.Chdir(plain)
	if code, _, stderr := runCmd("build", "-out", "plain"); code != 0 {
		t.Fatalf("plain build: %s", stderr)
	}
	want := func(brand string) map[string]string { return golden.Snapshot(t, filepath.Join(plain, "plain", brand)) }
	sameSite := func(t *testing.T, site, brand string) {
		t.Helper()
		ents, _ := os.ReadDir(site)
		if len(ents) != 1 || ents[0].Name() != brand {
			t.Errorf("%s holds %v; want only %s/", site, ents, brand)
		}
		if got := golden.Snapshot(t, filepath.Join(site, brand)); !maps.Equal(got, want(brand)) || len(got) == 0 {
			t.Errorf("%s/%s: %d files, not those a plain build makes (%d)", site, brand, len(got), len(want(brand)))
		}
	}
	t.Run("github", func(t *testing.T) {
		wf := gh
		dir := runGitHub(t, wf, runner, "https://acme.example/aftercare")
		sameSite(t, filepath.Join(dir, wf.Jobs["assemble"].step(t, "actions/upload-pages-artifact").With["path"]), "acme")
		sameSite(t, filepath.Join(dir, wf.Jobs["assemble"].step(t, "actions/upload-artifact").With["path"], "beta"), "beta")
	})
	t.Run("gitlab", func(t *testing.T) {
		wf := gl
		jobs := map[string]*glJob{}
		for _, name := range []string{"check", "build", "pages"} {
			n := wf[name]
			jobs[name] = &glJob{}
			if err := n.Decode(jobs[name]); err != nil {
				t.Fatal(err)
			}
		}
		dir := runGitLab(t, jobs, runner, "https://acme.example/aftercare")
		sameSite(t, filepath.Join(dir, "public"), "acme")
		sameSite(t, filepath.Join(dir, "sites", "beta"), "beta")
	})
}

// TestPlanRefusals: check refuses, before rendering anything, a plan that
// does not fit the content, naming the brand file and the plan's line;
// sites refuses a pages site that is not at the Pages address.
func TestPlanRefusals(t *testing.T) {
	files := twoClinics(t)
	for _, tt := range []struct{ name, plan, want string }{
		{"another domain", strings.Replace(twoSites, "https://beta.example/handouts/", "https://beta.example/other", 1),
			"content/brands/beta.yaml: base_url is https://beta.example/handouts, but publish.yaml:6 publishes beta at https://beta.example/other, so the QR codes on its printed sheets would lead nowhere; set base_url: https://beta.example/other (or change the site's url)"},
		{"clinic on no site", strings.Replace(twoSites, "[beta]", "[acme]", 1),
			"content/brands/beta.yaml: base_url is https://beta.example/handouts, but publish.yaml publishes beta on no site"},
		{"clinic twice", strings.Replace(twoSites, "[beta]", "[beta, acme]", 1),
			"publish.yaml:7: site beta: brand acme is already on site pages; publish each clinic on one site"},
		{"unknown clinic", strings.Replace(twoSites, "[beta]", "[beta, gamma]", 1),
			`publish.yaml:7: site beta: no brand "gamma" in the content (brands: acme, beta)`},
		{"bad url", strings.Replace(twoSites, "https://beta.example/handouts/", "beta.example", 1),
			`publish.yaml:6: site beta: url "beta.example": give the https:// address`},
		{"unknown key", twoSites + "    domain: beta.example\n", "publish.yaml:8: field domain not found (a plan is sites:, a list of sites, each with name, url and brands)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := checkouts(t, files, map[string][]byte{"publish.yaml": []byte(tt.plan)})("check")
			t.Chdir(dir)
			code, stdout, stderr := runCmd("check")
			if code != 1 || !strings.Contains(stderr, tt.want) {
				t.Errorf("check: exit %d, %q; want exit 1 and %q", code, stderr, tt.want)
			}
			if strings.Contains(stdout, "render") {
				t.Errorf("check went on to render: %q", stdout)
			}
		})
	}
	dir := checkouts(t, files, map[string][]byte{"publish.yaml": []byte(twoSites)})("sites")
	t.Chdir(dir)
	if code, _, stderr := runCmd("build", "-out", "site"); code != 0 {
		t.Fatal(stderr)
	}
	code, _, stderr := runCmd("sites", "-pages-url", "https://clinics.example/handouts", "-from", "site", "-out", "sites")
	if code != 1 || !strings.Contains(stderr, "publish.yaml:3: site pages is published on the repository's Pages at https://clinics.example/handouts, not at https://acme.example/aftercare") {
		t.Errorf("sites with the Pages elsewhere: exit %d, %q", code, stderr)
	}
	// Without a plan, one site at the Pages address, as before plans.
	os.Remove("publish.yaml")
	code, _, stderr = runCmd("sites", "-pages-url", "https://acme.example/aftercare", "-from", "site", "-out", "sites")
	if code != 1 || !strings.Contains(stderr, "beta.yaml: base_url is https://beta.example/handouts, but the handouts are published at https://acme.example/aftercare") {
		t.Errorf("sites without a plan: exit %d, %q", code, stderr)
	}
	if ents, _ := os.ReadDir("."); slices.ContainsFunc(ents, func(e os.DirEntry) bool { return e.Name() == "sites" }) {
		t.Error("a refused sites run made its folder")
	}
}
