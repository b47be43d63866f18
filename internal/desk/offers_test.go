package desk

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"handouts/internal/golden"
	"handouts/internal/project"
)

// TestPacketAreasFollowOffers: a visit with microneedling on the face and
// back and dermaplaning, which is for the face only, holds dermaplaning's
// handouts for the face alone and names both areas; dermaplaning on the
// back alone is refused at its treatment file's applies_to:.
func TestPacketAreasFollowOffers(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS(realContent)); err != nil {
		t.Fatal(err)
	}
	files, _ := golden.Tree(t, "../project/testdata/offers.txtar")
	golden.WriteTree(t, dir, files)
	p, err := project.Load(sources(dir))
	if err != nil {
		t.Fatal(err)
	}
	req := PacketRequest{Brand: "harbor", Treatments: []string{"microneedling", "dermaplaning"}, Skin: "dry", Areas: []string{"face", "chest-back"},
		Start: at1030, Sheets: true, Calendar: true}
	pk, err := NewPacket(p, req)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, row := range pk.envs {
		for _, e := range row {
			got = append(got, e.Treatment.ID+" "+e.Area.ID)
		}
	}
	if want := []string{"microneedling face", "microneedling chest-back", "dermaplaning face"}; !slices.Equal(got, want) {
		t.Errorf("packet holds %v, want %v", got, want)
	}
	if _, variant := pk.labels(); variant != "Dry skin · Face + Chest and back" {
		t.Errorf("packet's variant = %q, want both areas", variant)
	}
	if _, err := pk.PDF(); err != nil {
		t.Fatal(err)
	}
	req.Treatments, req.Areas = []string{"dermaplaning"}, []string{"chest-back", "abdomen-thighs"}
	_, err = NewPacket(p, req)
	var re *RequestError
	if !errors.As(err, &re) || re.Field != "treatment" || !strings.Contains(re.Msg, "treatment dermaplaning is for area face only") {
		t.Errorf("dermaplaning on the back and legs: %v, want a treatment error naming applies_to", err)
	}
}
