package content

import (
	"testing"

	"handouts/internal/golden"
	"handouts/internal/lang"
)

func TestSpeller(t *testing.T) {
	s := &Spelling{
		Pairs: []SpellingPair{{"color", "colour"}, {"moisturizer", "moisturiser"}, {"anti-aging", "anti-ageing"},
			{"aging", "ageing"}, {"percent", "per cent"}, {"center", "centre"}},
		CAKeepsUS: []string{"moisturizer", "aging", "anti-aging"},
	}
	in := "Color: our Moisturizer CENTER, 10 percent anti-aging; colorful MoisturizerX {{skin.color}}"
	tests := []struct{ tag, want string }{
		{"en-US", in},
		{"es-US", in},
		{"en-GB", "Colour: our Moisturiser CENTRE, 10 per cent anti-ageing; colorful MoisturizerX {{skin.color}}"},
		{"en-AU", "Colour: our Moisturiser CENTRE, 10 per cent anti-ageing; colorful MoisturizerX {{skin.color}}"},
		{"en-CA", "Colour: our Moisturizer CENTRE, 10 per cent anti-aging; colorful MoisturizerX {{skin.color}}"},
	}
	for _, tt := range tests {
		l, _ := lang.Get(tt.tag)
		if got := s.For(l).Markdown(in); got != tt.want {
			t.Errorf("%s: Markdown(%q) =\n%q, want\n%q", tt.tag, in, got, tt.want)
		}
	}
}

// TestSpellingFile: spelling.yaml is read strictly, and its mistakes are
// named with file and line.
func TestSpellingFile(t *testing.T) {
	tests := []struct{ yaml, want string }{
		{"pairs:\n  - {us: color, gb: colour}\n  - {us: color, gb: colour}\n", `content/spelling.yaml:3: "color" is listed twice (first at line 2); keep one pair`},
		{"pairs:\n  - {us: Color, gb: colour}\n", `content/spelling.yaml:2: pair "Color", "colour": write both spellings as lower-case words (letters, hyphens or one space)`},
		{"pairs:\n  - {us: color, gb: colour}\nca_keeps_us: [colour]\n", `content/spelling.yaml:3: ca_keeps_us: "colour" is not the us of any pair; list only words that pairs: respells`},
		{"pair:\n  - {us: color, gb: colour}\n", `content/spelling.yaml:1: unknown key "pair"; did you mean "pairs"? Allowed keys here: pairs, ca_keeps_us, au_keeps_us`},
	}
	for _, tt := range tests {
		files, _ := golden.Tree(t, "testdata/base.txtar")
		files["spelling.yaml"] = []byte(tt.yaml)
		_, err := Load(golden.MapFS(files), "content")
		if err == nil || err.Error() != tt.want {
			t.Errorf("Load(%q) = %v, want %s", tt.yaml, err, tt.want)
		}
	}
}
