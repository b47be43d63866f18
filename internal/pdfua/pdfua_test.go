package pdfua

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"codeberg.org/go-pdf/fpdf"

	"handouts/internal/golden"
	"handouts/internal/layout"
)

func TestObjectsRoundTrip(t *testing.T) {
	tests := []struct {
		name string
		o    Object
		want string
	}{
		{"name", Name("Type"), "/Type"},
		{"name with delimiters", Name("A B#(x)"), "/A#20B#23#28x#29"},
		{"numbers", Array{Int(-3), Real(1.5), Real(2), Real(0.126), Keyword("612.00")}, "[-3 1.5 2 0.13 612.00]"},
		{"string", String("a (b) \\ c"), `(a \(b\) \\ c)`},
		{"binary string", Text("é"), "<FEFF00E9>"},
		{"reference", Array{Ref(12), Ref(3)}, "[12 0 R 3 0 R]"},
		{"dict", NewDict(Name("K"), Array{Int(0), NewDict(Name("Type"), Name("MCR"), Name("MCID"), Int(1))}, Name("Alt"), Text("Logo"), Name("On"), Bool(true), Name("N"), Null{}),
			"<</K[0<</Type/MCR/MCID 1>>]/Alt(Logo)/On true/N null>>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(Append(nil, tt.o))
			if got != tt.want {
				t.Errorf("Append = %s, want %s", got, tt.want)
			}
			p := &parser{b: []byte(got)}
			back, err := p.object()
			if err != nil {
				t.Fatal(err)
			}
			if again := string(Append(nil, back)); again != got {
				t.Errorf("read back and written again = %s, want %s", again, got)
			}
		})
	}
}

func TestParseFpdfSyntax(t *testing.T) {
	src := "<</Type /Page\n/Parent 1 0 R\n/MediaBox [0 0 612.00 792.00]\n/Title (\\376\\377\\000A\\(\\))\n/Hex <4142 43>\n/Esc (a\\nb\\\nc)>>"
	p := &parser{b: []byte(src)}
	o, err := p.object()
	if err != nil {
		t.Fatal(err)
	}
	d := o.(*Dict)
	for k, want := range map[Name]Object{"Type": Name("Page"), "Parent": Ref(1), "Title": String("\xfe\xff\x00A()"), "Hex": String("ABC"), "Esc": String("a\nbc")} {
		if got := d.Get(k); fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("/%s = %#v, want %#v", k, got, want)
		}
	}
}

// sample draws a two-page document the way the painter does and returns
// it with its tree: a heading, a paragraph with a link inside it running
// on to page 2, a figure, a table with an empty cell, and a footer
// artifact on each page.
func sample(t *testing.T, mark bool) ([]byte, *layout.Node) {
	t.Helper()
	root := layout.NewTree()
	h1 := root.Add(layout.Heading(1))
	p := root.Add(layout.RoleP)
	link := p.Add(layout.RoleLink)
	fig := root.Add(layout.RoleFigure)
	fig.Alt = "A drawing"
	tr := root.Add(layout.RoleTable).Add(layout.RoleTBody).Add(layout.RoleTR)
	empty, cell := tr.Add(layout.RoleTD), tr.Add(layout.RoleTD)
	_ = empty

	f := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: 300, Ht: 400}})
	f.SetCompression(true)
	f.SetCatalogSort(true)
	d := time.Date(2026, 10, 15, 12, 0, 0, 0, time.UTC)
	f.SetCreationDate(d)
	f.SetModificationDate(d)
	f.SetTitle("Sample", true)
	f.SetFont("Helvetica", "", 12)
	doc := NewDoc()
	page := 0
	open := func(n *layout.Node) {
		if mark {
			f.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", n.Role, doc.Mark(page, n)))
		}
	}
	artifact := func() {
		if mark {
			f.RawWriteStr("/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
		}
	}
	end := func() {
		if mark {
			f.RawWriteStr("EMC")
		}
	}
	f.AddPage()
	artifact()
	f.Text(20, 390, "Page 1 of 2")
	end()
	open(h1)
	f.Text(20, 40, "Title")
	end()
	open(p)
	f.Text(20, 60, "Call ")
	end()
	open(link)
	f.Text(50, 60, "us")
	doc.Link(page, link, Rect{50, 335, 70, 345}, "tel:2075550100")
	doc.LinkText(link, "us")
	end()
	open(p)
	f.Text(70, 60, " today,")
	end()
	f.AddPage()
	page = 1
	artifact()
	f.Text(20, 390, "Page 2 of 2")
	end()
	open(p)
	f.Text(20, 40, "or tomorrow.")
	end()
	open(fig)
	f.Rect(20, 60, 40, 40, "F")
	doc.BBox(fig, Rect{20, 300, 60, 340})
	end()
	open(cell)
	f.Text(20, 120, "Cell")
	end()
	var raw bytes.Buffer
	if err := f.Output(&raw); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := doc.Write(&out, raw.Bytes(), root, Meta{Title: "Sample & more", Author: "Clinic", Lang: "en-GB", Producer: "handouts", Date: d}); err != nil {
		t.Fatal(err)
	}
	return out.Bytes(), root
}

// TestWrite writes the sample and reads its structure back.
func TestWrite(t *testing.T) {
	data, _ := sample(t, true)
	if err := Check(data); err != nil {
		t.Fatalf("Check: %v", err)
	}
	again, _ := sample(t, true)
	if !bytes.Equal(data, again) {
		t.Error("two writes of the same document differ")
	}
	f, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := f.Dict(int(f.Trailer.Get("Root").(Ref)))
	if err != nil {
		t.Fatal(err)
	}
	str, _ := resolveDict(f, cat.Get("StructTreeRoot"))
	docEl, _ := f.Dict(int(str.Get("K").(Array)[0].(Ref)))
	kids := docEl.Get("K").(Array)
	if len(kids) != 4 {
		t.Fatalf("Document has %d kids, want 4 (H1, P, Figure, Table)", len(kids))
	}
	pages, _ := f.Pages()
	// The paragraph: its text on page 1 around the link, then its text on
	// page 2 as a marked-content reference.
	p, _ := f.Dict(int(kids[1].(Ref)))
	got := string(Append(nil, p.Get("K")))
	want := fmt.Sprintf("[1 %d 0 R 3<</Type/MCR/Pg %d 0 R/MCID 0>>]", int(kids[1].(Ref))+1, pages[1])
	if got != want {
		t.Errorf("P /K = %s, want %s", got, want)
	}
	fig, _ := f.Dict(int(kids[2].(Ref)))
	if got := string(Append(nil, fig)); !strings.Contains(got, "/Alt(A drawing)") || !strings.Contains(got, "/BBox[20 300 60 340]") {
		t.Errorf("Figure = %s, want its /Alt and /BBox", got)
	}
	// The table row keeps its empty first cell, before the filled one.
	tbody, _ := f.Dict(int(mustDict(t, f, kids[3]).Get("K").(Array)[0].(Ref)))
	tr := mustDict(t, f, tbody.Get("K").(Array)[0])
	cells := tr.Get("K").(Array)
	if len(cells) != 2 || mustDict(t, f, cells[0]).Get("K") != nil || mustDict(t, f, cells[1]).Get("K") == nil {
		t.Errorf("TR /K = %s, want an empty TD then one holding the cell's text", Append(nil, cells))
	}
	md, _ := f.Resolve(cat.Get("Metadata"))
	xmp, _ := md.(*Stream).Decode()
	if !strings.Contains(string(xmp), `<rdf:li xml:lang="x-default">Sample &amp; more</rdf:li>`) {
		t.Errorf("XMP lacks the escaped title:\n%s", xmp)
	}
	for _, want := range []string{"/Lang(en-GB)", "/Version/1.7", "/DisplayDocTitle true", "/Marked true"} {
		if !strings.Contains(string(Append(nil, cat)), want) {
			t.Errorf("catalog %s lacks %s", Append(nil, cat), want)
		}
	}
	if qpdf, err := exec.LookPath("qpdf"); err == nil {
		name := filepath.Join(t.TempDir(), "sample.pdf")
		os.WriteFile(name, data, 0o644)
		if out, err := exec.Command(qpdf, "--check", name).CombinedOutput(); err != nil {
			t.Errorf("qpdf --check: %v\n%s", err, out)
		}
	} else {
		golden.RequireTool(t, "qpdf", "qpdf")
	}
}

func mustDict(t *testing.T, f *File, o Object) *Dict {
	t.Helper()
	d, err := resolveDict(f, o)
	if err != nil || d == nil {
		t.Fatalf("%v is not a dictionary: %v", o, err)
	}
	return d
}

// TestCheckFindsUntagged: text drawn outside marked content is caught.
func TestCheckFindsUntagged(t *testing.T) {
	data, _ := sample(t, false)
	err := Check(data)
	if err == nil || !strings.Contains(err.Error(), "paints outside marked content") {
		t.Errorf("Check = %v, want text outside marked content found", err)
	}
}

// TestMerge: an element's own content and its kids interleave in the
// order they were drawn; a kid with nothing drawn stays after the one
// before it.
func TestMerge(t *testing.T) {
	root := layout.NewTree()
	p := root.Add(layout.RoleP)
	a, empty, b := p.Add(layout.RoleLink), p.Add(layout.RoleLink), p.Add(layout.RoleLink)
	d := NewDoc()
	d.Mark(0, p) // 0
	d.Mark(0, a) // 1
	d.Mark(0, p) // 2
	d.Mark(0, b) // 3
	d.Mark(1, p) // page 2, 0
	first := map[*layout.Node]int{}
	d.firstSeq(root, first)
	var got []string
	for _, k := range d.merge(p, first) {
		switch k.node {
		case a:
			got = append(got, "a")
		case empty:
			got = append(got, "empty")
		case b:
			got = append(got, "b")
		default:
			got = append(got, fmt.Sprintf("%d/%d", k.page, k.mcid))
		}
	}
	if s := strings.Join(got, " "); s != "0/0 a empty 0/2 b 1/0" {
		t.Errorf("merge = %s, want 0/0 a empty 0/2 b 1/0", s)
	}
}

// classic builds a PDF with a cross-reference table from object bodies
// (object i+1 is bodies[i]); the catalog is object 1.
func classic(bodies ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offs := make([]int, len(bodies))
	for i, body := range bodies {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(bodies)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size %d /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(bodies)+1, x)
	return b.Bytes()
}

// TestRewriteCopiesObjects: objects are copied as stored, whatever their
// strings hold (a word "endobj", unbalanced brackets, a hex string), and
// streams keep their data (compressed when stored without a filter); a
// rewritten file reads back the same.
func TestRewriteCopiesObjects(t *testing.T) {
	data := classic(
		"<</Type /Catalog /Pages 2 0 R>>",
		"<</Type /Pages /Kids [] /Count 0>>",
		"<</T (endobj \\) [ <) /H <656E646F626A> /N <</Deep [1 2 <</X (y)>>]>>>>",
		"<</Length 11>>\nstream\nendobj\nxyz\nendstream",
		"[(a) 3 0 R]",
	)
	f, err := Read(data)
	if err != nil {
		t.Fatal(err)
	}
	u, err := NewRewrite(f)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := u.WriteTo(&out); err != nil {
		t.Fatal(err)
	}
	g, err := Read(out.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	for num := 1; num <= 5; num++ {
		a, _ := f.Object(num)
		b, err := g.Object(num)
		if err != nil {
			t.Fatalf("object %d: %v", num, err)
		}
		if s, ok := a.(*Stream); ok {
			// A stream stored without a filter comes out compressed, with
			// the same data.
			bs, ok := b.(*Stream)
			if !ok || bs.Dict.Get("Filter") != Name("FlateDecode") {
				t.Fatalf("stream %d: %v, want it compressed", num, b)
			}
			if got, err := bs.Decode(); err != nil || !bytes.Equal(got, s.Raw) {
				t.Errorf("stream %d decodes to %q (%v), want %q", num, got, err, s.Raw)
			}
			continue
		}
		if x, y := string(Append(nil, a)), string(Append(nil, b)); x != y {
			t.Errorf("object %d = %s, want %s", num, y, x)
		}
	}
}
