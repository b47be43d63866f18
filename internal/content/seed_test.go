package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

const (
	seedDir        = "../../../shared/seeds" // ../shared/seeds from the repository root
	seedContentDir = "../../content"
	seedGram       = 8 // words in a run that must not be copied
)

// seedWords normalises s for comparison: lower case, curly quotes made
// straight, words as runs of letters, digits and apostrophes (apostrophes
// at either end of a word, i.e. quote marks, dropped). line holds each
// word's line number.
func seedWords(s string) (words []string, line []int) {
	s = strings.NewReplacer("\u2018", "'", "\u2019", "'", "\u201c", `"`, "\u201d", `"`).Replace(strings.ToLower(s))
	n := 1
	var cur strings.Builder
	flush := func() {
		if w := strings.Trim(cur.String(), "'"); w != "" {
			words = append(words, w)
			line = append(line, n)
		}
		cur.Reset()
	}
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' {
			cur.WriteRune(r)
			continue
		}
		flush()
		if r == '\n' {
			n++
		}
	}
	flush()
	return words, line
}

// TestNoSeedSentences: no run of 8 words of the seed document (the source
// of facts, ../shared/seeds/*.txt) appears in any file under content/: the
// handouts state its facts in their own words.
func TestNoSeedSentences(t *testing.T) {
	dir := seedDir
	if d := os.Getenv("HANDOUTS_SEEDS"); d != "" {
		dir = d
	}
	seeds, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(seeds) == 0 {
		// The seeds live beside the repository (shared/, as CI lays it
		// out), not in it; a clone on its own has none to compare with.
		msg := "NO SEED DOCUMENTS in " + dir + " (../shared/seeds/*.txt from the repository root, or $HANDOUTS_SEEDS): the check for copied sentences did not run"
		t.Log("!!! " + msg)
		t.Skip(msg)
	}
	grams := map[string]string{} // 8-gram -> seed file
	for _, f := range seeds {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		w, _ := seedWords(string(data))
		for i := 0; i+seedGram <= len(w); i++ {
			grams[strings.Join(w[i:i+seedGram], " ")] = filepath.Base(f)
		}
	}
	if len(grams) == 0 {
		t.Fatalf("the seed documents %v hold fewer than %d words", seeds, seedGram)
	}
	files := 0
	err := filepath.WalkDir(seedContentDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) {
			return nil // images
		}
		files++
		w, line := seedWords(string(data))
		for i := 0; i+seedGram <= len(w); i++ {
			g := strings.Join(w[i:i+seedGram], " ")
			if seed, ok := grams[g]; ok {
				rel, _ := filepath.Rel(seedContentDir, p)
				t.Errorf("content/%s:%d: %q is copied from the seed %s; say it in your own words", filepath.ToSlash(rel), line[i], g, seed)
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no text files under %s", seedContentDir)
	}
}
