package serve

import (
	"bytes"
	"errors"
	"handouts/layouts"
	"html/template"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"handouts/internal/output"
)

// maxPage is the largest HTML page read into memory to add the preview
// bar; the build's pages are far smaller.
const maxPage = 64 << 20

// errNotServed is any path the server will not serve.
var errNotServed = errors.New("not found")

// handleFile serves a file of the output folder (see openServed) and adds
// the reload script to HTML pages.
func (s *Server) handleFile(w http.ResponseWriter, r *http.Request) {
	rel := strings.TrimPrefix(r.URL.Path, "/")
	if rel == "" {
		rel = output.IndexName
	}
	s.mu.Lock()
	buildErr := s.err
	s.mu.Unlock()
	if rel == output.IndexName && buildErr != nil {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		errorPage().Execute(w, buildErr.Error())
		return
	}
	f, info, err := openServed(s.cfg.Out, rel)
	if err != nil {
		if !errors.Is(err, errNotServed) && serverProblem(err) {
			s.problems.Printf("serving /%s: %v", rel, err)
			w.Header().Set("Retry-After", "1")
			http.Error(w, "the server is short of resources; try again in a moment", http.StatusServiceUnavailable)
			return
		}
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	w.Header().Set("Cache-Control", "no-store")
	if !strings.HasSuffix(rel, ".html") {
		http.ServeContent(w, r, rel, info.ModTime(), f)
		return
	}
	data, err := io.ReadAll(io.LimitReader(f, maxPage))
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	data = inject(data, rel == output.IndexName)
	http.ServeContent(w, r, rel, info.ModTime(), bytes.NewReader(data))
}

// openServed opens rel, a slash-separated path from a URL, inside the
// folder out. It is the one rule for what the server serves: a clean path
// with no part starting with a dot, resolved through an os.Root (nothing
// outside out can be reached), with no symbolic link in any of its parts
// (each part is Lstat-ed through the root), naming a regular file. The
// file is opened without blocking (a named pipe swapped in after the
// checks cannot hold the request) and checked again once open. Paths it
// refuses give an error wrapping errNotServed.
func openServed(out, rel string) (*os.File, fs.FileInfo, error) {
	if !fs.ValidPath(rel) || path.Clean(rel) != rel || rel == "." {
		return nil, nil, errNotServed
	}
	parts := strings.Split(rel, "/")
	for _, p := range parts {
		if strings.HasPrefix(p, ".") {
			return nil, nil, errNotServed
		}
	}
	root, err := os.OpenRoot(out)
	if err != nil {
		return nil, nil, notServed(err)
	}
	defer root.Close()
	for i := range parts {
		info, err := root.Lstat(filepath.Join(parts[:i+1]...))
		if err != nil {
			return nil, nil, notServed(err)
		}
		last := i == len(parts)-1
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			return nil, nil, errNotServed
		case !last && !info.IsDir(), last && !info.Mode().IsRegular():
			return nil, nil, errNotServed
		}
	}
	f, err := root.OpenFile(filepath.FromSlash(rel), os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, nil, notServed(err)
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, notServed(err)
	}
	return f, info, nil
}

// notServed keeps a server problem (such as too many open files) as it
// is, for the log, and turns anything else into errNotServed.
func notServed(err error) error {
	if err != nil && serverProblem(err) {
		return err
	}
	return errNotServed
}

// inject adds the preview bar and the reload script to a served page; the
// files on disk stay as they are.
func inject(page []byte, index bool) []byte {
	bar := `<style>#handouts-preview a{display:inline-flex;align-items:center;min-height:44px;padding:0 .25rem}#handouts-preview a:focus-visible{outline:3px solid #1a56a6;outline-offset:2px}</style>` +
		`<div id="handouts-preview" style="position:sticky;bottom:0;background:#fff;border-top:2px solid #1a56a6;padding:.4rem .8rem;font:16px sans-serif">Preview server · <a href="/">Index</a>`
	if index {
		bar += ` · <a href="/make">Make handouts for a patient: a packet, sheet or calendar to download, print or email</a>`
	}
	bar += `</div>`
	script := `<script>(function(){var v=null;setInterval(function(){fetch('/_version',{cache:'no-store'}).then(function(r){return r.json()}).then(function(j){if(v!==null&&j.version!==v){location.reload()}v=j.version}).catch(function(){})},1000)})();</script>`
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return page
	}
	out := make([]byte, 0, len(page)+len(bar)+len(script))
	out = append(out, page[:i]...)
	out = append(out, bar...)
	out = append(out, script...)
	return append(out, page[i:]...)
}

var errorPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("error.tmpl").ParseFS(layouts.FS, "html/error.tmpl"))
})
