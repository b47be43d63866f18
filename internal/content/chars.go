package content

import "fmt"

// bidiNames are the invisible characters that change the direction of
// the text around them. A patient cannot see them, yet an override can
// print "2 hours" so that it reads "sruoh 2", or reorder the words of an
// instruction; the HTML page and a copy-paste would show the text one way
// and the PDF another. Handouts are written left to right, so none of
// them has a use here.
var bidiNames = map[rune]string{
	0x061C: "Arabic letter mark",
	0x200E: "left-to-right mark",
	0x200F: "right-to-left mark",
	0x202A: "left-to-right embedding",
	0x202B: "right-to-left embedding",
	0x202C: "pop directional formatting",
	0x202D: "left-to-right override",
	0x202E: "right-to-left override",
	0x2066: "left-to-right isolate",
	0x2067: "right-to-left isolate",
	0x2068: "first strong isolate",
	0x2069: "pop directional isolate",
}

// Unprintable returns the first character of s that must never be
// printed: a control character (C0 or C1, or DEL; tab, line feed and
// carriage return are white space and allowed), a bidirectional control
// (see bidiNames), or U+FFFD, which stands in for a NUL or a broken
// character (goldmark prints "&#0;" as U+FFFD). It reports false when
// there is none. WhyUnprintable words the problem.
func Unprintable(s string) (rune, bool) {
	for _, r := range s {
		if unprintable(r) {
			return r, true
		}
	}
	return 0, false
}

func unprintable(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return false
	case r < 0x20 || (r >= 0x7F && r <= 0x9F):
		return true
	}
	return bidiNames[r] != "" || r == 0xFFFD
}

// WhyUnprintable says what is wrong with r, a character Unprintable
// found, and what to do. ref is how r was written when it came from an
// entity or character reference ("&#x202E;"), or "". Callers put the
// file, line and field in front.
func WhyUnprintable(r rune, ref string) string {
	c := fmt.Sprintf("character U+%04X", r)
	if name := bidiNames[r]; name != "" {
		c += " (" + name + ")"
	} else if r == 0xFFFD {
		c += " (replacement character)"
	}
	if ref != "" {
		c += fmt.Sprintf(", written %q,", ref)
	}
	switch {
	case bidiNames[r] != "":
		return c + " is an invisible control that reorders the text around it, so the handout would not read as written; remove it"
	case r == 0xFFFD:
		return c + " stands for a NUL or a broken character; remove it or write the character you meant"
	}
	return c + " is a control character, which prints as nothing or as a box; remove it"
}
