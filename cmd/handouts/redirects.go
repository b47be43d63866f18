package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"handouts/internal/content"
	"handouts/internal/output"
)

// redirectsName is the file a static host (Netlify, Cloudflare Pages and
// others) reads its redirects from: one "/from https://to 301" a line.
const redirectsName = "_redirects"

// writeRedirects makes, for each clinic of brands with a short_url, the
// folder out/<short domain>/ with a _redirects file that sends each
// printed sheet's short address to its page under base_url, from the
// manifest of the built (or assembled) folder from: every published sheet,
// and nothing else (a patient's copy is never published, so never listed).
func writeRedirects(out, from string, brands []*content.Brand, stdout io.Writer) error {
	data, err := os.ReadFile(filepath.Join(from, output.ManifestName))
	if err != nil {
		return fmt.Errorf("%s: no %s; build (or assemble) every clinic first", from, output.ManifestName)
	}
	var m output.Manifest
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%s: %v", filepath.Join(from, output.ManifestName), err)
	}
	for _, b := range brands {
		if b.ShortURL == "" {
			continue
		}
		list, err := redirects(b, m.Files)
		if err != nil {
			return err
		}
		host := strings.TrimPrefix(b.ShortURL, "https://")
		dir := filepath.Join(out, strings.SplitN(host, "/", 2)[0])
		if _, err := os.Stat(dir); err == nil {
			return fmt.Errorf("%s: already there (a site of the same name?); the short domain %s needs the folder for its redirects", dir, host)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dir, redirectsName), list, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "short domain %s: %s/%s to serve at %s (%d sheets of %s)\n", host, dir, redirectsName, b.ShortURL, strings.Count(string(list), " 301\n"), b.ID)
	}
	return nil
}

// redirects is brand b's _redirects file: a line for each sheet of files
// with a short address, from the address's path to the sheet's page,
// sorted by path.
func redirects(b *content.Brand, files []output.Entry) ([]byte, error) {
	to := map[string]string{}
	for _, e := range files {
		if e.Brand != b.ID || e.Short == "" || e.Format != "html" {
			continue
		}
		u, err := url.Parse(e.Short)
		if err != nil || !strings.HasPrefix(e.Short, b.ShortURL+"/") {
			return nil, fmt.Errorf("%s: short address %q is not under %s's short_url %s; build again", e.Path, e.Short, b.ID, b.ShortURL)
		}
		page := strings.TrimSuffix(b.BaseURL, "/") + "/" + e.Path
		if prev, ok := to[u.Path]; ok && prev != page {
			return nil, fmt.Errorf("%s and %s share the short address %s; build again", prev, page, e.Short)
		}
		to[u.Path] = page
	}
	if len(to) == 0 {
		return nil, fmt.Errorf("no sheets of %s with a short address in the manifest; build (or assemble) every clinic first", b.ID)
	}
	var out strings.Builder
	fmt.Fprintf(&out, "# %s: each printed sheet's short address to its page (handouts sites)\n", b.ShortURL)
	for _, p := range slices.Sorted(maps.Keys(to)) {
		fmt.Fprintf(&out, "%s %s 301\n", p, to[p])
	}
	return []byte(out.String()), nil
}
