package content

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"handouts/internal/golden"
)

// fuzzRealHandouts are the real treatment's Markdown files, used as seeds.
var fuzzRealHandouts = []string{
	"../../content/treatments/microneedling/sheet.md",
	"../../content/treatments/microneedling/guide.md",
}

// fuzzFiles returns every file of testdata/base.txtar and of each archive
// in testdata/errors (each read on its own, not laid over the base), and
// the real handouts, in a fixed order. Only names ending in suffix are
// kept ("" keeps all).
func fuzzFiles(tb testing.TB, suffix string) [][]byte {
	tb.Helper()
	archives, _ := filepath.Glob("testdata/errors/*.txtar")
	sort.Strings(archives)
	archives = append([]string{"testdata/base.txtar"}, archives...)
	var out [][]byte
	for _, a := range archives {
		files, _ := golden.Tree(tb, a)
		names := make([]string, 0, len(files))
		for name := range files {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			if strings.HasSuffix(name, suffix) {
				out = append(out, files[name])
			}
		}
	}
	for _, p := range fuzzRealHandouts {
		if !strings.HasSuffix(p, suffix) {
			continue
		}
		data, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, data)
	}
	return out
}

// FuzzSplitFrontMatter: SplitFrontMatter never panics; when it finds front
// matter, front and body are the slices of the (BOM-trimmed) input around
// the closing "---", and bodyLine counts the lines before the body.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, data := range fuzzFiles(f, "") {
		f.Add(data)
	}
	for _, s := range []string{
		"", "---", "---\n", "---\n---", "---\n---\n", "---\n---\nbody\n",
		"\xef\xbb\xbf---\r\ntitle: x\r\n---\r\nbody\r\n",
		"--- \t\nx: 1\n---  \r\n\nbody", "---\n--\n- --\n----\n---\nbody",
		"\xef\xbb\xbf\xef\xbb\xbf---\n---\n", "---\r\r\n---\n", "\n---\n---\n",
		"---\nno closing fence\n", "---\n---\n---\n---\n",
	} {
		f.Add([]byte(s))
	}
	bom := []byte("\xef\xbb\xbf")
	f.Fuzz(func(t *testing.T, in []byte) {
		input := bytes.Clone(in)
		front, body, bodyLine, ok := SplitFrontMatter(input)
		trimmed := bytes.TrimPrefix(input, bom)
		if !bytes.Equal(input, in) {
			t.Fatal("SplitFrontMatter modified its input")
		}
		if !ok {
			if front != nil || !bytes.Equal(body, trimmed) || bodyLine != 1 {
				t.Fatalf("not ok: got front %q, body of %d bytes, line %d; want nil, the whole input (%d bytes), 1", front, len(body), bodyLine, len(trimmed))
			}
			return
		}
		if len(front)+len(body) > len(trimmed) {
			t.Fatalf("len(front) %d + len(body) %d > len(input) %d", len(front), len(body), len(trimmed))
		}
		first, _, found := bytes.Cut(trimmed, []byte("\n"))
		if !found || string(bytes.TrimRight(first, " \r")) != "---" {
			t.Fatalf("ok without an opening \"---\" line: %q", first)
		}
		// front starts on line 2; body is the input's tail.
		fs := len(first) + 1
		bs := len(trimmed) - len(body)
		if fs+len(front) > bs {
			t.Fatalf("front [%d,%d) overlaps body [%d,%d)", fs, fs+len(front), bs, len(trimmed))
		}
		if !bytes.Equal(trimmed[fs:fs+len(front)], front) || !bytes.Equal(trimmed[bs:], body) {
			t.Fatal("front or body is not the expected part of the input")
		}
		if len(front) > 0 && &front[0] != &trimmed[fs] {
			t.Fatal("front is a copy, not a sub-slice of the input")
		}
		if len(body) > 0 && &body[0] != &trimmed[bs] {
			t.Fatal("body is a copy, not a sub-slice of the input")
		}
		// Between them: exactly the closing fence line.
		fence := trimmed[fs+len(front) : bs]
		fenceNL := bytes.HasSuffix(fence, []byte("\n"))
		if string(bytes.TrimRight(bytes.TrimSuffix(fence, []byte("\n")), " \r")) != "---" || bytes.Count(fence, []byte("\n")) > 1 {
			t.Fatalf("between front and body: %q, want one \"---\" line", fence)
		}
		if !fenceNL && len(body) != 0 {
			t.Fatalf("fence %q without a newline, yet body %q", fence, body)
		}
		// The fence is the first "---" line after the opening one.
		if len(front) > 0 {
			if front[len(front)-1] != '\n' {
				t.Fatalf("front %q does not end with a newline", front)
			}
			for _, ln := range bytes.Split(front[:len(front)-1], []byte("\n")) {
				if string(bytes.TrimRight(ln, " \r")) == "---" {
					t.Fatalf("front %q holds a \"---\" line; the first one closes it", front)
				}
			}
		}
		if bodyLine < 3 {
			t.Fatalf("bodyLine = %d, want >= 3", bodyLine)
		}
		// bodyLine = 1 + newlines before the body. When the closing fence is
		// the last line with no newline after it (body empty), the body's
		// line is the one after the fence, which the file does not have:
		// bodyLine is then 2 + newlines (so that bodyLine >= 3 holds for
		// "---\n---").
		want := 1 + bytes.Count(trimmed[:bs], []byte("\n"))
		if !fenceNL {
			want++
		}
		if bodyLine != want {
			t.Fatalf("bodyLine = %d, want %d (fence %q)", bodyLine, want, fence)
		}
	})
}

// FuzzParseOffset: ParseOffset never panics; what it accepts is forward,
// at most a year, and survives a round trip through String.
func FuzzParseOffset(f *testing.F) {
	for _, s := range []string{
		"48h", "7d", "2w", "0", " 0 ", "0d", "-0h", "+5d", "-1h", "3m", "h", "1.5d", "9999d",
		"8784h", "366d", "52w", "53w", "8785h", "367d", "007d", " 24h\t", "1e3h", "0x10h",
		"99999999999999999999h", "-9223372036854775808h", "9223372036854775807w", "d", "",
		"٣d", "1_000h", "24H",
	} {
		f.Add(s)
	}
	// Every duration in the YAML seeds.
	reDur := regexp.MustCompile(`(?m)^\s*(?:-\s*)?[a-z_-]+:\s*([-+0-9][^\s#]*)\s*$`)
	for _, data := range fuzzFiles(f, ".yaml") {
		for _, m := range reDur.FindAllSubmatch(data, -1) {
			f.Add(string(m[1]))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOffset(s)
		if err != nil {
			if o != (Offset{}) {
				t.Fatalf("ParseOffset(%q) = %+v with error %v; want the zero Offset", s, o, err)
			}
			return
		}
		if o.Hours < 0 || o.Hours > 366*24 {
			t.Fatalf("ParseOffset(%q).Hours = %d, want 0..%d", s, o.Hours, 366*24)
		}
		mult := map[byte]int{'h': 1, 'd': 24, 'w': 24 * 7}[o.Unit]
		if mult == 0 || o.Hours%mult != 0 {
			t.Fatalf("ParseOffset(%q) = %+v: unit %q, hours not a whole number of units", s, o, o.Unit)
		}
		str := o.String()
		o2, err := ParseOffset(str)
		if err != nil {
			t.Fatalf("ParseOffset(%q) = %+v, String %q, which does not parse: %v", s, o, str, err)
		}
		if o2.Hours != o.Hours || o2.Unit != o.Unit {
			t.Fatalf("round trip %q -> %+v -> %q -> %+v", s, o, str, o2)
		}
		if o2.String() != str {
			t.Fatalf("String not stable: %q -> %q", str, o2.String())
		}
	})
}

// reIfLine is a line Resolve treats as "::: if …".
var reIfLine = regexp.MustCompile(`^\s*:::\s*if(\s|$)`)

// FuzzResolve: with any body, Resolve never panics; what it returns holds
// no "::: if" line and no stray braces, maps every line to a body line in
// increasing order, and checking all blocks (all=true) only adds errors.
func FuzzResolve(f *testing.F) {
	files, _ := golden.Tree(f, "testdata/base.txtar")
	cat, err := Load(golden.MapFS(files), "content")
	if err != nil {
		f.Fatalf("Load(base) = %v", err)
	}
	sheet := cat.Treatments[0].Handout("sheet")
	if sheet == nil {
		f.Fatal("base has no sheet")
	}
	var envs []Env
	for _, v := range [][2]string{{"dry", "face"}, {"oily", "chest-back"}} {
		env, err := cat.Env("acme", "microneedling", v[0], v[1])
		if err != nil {
			f.Fatal(err)
		}
		envs = append(envs, env)
	}
	// The second, dated to the minute, with a patient override.
	envs[1].Start = time.Date(2026, 3, 13, 10, 30, 0, 0, time.UTC)
	envs[1].HasTime = true
	envs[1].Overrides = map[string]Offset{"no-actives": {Hours: 240, Unit: 'd'}}

	for _, data := range fuzzFiles(f, ".md") {
		if _, body, _, ok := SplitFrontMatter(data); ok {
			f.Add(body)
		}
	}
	for _, s := range []string{
		"",
		"\n",
		":::\n",
		"::: if\n:::\n",
		"::: if skin=dry\n::: if area=face\nBoth.\n:::\n:::\n",
		"::: if skin=dry area=face brand=acme\nx\n:::\n",
		"::: if skin=dry,oily\n{{skin.label}} {{area.label}} {{area.short}} {{skin.id}}\n:::\n",
		"::: warning\n::: if skin=oily\nHidden {{clinic.email}}\n:::\n:::\n",
		"::: pagebreak\n::: pagebreak extra {{x}}\n",
		"::: nonsense\ntext\n:::\n",
		"   :::   if   skin=dry   \r\nx\r\n:::\r\n",
		"{{clinic.name}} {{clinic.phone}} {{clinic.after_hours}} {{clinic.email}} {{clinic.website}} {{clinic.address}} {{clinic.urgent_care}}\n",
		"{{treatment}} {{product.serum}} {{product.none}} {{treatment.x}} {{clinic.nope}}\n",
		"{{until no-makeup}} {{from one-product-back}} {{duration no-actives}} {{duration one-product-back}} {{until extra-serum}}\n",
		"{{until nope}} {{}} {{ }} {{{{x}}}} }} {{ {{clinic.phone}\n",
		"::: if skin=dry\n{{bad}}\n:::\n",
		"::: if skin=sensitive\n:::\n",
		"::: if colour=red\n:::\n",
		"::: if skin=\n:::\n",
		"no newline at end",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		h := *sheet
		h.Body = body
		lines := strings.Split(string(body), "\n")
		if lines[len(lines)-1] == "" {
			lines = lines[:len(lines)-1]
		}
		for ei, env := range envs {
			rFalse, errFalse := h.Resolve(env, false)
			rTrue, errTrue := h.Resolve(env, true)
			for _, c := range []struct {
				r   *Resolved
				err error
				all bool
			}{{rFalse, errFalse, false}, {rTrue, errTrue, true}} {
				if c.err != nil {
					if c.r != nil {
						t.Fatalf("env %d all=%v: Resolve returned a result with error %v", ei, c.all, c.err)
					}
					continue
				}
				checkResolved(t, c.r, &h, len(lines))
			}
			// all=true checks more, never less, and changes nothing else.
			if errTrue == nil && errFalse != nil {
				t.Fatalf("env %d: Resolve(all=false) = %v, but all=true succeeds", ei, errFalse)
			}
			if errTrue == nil && !bytes.Equal(rTrue.Source, rFalse.Source) {
				t.Fatalf("env %d: all=true and all=false give different sources:\n%s\n---\n%s", ei, rTrue.Source, rFalse.Source)
			}
		}
	})
}

func checkResolved(t *testing.T, r *Resolved, h *Handout, inputLines int) {
	t.Helper()
	if r.Handout != h {
		t.Fatal("Resolved.Handout is not the handout resolved")
	}
	src := string(r.Source)
	if src != "" && !strings.HasSuffix(src, "\n") {
		t.Fatalf("Source does not end with a newline: %q", src)
	}
	out := strings.Split(src, "\n")
	out = out[:len(out)-1] // the empty string after the last newline
	if len(out) != len(r.lines) {
		t.Fatalf("Source has %d lines, line map %d", len(out), len(r.lines))
	}
	prev := 0
	for i, ln := range out {
		n := i + 1
		if reIfLine.MatchString(ln) {
			t.Fatalf("Source line %d is a condition: %q", n, ln)
		}
		if !reDirective.MatchString(ln) && (strings.Contains(ln, "{{") || strings.Contains(ln, "}}")) {
			t.Fatalf("Source line %d keeps braces: %q", n, ln)
		}
		fl := r.FileLine(n)
		if fl < h.BodyLine || fl > h.BodyLine+inputLines-1 {
			t.Fatalf("FileLine(%d) = %d, outside the body's lines %d..%d", n, fl, h.BodyLine, h.BodyLine+inputLines-1)
		}
		if fl <= prev {
			t.Fatalf("FileLine(%d) = %d, not after FileLine(%d) = %d", n, fl, n-1, prev)
		}
		prev = fl
	}
	if strings.Contains(r.Title, "{{") {
		t.Fatalf("Title keeps braces: %q", r.Title)
	}
}
