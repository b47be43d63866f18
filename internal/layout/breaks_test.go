package layout

import (
	"reflect"
	"sync"
	"testing"
)

// counting is mono that counts its calls, to tell a remembered paragraph
// from one broken again.
type counting struct {
	mu sync.Mutex
	n  int
}

func (c *counting) Width(face Face, size float64, s string) float64 {
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
	return mono{}.Width(face, size, s)
}

// breaksSpans is a paragraph with a link (its own element) between text
// of the paragraph's element, as the PDF builder makes one.
func breaksSpans(p, link *Node) []Span {
	st := Style{Size: 10}
	return []Span{
		{Text: "Call the clinic at ", Style: st, Tag: p},
		{Text: "(207) 555-0142", Style: Style{Size: 10, Underline: true}, Link: "tel:2075550142", Tag: link},
		{Text: " or read example.com/aftercare/harbor/sheet.html for more.", Style: st, Tag: p},
	}
}

// TestBreaksSameLines: a remembered paragraph's lines are Break's, with
// the caller's own structure elements, for every paragraph that shares
// the text; and a change of width, text or element pattern is broken
// anew.
func TestBreaksSameLines(t *testing.T) {
	var c Breaks
	m := &counting{}
	p1, l1 := &Node{Role: RoleP}, &Node{Role: RoleLink}
	first := c.Break(m, breaksSpans(p1, l1), 14, 1.35)
	if want := Break(mono{}, breaksSpans(p1, l1), 14, 1.35); !reflect.DeepEqual(first, want) {
		t.Fatalf("first Break = %+v, want %+v", first, want)
	}
	calls := m.n
	p2, l2 := &Node{Role: RoleP}, &Node{Role: RoleLink}
	again := c.Break(m, breaksSpans(p2, l2), 14, 1.35)
	if m.n != calls {
		t.Errorf("the same paragraph was measured again (%d calls, %d before)", m.n, calls)
	}
	if want := Break(mono{}, breaksSpans(p2, l2), 14, 1.35); !reflect.DeepEqual(again, want) {
		t.Fatalf("remembered Break = %+v, want %+v", again, want)
	}
	for _, l := range again {
		for _, s := range l.Spans {
			if s.Tag != p2 && s.Tag != l2 {
				t.Fatalf("span %q has element %p, not the caller's (%p, %p)", s.Text, s.Tag, p2, l2)
			}
		}
	}
	// Changing the lines handed out does not change what is remembered.
	again[0].Spans[0].Text = "changed"
	if third := c.Break(m, breaksSpans(p1, l1), 14, 1.35); !reflect.DeepEqual(third, first) {
		t.Errorf("after a caller changed its lines, Break = %+v, want %+v", third, first)
	}
	for name, spans := range map[string][]Span{
		"one element for all": breaksSpans(p1, p1),
		"other text":          append(breaksSpans(p1, l1), Span{Text: " Thanks.", Style: Style{Size: 10}, Tag: p1}),
	} {
		calls := m.n
		got := c.Break(m, spans, 14, 1.35)
		if m.n == calls {
			t.Errorf("%s: remembered lines of another paragraph", name)
		}
		if want := Break(mono{}, spans, 14, 1.35); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Break = %+v, want %+v", name, got, want)
		}
	}
	calls = m.n
	if got, want := c.Break(m, breaksSpans(p1, l1), 20, 1.35), Break(mono{}, breaksSpans(p1, l1), 20, 1.35); !reflect.DeepEqual(got, want) || m.n == calls {
		t.Errorf("another width: Break = %+v, want %+v (measured anew: %v)", got, want, m.n != calls)
	}
}

// TestBreaksNilAndEmpty: a nil *Breaks breaks every time; empty input
// gives what Break gives (no lines), remembered or not.
func TestBreaksNilAndEmpty(t *testing.T) {
	var nilBreaks *Breaks
	if got, want := nilBreaks.Break(mono{}, breaksSpans(nil, nil), 14, 1.35), Break(mono{}, breaksSpans(nil, nil), 14, 1.35); !reflect.DeepEqual(got, want) {
		t.Errorf("nil Breaks: %+v, want %+v", got, want)
	}
	var c Breaks
	for range 2 {
		if got := c.Break(mono{}, nil, 14, 1.35); got != nil {
			t.Errorf("no spans: %+v, want nil", got)
		}
	}
}

// TestBreaksBounded: a Breaks keeps at most MaxBreaks paragraphs: the
// next one past them starts it afresh; every paragraph is broken right.
func TestBreaksBounded(t *testing.T) {
	var c Breaks
	st := Style{Size: 10}
	for i := range MaxBreaks + 10 {
		w := 5 + float64(i)/1000
		got := c.Break(mono{}, []Span{{Text: "one two three", Style: st}}, w, 1.35)
		if want := Break(mono{}, []Span{{Text: "one two three", Style: st}}, w, 1.35); !reflect.DeepEqual(got, want) {
			t.Fatalf("paragraph %d: %+v, want %+v", i, got, want)
		}
	}
	if c.Len() != 10 {
		t.Errorf("kept %d paragraphs, want the 10 since it was full", c.Len())
	}
	// The last ones are remembered.
	m := &counting{}
	c.by[m] = c.by[mono{}]
	c.Break(m, []Span{{Text: "one two three", Style: st}}, 5+float64(MaxBreaks+9)/1000, 1.35)
	if m.n != 0 {
		t.Errorf("the last paragraph was measured again")
	}
}

// TestBreaksConcurrent: workers share one Breaks (run with -race).
func TestBreaksConcurrent(t *testing.T) {
	var c Breaks
	want := Break(mono{}, breaksSpans(nil, nil), 14, 1.35)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				if got := c.Break(mono{}, breaksSpans(nil, nil), 14, 1.35); !reflect.DeepEqual(got, want) {
					t.Errorf("concurrent Break = %+v, want %+v", got, want)
					return
				}
			}
		})
	}
	wg.Wait()
}
