package pdf

import (
	"bytes"
	"strings"
	"testing"

	"handouts/internal/content"
	"handouts/internal/layout"
	"handouts/internal/pdfua"
)

// outline writes a structure tree compactly: Role[kids], with the text of
// the lines drawn for each element in quotes.
func outline(n *layout.Node, text map[*layout.Node]string) string {
	s := string(n.Role)
	if t := text[n]; t != "" {
		s += `"` + t + `"`
	}
	if len(n.Kids) > 0 {
		var kids []string
		for _, k := range n.Kids {
			kids = append(kids, outline(k, text))
		}
		s += "[" + strings.Join(kids, " ") + "]"
	}
	return s
}

// drawnText collects, per element, the text the page model draws for it.
func drawnText(r *Result) map[*layout.Node]string {
	text := map[*layout.Node]string{}
	add := func(l *layout.Line, tag *layout.Node) {
		for _, s := range l.Spans {
			n := tag
			if s.Tag != nil {
				n = s.Tag
			}
			text[n] += s.Text
		}
	}
	for _, p := range r.Pages {
		for _, it := range p.Items {
			if it.Line != nil {
				add(it.Line, it.Tag)
			}
			for _, c := range it.Cells {
				for i := range c.Lines {
					add(&c.Lines[i], c.Tag)
				}
			}
		}
	}
	return text
}

// TestStructure: each kind of block gets its element as the page model is
// built, in reading order, with the text it draws. The tree starts with
// the masthead (the logo, then a P per line, painted from the labels)
// and the title; the fixture has no summary.
func TestStructure(t *testing.T) {
	f := setup(t)
	head := `Figure P P P H1"Fixture"`
	tests := []struct {
		name, md, want string
	}{
		{"heading and paragraph", "## Part\n\nText with *stress*.\n", `H2"Part" P"Text with stress."`},
		{"link inside a paragraph", "Call [us](tel:2075550100) now.\n", `P"Call  now."[Link"us"]`},
		{"tight list", "- one\n- two\n", `L[LI[Lbl LBody"one"] LI[Lbl LBody"two"]]`},
		{"loose list", "1. one\n\n2. two\n", `L[LI[Lbl LBody[P"one"]] LI[Lbl LBody[P"two"]]]`},
		{"task list", "- [ ] tick\n", `L[LI[Lbl LBody"tick"]]`},
		{"nested list", "- a\n  - b\n", `L[LI[Lbl LBody"a"[L[LI[Lbl LBody"b"]]]]]`},
		{"callout", "> Careful.\n", `BlockQuote[P"Careful."]`},
		{"warning", "::: warning\n**Call** us.\n:::\n", `Sect[P"Call us."]`},
		{"table", "| A | B |\n|---|---|\n| 1 |  |\n", `Table[THead[TR[TH"A" TH"B"]] TBody[TR[TD"1" TD]]]`},
		{"rule is decoration", "One.\n\n---\n\nTwo.\n", `P"One." P"Two."`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := f.layout(t, tt.md)
			if err != nil {
				t.Fatal(err)
			}
			got := outline(r.Tree, drawnText(r))
			want := "Document[" + head + " " + tt.want + "]"
			if got != want {
				t.Errorf("tree of %q\n got %s\nwant %s", tt.md, got, want)
			}
		})
	}
}

// TestStructureAttributes: table headers are scoped to their column, list
// labels drawn as shapes have words, images are figures with their alt
// text.
func TestStructureAttributes(t *testing.T) {
	f := setup(t)
	png := tinyPNG(t, 40, 20)
	f.opt.Images = func(string) ([]byte, error) { return png, nil }
	r, err := f.layout(t, "| A |\n|---|\n| 1 |\n\n- [x] done\n- [ ] to do\n- plain\n\n![Where the serum goes](d.png)\n")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	r.Tree.Walk(func(n *layout.Node) {
		switch {
		case n.Scope != "":
			got = append(got, string(n.Role)+" "+n.Scope)
		case n.ActualText != "":
			got = append(got, string(n.Role)+" "+n.ActualText)
		case n.Alt != "":
			got = append(got, string(n.Role)+" "+n.Alt)
		}
	})
	want := "Figure Acme Skin|TH Column|Lbl ☑|Lbl ☐|Lbl •|Figure Where the serum goes"
	if s := strings.Join(got, "|"); s != want {
		t.Errorf("attributes = %s, want %s", s, want)
	}
}

// TestEveryItemTagged: over a long handout, every item that draws
// something names its element, and every element that draws text is in
// the tree; only rules, spaces and page breaks are left to the painter
// as artifacts. The painted file passes pdfua.Check, and a table header
// repeated on a new page is an artifact there, not a second THead.
func TestEveryItemTagged(t *testing.T) {
	f := setup(t)
	var md strings.Builder
	md.WriteString("## Start\n\n" + para(120, "w") + "- a [link](https://acme.example) here\n- b\n\n> quote\n\n| Day | Do |\n|---|---|\n")
	for i := 0; i < 50; i++ {
		md.WriteString("| d | Rinse and pat dry. |\n")
	}
	h := *f.h
	res := &content.Resolved{Handout: &h, Title: "Fixture", Source: []byte(md.String())}
	r, err := Layout(res, f.env, f.opt)
	if err != nil {
		t.Fatal(err)
	}
	inTree := map[*layout.Node]bool{}
	r.Tree.Walk(func(n *layout.Node) { inTree[n] = true })
	repeats := 0
	for pi, p := range r.Pages {
		for _, it := range p.Items {
			repeats += map[bool]int{true: 1}[it.Repeat]
			switch it.Kind {
			case layout.KSpace, layout.KRule, layout.KBreak:
				continue
			}
			if it.Tag == nil || !inTree[it.Tag] {
				t.Errorf("page %d: a %v item draws outside the structure tree", pi+1, it.Kind)
			}
			for _, c := range it.Cells {
				if c.Tag == nil || !inTree[c.Tag] {
					t.Errorf("page %d: a cell draws outside the structure tree", pi+1)
				}
			}
		}
	}
	for n := range drawnText(r) {
		if !inTree[n] {
			t.Errorf("text drawn for a %s element outside the tree", n.Role)
		}
	}
	if repeats == 0 {
		t.Error("the table did not repeat its header on a new page; the test needs a longer table")
	}
	var buf bytes.Buffer
	if _, err := Render(&buf, res, f.env, f.opt); err != nil {
		t.Fatal(err)
	}
	if err := pdfua.Check(buf.Bytes()); err != nil {
		t.Errorf("pdfua.Check: %v", err)
	}
}
