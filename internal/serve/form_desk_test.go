package serve

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handouts/internal/browser"
	"handouts/internal/golden"
	"handouts/internal/output"
	"handouts/internal/wait"
)

var reChecked = regexp.MustCompile(`<input type="checkbox" name="(treatment|area)" value="([^"]+)"( checked)?>`)

// ticked lists the form's treatment and area boxes, "treatment=peel" for
// a ticked one and "-treatment=peel" for one not ticked.
func ticked(body string) []string {
	var out []string
	for _, m := range reChecked.FindAllStringSubmatch(body, -1) {
		mark := "-"
		if m[3] != "" {
			mark = ""
		}
		out = append(out, mark+m[1]+"="+m[2])
	}
	return out
}

// TestFormStartsEmpty: the bare form ticks nothing: every treatment and
// every area is a box of its own, none ticked; opened from the front
// desk's choice it starts with that choice, ignoring values that name
// nothing.
func TestFormStartsEmpty(t *testing.T) {
	t.Parallel()
	_, ts, _ := peelServer(t)
	_, body := get(t, ts.URL+"/make")
	got := ticked(body)
	want := []string{"-treatment=microneedling", "-treatment=peel", "-area=face", "-area=neck-decollete", "-area=chest-back", "-area=abdomen-thighs"}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) || strings.Contains(body, " selected") || strings.Contains(body, "autofocus") {
		t.Errorf("the bare form's boxes %q (want %q, none ticked), or something selected:\n%s", got, want, body)
	}
	q := url.Values{"brand": {"harbor"}, "lang": {"es-US"}, "treatment": {"peel", "nonesuch"}, "skin": {"sensitive"}, "area": {"chest-back", "<script>"},
		"kind": {"sheet"}, "for": {"email"}}
	_, body = get(t, ts.URL+"/make?"+q.Encode())
	got = ticked(body)
	for _, want := range []string{"treatment=peel", "area=chest-back", "-treatment=microneedling", "-area=face"} {
		if !slices.Contains(got, want) {
			t.Errorf("the form from the desk's choice: boxes %q, want %s", got, want)
		}
	}
	for _, want := range []string{`<option value="harbor" selected>`, `<option value="es-US" lang="es-US" selected>`, `<option value="sensitive" selected>`,
		`<option value="sheet" selected>`, `aria-describedby="to-hint" autofocus>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the form from the desk's choice lacks %s", want)
		}
	}
	if strings.Contains(body, "nonesuch") || strings.Contains(body, "<script>") {
		t.Error("the form repeats values that name nothing")
	}
}

// TestMakeSeveralAreas: a packet of two treatments on two areas holds one
// sheet for each treatment, for both areas, and one calendar naming both.
func TestMakeSeveralAreas(t *testing.T) {
	t.Parallel()
	golden.RequireTool(t, "pdftotext", "poppler-utils")
	_, ts, _ := peelServer(t)
	f := visitForm(formToken(t, ts.URL))
	f["area"] = []string{"face", "neck-decollete"}
	code, h, body := postMake(t, ts.URL, f.Encode(), map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": ts.URL})
	if code != 200 || h.Get("Content-Type") != "application/pdf" {
		t.Fatalf("POST /make with two areas = %d %s %.200q", code, h.Get("Content-Type"), body)
	}
	file := filepath.Join(t.TempDir(), "packet.pdf")
	os.WriteFile(file, []byte(body), 0o644)
	text, err := exec.Command("pdftotext", file, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	squeezed := strings.Join(strings.Fields(string(text)), " ")
	if !strings.Contains(squeezed, "Face + Neck and décolleté") {
		t.Errorf("the packet does not name both areas (Face + Neck and décolleté):\n%.2000s", squeezed)
	}
	// One sheet of each treatment for both areas, and the calendar: the
	// mastheads name both areas, none one alone.
	if n := strings.Count(squeezed, "Dry skin · Face + Neck and décolleté"); n < 3 {
		t.Errorf("both areas are on %d pages' mastheads, want a sheet of each treatment and the calendar", n)
	}
	if n := strings.Count(squeezed, "Dry skin · Neck and décolleté"); n > 0 {
		t.Errorf("a masthead names the neck alone %d times, want the areas in one sheet per treatment", n)
	}
}

// TestDeskLinksInChromium: the index the server sends offers, for the
// chosen variant, a dated copy, a packet and an email draft, each opening
// the form filled from that choice; axe-core finds nothing on the form
// so opened.
func TestDeskLinksInChromium(t *testing.T) {
	t.Parallel()
	s, ts, out := peelServer(t)
	var entries []output.Entry
	for _, k := range []string{"sheet", "calendar", "guide"} {
		for _, f := range []string{"pdf", "html"} {
			entries = append(entries, output.Entry{Path: "harbor/en-US/microneedling/dry-face/" + k + "." + f, Brand: "harbor", Lang: "en-US",
				Treatment: "microneedling", Skin: "dry", Area: "face", Kind: k, Format: f})
		}
	}
	index, err := s.project.Index(entries)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, output.IndexName), index, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browser.Tab(t, browser.Shared(t))
	errs, _, err := browser.Load(ctx, ts.URL+"/")
	if err != nil || len(errs) > 0 {
		t.Fatalf("the served index: %v, console errors %q", err, errs)
	}
	// The links show once the page has found the server (its /_version).
	wait.For(t, "the served index to show the desk's links (#desk visible)", func() bool {
		shown, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById('desk').checkVisibility()`))
		return shown
	})
	links, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('#desk a'), a => a.textContent + ' ' + a.getAttribute('href'))`))
	if err != nil {
		t.Fatal(err)
	}
	choice := "/make?brand=harbor&lang=en-US&treatment=microneedling&skin=dry&area=face"
	want := []string{"Dated copy " + choice + "&kind=sheet", "Packet " + choice + "&kind=packet", "Email draft " + choice + "&kind=packet&for=email"}
	if !slices.Equal(links, want) {
		t.Fatalf("the served index's desk links %q, want %q", links, want)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(document.querySelector('#desk a[data-make=email]').click(), true)`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.WaitVisible("#make")); err != nil {
		t.Fatal(err)
	}
	type form struct {
		Boxes []string `json:"boxes"`
		Skin  string   `json:"skin"`
		Focus string   `json:"focus"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[form](`({boxes: Array.from(document.querySelectorAll('input[type=checkbox]:checked'), b => b.name + '=' + b.value),
		skin: document.getElementById('skin').value, focus: document.activeElement.id})`))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Boxes, []string{"treatment=microneedling", "area=face"}) || got.Skin != "dry" || got.Focus != "to" {
		t.Errorf("the form from the desk's email link: ticked %q, skin %s, focus on #%s; want the choice and the address field", got.Boxes, got.Skin, got.Focus)
	}
	v, err := browser.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range v {
		t.Errorf("the form: axe-core %s: %s", browser.AxeVersion, x)
	}
}
