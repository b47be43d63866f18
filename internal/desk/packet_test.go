package desk

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/internal/pdftest"
	"handouts/internal/pdfua"
	"handouts/internal/project"
)

// peelProject loads the real content with a second treatment, a chemical
// peel (testdata/peel.txtar: rules that share ids with microneedling),
// laid over it in a temporary folder.
func peelProject(t testing.TB) *project.Project {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(realContent)); err != nil {
		t.Fatal(err)
	}
	files, _ := golden.Tree(t, "testdata/peel.txtar")
	golden.WriteTree(t, dir, files)
	p, err := project.Load(sources(dir))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// at1030 is the treatment time the packet tests use: Fri 13 Mar 2026, 10:30.
var at1030 = time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)

// twoTreatments is the request of the packet tests: microneedling and
// the peel on the face, for Ana.
func twoTreatments(lang string) PacketRequest {
	return PacketRequest{Brand: "harbor", Lang: lang, Treatments: []string{"microneedling", "peel"}, Skin: "dry", Areas: []string{"face"},
		Start: at1030, HasTime: true, Patient: "Ana", Sheets: true, Calendar: true}
}

// packetPDF makes the packet of req and writes it to a temporary file.
func packetPDF(t *testing.T, p *project.Project, req PacketRequest) (string, project.Rendered) {
	t.Helper()
	pk, err := NewPacket(p, req)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pk.PDF()
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), pk.FileName())
	if err := os.WriteFile(f, r.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	return f, r
}

// outlineEntry is one top-level entry of a PDF's outline: its title and
// the page (from 1) and height on the page it points to.
type outlineEntry struct {
	title string
	page  int
	y     float64
	kids  int
}

// readOutline reads the top level of a PDF's outline with our reader.
func readOutline(t *testing.T, data []byte) []outlineEntry {
	t.Helper()
	f, err := pdfua.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := f.Pages()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := f.Dict(int(f.Trailer.Get("Root").(pdfua.Ref)))
	if err != nil {
		t.Fatal(err)
	}
	ref, ok := cat.Get("Outlines").(pdfua.Ref)
	if !ok {
		t.Fatal("the catalog has no /Outlines")
	}
	root, err := f.Dict(int(ref))
	if err != nil {
		t.Fatal(err)
	}
	var out []outlineEntry
	next, _ := root.Get("First").(pdfua.Ref)
	for n := 0; next != 0 && n < 100; n++ {
		d, err := f.Dict(int(next))
		if err != nil {
			t.Fatal(err)
		}
		e := outlineEntry{title: pdftest.Text(d.Get("Title"))}
		dest, _ := d.Get("Dest").(pdfua.Array)
		if len(dest) == 5 {
			if r, ok := dest[0].(pdfua.Ref); ok {
				e.page = slices.Index(pages, int(r)) + 1
			}
			e.y = pdftest.Number(dest[3])
		}
		for k, _ := d.Get("First").(pdfua.Ref); k != 0; {
			e.kids++
			kd, err := f.Dict(int(k))
			if err != nil {
				t.Fatal(err)
			}
			k, _ = kd.Get("Next").(pdfua.Ref)
		}
		out = append(out, e)
		next, _ = d.Get("Next").(pdfua.Ref)
	}
	return out
}

// structParts returns the roles of the structure tree's Document's kids.
func structParts(t *testing.T, data []byte) []string {
	t.Helper()
	f, err := pdfua.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	cat, _ := f.Dict(int(f.Trailer.Get("Root").(pdfua.Ref)))
	str, err := f.Dict(int(cat.Get("StructTreeRoot").(pdfua.Ref)))
	if err != nil {
		t.Fatal(err)
	}
	k, _ := str.Get("K").(pdfua.Array)
	if len(k) != 1 {
		t.Fatalf("StructTreeRoot /K has %d elements, want the one Document", len(k))
	}
	doc, err := f.Dict(int(k[0].(pdfua.Ref)))
	if err != nil {
		t.Fatal(err)
	}
	var roles []string
	kids, _ := doc.Get("K").(pdfua.Array)
	for _, kid := range kids {
		if r, ok := kid.(pdfua.Ref); ok {
			d, _ := f.Dict(int(r))
			roles = append(roles, fmt.Sprint(d.Get("S")))
		}
	}
	return append([]string{fmt.Sprint(doc.Get("S"))}, roles...)
}

// TestPacketTwoTreatments: microneedling and a chemical peel done the
// same day make one PDF: each sheet on its own pages, then one calendar
// that merges both treatments' rules (a shared avoid rule takes the later
// end: no makeup for the peel's 5 days, not microneedling's 48 hours;
// no-exercise keeps microneedling's 48 hours over the peel's 24), with
// each line under a heading naming the treatments it belongs to; page
// numbers run through the packet on every page; the outline has each
// part's title pointing at its first page; the file is tagged with one
// Part per handout; the patient's name is on the pages and nowhere in
// the metadata.
func TestPacketTwoTreatments(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	p := peelProject(t)
	file, r := packetPDF(t, p, twoTreatments(""))
	if len(r.Data) > MaxPacketBytes {
		t.Errorf("the packet is %d bytes, over the %d-byte limit", len(r.Data), MaxPacketBytes)
	}
	pages := pdftest.Pages(t, file)
	if len(pages) != r.Pages || r.Pages < 3 {
		t.Fatalf("pdftotext reads %d pages, the packet says %d", len(pages), r.Pages)
	}
	for i, pg := range pages {
		if want := fmt.Sprintf("Page %d of %d", i+1, len(pages)); !strings.Contains(pg, want) {
			t.Errorf("page %d lacks %q: %.200s", i+1, want, pg)
		}
	}
	// The parts in order, each starting on a new page.
	titles := []string{"Caring for your skin after microneedling", "Caring for your skin after a chemical peel", "Your day-by-day aftercare checklist"}
	starts := make([]int, len(titles))
	for i, title := range titles {
		starts[i] = slices.IndexFunc(pages, func(pg string) bool { return strings.Contains(pg, title) }) + 1
		if starts[i] == 0 || i > 0 && starts[i] <= starts[i-1] {
			t.Fatalf("part %q starts on page %d, after %v", title, starts[i], starts[:i])
		}
	}
	cal := strings.Join(pages[starts[2]-1:], " ")
	// The merged calendar. Microneedling alone: no makeup until Sun, Mar
	// 15 at 10:30; the peel: 5 days, to Wed, Mar 18.
	// Each rule's end is on its line (after its text, or after its
	// bar): read as laid out, without the "·" between them.
	rows := strings.ReplaceAll(pdftest.LayoutText(t, file, starts[2]), " · ", " ")
	for _, want := range []string{
		"HarborRenew™ Microneedling + Chemical peel", "Prepared for Ana",
		"Avoid · HarborRenew™ Microneedling + Chemical peel No makeup",
		"Do (tick when done) · HarborRenew™ Microneedling + Chemical peel", "Rinse with lukewarm water only",
		"Chemical peel No hot showers or saunas",
		"Skin may start to peel (Chemical peel)",
	} {
		if !strings.Contains(cal, want) {
			t.Errorf("the calendar lacks %q:\n%s", want, cal)
		}
	}
	for _, want := range []string{"No makeup until Wed, Mar 18", "No hard exercise or sweating until Sun, Mar 15 at 10:30", "No hot showers or saunas until Mon, Mar 16 at 10:30"} {
		if !strings.Contains(rows, want) {
			t.Errorf("the calendar lacks %q on one line:\n%s", want, rows)
		}
	}
	// (The marks of the boxes beside may come between, as the text is read.)
	if !regexp.MustCompile(`HarborRenew™ Microneedling(?: (?:M|Mid|E|B))* Wash with a gentle cleanser`).MatchString(cal) {
		t.Errorf("microneedling's own lines are not under its name:\n%s", cal)
	}
	// The outline: one entry per part at its first page, the sheets'
	// headings under their titles, every destination on its page.
	out := readOutline(t, r.Data)
	var got []string
	for i, e := range out {
		got = append(got, e.title)
		if i < len(starts) && e.page != starts[i] {
			t.Errorf("outline %q points to page %d, want %d", e.title, e.page, starts[i])
		}
		if h := map[bool]float64{true: 612, false: 792}[e.page >= starts[2]]; e.y <= 0 || e.y > h {
			t.Errorf("outline %q points to y %.1f, off its page (height %.0f)", e.title, e.y, h)
		}
	}
	if !slices.Equal(got, titles) {
		t.Errorf("outline = %q, want %q", got, titles)
	}
	if len(out) > 0 && out[0].kids == 0 {
		t.Error("the first sheet's headings are not in the outline under its title")
	}
	// Tagged, one Part per handout.
	if err := pdfua.Check(r.Data); err != nil {
		t.Errorf("pdfua.Check: %v", err)
	}
	if got, want := structParts(t, r.Data), []string{"Document", "Part", "Part", "Part"}; !slices.Equal(got, want) {
		t.Errorf("structure tree = %v, want %v", got, want)
	}
	info := pdftest.Run(t, "pdfinfo", file)
	if !strings.Contains(info, "\nTagged:          yes\n") {
		t.Errorf("pdfinfo does not say Tagged: yes:\n%s", info)
	}
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		if out, err := exec.Command(qpdf, "--check", file).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	}
	// Privacy: the name and the date in the pages only.
	meta := pdftest.Run(t, "pdfinfo", "-meta", file) + info
	for _, bad := range []string{"Ana", "Mar 13", "2026-03-13"} {
		if strings.Contains(meta, bad) {
			t.Errorf("the metadata holds %q:\n%s", bad, meta)
		}
	}
	if !strings.Contains(pages[0], "Prepared for Ana") {
		t.Error("the first sheet does not name the patient")
	}
}

// TestPacketTwoAreas: one treatment on two areas gives one sheet for both
// (its masthead naming both, each area's own section in it once) and one
// calendar with the rules of both areas, under the usual headings since
// there is one treatment.
func TestPacketTwoAreas(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	p := loadCatalog(t)
	req := PacketRequest{Brand: "thistle", Treatments: []string{"microneedling"}, Skin: "oily", Areas: []string{"face", "chest-back"},
		Start: at1030, Sheets: true, Calendar: true}
	file, r := packetPDF(t, p, req)
	if filepath.Base(file) != "packet-2026-03-13.pdf" {
		t.Errorf("file name %s, want packet-2026-03-13.pdf", filepath.Base(file))
	}
	var got []string
	for _, e := range readOutline(t, r.Data) {
		got = append(got, e.title)
	}
	want := []string{"Caring for your skin after microneedling", "Your day-by-day aftercare checklist"}
	if !slices.Equal(got, want) {
		t.Errorf("outline = %q, want %q", got, want)
	}
	pages := pdftest.Pages(t, file)
	all := strings.Join(pages, " ")
	if !strings.HasPrefix(pages[0], "Thistle & Fern Skin Clinic Fern Renew® Microneedling Oily or acne-prone skin · Face + Chest and back") {
		t.Errorf("the sheet's masthead does not name both areas: %.200s", pages[0])
	}
	for _, want := range []string{"Face: extra care", "Chest and back: extra care"} {
		if n := strings.Count(all, want); n != 1 {
			t.Errorf("%q is in the packet %d times, want once (the sheet's section for that area)", want, n)
		}
	}
	cal := pages[len(pages)-1]
	for _, want := range []string{"Oily or acne-prone skin · Face + Chest and back", "Do (tick when done) Rinse", "Wide-brimmed hat when outside", "Loose clean top and clean sheets", fmt.Sprintf("Page %d of %d", len(pages), len(pages))} {
		if !strings.Contains(cal, want) {
			t.Errorf("the calendar lacks %q:\n%s", want, cal)
		}
	}
	if err := pdfua.Check(r.Data); err != nil {
		t.Errorf("pdfua.Check: %v", err)
	}
}

// TestPacketNoRepeats: `packet -area face,neck-decollete -guide`, in both
// of harbor's languages, holds one sheet and one guide for the treatment
// (the areas' texts merged, not a copy per area), and reading the packet
// back no line of text is printed twice within a part (the page
// furniture aside), nor is any page the same as another.
func TestPacketNoRepeats(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	p := loadCatalog(t)
	for _, tag := range []string{"en-US", "es-US"} {
		req := PacketRequest{Brand: "harbor", Lang: tag, Treatments: []string{"microneedling"}, Skin: "dry", Areas: []string{"face", "neck-decollete"},
			Start: at1030, Sheets: true, Calendar: true, Guides: true}
		file, r := packetPDF(t, p, req)
		env, err := p.Catalog.EnvIn("harbor", tag, "microneedling", "dry", "face")
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		var starts []int
		for _, e := range readOutline(t, r.Data) {
			titles = append(titles, e.title)
			starts = append(starts, e.page)
		}
		var want []string
		for _, kind := range []string{"sheet", "calendar", "guide"} {
			res, err := env.Treatment.Handout(content.Kind(kind)).Resolve(env, false)
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, res.Title)
		}
		if !slices.Equal(titles, want) {
			t.Fatalf("%s: outline = %q, want one sheet, one calendar and one guide %q", tag, titles, want)
		}
		out, err := exec.Command("pdftotext", file, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		pages := strings.Split(strings.TrimSuffix(string(out), "\f"), "\f")
		if len(pages) != r.Pages {
			t.Fatalf("%s: pdftotext read %d pages, the packet has %d", tag, len(pages), r.Pages)
		}
		furniture := []string{env.Brand.Name, env.Disclaimer(), "Reviewed", "Revisado", strings.Split(env.Lang.Page, " ")[0]}
		seenPage := map[string]int{}
		part := 0
		seen := map[string]int{}
		for i, pg := range pages {
			if part+1 < len(starts) && i+1 >= starts[part+1] {
				part++
				seen = map[string]int{}
			}
			body := pdftest.Flat(pg)
			if j, ok := seenPage[body]; ok {
				t.Errorf("%s: page %d repeats page %d", tag, i+1, j)
			}
			seenPage[body] = i + 1
		line:
			for _, ln := range strings.Split(pg, "\n") {
				ln = pdftest.Flat(ln)
				if len(ln) < 30 {
					continue // short lines ("Day 3", a list's "Morning:") may recur
				}
				for _, f := range furniture {
					if strings.Contains(ln, f) {
						continue line
					}
				}
				if j, ok := seen[ln]; ok {
					t.Errorf("%s: part %q prints %q on page %d and again on page %d", tag, titles[part], ln, j, i+1)
				}
				seen[ln] = i + 1
			}
		}
		if r.Pages > 11 {
			t.Errorf("%s: %d pages; one sheet, one calendar and one guide should take at most 11", tag, r.Pages)
		}
	}
}

// TestPacketSpanish: the packet in Spanish, every word around the
// content too; its merged calendar is too full for one page in Spanish,
// so "what to expect" goes to a page of its own, numbered with the rest.
func TestPacketSpanish(t *testing.T) {
	t.Parallel()
	pdftest.RequirePoppler(t)
	p := peelProject(t)
	file, r := packetPDF(t, p, twoTreatments("es-US"))
	pages := pdftest.Pages(t, file)
	for i, pg := range pages {
		if want := fmt.Sprintf("Página %d de %d", i+1, len(pages)); !strings.Contains(pg, want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	all := strings.Join(pages, " ")
	for _, want := range []string{"Cuide su piel después de un peeling químico", "Qué evitar · Microagujas HarborRenew™ + Peeling químico Sin maquillaje · hasta el mié 18 mar", "Para: Ana"} {
		if !strings.Contains(all, want) {
			t.Errorf("the Spanish packet lacks %q", want)
		}
	}
	if last := pages[len(pages)-1]; !strings.HasPrefix(last, "Harbor Skin Studio · Microagujas HarborRenew™ + Peeling químico · Piel seca · Cara Qué esperar") {
		t.Errorf("the last page is not the calendar's \"what to expect\": %.200s", last)
	}
	if err := pdfua.Check(r.Data); err != nil {
		t.Errorf("pdfua.Check: %v", err)
	}
}

// TestPacketSizes: every packet of the shipped clinics and languages fits
// the email limit: both treatments on two areas, and one with its guides.
func TestPacketSizes(t *testing.T) {
	t.Parallel()
	p := peelProject(t)
	for _, b := range p.Catalog.Brands {
		for _, lang := range b.Languages {
			for _, req := range []PacketRequest{
				{Treatments: []string{"microneedling", "peel"}, Areas: []string{"face"}, Sheets: true, Calendar: true},
				{Treatments: []string{"microneedling"}, Areas: []string{"neck-decollete", "abdomen-thighs"}, Sheets: true, Calendar: true, Guides: true},
			} {
				req.Brand, req.Lang, req.Skin, req.Start, req.HasTime, req.Patient = b.ID, lang, "sensitive", at1030, true, "Ana"
				pk, err := NewPacket(p, req)
				if err != nil {
					t.Fatal(err)
				}
				r, err := pk.PDF()
				if err != nil {
					t.Fatalf("%s %s %v: %v", b.ID, lang, req.Treatments, err)
				}
				if len(r.Data) > MaxPacketBytes {
					t.Errorf("%s %s %v %v: %d bytes, over the %d-byte limit", b.ID, lang, req.Treatments, req.Areas, len(r.Data), MaxPacketBytes)
				}
				t.Logf("%s %s %v %v guides=%v: %d pages, %d KB", b.ID, lang, req.Treatments, req.Areas, req.Guides, r.Pages, len(r.Data)>>10)
			}
		}
	}
}

// TestPacketDeterministic: the same request gives the same bytes.
func TestPacketDeterministic(t *testing.T) {
	t.Parallel()
	p := peelProject(t)
	_, a := packetPDF(t, p, twoTreatments(""))
	_, b := packetPDF(t, p, twoTreatments(""))
	if !bytes.Equal(a.Data, b.Data) {
		t.Error("two packets of the same request differ")
	}
}

// TestPacketOverride: an override changes the rule in every chosen
// treatment that has it, and the merged window follows.
func TestPacketOverride(t *testing.T) {
	t.Parallel()
	p := peelProject(t)
	req := twoTreatments("")
	req.Overrides = []string{"no-makeup=7d"}
	pk, err := NewPacket(p, req)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range pk.envs {
		if got := row[0].Rule("no-makeup").End.String(); got != "7d" {
			t.Errorf("%s: no-makeup ends %s, want 7d", row[0].Treatment.ID, got)
		}
	}
	part, err := pk.calendarPart()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range part.Cal.Rows {
		if r.Rule.ID == "no-makeup" && (r.EndDay != 7 || strings.Join(r.Rule.From, "+") != "HarborRenew™ Microneedling+Chemical peel") {
			t.Errorf("no-makeup ends day %d, from %v; want day 7 from both", r.EndDay, r.Rule.From)
		}
	}
}

// TestNewPacketRefuses: each request that cannot be made is refused
// before anything is drawn, naming the field and what to do, and never
// quoting the patient's name.
func TestNewPacketRefuses(t *testing.T) {
	t.Parallel()
	p := peelProject(t)
	long := strings.Repeat("Ana", 14)
	tests := []struct {
		name  string
		edit  func(*PacketRequest)
		field string
		want  string
	}{
		{"unknown brand", func(r *PacketRequest) { r.Brand = "nope" }, "brand", `unknown brand "nope"; known: harbor, thistle`},
		{"language not offered", func(r *PacketRequest) { r.Brand, r.Lang = "thistle", "es-US" }, "lang", `brand thistle does not offer language "es-US"; it offers en-GB`},
		{"unknown treatment", func(r *PacketRequest) { r.Treatments = []string{"microneedling", "botox"} }, "treatment", `unknown treatment "botox"; known: microneedling, peel`},
		{"treatment twice", func(r *PacketRequest) { r.Treatments = []string{"peel", "peel"} }, "treatment", `"peel" is chosen twice; choose each once`},
		{"no treatment", func(r *PacketRequest) { r.Treatments = nil }, "treatment", "choose at least one"},
		{"too many treatments", func(r *PacketRequest) { r.Treatments = []string{"a", "b", "c", "d", "e"} }, "treatment", "5 chosen; a packet holds at most 4"},
		{"unknown skin", func(r *PacketRequest) { r.Skin = "scaly" }, "skin", `unknown skin type "scaly"`},
		{"unknown area", func(r *PacketRequest) { r.Areas = []string{"face", "elbow"} }, "area", `unknown area "elbow"`},
		{"no date", func(r *PacketRequest) { r.Start = time.Time{} }, "date", "a packet is for a treatment date"},
		{"year 0000", func(r *PacketRequest) { r.Start = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC) }, "date", "the year 0000 is not a treatment date; give a date from 2000 to 2199"},
		{"name too long", func(r *PacketRequest) { r.Patient = long }, "name", "42 characters long; give the first name only, at most 40 characters"},
		{"name with a control", func(r *PacketRequest) { r.Patient = "Ana\u202e" }, "name", "U+202E"},
		{"nothing chosen", func(r *PacketRequest) { r.Sheets, r.Calendar = false, false }, "kind", "choose what the packet holds"},
		{"no guide for the peel", func(r *PacketRequest) { r.Guides = true }, "treatment", "peel has no guide in en-US"},
		{"unknown rule", func(r *PacketRequest) { r.Overrides = []string{"no-swimming=3d"} }, "override", `no-swimming=3d: no chosen treatment and area has a rule "no-swimming" whose end can change; rules here: water-rinse (48h)`},
		{"negative override", func(r *PacketRequest) { r.Overrides = []string{"no-makeup=-5h"} }, "override", `duration "-5h" is negative`},
		{"huge override", func(r *PacketRequest) { r.Overrides = []string{"no-makeup=99999999999999999999h"} }, "override", `duration "99999999999999999999h": write a whole number`},
		{"override over a year", func(r *PacketRequest) { r.Overrides = []string{"no-makeup=9000h"} }, "override", `duration "9000h" is longer than a year`},
		{"override before its start", func(r *PacketRequest) { r.Overrides = []string{"no-makeup=0h"} }, "override", "the window would end before it starts"},
		{"override twice", func(r *PacketRequest) { r.Overrides = []string{"no-makeup=3d", "no-makeup=4d"} }, "override", `rule "no-makeup" is already changed`},
		{"override without a value", func(r *PacketRequest) { r.Overrides = []string{"no-makeup"} }, "override", "write RULE=DURATION"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := twoTreatments("")
			tt.edit(&req)
			_, err := NewPacket(p, req)
			var re *RequestError
			if !errors.As(err, &re) || re.Field != tt.field || !strings.Contains(re.Msg, tt.want) {
				t.Fatalf("NewPacket = %v, want a %s error containing %q", err, tt.field, tt.want)
			}
			if strings.Contains(err.Error(), "Ana") {
				t.Errorf("the error quotes the name: %v", err)
			}
		})
	}
}

// TestParseWhen: dates that do not exist and years no treatment is in
// are refused, naming the field.
func TestParseWhen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		date, clock string
		want        string // the error, or the time made
	}{
		{"2026-03-13", "", "2026-03-13 00:00 false"},
		{"2026-03-13", "10:30", "2026-03-13 10:30 true"},
		{"2026-02-30", "", `date: "2026-02-30" is not a real date; write YYYY-MM-DD`},
		{"0000-01-01", "", `date: "0000-01-01": the year 0000 is not a treatment date; give a date from 2000 to 2199`},
		{"9999-12-31", "", `date: "9999-12-31": the year 9999 is not a treatment date; give a date from 2000 to 2199`},
		{"2026-03-13", "25:00", `time: "25:00": write HH:MM, 24-hour`},
		{"", "10:30", "time: needs the date"},
	}
	for _, tt := range tests {
		d, has, err := ParseWhen(tt.date, tt.clock)
		got := fmt.Sprint(d.Format("2006-01-02 15:04"), " ", has)
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("ParseWhen(%q, %q) = %q, want %q", tt.date, tt.clock, got, tt.want)
		}
	}
}

// TestPacketOutlineAcrossPageSizes: with the guides after it, the
// landscape calendar sits between portrait pages; its outline entry still
// points into its own page (fpdf measures every destination against the
// last page's height, which the painter corrects for).
func TestPacketOutlineAcrossPageSizes(t *testing.T) {
	t.Parallel()
	p := loadCatalog(t)
	pk, err := NewPacket(p, PacketRequest{Brand: "harbor", Treatments: []string{"microneedling"}, Skin: "normal", Areas: []string{"face"},
		Start: at1030, Sheets: true, Calendar: true, Guides: true})
	if err != nil {
		t.Fatal(err)
	}
	r, err := pk.PDF()
	if err != nil {
		t.Fatal(err)
	}
	out := readOutline(t, r.Data)
	if len(out) != 3 || out[1].title != "Your day-by-day aftercare checklist" {
		t.Fatalf("outline = %+v, want the sheet, the calendar and the guide", out)
	}
	// The calendar's title is drawn 10 mm below the top of a 612 pt page.
	if cal := out[1]; cal.y < 612-40 || cal.y > 612 {
		t.Errorf("the calendar's entry points to y %.1f on page %d; its page is 612 pt high and the title near its top", cal.y, cal.page)
	}
	for _, e := range []outlineEntry{out[0], out[2]} {
		if e.y < 792-150 || e.y > 792 {
			t.Errorf("%q points to y %.1f on page %d, not near the top of a 792 pt page", e.title, e.y, e.page)
		}
	}
}
