package pdf

import (
	"bytes"
	"fmt"
	"image"
	pngenc "image/png"
	"strings"
	"testing"

	"handouts/internal/content"
	"handouts/internal/layout"
	"handouts/internal/layout/layouttest"
	"handouts/internal/markdown"
	"handouts/internal/pdfua"
)

type fixture struct {
	env  content.Env
	opt  Options
	h    *content.Handout
	rest float64
}

func setup(t testing.TB) *fixture { return fuzzSetup(t) }

func (f *fixture) layout(t *testing.T, md string) (*Result, error) {
	t.Helper()
	h := *f.h
	res := &content.Resolved{Handout: &h, Title: "Fixture", Source: []byte(md)}
	return Layout(res, f.env, f.opt)
}

func para(words int, seed string) string {
	var b strings.Builder
	for i := 0; i < words; i++ {
		fmt.Fprintf(&b, "%s%d ", seed, i%7)
	}
	return strings.TrimSpace(b.String()) + ".\n\n"
}

// TestPaginationRules sweeps a block down the page, one line of filler at a
// time, so that every rule is forced at a page end: paragraphs of 2-5
// lines (widows and orphans), a heading (keep with next), a callout box
// and a list (keep together). Every layout must be free of violations.
func TestPaginationRules(t *testing.T) {
	f := setup(t)
	blocks := map[string]string{
		"paragraph": para(70, "word") + para(40, "more"),
		"heading":   "## A heading that must stay with its text\n\n" + para(30, "text"),
		"box":       "> " + strings.TrimSpace(para(50, "boxed")) + "\n>\n> " + strings.TrimSpace(para(20, "again")) + "\n\n",
		"list":      "- " + strings.TrimSpace(para(25, "one")) + "\n- " + strings.TrimSpace(para(25, "two")) + "\n- three\n\n",
		"tasks":     "- [ ] " + strings.TrimSpace(para(20, "tick")) + "\n- [x] done\n\n",
	}
	for name, block := range blocks {
		t.Run(name, func(t *testing.T) {
			for filler := 30; filler < 60; filler++ {
				md := strings.Repeat("Filler line.\n\n", filler) + block + para(80, "after")
				r, err := f.layout(t, md)
				if err != nil {
					t.Fatal(err)
				}
				if v := layouttest.Violations(r.Pages, f.opt.Style.MinOrphan, f.opt.Style.MinWidow, f.rest); len(v) > 0 {
					t.Errorf("filler %d: %s", filler, strings.Join(v, "; "))
				}
			}
		})
	}
}

// TestTableHeaderRepeats: a table split over pages repeats its header row.
func TestTableHeaderRepeats(t *testing.T) {
	f := setup(t)
	var b strings.Builder
	b.WriteString("| Day | What to do |\n|---|---|\n")
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, "| %d | Rinse, pat dry, serum and sunscreen. |\n", i)
	}
	r, err := f.layout(t, b.String())
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pages) < 2 {
		t.Fatalf("pages = %d, want a table over 2 or more", len(r.Pages))
	}
	for i, p := range r.Pages[1:] {
		first := firstRow(p)
		if first == nil || !first.IsHeader {
			t.Errorf("page %d does not start with the header row", i+2)
		}
	}
}

func firstRow(p layout.Page) *layout.Item {
	for _, it := range p.Items {
		if it.Kind == layout.KRow {
			return it.Item
		}
		if it.Kind != layout.KSpace {
			return nil
		}
	}
	return nil
}

// TestPageBreak: "::: pagebreak" starts a new page.
func TestPageBreak(t *testing.T) {
	f := setup(t)
	r, err := f.layout(t, "Before.\n\n::: pagebreak\n\nAfter the break.\n")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Pages) != 2 {
		t.Fatalf("pages = %d, want 2", len(r.Pages))
	}
	if got := firstText(r.Pages[1]); got != "After the break." {
		t.Errorf("page 2 starts with %q, want %q", got, "After the break.")
	}
}

func firstText(p layout.Page) string {
	for _, it := range p.Items {
		if it.Kind == layout.KText {
			return it.Line.Text()
		}
	}
	return ""
}

// TestLineLength: body lines hold 45-90 characters (PRODUCT.md).
func TestLineLength(t *testing.T) {
	f := setup(t)
	r, err := f.layout(t, para(400, "measure"))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range r.Pages {
		for _, it := range p.Items {
			if it.Kind == layout.KText && it.Heading == 0 && it.Frames == nil && it.ParaLine < it.ParaLines {
				lines = append(lines, it.Line.Text())
			}
		}
	}
	for _, l := range lines {
		if n := len([]rune(l)); n < 45 || n > 90 {
			t.Errorf("line of %d characters, want 45-90: %q", n, l)
		}
	}
}

func TestErrors(t *testing.T) {
	f := setup(t)
	tests := []struct {
		name, md, want string
	}{
		{"emoji", "Line one.\n\nSmile 😀 now.\n", `content/treatments/microneedling/sheet.md:9: character "😀" (U+1F600) has no glyph in the font, so it cannot be printed; replace or remove it`},
		{"cjk", "漢字\n", `content/treatments/microneedling/sheet.md:9: character "漢" (U+6F22) has no glyph in the font, so it cannot be printed; replace or remove it`},
		{"raw html", "Text <b>bold</b>.\n", "content/treatments/microneedling/sheet.md:9: raw HTML is not allowed in handouts; use Markdown (**bold**, lists, > callouts) instead"},
		{"javascript link", "[x](javascript:alert(1))\n", `content/treatments/microneedling/sheet.md:9: link "javascript:alert(1)": only https://, http://, tel: and mailto: links are allowed`},
		{"strikethrough", "Do ~~not~~ rinse.\n", "content/treatments/microneedling/sheet.md:9: crossed-out text (~~…~~) is not supported in handouts; a patient may still read and follow it: delete the words instead"},
		{"code block", "Text.\n\n    indented code\n", "content/treatments/microneedling/sheet.md:9: a code block (a fenced or indented block) is not supported in handouts; lines indented by 4 spaces make one: remove the indent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.layout(t, tt.md)
			if err == nil || err.Error() != tt.want {
				t.Errorf("Layout error = %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestFitLimit: a sheet over its page limit fails, naming its variant and
// by how much. (Its line, the heading of the section where the first page
// too many begins, needs Resolve's line map: TestCheckBuildErrors in
// cmd/handouts checks it; here every line maps to the body's first.)
func TestFitLimit(t *testing.T) {
	f := setup(t)
	f.h.Front.MaxPages = 1
	_, err := f.layout(t, "Intro.\n\n## Long part\n\n"+para(900, "long"))
	want := "content/treatments/microneedling/sheet.md:9: the sheet runs past its 1 page from this section for skin type dry and area face (2 pages, "
	if err == nil || !strings.HasPrefix(err.Error(), want) {
		t.Errorf("Layout error = %v, want one starting %q", err, want)
	}
}

// TestRender checks the painted PDF: fixed dates, metadata, links.
func TestRender(t *testing.T) {
	f := setup(t)
	h := *f.h
	res := &content.Resolved{Handout: &h, Title: "Fixture title", Source: []byte("Call [(207) 555-0100](tel:2075550100) or see <https://acme.example>.\n\n## Part\n\nText.\n")}
	var a, b bytes.Buffer
	if _, err := Render(&a, res, f.env, f.opt); err != nil {
		t.Fatal(err)
	}
	if _, err := Render(&b, res, f.env, f.opt); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two renders differ")
	}
	// The file's dictionaries are in a compressed object stream: read
	// them back and look at each, written out plainly.
	file, err := pdfua.Read(a.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var all []byte
	for _, num := range file.Objects() {
		o, err := file.Object(num)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := o.(*pdfua.Stream); !ok {
			all = append(pdfua.Append(all, o), '\n')
		}
	}
	for _, want := range []string{"/URI(tel:2075550100)", "/URI(https://acme.example)", "/Lang(en-US)", "/Producer", "/CreationDate(D:20261015120000"} {
		if !bytes.Contains(all, []byte(want)) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// TestWideTableStaysOnPaper: a table whose words are wider than the page
// is fitted to the measure, its long words broken, up to the most columns
// a table may have.
func TestWideTableStaysOnPaper(t *testing.T) {
	f := setup(t)
	url := "https://example.com/" + strings.Repeat("very-long-path-segment/", 6)
	n := markdown.MaxColumns
	cols := strings.Repeat("| head ", n) + "|\n" + strings.Repeat("|---", n) + "|\n" + strings.Repeat("| "+url+" ", n) + "|\n"
	for _, md := range []string{"| a | b |\n|---|---|\n| " + url + " | " + url + " |\n", cols} {
		r, err := f.layout(t, md)
		if err != nil {
			t.Fatal(err)
		}
		width := r.Geom.W - 2*r.Geom.Margin
		for _, p := range r.Pages {
			for _, it := range p.Items {
				for _, c := range it.Cells {
					if c.X+c.W > width+0.5 {
						t.Errorf("cell ends at %.1f pt, past the measure of %.1f pt", c.X+c.W, width)
					}
					for _, l := range c.Lines {
						if l.Width > c.W {
							t.Errorf("cell line %.1f pt wide in a %.1f pt cell: %q", l.Width, c.W, l.Text())
						}
					}
				}
			}
		}
	}
}

// TestImage: an image beside the handout is drawn at its size, within the
// measure; one without alt text is refused.
func TestImage(t *testing.T) {
	f := setup(t)
	png := tinyPNG(t, 400, 100)
	f.opt.Images = func(name string) ([]byte, error) {
		if name == "diagram.png" {
			return png, nil
		}
		return nil, fmt.Errorf("cannot open: file does not exist")
	}
	r, err := f.layout(t, "Before.\n\n![Where to put the serum](diagram.png)\n\nAfter.\n")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range r.Pages[0].Items {
		if it.Kind == layout.KImage {
			found = true
			if it.W != 300 || it.H != 75 {
				t.Errorf("image %gx%g pt, want 300x75 (400x100 px at 96 dpi)", it.W, it.H)
			}
		}
	}
	if !found {
		t.Error("no image on the page")
	}
	var buf bytes.Buffer
	h := *f.h
	if _, err := Render(&buf, &content.Resolved{Handout: &h, Title: "T", Source: []byte("![Where](diagram.png)\n")}, f.env, f.opt); err != nil {
		t.Fatal(err)
	}
	for md, want := range map[string]string{
		"![](diagram.png)\n":       `image "diagram.png" has no alt text`,
		"![Gone](gone.png)\n":      `image "gone.png": cannot open: file does not exist`,
		"![X](../../etc/passwd)\n": `images must be files beside the handout`,
	} {
		if _, err := f.layout(t, md); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Layout(%q) error = %v, want %q", md, err, want)
		}
	}
}

func tinyPNG(t *testing.T, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	var buf bytes.Buffer
	if err := pngenc.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
