package content

import "testing"

// TestPaperSizes: every paper in the table has a size and a CSS keyword;
// an unknown one is an error naming them all, never a zero page.
func TestPaperSizes(t *testing.T) {
	want := map[Paper]PaperSize{PaperLetter: {612, 792, "letter"}, PaperA4: {595.28, 841.89, "A4"}}
	if got := Papers(); len(got) != len(want) {
		t.Fatalf("Papers() = %v, want the %d sizes this test knows", got, len(want))
	}
	for _, p := range Papers() {
		s, err := p.Size()
		if err != nil || s != want[p] || s.W <= 0 || s.H <= s.W || s.CSS == "" {
			t.Errorf("%s.Size() = %+v, %v; want %+v", p, s, err, want[p])
		}
	}
	s, err := Paper("legal").Size()
	if err == nil || err.Error() != `paper "legal": use letter or a4` || s != (PaperSize{}) {
		t.Errorf(`Paper("legal").Size() = %+v, %v; want an error naming letter and a4`, s, err)
	}
}
