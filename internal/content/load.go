package content

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"go.yaml.in/yaml/v3"

	"handouts/internal/lang"
)

// MaxFileSize is the largest content file read. Handouts are a few pages;
// a larger file is a mistake (a pasted image, a wrong file), refused before
// it is read into memory.
const MaxFileSize = 1 << 20

var (
	reID    = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	reColor = regexp.MustCompile(`^#[0-9A-Fa-f]{6}$`)
	reDate  = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// Load reads and checks the content folder fsys; root names it in messages
// (usually "content"). Every problem found is returned as an ErrorList.
func Load(fsys fs.FS, root string) (*Catalog, error) {
	return LoadWith(fsys, root, Options{})
}

// Options change what LoadWith checks.
type Options struct {
	// Only, when set, limits the check of the handouts' text as each
	// variant shows it (resolved, with its sections) to the variants it
	// accepts: a one-off copy checks its own variant, not the whole
	// library. Every file is still read and its own shape checked.
	Only func(Env) bool
	// Part, when set, limits the files read to the part of the library
	// one copy needs (part.go); Only should then accept its variants.
	Part *Part
	// Langs are the languages a build can write (the layouts folder's,
	// lang.Load); the built-in ones when nil.
	Langs *lang.Registry
}

// LoadWith is Load with options.
func LoadWith(fsys fs.FS, root string, o Options) (*Catalog, error) {
	if o.Langs == nil {
		o.Langs = lang.Default()
	}
	l := &loader{c: &Catalog{Root: root, FS: fsys, Langs: o.Langs}, only: o.Only}
	if o.Part != nil {
		l.part = l.planPart(o.Part)
		l.c.part = l.part
	}
	// The tree and the variants stop the load when they have problems;
	// every later stage runs on what loaded cleanly (quarantine.go).
	for _, stage := range []func(){
		l.checkNoOutputs,
		l.checkPortable,
		func() { l.loadVariants("skin", &l.c.Skins); l.loadVariants("area", &l.c.Areas) },
	} {
		stage()
		if err := l.e.err(); err != nil {
			return nil, err
		}
	}
	for _, stage := range []struct {
		run        func()
		quarantine func(map[*Error]bool) // drops what the stage found broken, if set
	}{
		{l.loadTreatments, l.quarantineLoaded},
		{l.loadBrands, l.quarantineLoaded},
		{l.loadSpelling, nil},
		{l.checkTranslations, nil},
		{l.makeViews, l.setAsideUnsound},
		// The limits first: they refuse a pathological handout (10,000
		// nested lists) before anything parses it whole.
		{l.checkLimits, l.quarantineHandouts},
		{l.checkPlaceholderPlaces, l.quarantineHandouts},
		{l.checkHandouts, nil},
		{l.checkVisits, nil},
	} {
		before := l.stageMark()
		stage.run()
		if stage.quarantine != nil {
			stage.quarantine(before)
		}
	}
	if err := l.e.err(); err != nil {
		return nil, err
	}
	l.checkKinds()
	l.checkNames()
	l.checkUnoffered()
	l.w.list.Sort()
	l.c.warnings = l.w.list.Dedup()
	return l.c, nil
}

type loader struct {
	c    *Catalog
	only func(Env) bool // Options.Only
	part *partPlan      // Options.Part, resolved; nil: the whole library
	e    errs
	w    errs              // warnings
	md   goldmark.Markdown // made when first needed, for the Markdown limits
	// failedDirs are the folders readDir could not list (an error
	// already says why): "no ... found" is not said of them as well.
	failedDirs map[string]bool
	// dropped are the treatments quarantined for their problems: what
	// names them or their rules is not reported as unknown.
	dropped map[string]bool
	// unsound are the handouts that loaded with a problem: kept while
	// the translations are checked, then set aside.
	unsound map[string]bool
}

func (l *loader) name(p string) string { return path.Join(l.c.Root, p) }

// readDir lists dir, refusing links (they could point out of the tree),
// named pipes, devices and sockets, even those it would not read.
func (l *loader) readDir(dir string) []fs.DirEntry {
	ents, err := fs.ReadDir(l.c.FS, dir)
	if err != nil {
		if l.failedDirs == nil {
			l.failedDirs = map[string]bool{}
		}
		l.failedDirs[dir] = true
	}
	var pe *fs.PathError
	if errors.Is(err, ErrNotRegular) && errors.As(err, &pe) {
		l.e.addf(l.name(pe.Path), 0, "%w", pe.Err)
		return nil
	}
	if err != nil {
		l.e.addf(l.name(dir), 0, "cannot read folder: %w; create it or check the content path", unwrapPath(err))
		return nil
	}
	var out []fs.DirEntry
	for _, e := range ents {
		if m := e.Type(); !m.IsRegular() && !m.IsDir() {
			l.e.addf(l.name(path.Join(dir, e.Name())), 0, "%w", refusal(m, "content", l.c.Root))
			continue
		}
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		out = append(out, e)
	}
	return out
}

// readFile reads a content file, refusing links, folders and large files.
func (l *loader) readFile(p string) ([]byte, bool) {
	data, err := ReadFile(l.c.FS, p)
	if err != nil {
		l.e.addf(l.name(p), 0, "%w", err)
		return nil, false
	}
	return data, true
}

// ReadFile reads file p of fsys if it is a regular file of at most
// MaxFileSize bytes. It never reads more than that into memory. With a
// Root, a link, pipe, device or socket anywhere in p is refused unopened.
func ReadFile(fsys fs.FS, p string) ([]byte, error) {
	if !fs.ValidPath(p) {
		return nil, fmt.Errorf("path %q leaves the content folder; name a file inside it", p)
	}
	f, err := fsys.Open(p)
	if err != nil {
		return nil, openError(fsys, p, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("is a folder, not a file")
	}
	if !st.Mode().IsRegular() {
		return nil, refusal(st.Mode(), "content", rootName(fsys))
	}
	if st.Size() > MaxFileSize {
		return nil, fmt.Errorf("is %d bytes, over the %d-byte limit for content files; is it the right file?", st.Size(), MaxFileSize)
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, fmt.Errorf("is over the %d-byte limit for content files", MaxFileSize)
	}
	return data, nil
}

// openError explains why p could not be opened. A refused folder above p
// is named in full; a refused p itself is named by the caller.
func openError(fsys fs.FS, p string, err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, ErrNotRegular) && errors.As(err, &pe):
		if pe.Path == p {
			return pe.Err
		}
		return fmt.Errorf("%s %v", path.Join(rootName(fsys), pe.Path), pe.Err)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot open: file does not exist; check that the file exists")
	}
	return fmt.Errorf("cannot open: %w; check the file's permissions", unwrapPath(err))
}

// rootName is the folder fsys reads, as the user named it, for messages.
func rootName(fsys fs.FS) string {
	if r, ok := fsys.(*Root); ok {
		return r.Name()
	}
	return "content"
}

func unwrapPath(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}

// checkText refuses text that is not UTF-8, naming the line.
func (l *loader) checkText(p string, data []byte) bool {
	if utf8.Valid(data) {
		return true
	}
	line := 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			l.e.addf(l.name(p), line, "invalid UTF-8 (byte 0x%02x); save the file as UTF-8", data[i])
			return false
		}
		if r == '\n' {
			line++
		}
		i += n
	}
	return false
}

func (l *loader) yamlFiles(dir string) []string {
	var out []string
	for _, e := range l.readDir(dir) {
		p := path.Join(dir, e.Name())
		switch {
		case e.IsDir():
			l.e.addf(l.name(p), 0, "unexpected folder; %s/ holds only .yaml files", l.name(dir))
		case strings.HasSuffix(e.Name(), ".yaml"):
			out = append(out, p)
		case strings.HasSuffix(e.Name(), ".yml"):
			l.e.addf(l.name(p), 0, "rename to .yaml; only .yaml files are read")
		}
	}
	return out
}

func (l *loader) loadVariants(axis string, dst *[]*Variant) {
	seen := map[string]string{}
	files := l.yamlFiles(axis)
	trs := map[string]map[string]*VariantText{} // by source id and suffix
	sources := 0
	present := map[string]bool{} // every source file's id, read or not
	for _, p := range files {
		stem, sfx, tr := splitLang(path.Base(p), ".yaml")
		if !tr {
			sources++
			present[stem] = true
			l.note(axis, stem)
		}
		if !l.wants(axis, stem) || tr && !l.wantsLang(sfx) {
			continue
		}
		data, ok := l.readFile(p)
		if !ok || !l.checkText(p, data) {
			continue
		}
		if tr {
			if l.checkSuffix(l.name(p), sfx) {
				if t := l.loadVariantText(p, data); t != nil {
					if trs[stem] == nil {
						trs[stem] = map[string]*VariantText{}
					}
					trs[stem][sfx] = t
				}
			}
			continue
		}
		v := &Variant{Axis: axis, File: l.name(p)}
		node, err := decodeStrict(v.File, data, v)
		if err != nil {
			l.e.add(err)
			continue
		}
		want := strings.TrimSuffix(path.Base(p), ".yaml")
		switch {
		case v.ID == "":
			l.e.addf(v.File, lineOf(node), "missing id; add `id: %s`", want)
			continue
		case v.ID != want:
			l.e.addf(v.File, lineOf(node, "id"), "id %q does not match the file name; use `id: %s` or rename the file", v.ID, want)
			continue
		case !reID.MatchString(v.ID):
			l.e.addf(v.File, lineOf(node, "id"), "id %q: use lower-case letters, digits and hyphens", v.ID)
			continue
		}
		if prev, dup := seen[v.ID]; dup {
			l.e.addf(v.File, lineOf(node, "id"), "duplicate %s id %q (also in %s); ids must be unique", axis, v.ID, prev)
			continue
		}
		seen[v.ID] = v.File
		scalarTexts(v.File, node, "", &v.texts)
		if strings.TrimSpace(v.Label) == "" {
			l.e.addf(v.File, lineOf(node, "label"), "missing label; add `label:` with the name patients read, e.g. \"Dry skin\"")
		}
		if v.Short == "" {
			v.Short = strings.ToLower(v.Label)
		}
		for k := range v.Fields {
			if !reField.MatchString(k) {
				l.e.addf(v.File, lineOf(node, "fields", k), "field name %q: use lower-case letters, digits and underscores", k)
			}
		}
		*dst = append(*dst, v)
	}
	if sources == 0 && !l.failedDirs[axis] {
		l.e.addf(l.name(axis), 0, "no %s variants found; add at least one .yaml file", axis)
	}
	for stem := range trs {
		if present[stem] && find(*dst, stem) == nil {
			delete(trs, stem) // its source has an error of its own, already reported
		}
	}
	l.attachVariantTexts(axis, *dst, trs)
	sort.SliceStable(*dst, func(i, j int) bool {
		a, b := (*dst)[i], (*dst)[j]
		if a.Order != b.Order {
			return a.Order < b.Order
		}
		return a.ID < b.ID
	})
}

var reField = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

func (l *loader) variantIDs(axis string) []string {
	vs := l.c.Skins
	if axis == "area" {
		vs = l.c.Areas
	}
	var ids []string
	for _, v := range vs {
		ids = append(ids, v.ID)
	}
	return l.c.known(axis, ids)
}

func (l *loader) loadBrands() {
	files := l.yamlFiles("brands")
	type brandText struct {
		stem, sfx string
		t         *BrandText
	}
	var trs []brandText
	sources := 0
	present := map[string]bool{} // every brand file's id, read or not
	for _, p := range files {
		stem, sfx, tr := splitLang(path.Base(p), ".yaml")
		if !tr {
			sources++
			present[stem] = true
			l.note("brands", stem)
		}
		if !l.wants("brands", stem) {
			continue // a translation is read with its brand, in every language (Env.Others)
		}
		data, ok := l.readFile(p)
		if !ok || !l.checkText(p, data) {
			continue
		}
		if tr {
			if l.checkSuffix(l.name(p), sfx) {
				if t := l.loadBrandText(p, data); t != nil {
					trs = append(trs, brandText{stem, sfx, t})
				}
			}
			continue
		}
		id := strings.TrimSuffix(path.Base(p), ".yaml")
		b := &Brand{ID: id, File: l.name(p)}
		var doc yaml.Node
		if yaml.Unmarshal(data, &doc) == nil && len(doc.Content) == 1 && l.oldLanguageKey(b.File, doc.Content[0]) {
			continue
		}
		node, err := decodeStrict(b.File, data, b)
		if err != nil {
			l.e.add(err)
			continue
		}
		if !reID.MatchString(id) {
			l.e.addf(b.File, 0, "brand id %q (the file name): use lower-case letters, digits and hyphens", id)
		}
		b.node = node
		l.checkBrand(b, node)
		scalarTexts(b.File, node, "", &b.texts)
		l.c.Brands = append(l.c.Brands, b)
	}
	if sources == 0 && !l.failedDirs["brands"] {
		l.e.addf(l.name("brands"), 0, "no brands found; add a brand file such as brands/myclinic.yaml")
	}
	for _, tr := range trs {
		b := l.c.Brand(tr.stem)
		if b == nil && present[tr.stem] {
			continue // the brand file has an error of its own, already reported
		}
		if b == nil {
			l.e.addf(tr.t.File, 0, "no brand %q to translate; name a translation after its brand, as brands/ID.%s.yaml beside brands/ID.yaml", tr.stem, tr.sfx)
			continue
		}
		if b.tr == nil {
			b.tr = map[string]*BrandText{}
		}
		b.tr[tr.sfx] = tr.t
		l.checkBrandProducts(b, tr.t)
		l.checkOfferNames(b, tr.t)
	}
}

// checkContact checks what the desk's commands use of the clinic's
// contact: a phone number has digits (its tel: link is made of them), and
// the e-mail address, which sends the email drafts, is one plain ASCII
// address.
// MaxShortURL is the longest short_url, without its https://: with the
// sheet's code after it, the printed address stays under 25 characters.
const MaxShortURL = 18

func (l *loader) checkContact(b *Brand, node *yaml.Node) {
	for _, p := range []struct{ key, val string }{{"phone", b.Contact.Phone}, {"after_hours", b.Contact.AfterHours}} {
		if strings.TrimSpace(p.val) != "" && strings.Trim(TelURI(p.val), "+") == "" {
			l.e.addf(b.File, lineOf(node, "contact", p.key), "%s %q has no digits: patients dial it and its link is made of its digits; write the number, such as \"(207) 555-0100\"", p.key, p.val)
		}
	}
	if e := b.Contact.Email; e != "" {
		if !plainAddress(e) {
			l.e.addf(b.File, lineOf(node, "contact", "email"), "email %q is not one plain address: the email drafts are sent from it; write it as name@example.org, in ASCII", e)
		}
	}
}

// plainAddress reports whether s is one plain ASCII e-mail address,
// local@domain, each part a dot-atom (RFC 5322): what net/mail reads back
// as itself and the mail package sends from. (The content package links
// no network code, so net/mail, which imports net, is not used here.)
func plainAddress(s string) bool {
	at := strings.LastIndexByte(s, '@')
	if at <= 0 || at == len(s)-1 {
		return false
	}
	dotAtom := func(p string, ok func(c byte) bool) bool {
		if p == "" || p[0] == '.' || p[len(p)-1] == '.' || strings.Contains(p, "..") {
			return false
		}
		for i := 0; i < len(p); i++ {
			if p[i] != '.' && !ok(p[i]) {
				return false
			}
		}
		return true
	}
	alnum := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' }
	atext := func(c byte) bool { return alnum(c) || strings.IndexByte("!#$%&'*+/=?^_`{|}~-", c) >= 0 }
	host := func(c byte) bool { return alnum(c) || c == '-' }
	return dotAtom(s[:at], atext) && dotAtom(s[at+1:], host)
}

func (l *loader) checkBrand(b *Brand, node *yaml.Node) {
	req := func(val, key string, keyPath ...string) {
		if strings.TrimSpace(val) == "" {
			l.e.addf(b.File, lineOf(node, keyPath[:len(keyPath)-1]...), "missing %s; add `%s:`", key, keyPath[len(keyPath)-1])
		}
	}
	req(b.Name, "clinic name", "name")
	req(b.Contact.Phone, "clinic phone", "contact", "phone")
	req(b.Contact.AfterHours, "after-hours phone", "contact", "after_hours")
	req(b.UrgentCare, "urgent-care instructions", "urgent_care")
	l.checkLanguages(b, node)
	if _, err := b.Paper.Size(); err != nil {
		l.e.addf(b.File, lineOf(node, "paper"), "%v", err)
	}
	for _, c := range []struct{ key, val string }{{"primary", b.Colors.Primary}, {"accent", b.Colors.Accent}} {
		if !reColor.MatchString(c.val) {
			l.e.addf(b.File, lineOf(node, "colors", c.key), "colour %s %q: write it as \"#RRGGBB\" in quotes", c.key, c.val)
		}
	}
	if reColor.MatchString(b.Colors.Primary) {
		if r := ContrastRatio(b.Colors.Primary, "#FFFFFF"); r < MinTextContrast {
			l.e.addf(b.File, lineOf(node, "colors", "primary"), "primary colour %s has contrast %.2f:1 on white; text needs at least %.1f:1 (WCAG 2.2 AA), so choose a darker shade", b.Colors.Primary, r, MinTextContrast)
		}
	}
	l.checkContact(b, node)
	if u, err := url.Parse(b.BaseURL); b.BaseURL != "" && (err != nil || u.Scheme != "https" || u.Host == "" || !strings.HasPrefix(b.BaseURL, "https://") || strings.ContainsAny(b.BaseURL, " ?#")) {
		l.e.addf(b.File, lineOf(node, "base_url"), "base_url %q: give the https:// address of the folder where the HTML handouts are published, with no spaces, ? or #", b.BaseURL)
	}
	if b.ShortURL != "" {
		u, err := url.Parse(b.ShortURL)
		switch {
		case err != nil || u.Scheme != "https" || u.Host == "" || strings.ContainsAny(b.ShortURL, " ?#") || strings.HasSuffix(b.ShortURL, "/"):
			l.e.addf(b.File, lineOf(node, "short_url"), "short_url %q: give the https:// address of the clinic's short domain, such as https://hsk.example, with no spaces, ?, # or trailing /", b.ShortURL)
		case len(strings.TrimPrefix(b.ShortURL, "https://")) > MaxShortURL:
			l.e.addf(b.File, lineOf(node, "short_url"), "short_url %q is %d characters without https://; a short address to type from paper has at most %d: use a shorter domain", b.ShortURL, len(strings.TrimPrefix(b.ShortURL, "https://")), MaxShortURL)
		case b.BaseURL == "":
			l.e.addf(b.File, lineOf(node, "short_url"), "short_url is set but base_url is not: the short addresses lead to the pages published under base_url; add base_url or remove short_url")
		}
	}
	l.checkLogo(b, node)
	for role, name := range b.Products {
		if !reID.MatchString(role) {
			l.e.addf(b.File, lineOf(node, "products", role), "product role %q: use lower-case letters, digits and hyphens", role)
		}
		if strings.TrimSpace(name) == "" {
			l.e.addf(b.File, lineOf(node, "products", role), "product %q has no name", role)
		}
	}
	l.checkOffers(b, node)
	b.ruleLines = map[string]int{}
	for id := range b.Rules {
		b.ruleLines[id] = lineOf(node, "rules", id)
		found := false
		for _, t := range l.c.Treatments {
			for _, r := range t.Rules {
				if r.ID == id {
					found = true
					if r.End != nil && b.Rules[id].Hours <= r.Start.Hours {
						o := b.Rules[id]
						l.e.addf(b.File, b.ruleLines[id], "rule %q would end (%s) before it starts (%s); give an end after the start", id, o, r.Start)
					}
				}
			}
		}
		if !found && len(l.dropped) == 0 && !l.partial("treatments") {
			var all []string
			for _, t := range l.c.Treatments {
				all = append(all, ruleIDs(t)...)
			}
			l.e.addf(b.File, b.ruleLines[id], "unknown rule %q%s; brand rules set the end of a window, or the time of a milestone, defined in a treatment.yaml", id, didYouMean(id, all))
		}
	}
}

func (l *loader) checkLogo(b *Brand, node *yaml.Node) {
	line := lineOf(node, "logo")
	if b.Logo == "" {
		l.e.addf(b.File, line, "missing logo; add `logo: %s.png` and put the PNG beside the brand file", b.ID)
		return
	}
	if strings.Contains(b.Logo, "/") || strings.Contains(b.Logo, `\`) || b.Logo == ".." || b.Logo == "." {
		l.e.addf(b.File, line, "logo %q must be a file name in %s/, with no folders", b.Logo, l.name("brands"))
		return
	}
	p := path.Join("brands", b.Logo)
	data, err := ReadFile(l.c.FS, p)
	if err != nil {
		l.e.addf(b.File, line, "logo %s: %v", l.name(p), err)
		return
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		l.e.addf(b.File, line, "logo %s is not a valid PNG (%v); export it as PNG", l.name(p), err)
		return
	}
	if err := CheckImageSize(cfg.Width, cfg.Height); err != nil {
		l.e.addf(b.File, line, "logo %s %v; export it smaller: it prints about 14 mm high, so %d pixels across is plenty", l.name(p), err, LogoEnoughPx)
		return
	}
	b.LogoPNG, b.LogoLine = data, line
}

func (l *loader) treatment(id string) *Treatment {
	for _, t := range l.c.Treatments {
		if t.ID == id {
			return t
		}
	}
	return nil
}

func (l *loader) treatmentIDs() []string {
	var ids []string
	for _, t := range l.c.Treatments {
		ids = append(ids, t.ID)
	}
	return l.c.known("treatments", ids)
}
