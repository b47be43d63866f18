package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handouts/internal/output"
)

// TestShortRedirects: sites writes, beside the sites' folders, a folder
// for each clinic's short domain with a _redirects file that sends every
// published sheet's short address (the manifest's short) to its page
// under base_url, with a 301, and nothing else: no PDF, no other kind, no
// clinic without a short_url. With a publishing plan and without.
func TestShortRedirects(t *testing.T) {
	files := twoClinics(t)
	files["brands/acme.yaml"] = append(files["brands/acme.yaml"], "short_url: https://ac.example/s\n"...)
	for _, tt := range []struct {
		name string
		root map[string][]byte
		args []string
	}{
		{"plan", map[string][]byte{"publish.yaml": []byte(twoSites)}, nil},
		{"no plan", nil, []string{"-brand", "acme"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Chdir(checkouts(t, files, tt.root)("sites"))
			if code, _, stderr := runCmd(append([]string{"build", "-out", "site"}, tt.args...)...); code != 0 {
				t.Fatal(stderr)
			}
			if tt.root == nil {
				// One site for every clinic: beta leaves the content.
				os.RemoveAll("site/beta")
				os.Remove("content/brands/beta.yaml")
			}
			code, stdout, stderr := runCmd("sites", "-pages-url", "https://acme.example/aftercare", "-from", "site", "-out", "sites")
			if code != 0 {
				t.Fatalf("sites: exit %d, %s", code, stderr)
			}
			data, err := os.ReadFile("site/manifest.json")
			if err != nil {
				t.Fatal(err)
			}
			var m output.Manifest
			if err := json.Unmarshal(data, &m); err != nil {
				t.Fatal(err)
			}
			want := map[string]string{}
			for _, e := range m.Files {
				if e.Short != "" && e.Format == "html" {
					if e.Brand != "acme" || e.Kind != "sheet" {
						t.Fatalf("the manifest gives %s a short address", e.Path)
					}
					want[strings.TrimPrefix(e.Short, "https://ac.example")] = "https://acme.example/aftercare/" + e.Path
				}
			}
			if len(want) == 0 {
				t.Fatal("the manifest lists no short addresses")
			}
			got, err := os.ReadFile(filepath.Join("sites", "ac.example", "_redirects"))
			if err != nil {
				t.Fatalf("%v (stdout %q)", err, stdout)
			}
			lines := strings.Split(strings.TrimSuffix(string(got), "\n"), "\n")
			if !strings.HasPrefix(lines[0], "# ") {
				t.Errorf("first line %q, want a comment naming the file", lines[0])
			}
			for _, l := range lines[1:] {
				f := strings.Fields(l)
				if len(f) != 3 || f[2] != "301" || want[f[0]] != f[1] {
					t.Errorf("line %q: want /s/<code> <its sheet's page> 301", l)
				}
				delete(want, f[0])
			}
			if len(want) > 0 {
				t.Errorf("_redirects lacks %d short addresses: %v", len(want), want)
			}
			if strings.Contains(string(got), ".pdf") {
				t.Error("_redirects sends a short address to a PDF")
			}
			if ents, _ := os.ReadDir("sites"); len(ents) != map[bool]int{true: 3, false: 2}[tt.root != nil] {
				t.Errorf("sites holds %v; want the sites' folders and ac.example", ents)
			}
			if !strings.Contains(stdout, "short domain ac.example/s: sites/ac.example/_redirects") {
				t.Errorf("stdout %q does not name the redirects", stdout)
			}
		})
	}
}
