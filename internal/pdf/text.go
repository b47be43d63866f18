package pdf

import (
	"bytes"
	"regexp"
	"strings"

	"handouts/internal/content"
	"handouts/internal/markdown"
)

// reReference finds what may be an entity or a character reference.
var reReference = regexp.MustCompile(`&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]*);`)

// Reference returns the entity or character reference in raw (a text
// node's source) that stands for r, such as "&#x202E;", or "" when r is
// not written as one.
func Reference(raw []byte, r rune) string {
	for _, ref := range reReference.FindAll(raw, -1) {
		if strings.ContainsRune(markdown.Decode(ref), r) {
			return string(ref)
		}
	}
	return ""
}

// printable fails (at byte offset at) when text, the decoded characters
// of raw, holds a character that must never be printed (a control or
// bidirectional character, or U+FFFD), naming the reference it was
// written as, if any. It reports whether text may be printed.
func (b *builder) printable(text string, raw []byte, at int) bool {
	r, bad := content.Unprintable(text)
	if !bad {
		return true
	}
	ref := ""
	if !bytes.ContainsRune(raw, r) {
		ref = Reference(raw, r)
	}
	b.fail(at, "%s", content.WhyUnprintable(r, ref))
	return false
}
