package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	iofs "io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"handouts/internal/content"
	"handouts/internal/project"
)

// reYAMLLine splits yaml's "line 8: field domain not found in type
// main.site".
var reYAMLLine = regexp.MustCompile(`^line (\d+): (.*?)(?: in type [\w.]+)?$`)

// defaultPlan is the publishing plan check reads when it is there.
const defaultPlan = "publish.yaml"

// plan is the publishing plan: which sites the handouts are published on,
// each at its address, with the clinics (brand ids) it carries. One site
// with every clinic is one site with a folder per clinic; a site for each
// clinic puts each clinic on its own domain. A clinic's pages are at
// URL/<brand>/... on its site, so its base_url must be the site's URL.
type plan struct {
	file  string
	Sites []*site `yaml:"sites"`
}

// site is one published site.
type site struct {
	Name   string   `yaml:"name"`   // the site's folder (and CI artifact) name
	URL    string   `yaml:"url"`    // where it is published: each brand's base_url
	Brands []string `yaml:"brands"` // the clinics it carries

	line, urlLine, brandsLine int // where the site, its url and its brands are written
}

// readPlan reads and checks the shape of a plan file.
func readPlan(file string) (*plan, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the publishing plan: %v", file, err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", file, err)
	}
	p := &plan{file: file}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(p); err != nil {
		var te *yaml.TypeError
		if !errors.As(err, &te) {
			return nil, fmt.Errorf("%s: %v", file, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		var errs content.ErrorList
		for _, e := range te.Errors {
			line := 0
			if m := reYAMLLine.FindStringSubmatch(e); m != nil {
				line, _ = strconv.Atoi(m[1])
				e = m[2]
			}
			errs = append(errs, content.Errorf(file, line, "%s (a plan is sites:, a list of sites, each with name, url and brands)", e))
		}
		return nil, errs
	}
	if len(doc.Content) > 0 {
		if sites := mapValue(doc.Content[0], "sites"); sites != nil {
			for i, n := range sites.Content {
				if i < len(p.Sites) {
					s := p.Sites[i]
					s.line, s.urlLine, s.brandsLine = n.Line, n.Line, n.Line
					if v := mapValue(n, "url"); v != nil {
						s.urlLine = v.Line
					}
					if v := mapValue(n, "brands"); v != nil {
						s.brandsLine = v.Line
					}
				}
			}
		}
	}
	var errs content.ErrorList
	names := map[string]bool{}
	for _, s := range p.Sites {
		switch {
		case !validID(s.Name):
			errs = append(errs, content.Errorf(file, s.line, "site name %q: give each site a name of lower-case letters, digits and hyphens (its folder and artifact name)", s.Name))
		case names[s.Name]:
			errs = append(errs, content.Errorf(file, s.line, "site name %q is used twice; give each site its own", s.Name))
		}
		names[s.Name] = true
		if !strings.HasPrefix(s.URL, "https://") || strings.ContainsAny(s.URL, " ?#") {
			errs = append(errs, content.Errorf(file, s.urlLine, "site %s: url %q: give the https:// address the site is published at, with no spaces, ? or #", s.Name, s.URL))
		}
		if len(s.Brands) == 0 {
			errs = append(errs, content.Errorf(file, s.line, "site %s carries no clinic; list their brand ids under brands:", s.Name))
		}
	}
	if len(p.Sites) == 0 {
		errs = append(errs, content.Errorf(file, 0, "no sites: list each site with its name, url and brands under sites:"))
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return p, nil
}

func mapValue(n *yaml.Node, key string) *yaml.Node {
	for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func validID(s string) bool {
	if s == "" || strings.HasPrefix(s, "-") || strings.HasSuffix(s, "-") || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// check refuses, naming the files, a plan that does not fit the content:
// a brand it names that does not exist or names twice, a brand with a
// base_url that is not the URL of the site carrying it (its QR codes would
// lead nowhere), and a brand with a base_url that no site carries.
func (pl *plan) check(c *content.Catalog) error {
	var errs content.ErrorList
	carried := map[string]*site{}
	for _, s := range pl.Sites {
		for _, id := range s.Brands {
			switch {
			case c.Brand(id) == nil:
				var ids []string
				for _, b := range c.Brands {
					ids = append(ids, b.ID)
				}
				errs = append(errs, content.Errorf(pl.file, s.brandsLine, "site %s: no brand %q in the content (brands: %s)", s.Name, id, strings.Join(ids, ", ")))
			case carried[id] != nil:
				errs = append(errs, content.Errorf(pl.file, s.brandsLine, "site %s: brand %s is already on site %s; publish each clinic on one site", s.Name, id, carried[id].Name))
			default:
				carried[id] = s
			}
		}
	}
	for _, b := range c.Brands {
		s := carried[b.ID]
		switch {
		case b.BaseURL == "":
		case s == nil:
			errs = append(errs, content.Errorf(b.File, 0, "base_url is %s, but %s publishes %s on no site, so the QR codes on its printed sheets would lead nowhere; add it to a site's brands in %s", b.BaseURL, pl.file, b.ID, pl.file))
		case strings.TrimSuffix(b.BaseURL, "/") != strings.TrimSuffix(s.URL, "/"):
			errs = append(errs, content.Errorf(b.File, 0, "base_url is %s, but %s:%d publishes %s at %s, so the QR codes on its printed sheets would lead nowhere; set base_url: %s (or change the site's url)", b.BaseURL, pl.file, s.urlLine, b.ID, s.URL, s.URL))
		}
	}
	if len(errs) > 0 {
		return errs
	}
	return nil
}

// planFlag registers -plan: the publishing plan, read when given or when
// the default file is there.
func planFlag(fs interface {
	String(string, string, string) *string
}) *string {
	return fs.String("plan", defaultPlan, "publishing plan: the sites, their addresses and their clinics (read if present; see README, Publishing)")
}

// loadPlan reads file, unless it is the default and absent (no plan:
// one site, as the workflows' -pages-url checks).
func loadPlan(file string, given bool) (*plan, error) {
	if !given {
		if _, err := os.Stat(file); err != nil {
			return nil, nil
		}
	}
	return readPlan(file)
}

// pagesSite is the name of the site published on the repository's own
// Pages (GitHub Pages, GitLab Pages); the workflows publish the other
// sites' folders through the clinics' own hosts.
const pagesSite = "pages"

// cmdSites lays out an assembled output folder as one folder per site of
// the publishing plan. Without a plan there is one site, pages, carrying
// the whole folder (index and manifest too, as before plans) at
// -pages-url, where every brand's base_url must be. Beside the sites'
// folders it makes one for each clinic's short domain (writeRedirects).
func cmdSites(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("sites", "[-content DIR] [-plan FILE] [-pages-url URL] [-pages DIR] -from DIR -out DIR", stderr)
	var sf sourceFlags
	sf.register(fs)
	file := planFlag(fs)
	from := fs.String("from", "", "the assembled (or built) output folder (required)")
	out := fs.String("out", "", "the folder to make, with one folder per site in it (required)")
	pagesURL := fs.String("pages-url", "", "the address of the repository's Pages: the site named pages must be published there")
	pagesDir := fs.String("pages", "", "the folder for the site named pages (default OUT/pages)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *from == "" || *out == "" {
		return usageError{"-from and -out are required: handouts sites -from site -out sites"}
	}
	pl, err := loadPlan(*file, flagSet(fs, "plan"))
	if err != nil {
		return err
	}
	src, err := sf.sources()
	if err != nil {
		return err
	}
	p, err := project.Load(src)
	if err != nil {
		return err
	}
	if *pagesDir == "" {
		*pagesDir = filepath.Join(*out, pagesSite)
	}
	for _, dir := range []string{*out, *pagesDir} {
		if _, err := os.Stat(dir); err == nil {
			return fmt.Errorf("%s: already there; give a new folder", dir)
		}
	}
	if pl == nil {
		if *pagesURL == "" {
			return usageError{"-pages-url is required without a publishing plan (" + defaultPlan + "): every clinic is published there"}
		}
		if err := p.CheckBaseURLs(*pagesURL); err != nil {
			return err
		}
		if err := copyPublished(*pagesDir, *from); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "site %s: %s/ to publish at %s (every clinic)\n", pagesSite, *pagesDir, *pagesURL)
		return writeRedirects(*out, *from, p.Catalog.Brands, stdout)
	}
	if err := pl.check(p.Catalog); err != nil {
		return err
	}
	for _, s := range pl.Sites {
		if s.Name == pagesSite && *pagesURL != "" && strings.TrimSuffix(s.URL, "/") != strings.TrimSuffix(*pagesURL, "/") {
			return content.Errorf(pl.file, s.urlLine, "site pages is published on the repository's Pages at %s, not at %s; set its url to %s (or give it another name and publish it elsewhere)", *pagesURL, s.URL, *pagesURL)
		}
	}
	for _, s := range pl.Sites {
		dir := filepath.Join(*out, s.Name)
		if s.Name == pagesSite {
			dir = *pagesDir
		}
		for _, id := range slices.Sorted(slices.Values(s.Brands)) {
			if err := copyPublished(filepath.Join(dir, id), filepath.Join(*from, id)); err != nil {
				return err
			}
		}
		fmt.Fprintf(stdout, "site %s: %s/ to publish at %s (%s)\n", s.Name, dir, s.URL, strings.Join(s.Brands, ", "))
	}
	var brands []*content.Brand
	for _, s := range pl.Sites {
		for _, id := range s.Brands {
			brands = append(brands, p.Catalog.Brand(id))
		}
	}
	return writeRedirects(*out, *from, brands, stdout)
}

// copyPublished copies the folder from to dst, less names starting with a
// dot (the build's own .cache and .handouts.lock).
func copyPublished(dst, from string) error {
	if st, err := os.Stat(from); err != nil || !st.IsDir() {
		return fmt.Errorf("%s: no such folder; build (or assemble) every clinic first", from)
	}
	return filepath.WalkDir(from, func(p string, d iofs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if rel != "." && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return fmt.Errorf("%s: not a file; the output folder holds only files and folders", p)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
}
