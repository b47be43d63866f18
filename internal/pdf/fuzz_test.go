package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"testing"
	"time"

	"handouts/fonts"
	"handouts/internal/content"
	"handouts/internal/golden"
	"handouts/internal/layout"
	"handouts/internal/layout/layouttest"
	"handouts/internal/markdown"
	"handouts/internal/style"
	"handouts/internal/wait"
	"handouts/layouts"
)

// fuzzMaxInput is the largest Markdown FuzzLayout lays out.
const fuzzMaxInput = 4 << 10

// fuzzCPU is how much processor time one layout may take before it counts
// as a hang. Processor time, not wall time: a busy machine slows a layout
// down without making it spend more of it (one input is laid out at a
// time, and plain go test runs the seeds after the package's other tests).
const fuzzCPU = 2 * time.Second

// fuzzSetup loads the base content tree, the default style and the fonts
// for layout tests and fuzzing.
func fuzzSetup(tb testing.TB) *fixture {
	tb.Helper()
	files, _ := golden.Tree(tb, "../content/testdata/base.txtar")
	cat, err := content.Load(golden.MapFS(files), "content")
	if err != nil {
		tb.Fatal(err)
	}
	env, err := cat.Env("acme", "microneedling", "dry", "face")
	if err != nil {
		tb.Fatal(err)
	}
	st, err := style.Load(layouts.FS, "layouts", "acme")
	if err != nil {
		tb.Fatal(err)
	}
	f, err := LoadFonts(fonts.FS, "fonts", st.Fonts)
	if err != nil {
		tb.Fatal(err)
	}
	h := *cat.Treatments[0].Handout("sheet")
	h.Front.MaxPages = 0
	letter, _ := content.PaperLetter.Size()
	g := geometry(letter, st, 0, 0)
	return &fixture{env: env, h: &h, rest: g.Bottom - g.Top, opt: Options{Fonts: f, Style: st, Markdown: markdown.New(),
		Images: func(string) ([]byte, error) { return nil, fmt.Errorf("no images here") }}}
}

// fuzzPathological are inputs that stress nesting, line breaking and
// tables; each must lay out (or fail cleanly) well within a second.
//
// table-tall-row and table-tall-head (and the corpus file
// testdata/fuzz/FuzzLayout/table-row-taller-than-page) hang in
// layout.Paginate as of this writing: a table row that does not fit a
// fresh page under its repeated header ends the page with the header
// alone, and the next page repeats the header again, forever. They stay
// as regression seeds; the fix is to place the row whatever its height
// when the page held nothing before its header (see Paginate).
func fuzzPathological() map[string]string {
	word := strings.Repeat("a", 3000)
	url := "https://acme.example/" + strings.Repeat("x/", 1500)
	var nested strings.Builder
	for i := 0; i < 60; i++ {
		nested.WriteString(strings.Repeat("  ", i) + "- level\n")
	}
	nestedPrefix := 0 // the first 10 levels
	for i := 0; i < 10; i++ {
		nestedPrefix += 2*i + len("- level\n")
	}
	var ordered strings.Builder
	for i := 0; i < 45; i++ {
		ordered.WriteString(strings.Repeat("   ", i) + "1. level\n")
	}
	cols := 200
	table := "|" + strings.Repeat(" h |", cols) + "\n|" + strings.Repeat("---|", cols) + "\n|" + strings.Repeat(" c |", cols) + "\n"
	// A row that fits a page, but not under its repeated header.
	tall := "| Day | " + strings.TrimSpace(para(120, "what")) + " |\n|---|---|\n| 1 | " + strings.TrimSpace(para(520, "cell")) + " |\n| 2 | short |\n"
	tallHeader := "| " + strings.TrimSpace(para(600, "head")) + " | x |\n|---|---|\n| 1 | a |\n| 2 | b |\n"
	return map[string]string{
		"quote-500":        strings.Repeat(">", 500) + " deep\n",
		"quote-500-spaced": strings.Repeat("> ", 500) + "deep\n",
		"list-markers-500": strings.Repeat("- ", 500) + "deep\n",
		"ordered-500":      strings.Repeat("1. ", 500) + "deep\n",
		"task-nest":        strings.Repeat("- [ ] ", 300) + "deep\n",
		"nested-lists":     nested.String(),
		"nested-ordered":   ordered.String(),
		"quote-list-mix":   strings.Repeat("> - ", 250) + "deep\n",
		"long-word":        word + "\n",
		"long-word-h1":     "# " + word + "\n",
		"long-word-quote":  "> " + word + "\n",
		"long-word-list":   nested.String()[:nestedPrefix] + strings.Repeat("  ", 10) + "- " + word[:2500] + "\n",
		"long-url":         "<" + url + ">\n",
		"long-url-link":    "[" + word[:500] + "](" + url[:2000] + ")\n",
		"long-url-bare":    url + "\n",
		"table-200-cols":   table,
		"table-long-cell":  "| a | b |\n|---|---|\n| " + word + " | x |\n",
		"table-tall-row":   tall,
		"table-tall-head":  tallHeader,
		"emphasis-1000":    strings.Repeat("*", 1000) + "x" + strings.Repeat("*", 1000) + "\n",
		"brackets-1000":    strings.Repeat("[", 1000) + "x" + strings.Repeat("]", 1000) + "\n",
		"links-nest":       strings.Repeat("[a ", 300) + strings.Repeat("](https://a.example)", 100) + "\n",
		"headings":         strings.Repeat("## H\n", 500),
		"pagebreaks":       strings.Repeat("::: pagebreak\n", 290),
		"warnings-nest":    strings.Repeat("::: warning\n", 200) + "x\n" + strings.Repeat(":::\n", 200),
		"blank-lines":      strings.Repeat("\n", 4000),
		"hard-breaks":      strings.Repeat("a\\\n", 1000),
		"spaces":           strings.Repeat(" ", 4000),
		"nbsp-word":        strings.Repeat("a\u00a0", 1300) + "\n",
		"soft-hyphens":     strings.Repeat("a\u00ad", 1300) + "\n",
		"zero-width":       strings.Repeat("a\u200b", 1000) + "\n",
		"combining":        "e" + strings.Repeat("\u0301", 1500) + "\n",
		"hr-many":          strings.Repeat("---\n\n", 600),
	}
}

// FuzzLayout: Layout never panics or hangs on any Markdown; what it lays
// out has at least one page and no page fuller than its body, except one
// that holds a single item taller than a page.
func FuzzLayout(f *testing.F) {
	fx := fuzzSetup(f)
	paper, err := fx.env.Brand.Paper.Size()
	if err != nil {
		f.Fatal(err)
	}
	g := geometry(paper, fx.opt.Style, 0, 0)
	first, rest := g.Bottom-g.FirstTop, g.Bottom-g.Top

	// Seeds: the fixture tests' kind of input, every Markdown file of the
	// content corpora, the real handouts, and pathological inputs.
	for _, s := range []string{
		"",
		"Before.\n\n::: pagebreak\n\nAfter the break.\n",
		"Call [(207) 555-0100](tel:2075550100) or see <https://acme.example>.\n\n## Part\n\nText.\n",
		"> " + strings.TrimSpace(para(50, "boxed")) + "\n>\n> " + strings.TrimSpace(para(20, "again")) + "\n",
		"- [ ] " + strings.TrimSpace(para(20, "tick")) + "\n- [x] done\n",
		"| Day | What to do |\n|---|---|\n| 1 | Rinse. |\n| 2 | Serum. |\n",
		"Line one.\n\nSmile 😀 now.\n", "Text <b>bold</b>.\n", "[x](javascript:alert(1))\n",
		"Text.\n\n    indented code\n", "```\nfenced\n```\n", "![logo](logo.png)\n",
		"::: warning\n## When to call\n\nCall now.\n:::\n",
		"1. **Wash** your _hands_.\n2. Rinse `code`.\n\n***\n",
	} {
		f.Add([]byte(s))
	}
	var corpora []string
	for _, p := range []string{"../content/testdata/base.txtar", "../content/testdata/errors/*.txtar"} {
		m, _ := filepath.Glob(p)
		corpora = append(corpora, m...)
	}
	sort.Strings(corpora)
	for _, a := range corpora {
		files, _ := golden.Tree(f, a)
		var mds []string
		for name := range files {
			if strings.HasSuffix(name, ".md") {
				mds = append(mds, name)
			}
		}
		sort.Strings(mds)
		for _, name := range mds {
			if _, body, _, ok := content.SplitFrontMatter(files[name]); ok && len(body) <= fuzzMaxInput {
				f.Add(body)
			}
		}
	}
	for _, p := range []string{"../../content/treatments/microneedling/sheet.md", "../../content/treatments/microneedling/guide.md"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		_, body, _, _ := content.SplitFrontMatter(data)
		// The real handouts are longer than the cap: seed their parts.
		for _, part := range strings.SplitAfter(string(body), "\n## ") {
			if len(part) <= fuzzMaxInput {
				f.Add([]byte(part))
			}
		}
	}
	patho := fuzzPathological()
	names := make([]string, 0, len(patho))
	for name := range patho {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if len(patho[name]) > fuzzMaxInput {
			f.Fatalf("seed %s is %d bytes, over the %d cap", name, len(patho[name]), fuzzMaxInput)
		}
		f.Add([]byte(patho[name]))
	}

	f.Fuzz(func(t *testing.T, md []byte) {
		if len(md) > fuzzMaxInput {
			t.Skip("input over 4 KiB")
		}
		type result struct {
			r     *Result
			err   error
			panic any
			stack []byte
		}
		done := make(chan result, 1)
		go func() {
			var res result
			defer func() {
				if res.panic = recover(); res.panic != nil {
					res.stack = debug.Stack()
				}
				done <- res
			}()
			res.r, res.err = fx.layout(t, string(md))
		}()
		var res result
		cpu0, wall0 := wait.CPUTime(), time.Now()
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
	waiting:
		for {
			select {
			case res = <-done:
				break waiting
			case <-tick.C:
				if used := wait.CPUTime() - cpu0; used > fuzzCPU || time.Since(wall0) > wait.Ceiling() {
					hang(fmt.Sprintf("FuzzLayout: Layout did not finish in %v of CPU time (%v of wall time) on %d bytes (hang): %.300q", used.Round(time.Millisecond), time.Since(wall0).Round(time.Millisecond), len(md), md))
				}
			}
		}
		if res.panic != nil {
			t.Fatalf("Layout panicked: %v\n%s", res.panic, res.stack)
		}
		if res.err != nil {
			if res.r != nil {
				t.Fatalf("Layout returned a result with error %v", res.err)
			}
			return
		}
		checkPages(t, res.r.Pages, first, rest)
		layouttest.Violations(res.r.Pages, fx.opt.Style.MinOrphan, fx.opt.Style.MinWidow, rest)
	})
}

// hang ends the process with every goroutine's stack (the stuck Layout's
// among them), as go test -timeout does. A stuck Layout cannot be
// stopped, and one caught looping in Paginate allocates pages at hundreds
// of MB a second, so failing the test and going on would soon exhaust
// memory. Under -fuzz the coordinator records the input as a crasher
// ("fuzzing process hung or terminated unexpectedly"). Under plain go
// test, fuzz targets' seeds run after all other tests of the package, so
// their results are already reported.
func hang(msg string) {
	buf := make([]byte, 1<<20)
	buf = buf[:runtime.Stack(buf, true)]
	fmt.Fprintf(os.Stderr, "%s\n\n%s\n", msg, buf)
	os.Exit(2)
}

// checkPages: at least one page, and every page within its body height
// (plus 0.5 pt), unless it holds one item taller than the page (after a
// repeated table header) which Paginate places alone rather than lose.
func checkPages(t *testing.T, pages []layout.Page, first, rest float64) {
	t.Helper()
	if len(pages) == 0 {
		t.Fatal("Layout gave no pages")
	}
	for i, p := range pages {
		h := rest
		if i == 0 {
			h = first
		}
		if p.Used <= h+0.5 {
			continue
		}
		items := p.Items
		if len(items) > 1 && items[0].Kind == layout.KRow && items[0].IsHeader && items[1].Kind == layout.KRow && !items[1].IsHeader {
			items = items[1:]
		}
		if len(items) != 1 {
			t.Errorf("page %d: used %.1f pt of %.1f with %d items; only a single oversized item may overflow", i+1, p.Used, h, len(p.Items))
		}
	}
}
