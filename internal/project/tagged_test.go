package project

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"

	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/internal/markdown"
	"handouts/internal/pdfua"
)

// pdfjsVersion is the pdfjs-dist release .ci/pdfjs installs: the last of
// the 4.x line, which runs on Debian's Node 20 without a canvas package.
const pdfjsVersion = "4.10.38"

// requirePDFJS returns node and the pdfjs-dist folder .ci/pdfjs installs
// (under the user's cache folder, or $HANDOUTS_PDFJS), skipping loudly, or
// failing in CI, when either is missing.
func requirePDFJS(t *testing.T) (string, string) {
	t.Helper()
	node := golden.RequireTool(t, "node", "nodejs")
	dir := os.Getenv("HANDOUTS_PDFJS")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			t.Fatal(err)
		}
		dir = filepath.Join(cache, "handouts", "pdfjs-dist@"+pdfjsVersion, "node_modules", "pdfjs-dist")
	}
	if _, err := os.Stat(filepath.Join(dir, "legacy", "build", "pdf.mjs")); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("pdf.js is required in CI: bash .ci/pdfjs installs pdfjs-dist@%s into %s", pdfjsVersion, dir)
		}
		t.Logf("SKIP: pdf.js not installed (bash .ci/pdfjs installs pdfjs-dist@%s); this test did not run", pdfjsVersion)
		t.SkipNow()
	}
	return node, dir
}

// taggedFile is one PDF under test, with what its pages should say.
type taggedFile struct {
	name   string // for messages
	path   string
	env    content.Env
	kind   string
	res    *content.Resolved
	pages  int
	deep   bool // read also with pdf.js and poppler's structure tree
	matrix bool // a file of builtMatrix's folder
}

// TestTaggedPDFs reads every PDF the build makes, and one-off dated copies
// with a patient's name, as a screen reader's software would, with
// readers that know nothing of ours. Every file: poppler's pdfinfo says
// "Tagged: yes", qpdf --check finds no error, and our own reader
// (pdfua.Check) finds all drawing inside marked content tied to the tree.
// For each kind of handout of both clinics and the one-off copies, also:
// pdfinfo -struct-text and pdf.js's getStructTree give the same elements
// with the same text in the same order; the text poppler extracts
// (pdftotext) is all under structure elements or artifacts, with none
// left over, and the artifacts are exactly the running header and the
// footer; each heading, paragraph, list item and table cell of the
// Markdown is under the right element, in reading order; qpdf shows the
// catalog's and pages' entries PDF/UA asks for, and the XMP metadata
// names PDF/UA-1.
func TestTaggedPDFs(t *testing.T) {
	t.Parallel()
	pdfinfo := golden.RequireTool(t, "pdfinfo", "poppler-utils")
	pdftotext := golden.RequireTool(t, "pdftotext", "poppler-utils")
	qpdf := golden.RequireTool(t, "qpdf", "qpdf")
	node, pdfjs := requirePDFJS(t)
	dir, m := builtMatrix(t)
	p := loadCatalog(t)
	var files []*taggedFile
	deep := map[string]bool{"harbor/dry-face": true, "thistle/oily-chest-back": true}
	for _, e := range m.Files {
		if e.Format != "pdf" {
			continue
		}
		env, err := p.Catalog.EnvIn(e.Brand, e.Lang, e.Treatment, e.Skin, e.Area)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, &taggedFile{name: e.Path, path: filepath.Join(dir, e.Path), env: env, kind: string(e.Kind), pages: e.Pages,
			deep: deep[e.Brand+"/"+e.Skin+"-"+e.Area], matrix: true})
	}
	tmp := t.TempDir()
	for _, o := range []struct{ brand, skin, area, kind, clock string }{
		{"harbor", "sensitive", "neck-decollete", "sheet", "10:30"},
		{"harbor", "sensitive", "neck-decollete", "calendar", "10:30"},
		{"thistle", "normal", "face", "guide", "00:00"},
	} {
		env := datedEnv(t, p, o.brand, o.skin, o.area, "2026-03-13", o.clock, nil)
		r, err := p.Render(Request{Env: env, Kind: content.Kind(o.kind), Format: "pdf", Patient: "Ana"})
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("one-off %s %s", o.brand, o.kind)
		path := filepath.Join(tmp, o.brand+"-"+o.kind+".pdf")
		if err := os.WriteFile(path, r.Data, 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, &taggedFile{name: name, path: path, env: env, kind: o.kind, pages: r.Pages, deep: true})
	}
	var deepPaths []string
	for _, f := range files {
		h := f.env.Treatment.Handout(content.Kind(f.kind))
		res, err := h.Resolve(f.env, false)
		if err != nil {
			t.Fatal(err)
		}
		f.res = res
		if f.deep {
			deepPaths = append(deepPaths, f.path)
		}
	}
	// pdf.js reads the deep set in one process while the other readers run.
	var js map[string]jsFile
	var jsErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		js, jsErr = runPDFJS(node, pdfjs, deepPaths)
	}()
	work := make(chan *taggedFile)
	var mu sync.Mutex
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range work {
				errs := checkTagged(f, pdfinfo, qpdf)
				mu.Lock()
				for _, e := range errs {
					t.Errorf("%s: %s", f.name, e)
				}
				mu.Unlock()
			}
		}()
	}
	for _, f := range files {
		work <- f
	}
	close(work)
	wg.Wait()
	if jsErr != nil {
		t.Fatalf("pdf.js: %v", jsErr)
	}
	for _, f := range files {
		if !f.deep {
			continue
		}
		t.Run(strings.ReplaceAll(f.name, "/", "_"), func(t *testing.T) {
			t.Parallel() // each runs poppler, qpdf and reads their output on its own
			checkDeep(t, f, p, js[f.path], pdfinfo, pdftotext, qpdf)
		})
	}
}

// checkTagged runs the checks made on every file.
func checkTagged(f *taggedFile, pdfinfo, qpdf string) []string {
	var errs []string
	data, err := os.ReadFile(f.path)
	if err != nil {
		return []string{err.Error()}
	}
	if err := pdfua.Check(data); err != nil {
		errs = append(errs, "pdfua.Check: "+err.Error())
	}
	var out []byte
	if f.matrix {
		out, err = matrixRead(pdfinfo, f.path) // TestPDFReadback reads it too
	} else {
		out, err = exec.Command(pdfinfo, f.path).CombinedOutput()
	}
	if err != nil || !strings.Contains(string(out), "\nTagged:          yes\n") {
		errs = append(errs, fmt.Sprintf("pdfinfo does not say Tagged: yes (%v):\n%s", err, out))
	}
	out, err = exec.Command(qpdf, "--check", f.path).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "No syntax or stream encoding errors found") {
		errs = append(errs, fmt.Sprintf("qpdf --check (%v):\n%s", err, out))
	}
	return errs
}

// jsFile is what structure.mjs prints for one file.
type jsFile struct {
	File  string   `json:"file"`
	Error string   `json:"error"`
	Pages []jsPage `json:"pages"`
}

type jsPage struct {
	Tree   *jsNode `json:"tree"`
	Runs   []jsRun `json:"runs"`
	Annots []struct {
		ID, URL, Contents string
	} `json:"annots"`
}

type jsNode struct {
	Role     string    `json:"role"`
	Type     string    `json:"type"` // "content", "object" (an OBJR) for leaves
	ID       string    `json:"id"`
	Alt      string    `json:"alt"`
	Children []*jsNode `json:"children"`
}

type jsRun struct {
	Owner string `json:"owner"`
	Text  string `json:"text"`
}

func runPDFJS(node, dir string, files []string) (map[string]jsFile, error) {
	cmd := exec.Command(node, append([]string{"testdata/pdfjs/structure.mjs", dir}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%v\n%s", err, stderr.String())
	}
	res := map[string]jsFile{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		// pdf.js warns on standard output that it cannot draw (no canvas
		// package); only the lines structure.mjs writes are read.
		if !bytes.HasPrefix(sc.Bytes(), []byte(`{"file":`)) {
			continue
		}
		var f jsFile
		if err := json.Unmarshal(sc.Bytes(), &f); err != nil {
			return nil, err
		}
		res[f.File] = f
	}
	return res, sc.Err()
}

// squeeze drops white space: poppler and pdf.js space words and lines
// differently, the characters are what must agree.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// textAt is a piece of text and the roles of the elements it is under.
type textAt struct {
	path, text string
}

// merged joins neighbours under the same path and drops empty texts.
func merged(in []textAt) []textAt {
	var out []textAt
	for _, x := range in {
		if x.text = squeeze(x.text); x.text == "" {
			continue
		}
		if n := len(out); n > 0 && out[n-1].path == x.path {
			out[n-1].text += x.text
			continue
		}
		out = append(out, x)
	}
	return out
}

func checkDeep(t *testing.T, f *taggedFile, p *Project, js jsFile, pdfinfo, pdftotext, qpdf string) {
	if js.Error != "" {
		t.Fatalf("pdf.js: %s", js.Error)
	}
	if len(js.Pages) != f.pages {
		t.Fatalf("pdf.js read %d pages, want %d", len(js.Pages), f.pages)
	}
	st, err := exec.Command(pdfinfo, "-struct-text", f.path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v", err)
	}
	tree := parseStructText(string(st))
	if tree == nil || len(tree.kids) != 1 || tree.kids[0].role != "Document" {
		t.Fatalf("pdfinfo -struct-text: no Document at the root:\n%s", st)
	}
	raw, err := exec.Command(pdftotext, "-raw", f.path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	rawPages := strings.Split(string(raw), "\f")

	// 1. pdf.js: per page, all text is under an element or an artifact;
	// the artifacts are the running header and footer, nothing else;
	// pdftotext finds exactly the same characters in the same order.
	b := f.env.Brand
	var fromJS []textAt
	for i, pg := range js.Pages {
		text := map[string]string{}
		var artifacts, all strings.Builder
		for _, r := range pg.Runs {
			all.WriteString(r.Text)
			switch {
			case r.Owner == "":
				if strings.TrimSpace(r.Text) != "" {
					t.Errorf("page %d: text outside marked content: %q", i+1, r.Text)
				}
			case r.Owner == "tag:Artifact":
				artifacts.WriteString(r.Text)
			case strings.HasPrefix(r.Owner, "tag:"):
				t.Errorf("page %d: text in %s marked content without an MCID: %q", i+1, r.Owner, r.Text)
			default:
				text[r.Owner] += r.Text
			}
		}
		// The footer: the disclaimer, then the clinic's phone with the
		// review line beside it, or the review line above both; on the
		// calendar, the review line and disclaimer alone.
		review, disclaimer := f.env.ReviewLine(f.res.Handout), f.env.Disclaimer()
		num := fmt.Sprintf(f.env.Lang.Page, i+1, f.pages)
		var head string
		if i > 0 {
			head = b.Name + " \u00b7 " + b.TreatmentName(f.env.Treatment) + " \u00b7 " + f.env.Skin.Label + " \u00b7 " + f.env.Area.Label
		}
		want := head + disclaimer + b.Name + " \u00b7 " + b.Contact.Phone + " \u00b7 " + review + num
		other := head + review + disclaimer + b.Name + " \u00b7 " + b.Contact.Phone + num
		calendar := head + review + " \u00b7 " + disclaimer + num // in the clinic's place (its masthead and box name it)
		if got := squeeze(artifacts.String()); got != squeeze(want) && got != squeeze(other) && (f.kind != "calendar" || got != squeeze(calendar)) {
			t.Errorf("page %d: artifacts say %q, want only the running header and footer %q", i+1, artifacts.String(), want)
		}
		if i < len(rawPages) && squeeze(rawPages[i]) != squeeze(all.String()) {
			t.Errorf("page %d: pdftotext -raw and the tagged and artifact text differ:\npdftotext: %s\ntagged:    %s", i+1, squeeze(rawPages[i]), squeeze(all.String()))
		}
		if pg.Tree == nil {
			t.Fatalf("page %d: pdf.js finds no structure tree", i+1)
		}
		annots := map[string]bool{}
		for _, a := range pg.Annots {
			annots[a.ID] = true
			if a.Contents == "" {
				t.Errorf("page %d: link to %s has no /Contents", i+1, a.URL)
			}
		}
		seen := map[string]bool{}
		var walk func(n *jsNode, path string)
		walk = func(n *jsNode, path string) {
			switch n.Type {
			case "content":
				seen[n.ID] = true
				fromJS = append(fromJS, textAt{path, text[n.ID]})
				return
			case "annotation", "object": // an OBJR: pdf.js 4 says "object"
				if !strings.HasSuffix(path, "/Link") {
					t.Errorf("page %d: annotation %s is under %s, not a Link element", i+1, n.ID, path)
				}
				if !annots[n.ID] {
					t.Errorf("page %d: %s holds annotation %s, which is not a link on the page", i+1, path, n.ID)
				}
				delete(annots, n.ID)
				return
			}
			if n.Role == "Figure" && n.Alt == "" {
				t.Errorf("page %d: %s/Figure has no alternative text", i+1, path)
			}
			if n.Role != "Root" {
				path += "/" + n.Role
			}
			for _, k := range n.Children {
				walk(k, path)
			}
		}
		walk(pg.Tree, "")
		for id, s := range text {
			if !seen[id] && squeeze(s) != "" {
				t.Errorf("page %d: marked content %s (%q) is in no element of the page's structure tree", i+1, id, s)
			}
		}
		for id := range annots {
			t.Errorf("page %d: link annotation %s is in no Link element", i+1, id)
		}
	}

	// 2. poppler and pdf.js agree: the same text under the same elements,
	// in the same order.
	var fromPoppler []textAt
	tree.kids[0].texts("", &fromPoppler)
	a, c := merged(fromPoppler), merged(fromJS)
	if fmt.Sprint(a) != fmt.Sprint(c) {
		for i := 0; i < max(len(a), len(c)); i++ {
			var x, y textAt
			if i < len(a) {
				x = a[i]
			}
			if i < len(c) {
				y = c[i]
			}
			if x != y {
				t.Errorf("poppler and pdf.js differ at %d:\npoppler: %s %q\npdf.js:  %s %q", i, x.path, x.text, y.path, y.text)
				break
			}
		}
	}

	// 3. The Markdown's blocks, in reading order, each under its element.
	var got []textAt
	tree.kids[0].blocks("", &got)
	want := expectedBlocks(t, f, p)
	i := 0
	for _, w := range want {
		for i < len(got) && !(strings.HasSuffix(got[i].path, w.path) && got[i].text == w.text) {
			i++
		}
		if i == len(got) {
			t.Errorf("pdfinfo -struct-text has no %s %q after the blocks before it; the tree:\n%s", w.path, w.text, st)
			break
		}
		i++
	}

	// Tables are regular: every row spans as many columns as the first,
	// and header cells have a scope.
	var tables func(n *stNode)
	tables = func(n *stNode) {
		if n.role == "Table" {
			width := -1
			var rows func(m *stNode)
			rows = func(m *stNode) {
				if m.role != "TR" {
					for _, k := range m.kids {
						rows(k)
					}
					return
				}
				w := 0
				for _, c := range m.kids {
					span := 1
					for _, a := range c.attrs {
						fmt.Sscanf(a, "/ColSpan %d", &span)
					}
					w += span
					if c.role == "TH" && !slices.ContainsFunc(c.attrs, func(a string) bool { return strings.HasPrefix(a, "/Scope /") }) {
						t.Errorf("a table header cell has no /Scope: %v", c.attrs)
					}
				}
				if width < 0 {
					width = w
				} else if w != width {
					t.Errorf("a table row spans %d columns, the first row %d", w, width)
				}
			}
			rows(n)
			return
		}
		for _, k := range n.kids {
			tables(k)
		}
	}
	tables(tree)

	// Headings never skip a level (H1, then H2, then H3).
	level := 0
	for _, g := range got {
		role := g.path[strings.LastIndex(g.path, "/")+1:]
		if len(role) == 2 && role[0] == 'H' && role[1] >= '1' && role[1] <= '6' {
			n := int(role[1] - '0')
			if n > level+1 {
				t.Errorf("heading %q is H%d after H%d: a level is skipped", g.text, n, level)
			}
			level = n
		}
	}

	// 4. The document's entries, as qpdf reads them.
	checkEntries(t, f, qpdf)
	meta, err := exec.Command(pdfinfo, "-meta", f.path).Output()
	if err != nil {
		t.Fatalf("pdfinfo -meta: %v", err)
	}
	for _, want := range []string{"<pdfuaid:part>1</pdfuaid:part>", ">" + strings.ReplaceAll(f.res.Title, "&", "&amp;") + "</rdf:li></rdf:Alt></dc:title>"} {
		if !strings.Contains(string(meta), want) {
			t.Errorf("XMP metadata lacks %s:\n%s", want, meta)
		}
	}
}

// stNode is an element of pdfinfo -struct-text's tree.
type stNode struct {
	role  string
	attrs []string
	items []any // string (text) or *stNode, in order
	kids  []*stNode
}

// parseStructText reads the indented tree pdfinfo -struct-text prints.
func parseStructText(s string) *stNode {
	root := &stNode{}
	stack := []*stNode{root}
	depths := []int{-1}
	lines := strings.Split(s, "\n")
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		body := strings.TrimLeft(l, " ")
		if body == "" {
			continue
		}
		depth := (len(l) - len(body)) / 2
		// A line belongs to the element above it that is less indented.
		for len(depths) > 1 && depths[len(depths)-1] >= depth {
			stack, depths = stack[:len(stack)-1], depths[:len(depths)-1]
		}
		if strings.HasPrefix(body, `"`) {
			text := body
			for !(len(text) >= 2 && strings.HasSuffix(text, `"`)) && i+1 < len(lines) {
				i++
				text += "\n" + lines[i]
			}
			cur := stack[len(stack)-1]
			cur.items = append(cur.items, strings.TrimSuffix(strings.TrimPrefix(text, `"`), `"`))
			continue
		}
		if strings.HasPrefix(body, "/") {
			cur := stack[len(stack)-1]
			cur.attrs = append(cur.attrs, body)
			continue
		}
		if strings.HasPrefix(body, "Object ") {
			continue
		}
		n := &stNode{role: strings.TrimSuffix(strings.Fields(body)[0], ":")}
		parent := stack[len(stack)-1]
		parent.kids = append(parent.kids, n)
		parent.items = append(parent.items, n)
		stack, depths = append(stack, n), append(depths, depth)
	}
	return root
}

// texts lists n's text pieces in order with the roles they are under.
func (n *stNode) texts(path string, out *[]textAt) {
	path += "/" + n.role
	for _, it := range n.items {
		switch it := it.(type) {
		case string:
			*out = append(*out, textAt{path, it})
		case *stNode:
			it.texts(path, out)
		}
	}
}

// inline roles sit inside a block's text.
var inlineRoles = map[string]bool{"Link": true, "Span": true}

// blocks lists each element with text of its own (its text and that of
// inline elements inside it), squeezed, in order.
func (n *stNode) blocks(path string, out *[]textAt) {
	path += "/" + n.role
	var own strings.Builder
	var inner func(m *stNode)
	inner = func(m *stNode) {
		for _, it := range m.items {
			switch it := it.(type) {
			case string:
				own.WriteString(it)
			case *stNode:
				if inlineRoles[it.role] {
					inner(it)
				}
			}
		}
	}
	inner(n)
	if s := squeeze(own.String()); s != "" {
		*out = append(*out, textAt{path, s})
	}
	for _, k := range n.kids {
		if !inlineRoles[k.role] {
			k.blocks(path, out)
		}
	}
}

// expectedBlocks lists the blocks a handout's sources say the PDF holds,
// in reading order, each as the end of its path of roles: the title
// (H1), then for sheets and guides the summary box's heading and points
// and the Markdown body's headings, paragraphs, list items (a tight
// list's text is the item's LBody, a loose list's paragraphs are Ps in
// it) and table cells; for calendars the intro, the grid's rule names
// (row headers) and the footer box.
func expectedBlocks(t *testing.T, f *taggedFile, p *Project) []textAt {
	res := f.res
	l := f.env.Lang
	out := []textAt{{"/Document/H1", squeeze(res.Title)}}
	md := p.md
	if f.kind == "calendar" {
		if intro := squeeze(markdown.PlainText(md, res.Source)); intro != "" {
			out = append(out, textAt{"/Document/P", intro})
		}
		out = append(out, textAt{"/TBody/TR/TH", squeeze(l.CalDo)})
		out = append(out, textAt{"/Document/Sect/P", squeeze(markdown.PlainText(md, []byte(res.Footer)))})
		return out
	}
	if len(res.Summary) > 0 {
		out = append(out, textAt{"/Document/Sect/H2", squeeze(l.SummaryTitle)})
		for _, s := range res.Summary {
			out = append(out, textAt{"/Document/Sect/L/LI/LBody", squeeze(markdown.PlainText(md, []byte(s)))})
		}
	}
	src := res.Source
	doc := markdown.Parse(md, src)
	var walk func(n ast.Node, in string)
	walk = func(n ast.Node, in string) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *ast.Heading:
				out = append(out, textAt{fmt.Sprintf("/H%d", c.Level), inlineText(c, src)})
			case *ast.Paragraph:
				if s := inlineText(c, src); s != "" {
					out = append(out, textAt{in + "/P", s})
				}
			case *ast.TextBlock:
				out = append(out, textAt{in, inlineText(c, src)})
				walk(c, in)
			case *ast.List:
				walk(c, "/L")
			case *ast.ListItem:
				walk(c, "/LI/LBody")
			case *ast.Blockquote:
				walk(c, "/BlockQuote")
			case *east.TableCell:
				role := "/TD"
				if _, head := c.Parent().(*east.TableHeader); head {
					role = "/TH"
				}
				if s := inlineText(c, src); s != "" {
					out = append(out, textAt{role, s})
				}
			default:
				if c.Kind() == markdown.KindWarning {
					walk(c, "/Sect")
				} else {
					walk(c, in)
				}
			}
		}
	}
	walk(doc, "")
	return out
}

// inlineText is the squeezed text of a block's inline content, as the
// page prints it.
func inlineText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text, *ast.String:
			b.WriteString(markdown.TextValue(c, src))
		case *ast.AutoLink:
			b.Write(c.Label(src))
		case *ast.Image:
			return ast.WalkSkipChildren, nil
		}
		if c != n && c.Type() == ast.TypeBlock {
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return squeeze(b.String())
}

// checkEntries reads the catalog, the pages and the link annotations with
// qpdf's JSON and checks the entries PDF/UA-1 asks for.
func checkEntries(t *testing.T, f *taggedFile, qpdf string) {
	out, err := exec.Command(qpdf, "--json=2", "--json-key=qpdf", f.path).Output()
	if err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	var doc struct {
		QPDF []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal(out, &doc); err != nil || len(doc.QPDF) < 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var objs map[string]struct {
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal(doc.QPDF[1], &objs); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	obj := func(ref any) map[string]any {
		s, _ := ref.(string)
		return objs["obj:"+s].Value
	}
	cat := obj(objs["trailer"].Value["/Root"])
	if cat == nil {
		t.Fatal("qpdf finds no catalog")
	}
	if mi, _ := cat["/MarkInfo"].(map[string]any); mi["/Marked"] != true {
		t.Errorf("catalog /MarkInfo = %v, want <</Marked true>>", cat["/MarkInfo"])
	}
	if vp, _ := cat["/ViewerPreferences"].(map[string]any); vp["/DisplayDocTitle"] != true {
		t.Errorf("catalog /ViewerPreferences = %v, want /DisplayDocTitle true", cat["/ViewerPreferences"])
	}
	if cat["/Lang"] != "u:"+f.env.Lang.Tag {
		t.Errorf("catalog /Lang = %v, want %s", cat["/Lang"], f.env.Lang.Tag)
	}
	str := obj(cat["/StructTreeRoot"])
	if str == nil || str["/ParentTree"] == nil {
		t.Errorf("catalog /StructTreeRoot = %v, want a structure tree root with a parent tree", cat["/StructTreeRoot"])
	}
	pages := obj(cat["/Pages"])
	kids, _ := pages["/Kids"].([]any)
	if len(kids) != f.pages {
		t.Fatalf("qpdf finds %d pages, want %d", len(kids), f.pages)
	}
	for i, k := range kids {
		pg := obj(k)
		if _, ok := pg["/StructParents"].(float64); !ok || pg["/Tabs"] != "/S" {
			t.Errorf("page %d: /StructParents %v, /Tabs %v; want a number and /S", i+1, pg["/StructParents"], pg["/Tabs"])
		}
		annots, _ := pg["/Annots"].([]any)
		for _, a := range annots {
			an := obj(a)
			if _, ok := an["/StructParent"].(float64); !ok || an["/Contents"] == nil {
				t.Errorf("page %d: link annotation %v lacks /StructParent or /Contents", i+1, a)
			}
		}
	}
}
