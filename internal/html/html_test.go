package html

import (
	"bytes"
	"encoding/base64"
	"regexp"
	"strings"
	"testing"
	"time"

	"handouts/fonts"
	"handouts/internal/calendar"
	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/layouts"
)

type fixture struct {
	r   *Renderer
	env content.Env
	h   *content.Handout
	tf  *Typeface
}

// setup loads the small content tree the content tests use, the shipped
// layouts and the shipped typeface.
func setup(t *testing.T) *fixture {
	t.Helper()
	files, _ := golden.Tree(t, "../content/testdata/base.txtar")
	cat, err := content.Load(golden.MapFS(files), "content")
	if err != nil {
		t.Fatal(err)
	}
	env, err := cat.Env("acme", "microneedling", "dry", "face")
	if err != nil {
		t.Fatal(err)
	}
	r, err := New(layouts.FS)
	if err != nil {
		t.Fatal(err)
	}
	reg, _ := fonts.FS.ReadFile("AtkinsonHyperlegible_400Regular.ttf")
	bold, _ := fonts.FS.ReadFile("AtkinsonHyperlegible_700Bold.ttf")
	tf, err := NewTypeface("Atkinson Hyperlegible", reg, bold)
	if err != nil {
		t.Fatal(err)
	}
	h := *cat.Treatments[0].Handout("sheet")
	return &fixture{r: r, env: env, h: &h, tf: tf}
}

func (f *fixture) page(t *testing.T, md string, tf *Typeface) string {
	t.Helper()
	res := &content.Resolved{Handout: f.h, Title: "Fixture", Source: []byte(md)}
	var buf bytes.Buffer
	if err := f.r.Render(&buf, res, f.env, Options{Patient: "", Typeface: tf}); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// TestTableCellsNameTheirColumn: each body cell carries its header's words
// (plain text, markup dropped), which the phone style shows above it.
func TestTableCellsNameTheirColumn(t *testing.T) {
	f := setup(t)
	got := f.page(t, "| When | What *you* may **notice** |\n|---|---|\n| Day 1 | Red |\n| Day 3 | Flaky |\n", nil)
	for _, want := range []string{`<td data-label="When">Day 1</td>`, `<td data-label="What you may notice">Red</td>`, `<td data-label="When">Day 3</td>`} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(got, `<th data-label`) {
		t.Error("a header cell carries data-label; want body cells only")
	}
}

// TestTableCellLabelDecoded: a header's entities and escapes are decoded
// once, as its own cell shows them, and the label is escaped once: a
// header "Sun &amp; heat" labels its cells "Sun & heat", not "&amp;amp;".
func TestTableCellLabelDecoded(t *testing.T) {
	f := setup(t)
	got := f.page(t, "| Sun &amp; heat | \\*Care\\* [link](https://example.org) |\n|---|---|\n| Hat | Shade |\n", nil)
	for _, want := range []string{`<td data-label="Sun &amp; heat">Hat</td>`, `<td data-label="*Care* link">Shade</td>`} {
		if !strings.Contains(got, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if strings.Contains(got, "&amp;amp;") {
		t.Error("page holds &amp;amp;: the header's entity was escaped twice")
	}
}

var fontFace = regexp.MustCompile(`@font-face \{ font-family: "Atkinson Hyperlegible"; font-style: normal; font-weight: (\d+);[^}]*src: url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\) format\("woff"\); \}`)

// TestEmbedFont: a page embeds the regular and bold faces as WOFF, inside
// its style element, cut to its own characters: a page with more distinct
// characters carries a larger subset, and no page carries the whole face.
func TestEmbedFont(t *testing.T) {
	f := setup(t)
	if got := f.page(t, "Plain.", nil); strings.Contains(got, "@font-face") {
		t.Error("a page rendered without a typeface has @font-face rules")
	}
	size := func(md string) int {
		got := f.page(t, md, f.tf)
		style := got[strings.Index(got, "<style>"):strings.Index(got, "</style>")]
		m := fontFace.FindAllStringSubmatch(style, -1)
		if len(m) != 2 || m[0][1] != "400" || m[1][1] != "700" {
			t.Fatalf("got %d @font-face rules in the style element, want regular (400) and bold (700)", len(m))
		}
		n := 0
		for _, face := range m {
			w, err := base64.StdEncoding.DecodeString(face[2])
			if err != nil || !bytes.HasPrefix(w, []byte("wOFF")) {
				t.Fatalf("weight %s: not a WOFF file (%v)", face[1], err)
			}
			n += len(w)
		}
		return n
	}
	small := size("Plain.")
	big := size("Plain. ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöøùúûüý")
	whole, _ := fonts.FS.ReadFile("AtkinsonHyperlegible_400Regular.ttf")
	if big <= small || big > len(whole) {
		t.Errorf("subsets: %d bytes for a page of few characters, %d with accented letters; want the second larger, both under one whole face (%d)", small, big, len(whole))
	}
}

// TestCalendarTicks: the calendar has one checkbox per tick (one set,
// shown as cards or as the grid), each with a unique id and a label that
// names the task, the day and the time of day; the grid's rule names are
// hidden from screen readers (the labels say it all).
func TestCalendarTicks(t *testing.T) {
	f := setup(t)
	for _, dated := range []bool{false, true} {
		rules := []calendar.Rule{
			{ID: "rinse", Kind: "do", Text: "Rinse with water", End: 48, Hours: true, Times: []string{"morning", "evening"}},
			{ID: "hat", Kind: "do", Text: "Wear a hat", End: 7 * 24},
			{ID: "no-makeup", Kind: "avoid", Text: "No makeup", End: 48, Hours: true},
		}
		opt := calendar.Options{LastDay: 14}
		if dated {
			opt.Start = time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
		}
		cal, err := calendar.Build(rules, opt)
		if err != nil {
			t.Fatal(err)
		}
		res := &content.Resolved{Handout: f.h, Title: "Checklist", Source: []byte("Tick a box."), Footer: "Call us."}
		var buf bytes.Buffer
		if err := f.r.RenderCalendar(&buf, cal, res, f.env, Options{Typeface: f.tf}); err != nil {
			t.Fatal(err)
		}
		page := buf.String()
		boxes := regexp.MustCompile(`<label class="tick"[^>]*><input type="checkbox" id="([^"]+)">(.*?)</label>`).FindAllStringSubmatch(page, -1)
		if n := strings.Count(page, `type="checkbox"`); n != len(boxes) || n != 2*2+7 {
			t.Errorf("dated=%v: %d checkboxes (%d in labels), want 11: rinse morning and evening on days 0-1, the hat on days 0-6", dated, n, len(boxes))
		}
		// In the grid each box of a timed task shows its time's mark, by
		// a rule per time (the page carries each mark once); the
		// once-a-day hat's boxes (ids ending "-") show none.
		for _, rule := range []string{`.tick:has(> input[id$="-morning"])::before { content: "M" / ""; }`, `.tick:has(> input[id$="-evening"])::before { content: "E" / ""; }`, `.tick:has(> input:not([id$="-"]))::before`} {
			if !strings.Contains(page, rule) {
				t.Errorf("dated=%v: no CSS rule %s", dated, rule)
			}
		}
		seen := map[string]bool{}
		for _, b := range boxes {
			id, label := b[1], regexp.MustCompile(`<[^>]+>`).ReplaceAllString(b[2], "")
			if seen[id] {
				t.Errorf("id %s used twice", id)
			}
			seen[id] = true
			day := regexp.MustCompile(`^d(\d+)-`).FindStringSubmatch(id)[1]
			wantDay := "Day " + day
			if dated && day == "1" {
				wantDay += ", Sat Mar 14"
			}
			want := []string{wantDay}
			switch {
			case strings.Contains(id, "rinse"):
				tm := "Morning"
				if strings.HasSuffix(id, "evening") {
					tm = "Evening"
				}
				want = append(want, "Rinse with water", tm)
			default:
				want = append(want, "Wear a hat")
			}
			for _, w := range want {
				if !strings.Contains(strings.ReplaceAll(label, "\u00a0", " "), w) {
					t.Errorf("dated=%v: box %s is labelled %q, want it to name %q", dated, id, label, w)
				}
			}
		}
		if !strings.Contains(page, `<div class="heads" aria-hidden="true">`) {
			t.Error("the grid's rule column is not hidden from screen readers")
		}
		if dated != strings.Contains(page, `data-date="2026-03-14"`) {
			t.Errorf("dated=%v: data-date on the cards is %v, want %v", dated, !dated, dated)
		}
	}
}

// TestPageChars: the characters a page shows, references decoded, without
// its data: URIs and scripts.
func TestPageChars(t *testing.T) {
	got := pageChars([]byte(`<p>Caf&eacute; &amp; tea&#8482;</p><img src="data:image/png;base64,QkFTRTY0" alt="x"><script>var zq = 1;</script>`))
	for _, r := range "Café&tea™<>/px=\"" {
		if !strings.ContainsRune(got, r) {
			t.Errorf("pageChars lacks %q; got %q", r, got)
		}
	}
	for _, r := range "QBFTZ0vzq;" {
		if strings.ContainsRune(got, r) {
			t.Errorf("pageChars has %q, from a data: URI, a script or a reference's spelling; got %q", r, got)
		}
	}
}
