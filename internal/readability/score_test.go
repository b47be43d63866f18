package readability

// Stats are the counts of English text and its Flesch-Kincaid grade, as
// Score returns them: what the tests of Count and the English formula
// compare against.
type Stats struct {
	Words     int
	Sentences int
	Syllables int
	Grade     float64 // Flesch-Kincaid grade level; 0 when there are no words
}

// Score counts English text (Count) and adds its Flesch-Kincaid grade.
func Score(text string) Stats {
	c := count(text, english)
	return Stats{Words: c.Words, Sentences: c.Sentences, Syllables: c.Syllables, Grade: FleschKincaidGrade(c)}
}
