package readability

import (
	"math"
	"testing"
)

// TestScore: short texts counted by hand. The grade is
// 0.39*(words/sentences) + 11.8*(syllables/words) - 15.59.
func TestScore(t *testing.T) {
	tests := []struct {
		name string
		text string
		want Stats
	}{
		{
			// The(1) cat(1) sat(1) on(1) the(1) mat.(1)
			// 6 words, 1 sentence, 6 syllables:
			// 0.39*6 + 11.8*1 - 15.59 = 2.34 + 11.8 - 15.59 = -1.45
			name: "one-syllable words",
			text: "The cat sat on the mat.",
			want: Stats{Words: 6, Sentences: 1, Syllables: 6, Grade: -1.45},
		},
		{
			// Wash(1) your(1) hands.(1) | Rinse(1, silent e) with(1) wa-ter.(2)
			// 6 words, 2 sentences, 7 syllables:
			// 0.39*3 + 11.8*7/6 - 15.59 = 1.17 + 13.7667 - 15.59 = -0.6533
			name: "two sentences",
			text: "Wash your hands. Rinse with water.",
			want: Stats{Words: 6, Sentences: 2, Syllables: 7, Grade: -0.65},
		},
		{
			// Dr.(1, no vowel: minimum 1; an abbreviation, no sentence end)
			// Lee(1) us-es(2) 2.5(2: two digit runs) ml(1, minimum) of(1)
			// se-rum(2) ev-ery(2) day.(1)
			// 9 words, 1 sentence, 13 syllables:
			// 0.39*9 + 11.8*13/9 - 15.59 = 3.51 + 17.0444 - 15.59 = 4.9644
			name: "abbreviation and decimal",
			text: "Dr. Lee uses 2.5 ml of serum every day.",
			want: Stats{Words: 9, Sentences: 1, Syllables: 13, Grade: 4.96},
		},
		{
			// Use(1) a(1) fra-grance-free(3, one word) cream,(1) e.g.(1, no
			// sentence end) a(1) sim-ple(2) one!(1) | Is(1) it(1) gen-tle?(2)
			// 11 words, 2 sentences, 15 syllables:
			// 0.39*5.5 + 11.8*15/11 - 15.59 = 2.145 + 16.0909 - 15.59 = 2.6459
			name: "hyphen, e.g., ! and ?",
			text: "Use a fragrance-free cream, e.g. a simple one! Is it gentle?",
			want: Stats{Words: 11, Sentences: 2, Syllables: 15, Grade: 2.65},
		},
		{
			// hy-a-lu-ron-ic(5) ac-id(2) se-rum(2) mois-tur-iz-es(4)
			// ir-ri-tat-ed(4) skin.(1)
			// 6 words, 1 sentence, 18 syllables:
			// 0.39*6 + 11.8*3 - 15.59 = 2.34 + 35.4 - 15.59 = 22.15
			name: "long words",
			text: "Hyaluronic acid serum moisturizes irritated skin.",
			want: Stats{Words: 6, Sentences: 1, Syllables: 18, Grade: 22.15},
		},
		{
			// U.S.(1, an abbreviation) sun-screen(2) is(1) test-ed.(2) |
			// It(1) works.(1)
			// 6 words, 2 sentences, 8 syllables:
			// 0.39*3 + 11.8*8/6 - 15.59 = 1.17 + 15.7333 - 15.59 = 1.3133
			name: "U.S.",
			text: "U.S. sunscreen is tested. It works.",
			want: Stats{Words: 6, Sentences: 2, Syllables: 8, Grade: 1.31},
		},
		{
			// Call(1) (207)(1) 555-0142(2, one word) to-day(2) —(no word)
			// we’re(1) “here”.(1, the period before the quote ends it)
			// 6 words, 1 sentence, 8 syllables:
			// 0.39*6 + 11.8*8/6 - 15.59 = 2.34 + 15.7333 - 15.59 = 2.4833
			name: "phone number, dash and quotes",
			text: "Call (207) 555-0142 today \u2014 we\u2019re \u201chere.\u201d",
			want: Stats{Words: 6, Sentences: 1, Syllables: 8, Grade: 2.48},
		},
		{
			// Ap-ply(2) 1,000(2: two digit runs) times?(1) | No!(1)
			// 4 words, 2 sentences, 6 syllables:
			// 0.39*2 + 11.8*1.5 - 15.59 = 0.78 + 17.7 - 15.59 = 2.89
			name: "thousands and questions",
			text: "Apply 1,000 times? No!",
			want: Stats{Words: 4, Sentences: 2, Syllables: 6, Grade: 2.89},
		},
		{
			// Call(1) us(1) | blank line | We(1) can(1) help(1)
			// 5 words, 2 sentences (a blank line ends one), 5 syllables:
			// 0.39*2.5 + 11.8*1 - 15.59 = 0.975 + 11.8 - 15.59 = -2.815
			name: "blank line ends a sentence",
			text: "Call us\n\nWe can help",
			want: Stats{Words: 5, Sentences: 2, Syllables: 5, Grade: -2.815},
		},
		{
			name: "empty",
			text: " \n\n ",
			want: Stats{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Score(tt.text)
			if got.Words != tt.want.Words || got.Sentences != tt.want.Sentences || got.Syllables != tt.want.Syllables ||
				math.Abs(got.Grade-tt.want.Grade) >= 0.01 {
				t.Errorf("Score(%q) = %+v, want %+v", tt.text, got, tt.want)
			}
		})
	}
}

// TestSyllables: common words, with the count of a dictionary's (first)
// pronunciation.
func TestSyllables(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		{"the", 1},
		{"make", 1},
		{"table", 2},
		{"serum", 2},
		{"hyaluronic", 5},
		{"sunscreen", 2},
		{"moisturizer", 4},
		{"fire", 1}, // the silent-e reading; some dictionaries also give fi-er
		{"every", 2},
		{"created", 3},
		{"wanted", 2},
		{"uses", 2},
		{"skin", 1},
		{"water", 2},
		{"gentle", 2},
		{"simple", 2},
		{"collagen", 3},
		{"fragrance", 2},
		{"irritation", 4},
		{"peptides", 2},
		{"titanium", 4},
		{"dioxide", 3},
		{"ingredient", 4},
		{"usually", 4},
		{"being", 2},
		{"saying", 2},
		{"people", 2},
		{"makes", 1},
		{"tables", 2},
		{"used", 1},
		{"needed", 2},
		{"safely", 2},
		{"careful", 2},
		{"eyes", 1},
		{"layer", 2},
		{"you", 1},
		{"quiet", 2},
		{"unique", 2},
		{"radio", 3},
		{"various", 3},
		{"delicious", 3},
		{"lotion", 2},
		{"friend", 1},
		{"reach", 1},
		{"acne", 2},
		{"microneedling", 4},
		{"everyone", 3},
		{"Collagen", 3},
		{"fragrance-free", 3},
		{"non-comedogenic", 6},
		{"don\u2019t", 1},
		{"48", 1},
		{"2.5", 2},
		{"SPF", 1}, // no vowel: the minimum
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := Syllables(tt.word); got != tt.want {
				t.Errorf("Syllables(%q) = %d, want %d", tt.word, got, tt.want)
			}
		})
	}
}

func TestText(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want string
	}{
		{
			name: "heading and paragraph",
			md:   "# Caring for *your* skin\n\nRinse with **water**\nonly. Pat dry.\n",
			want: "Caring for your skin.\n\nRinse with water only. Pat dry.",
		},
		{
			name: "list items are sentences",
			md:   "Skip these:\n\n- Makeup\n- Scrubs, for now\n  - even soft ones\n- [ ] Tick me!\n",
			want: "Skip these.\n\nMakeup.\n\nScrubs, for now.\n\neven soft ones.\n\nTick me!",
		},
		{
			name: "table cells are sentences",
			md:   "| When | What |\n|---|---|\n| Day 1 | Red. |\n| | Dry |\n",
			want: "When.\n\nWhat.\n\nDay 1.\n\nRed.\n\nDry.",
		},
		{
			name: "links, escapes, typographer, boxes",
			md:   "::: warning\n## Call us\n\nCall [\\(207\\) 555-0142](tel:2075550142) or [care\\_desk](mailto:a@b.example). It's \"fine\"\n:::\n\n> **Tip:** ask us\n",
			want: "Call us.\n\nCall (207) 555-0142 or care_desk. It\u2019s \u201cfine\u201d.\n\nTip: ask us.",
		},
		{
			name: "images and page breaks are not prose",
			md:   "![a logo](logo.png)\n\n::: pagebreak\n\nDone\n",
			want: "Done.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Text([]byte(tt.md)); got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.md, got, tt.want)
			}
		})
	}
}

// TestTextScore: Text's sentences are what Score counts.
func TestTextScore(t *testing.T) {
	// Steps.(1) | Wash.(1) | Rinse(1) well.(1): 4 words, 3 sentences,
	// 4 syllables: 0.39*4/3 + 11.8 - 15.59 = 0.52 + 11.8 - 15.59 = -3.27
	md := "## Steps\n\n- Wash\n- Rinse well\n"
	want := Stats{Words: 4, Sentences: 3, Syllables: 4, Grade: -3.27}
	text := Text([]byte(md))
	got := Score(text)
	if got.Words != want.Words || got.Sentences != want.Sentences || got.Syllables != want.Syllables || math.Abs(got.Grade-want.Grade) >= 0.01 {
		t.Errorf("Score(%q) = %+v, want %+v", text, got, want)
	}
}
