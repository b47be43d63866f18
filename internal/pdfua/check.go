package pdfua

import (
	"fmt"
	"strings"
)

// Check reads a PDF that Doc.Write made and reports the first way it
// breaks what this package promises, or nil: the catalog's /MarkInfo,
// /Lang, /ViewerPreferences, /StructTreeRoot and XMP metadata naming
// PDF/UA-1; /StructParents and /Tabs /S on every page; every operator that
// paints (text, paths, images) inside a balanced marked-content sequence,
// either an artifact or one with an MCID that the parent tree gives to a
// structure element whose /K holds it; every link annotation with
// /Contents and a /StructParent whose element holds an OBJR to it. It is
// our own reader: the tests also read the files with poppler, qpdf and
// pdf.js, which know nothing of this package.
func Check(data []byte) error {
	f, err := Read(data)
	if err != nil {
		return err
	}
	str, err := checkCatalog(f)
	if err != nil {
		return err
	}
	parents, err := parentTree(f, str)
	if err != nil {
		return err
	}
	pages, err := f.Pages()
	if err != nil {
		return err
	}
	// claimed: what the elements' /K arrays hold, by page and MCID or by
	// annotation.
	claimed, err := claims(f, str)
	if err != nil {
		return err
	}
	for i, num := range pages {
		if err := checkPage(f, i, num, parents, claimed); err != nil {
			return err
		}
	}
	return nil
}

// checkCatalog checks the catalog's /MarkInfo, /Lang,
// /ViewerPreferences and XMP metadata, and returns its structure tree
// root.
func checkCatalog(f *File) (*Dict, error) {
	root, _ := f.Trailer.Get("Root").(Ref)
	cat, err := f.Dict(int(root))
	if err != nil {
		return nil, err
	}
	if mi, _ := resolveDict(f, cat.Get("MarkInfo")); mi == nil || mi.Get("Marked") != Bool(true) {
		return nil, fmt.Errorf("catalog: /MarkInfo is not <</Marked true>>")
	}
	if lang, _ := cat.Get("Lang").(String); lang == "" {
		return nil, fmt.Errorf("catalog: no /Lang")
	}
	if vp, _ := resolveDict(f, cat.Get("ViewerPreferences")); vp == nil || vp.Get("DisplayDocTitle") != Bool(true) {
		return nil, fmt.Errorf("catalog: /ViewerPreferences lacks /DisplayDocTitle true")
	}
	md, err := f.Resolve(cat.Get("Metadata"))
	if err != nil {
		return nil, fmt.Errorf("catalog: /Metadata: %v", err)
	}
	ms, ok := md.(*Stream)
	if !ok {
		return nil, fmt.Errorf("catalog: no /Metadata stream")
	}
	xmp, err := ms.Decode()
	if err != nil {
		return nil, err
	}
	for _, want := range []string{"<pdfuaid:part>1</pdfuaid:part>", "<dc:title>"} {
		if !strings.Contains(string(xmp), want) {
			return nil, fmt.Errorf("XMP metadata lacks %s", want)
		}
	}
	str, err := resolveDict(f, cat.Get("StructTreeRoot"))
	if err != nil || str == nil {
		return nil, fmt.Errorf("catalog: no /StructTreeRoot")
	}
	return str, nil
}

// checkPage checks page i (from 0), object num: its /StructParents and
// /Tabs, that the parent tree gives each of its MCIDs to an element that
// holds it, and its annotations.
func checkPage(f *File, i, num int, parents map[int]Object, claimed map[mcKey]int) error {
	pd, err := f.Dict(num)
	if err != nil {
		return err
	}
	sp, ok := pd.Get("StructParents").(Int)
	if !ok {
		return fmt.Errorf("page %d: no /StructParents", i+1)
	}
	if pd.Get("Tabs") != Name("S") {
		return fmt.Errorf("page %d: /Tabs is not /S", i+1)
	}
	els, _ := parents[int(sp)].(Array)
	mcids, err := pageMarks(f, pd)
	if err != nil {
		return fmt.Errorf("page %d: %v", i+1, err)
	}
	if len(mcids) != len(els) {
		return fmt.Errorf("page %d: %d marked-content ids, the parent tree gives %d", i+1, len(mcids), len(els))
	}
	for _, id := range mcids {
		el, _ := els[id].(Ref)
		if claimed[mcKey{num, id}] != int(el) || el == 0 {
			return fmt.Errorf("page %d: MCID %d: the parent tree names element %d, which does not hold it", i+1, id, el)
		}
	}
	annots, _ := pd.Get("Annots").(Array)
	for _, a := range annots {
		if err := checkAnnot(f, i, a, parents, claimed); err != nil {
			return err
		}
	}
	return nil
}

// checkAnnot checks annotation a of page i (from 0): its /Contents, and
// that its /StructParent is an element that holds an OBJR to it.
func checkAnnot(f *File, i int, a Object, parents map[int]Object, claimed map[mcKey]int) error {
	r, _ := a.(Ref)
	ad, err := f.Dict(int(r))
	if err != nil {
		return err
	}
	if c, _ := ad.Get("Contents").(String); c == "" {
		return fmt.Errorf("page %d: annotation %d has no /Contents", i+1, r)
	}
	k, ok := ad.Get("StructParent").(Int)
	if !ok {
		return fmt.Errorf("page %d: annotation %d has no /StructParent", i+1, r)
	}
	if el, _ := parents[int(k)].(Ref); el == 0 || claimed[mcKey{-int(r), 0}] != int(el) {
		return fmt.Errorf("page %d: annotation %d: its element holds no OBJR to it", i+1, r)
	}
	return nil
}

func resolveDict(f *File, o Object) (*Dict, error) {
	o, err := f.Resolve(o)
	if err != nil {
		return nil, err
	}
	d, _ := o.(*Dict)
	return d, nil
}

// parentTree reads the parent tree's number tree (a flat /Nums, or /Kids).
func parentTree(f *File, str *Dict) (map[int]Object, error) {
	out := map[int]Object{}
	var walk func(o Object, depth int) error
	walk = func(o Object, depth int) error {
		d, err := resolveDict(f, o)
		if err != nil || d == nil || depth > 16 {
			return fmt.Errorf("structure tree: bad /ParentTree")
		}
		nums, _ := d.Get("Nums").(Array)
		for i := 0; i+1 < len(nums); i += 2 {
			k, _ := nums[i].(Int)
			v, err := f.Resolve(nums[i+1])
			if err != nil {
				return err
			}
			if _, isRef := nums[i+1].(Ref); isRef {
				if _, isDict := v.(*Dict); isDict {
					v = nums[i+1] // an element: keep the reference
				}
			}
			out[int(k)] = v
		}
		kids, _ := d.Get("Kids").(Array)
		for _, k := range kids {
			if err := walk(k, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	return out, walk(str.Get("ParentTree"), 0)
}

// mcKey is a page's MCID, or (-annotation, 0) for an OBJR.
type mcKey struct{ page, mcid int }

// claims walks the structure tree and records which element holds each
// MCID and OBJR.
func claims(f *File, str *Dict) (map[mcKey]int, error) {
	out := map[mcKey]int{}
	seen := map[int]bool{}
	var walk func(num int, depth int) error
	walk = func(num, depth int) error {
		if seen[num] || depth > 64 {
			return fmt.Errorf("structure tree: element %d reached twice", num)
		}
		seen[num] = true
		el, err := f.Dict(num)
		if err != nil {
			return err
		}
		pg, _ := el.Get("Pg").(Ref)
		kids, ok := el.Get("K").(Array)
		if !ok && el.Get("K") != nil {
			kids = Array{el.Get("K")}
		}
		for _, k := range kids {
			switch k := k.(type) {
			case Int:
				out[mcKey{int(pg), int(k)}] = num
			case Ref:
				if err := walk(int(k), depth+1); err != nil {
					return err
				}
			case *Dict:
				switch k.Get("Type") {
				case Name("MCR"):
					p, _ := k.Get("Pg").(Ref)
					id, _ := k.Get("MCID").(Int)
					out[mcKey{int(p), int(id)}] = num
				case Name("OBJR"):
					o, _ := k.Get("Obj").(Ref)
					out[mcKey{-int(o), 0}] = num
				}
			}
		}
		return nil
	}
	k := str.Get("K")
	kids, ok := k.(Array)
	if !ok {
		kids = Array{k}
	}
	for _, r := range kids {
		ref, ok := r.(Ref)
		if !ok {
			return nil, fmt.Errorf("structure tree: root kid is not an element")
		}
		if err := walk(int(ref), 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// paints are the operators that put marks on the page (ISO 32000-1,
// tables 59, 60, 87, 107, 109).
var paints = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true,
	"S": true, "s": true, "f": true, "F": true, "f*": true, "B": true, "B*": true, "b": true, "b*": true,
	"Do": true, "sh": true, "BI": true,
}

// pageMarks reads a page's content and returns its MCIDs in order,
// failing when a painting operator is outside marked content, when
// marked content is unbalanced or nested inside content with an MCID, or
// when an MCID repeats.
func pageMarks(f *File, pd *Dict) ([]int, error) {
	data, err := pageContent(f, pd)
	if err != nil {
		return nil, err
	}
	m := marks{seen: map[int]bool{}}
	var operands []Object
	p := &parser{b: data}
	for {
		p.skip()
		if p.pos >= len(p.b) {
			break
		}
		c := p.b[p.pos]
		if regular(c) && !(c >= '0' && c <= '9') && c != '-' && c != '+' && c != '.' {
			op := p.token()
			if op == "" {
				// A lone delimiter such as ' or " is an operator too.
				op = string(c)
				p.pos++
			}
			if op == "true" || op == "false" || op == "null" {
				operands = append(operands, Keyword(op))
				continue
			}
			if err := m.operator(op, operands); err != nil {
				return nil, err
			}
			operands = operands[:0]
			continue
		}
		o, err := p.object()
		if err != nil {
			return nil, err
		}
		operands = append(operands, o)
	}
	return m.end()
}

// pageContent returns a page's content streams, decoded and joined.
func pageContent(f *File, pd *Dict) ([]byte, error) {
	var data []byte
	cs, err := f.Resolve(pd.Get("Contents"))
	if err != nil {
		return nil, err
	}
	streams := []Object{cs}
	if a, ok := cs.(Array); ok {
		streams = a
	}
	for _, s := range streams {
		s, err := f.Resolve(s)
		if err != nil {
			return nil, err
		}
		st, ok := s.(*Stream)
		if !ok {
			return nil, fmt.Errorf("content is not a stream")
		}
		b, err := st.Decode()
		if err != nil {
			return nil, err
		}
		data = append(append(data, b...), '\n')
	}
	return data, nil
}

// marks follows the marked-content sequences of a page's content.
type marks struct {
	ids    []int        // the MCIDs, in order
	seen   map[int]bool // the MCIDs met
	stack  []bool       // the open sequences: whether each has an MCID
	tagged int          // the open sequences with an MCID
}

// operator takes operator op, with its operands: it opens or closes a
// marked-content sequence, or fails when it paints outside one.
func (m *marks) operator(op string, operands []Object) error {
	switch op {
	case "BMC", "BDC":
		mc := -1
		if op == "BDC" && len(operands) > 0 {
			if d, ok := operands[len(operands)-1].(*Dict); ok {
				if id, ok := d.Get("MCID").(Int); ok {
					mc = int(id)
				}
			}
		}
		if mc >= 0 {
			if m.tagged > 0 {
				return fmt.Errorf("marked content with MCID %d inside another with an MCID", mc)
			}
			if m.seen[mc] {
				return fmt.Errorf("MCID %d used twice", mc)
			}
			m.seen[mc] = true
			m.ids = append(m.ids, mc)
			m.tagged++
		}
		m.stack = append(m.stack, mc >= 0)
	case "EMC":
		if len(m.stack) == 0 {
			return fmt.Errorf("EMC without BMC or BDC")
		}
		if m.stack[len(m.stack)-1] {
			m.tagged--
		}
		m.stack = m.stack[:len(m.stack)-1]
	default:
		if paints[op] && len(m.stack) == 0 {
			return fmt.Errorf("%q paints outside marked content", op)
		}
	}
	return nil
}

// end returns the MCIDs at the end of the content, failing when a
// sequence is left open or the MCIDs are not numbered in order from 0.
func (m *marks) end() ([]int, error) {
	if len(m.stack) != 0 {
		return nil, fmt.Errorf("%d marked-content sequences not closed", len(m.stack))
	}
	for i, id := range m.ids {
		if id != i {
			return nil, fmt.Errorf("MCIDs are not 0, 1, 2, … in order")
		}
	}
	return m.ids, nil
}
