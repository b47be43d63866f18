package pdfua

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"handouts/internal/layout"
)

// Doc records, while a document is drawn, what each piece of marked
// content and each link annotation belongs to in the structure tree, so
// that Write can add the tree to fpdf's file.
type Doc struct {
	Zip      *Zippers         // zlib writers to reuse, shared by a build's documents; nil for new ones
	pages    [][]*layout.Node // per page (from 0), the element of each MCID
	refs     map[*layout.Node][]content
	seq      int
	annots   []annot
	boxes    map[*layout.Node]Rect
	linkText map[*layout.Node]*strings.Builder
}

// content is one piece of an element's own content, in drawing order:
// marked content MCID on a page, or link annotation annot (else -1).
type content struct {
	seq, page, mcid, annot int
}

type annot struct {
	page int
	rect Rect
	uri  string
	node *layout.Node
}

// Rect is a rectangle in PDF user space (points, y upwards): x0 y0 x1 y1.
type Rect [4]float64

// NewDoc returns an empty record.
func NewDoc() *Doc {
	return &Doc{refs: map[*layout.Node][]content{}, boxes: map[*layout.Node]Rect{}, linkText: map[*layout.Node]*strings.Builder{}}
}

func (d *Doc) add(n *layout.Node, c content) {
	d.seq++
	c.seq = d.seq
	d.refs[n] = append(d.refs[n], c)
}

// Mark returns the marked-content id for the next sequence drawn on page
// (from 0) for element n.
func (d *Doc) Mark(page int, n *layout.Node) int {
	for len(d.pages) <= page {
		d.pages = append(d.pages, nil)
	}
	mcid := len(d.pages[page])
	d.pages[page] = append(d.pages[page], n)
	d.add(n, content{page: page, mcid: mcid, annot: -1})
	return mcid
}

// Link records a link annotation on page over r, to uri, belonging to
// Link element n; LinkText gives its words.
func (d *Doc) Link(page int, n *layout.Node, r Rect, uri string) {
	d.add(n, content{page: page, annot: len(d.annots)})
	d.annots = append(d.annots, annot{page: page, rect: r, uri: uri, node: n})
}

// LinkText adds s to the words of Link element n, which become its
// annotations' /Contents.
func (d *Doc) LinkText(n *layout.Node, s string) {
	b := d.linkText[n]
	if b == nil {
		b = &strings.Builder{}
		d.linkText[n] = b
	}
	b.WriteString(s)
}

// BBox records where figure n is drawn; it becomes the element's
// /BBox attribute.
func (d *Doc) BBox(n *layout.Node, r Rect) { d.boxes[n] = r }

// Meta is the document's metadata for the catalog and the XMP packet.
type Meta struct {
	Title, Author, Subject, Lang, Producer string
	Date                                   time.Time // creation and modification
}

// Write writes pdf, fpdf's file drawn while d recorded, followed by an
// update that makes it a tagged PDF with structure tree root.
func (d *Doc) Write(w io.Writer, pdf []byte, root *layout.Node, m Meta) error {
	t, err := d.newTreeWriter(pdf)
	if err != nil {
		return err
	}
	if err := t.number(root); err != nil {
		return err
	}
	if err := t.elements(root); err != nil {
		return err
	}
	t.parentTree(root)
	if err := t.pageDicts(t.annotations()); err != nil {
		return err
	}
	if err := t.catalog(m); err != nil {
		return err
	}
	_, err = t.u.WriteTo(w)
	return err
}

// treeWriter is Write's state: the file read back, its rewrite, and the
// object numbers given to the structure tree's parts.
type treeWriter struct {
	d     *Doc
	f     *File
	u     *Rewrite
	pages []int // each page's object number

	num      map[*layout.Node]int // each element's object number
	treeRoot int                  // the structure tree's root
	parents  int                  // the parent tree
	annotNum []int                // each link annotation's object number
	meta     int                  // the XMP metadata stream
	first    map[*layout.Node]int // when each element's first content was drawn
}

// newTreeWriter reads pdf and starts its rewrite.
func (d *Doc) newTreeWriter(pdf []byte) (*treeWriter, error) {
	f, err := Read(pdf)
	if err != nil {
		return nil, err
	}
	pages, err := f.Pages()
	if err != nil {
		return nil, err
	}
	if len(d.pages) > len(pages) {
		return nil, fmt.Errorf("pdf: content marked on page %d of %d", len(d.pages), len(pages))
	}
	u, err := NewRewrite(f)
	if err != nil {
		return nil, err
	}
	u.Zip = d.Zip
	return &treeWriter{d: d, f: f, u: u, pages: pages}, nil
}

// number gives the new objects their numbers: elements in reading order,
// then the tree's root, the parent tree, the annotations and the
// metadata. Content drawn for an element outside the tree is an error.
func (t *treeWriter) number(root *layout.Node) error {
	t.num = map[*layout.Node]int{}
	root.Walk(func(n *layout.Node) { t.num[n] = t.u.New() })
	for n := range t.d.refs {
		if _, ok := t.num[n]; !ok {
			return fmt.Errorf("pdf: content drawn for a %s element outside the structure tree", n.Role)
		}
	}
	t.treeRoot, t.parents = t.u.New(), t.u.New()
	t.annotNum = make([]int, len(t.d.annots))
	for i := range t.d.annots {
		t.annotNum[i] = t.u.New()
	}
	t.meta = t.u.New()
	return nil
}

// elements puts every element of the tree under root; a figure without
// alternative text is an error.
func (t *treeWriter) elements(root *layout.Node) error {
	t.first = map[*layout.Node]int{}
	t.d.firstSeq(root, t.first)
	var werr error
	root.Walk(func(n *layout.Node) {
		if n.Role == layout.RoleFigure && n.Alt == "" {
			werr = fmt.Errorf("pdf: a figure without alternative text")
		}
		t.u.Put(t.num[n], t.element(n))
	})
	return werr
}

// element returns n's structure element dictionary.
func (t *treeWriter) element(n *layout.Node) *Dict {
	parent := Ref(t.treeRoot)
	if n.Parent != nil {
		parent = Ref(t.num[n.Parent])
	}
	el := NewDict(Name("Type"), Name("StructElem"), Name("S"), Name(n.Role), Name("P"), parent)
	pg := t.d.firstPage(n)
	if pg >= 0 {
		el.Set("Pg", Ref(t.pages[pg]))
	}
	if kids := t.kids(n, pg); len(kids) > 0 {
		el.Set("K", kids)
	}
	if n.Alt != "" {
		el.Set("Alt", Text(n.Alt))
	}
	if n.ActualText != "" {
		el.Set("ActualText", Text(n.ActualText))
	}
	if a := t.d.attributes(n); a != nil {
		el.Set("A", a)
	}
	return el
}

// firstPage returns the page of n's first marked content, or -1 when it
// has none.
func (d *Doc) firstPage(n *layout.Node) int {
	for _, c := range d.refs[n] {
		if c.annot < 0 {
			return c.page
		}
	}
	return -1
}

// kids returns n's /K: its elements and its own content in order, an
// MCID on page pg (the element's /Pg) as a bare number.
func (t *treeWriter) kids(n *layout.Node, pg int) Array {
	var kids Array
	for _, k := range t.d.merge(n, t.first) {
		switch {
		case k.node != nil:
			kids = append(kids, Ref(t.num[k.node]))
		case k.annot >= 0:
			kids = append(kids, NewDict(Name("Type"), Name("OBJR"), Name("Pg"), Ref(t.pages[t.d.annots[k.annot].page]), Name("Obj"), Ref(t.annotNum[k.annot])))
		case k.page == pg:
			kids = append(kids, Int(k.mcid))
		default:
			kids = append(kids, NewDict(Name("Type"), Name("MCR"), Name("Pg"), Ref(t.pages[k.page]), Name("MCID"), Int(k.mcid)))
		}
	}
	return kids
}

// parentTree puts the parent tree, which maps each page's MCIDs, and
// each annotation, to the element they belong to, and the tree's root.
func (t *treeWriter) parentTree(root *layout.Node) {
	d, pages := t.d, t.pages
	var nums Array
	for i := range pages {
		var els Array
		if i < len(d.pages) {
			for _, n := range d.pages[i] {
				els = append(els, Ref(t.num[n]))
			}
		}
		nums = append(nums, Int(i), els)
	}
	for i, a := range d.annots {
		nums = append(nums, Int(len(pages)+i), Ref(t.num[a.node]))
	}
	t.u.Put(t.parents, NewDict(Name("Nums"), nums))
	t.u.Put(t.treeRoot, NewDict(Name("Type"), Name("StructTreeRoot"), Name("K"), Array{Ref(t.num[root])},
		Name("ParentTree"), Ref(t.parents), Name("ParentTreeNextKey"), Int(len(pages)+len(d.annots))))
}

// annotations puts the link annotations and returns each page's /Annots.
func (t *treeWriter) annotations() []Array {
	pages := t.pages
	pageAnnots := make([]Array, len(pages))
	for i, a := range t.d.annots {
		words := ""
		if b := t.d.linkText[a.node]; b != nil {
			words = strings.Join(strings.Fields(b.String()), " ")
		}
		if words == "" {
			words = a.uri
		}
		t.u.Put(t.annotNum[i], NewDict(Name("Type"), Name("Annot"), Name("Subtype"), Name("Link"),
			Name("Rect"), Array{Real(a.rect[0]), Real(a.rect[1]), Real(a.rect[2]), Real(a.rect[3])},
			Name("Border"), Array{Int(0), Int(0), Int(0)}, Name("F"), Int(4),
			Name("A"), NewDict(Name("S"), Name("URI"), Name("URI"), String(a.uri)),
			Name("Contents"), Text(words), Name("StructParent"), Int(len(pages)+i), Name("P"), Ref(pages[a.page])))
		pageAnnots[a.page] = append(pageAnnots[a.page], Ref(t.annotNum[i]))
	}
	return pageAnnots
}

// pageDicts replaces each page's dictionary with one that has its key in
// the parent tree, structure tab order and its annotations.
func (t *treeWriter) pageDicts(pageAnnots []Array) error {
	for i, p := range t.pages {
		pd, err := t.f.Dict(p)
		if err != nil {
			return err
		}
		if pd.Get("Annots") != nil {
			return fmt.Errorf("pdf: page %d has annotations drawn without the structure tree", i+1)
		}
		pd.Set("StructParents", Int(i))
		pd.Set("Tabs", Name("S"))
		if len(pageAnnots[i]) > 0 {
			pd.Set("Annots", pageAnnots[i])
		}
		t.u.Put(p, pd)
	}
	return nil
}

// catalog replaces the catalog with one that marks the file tagged and
// names its language, structure tree and metadata, and puts the
// metadata.
func (t *treeWriter) catalog(m Meta) error {
	rootNum := int(t.f.Trailer.Get("Root").(Ref))
	cat, err := t.f.Dict(rootNum)
	if err != nil {
		return err
	}
	cat.Set("Version", Name("1.7"))
	cat.Set("Lang", Text(m.Lang))
	cat.Set("MarkInfo", NewDict(Name("Marked"), Bool(true)))
	cat.Set("StructTreeRoot", Ref(t.treeRoot))
	cat.Set("ViewerPreferences", NewDict(Name("DisplayDocTitle"), Bool(true)))
	cat.Set("Metadata", Ref(t.meta))
	t.u.Put(rootNum, cat)
	t.u.PutStream(t.meta, NewDict(Name("Type"), Name("Metadata"), Name("Subtype"), Name("XML")), XMP(m), true)
	return nil
}

// attributes returns n's attribute dictionary: a table cell's scope and
// span, a figure's box; nil when it has none.
func (d *Doc) attributes(n *layout.Node) *Dict {
	switch {
	case n.Scope != "" || n.ColSpan > 1:
		a := NewDict(Name("O"), Name("Table"))
		if n.Scope != "" {
			a.Set("Scope", Name(n.Scope))
		}
		if n.ColSpan > 1 {
			a.Set("ColSpan", Int(n.ColSpan))
		}
		return a
	case n.Role == layout.RoleFigure:
		if r, ok := d.boxes[n]; ok {
			return NewDict(Name("O"), Name("Layout"), Name("BBox"), Array{Real(r[0]), Real(r[1]), Real(r[2]), Real(r[3])})
		}
	}
	return nil
}

// firstSeq records, for n and every element under it, when the first of
// its content was drawn (math.MaxInt when none was).
func (d *Doc) firstSeq(n *layout.Node, first map[*layout.Node]int) int {
	f := math.MaxInt
	if own := d.refs[n]; len(own) > 0 {
		f = own[0].seq
	}
	for _, k := range n.Kids {
		f = min(f, d.firstSeq(k, first))
	}
	first[n] = f
	return f
}

// kid is one entry of an element's /K: an element, or its own content.
type kid struct {
	node *layout.Node
	content
}

// merge interleaves n's elements (in reading order) with its own content
// (in drawing order) by when each was first drawn; an element with
// nothing drawn keeps its place after the element before it.
func (d *Doc) merge(n *layout.Node, first map[*layout.Node]int) []kid {
	own := d.refs[n]
	out := make([]kid, 0, len(n.Kids)+len(own))
	at := -1 // the sequence the last element placed was drawn at
	i := 0
	for _, k := range n.Kids {
		key := first[k]
		if key == math.MaxInt {
			key = at
		}
		for i < len(own) && own[i].seq < key {
			out = append(out, kid{content: own[i]})
			i++
		}
		out = append(out, kid{node: k})
		at = key
	}
	for ; i < len(own); i++ {
		out = append(out, kid{content: own[i]})
	}
	return out
}
