package mail

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxLine is the longest header line we write where we can choose: RFC
// 2047 section 2 limits a line holding an encoded-word to 76 characters,
// which is also under RFC 5322's recommended 78.
const maxLine = 76

// hardLine is RFC 5322's limit on any line, CRLF excluded.
const hardLine = 998

// checkHeaderText refuses a value that cannot stand in a header as one
// line: invalid UTF-8, any control character (C0 including CR, LF and tab,
// DEL, C1) and the Unicode line and paragraph separators. A CR or LF in a
// header value is how header injection works; we refuse rather than strip.
// The error names the field and the character, never the value, which may
// be the patient's name or address.
func checkHeaderText(field, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("mail: %s is not valid UTF-8; give text in UTF-8", field)
	}
	for i, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == '\u2028' || r == '\u2029' {
			return fmt.Errorf("mail: %s contains %s (U+%04X at byte %d); a header is one line of text: remove line breaks and control characters",
				field, controlName(r), r, i)
		}
	}
	return nil
}

// controlName says in words which control character r is.
func controlName(r rune) string {
	switch r {
	case '\r':
		return "a carriage return"
	case '\n':
		return "a line feed"
	case '\t':
		return "a tab"
	case '\u2028', '\u2029':
		return "a line separator"
	}
	return "a control character"
}

// isASCII reports whether s is all printable ASCII or space.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// writeField writes one header field: the name, a colon, and the tokens
// separated by single spaces, folded (CRLF and a space in place of a
// separating space) so that each line stays within maxLine where a token
// allows. A fold goes only between two non-empty tokens, so readers that
// collapse folding whitespace (Go's net/textproto does) read back the same
// value. A token is never split; one longer than hardLine is refused.
func writeField(b *bytes.Buffer, name string, tokens []string) error {
	b.WriteString(name)
	b.WriteByte(':')
	col := len(name) + 1
	for i, t := range tokens {
		if len(t) > hardLine-2 {
			return fmt.Errorf("mail: %s has a word of %d characters; a header line may hold at most %d: use shorter words", name, len(t), hardLine-2)
		}
		if i > 0 && t != "" && tokens[i-1] != "" && col+1+len(t) > maxLine {
			b.WriteString("\r\n")
			col = 0
		}
		b.WriteByte(' ')
		b.WriteString(t)
		col += 1 + len(t)
	}
	b.WriteString("\r\n")
	return nil
}

// textTokens splits an unstructured header value (a subject) into tokens
// for writeField: its words when it is plain ASCII, else RFC 2047
// encoded-words sized so the first fits after "Name: " and the rest on
// their own folded lines.
func textTokens(name, s string) []string {
	if isASCII(s) && !strings.Contains(s, "=?") {
		return strings.Split(s, " ")
	}
	return encodeWords(s, maxLine-len(name)-2)
}

// phraseTokens gives the tokens of a display name (an RFC 5322 phrase):
// atoms as they are, other ASCII as one quoted string, and anything else as
// encoded-words restricted to the characters RFC 2047 section 5(3) allows
// in a phrase.
func phraseTokens(s string, first int) []string {
	if !isASCII(s) || strings.Contains(s, "=?") {
		return encodeWords(s, first)
	}
	atoms := strings.Split(s, " ")
	plain := true
	for _, a := range atoms {
		if a == "" || strings.IndexFunc(a, func(r rune) bool { return !isAtext(r) }) >= 0 {
			plain = false
			break
		}
	}
	if plain {
		return atoms
	}
	var q strings.Builder
	q.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			q.WriteByte('\\')
		}
		q.WriteByte(s[i])
	}
	q.WriteByte('"')
	return []string{q.String()}
}

// isAtext reports whether r may stand in an RFC 5322 atom.
func isAtext(r rune) bool {
	if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
		return true
	}
	return strings.ContainsRune("!#$%&'*+-/=?^_`{|}~", r)
}

// Encoded-word framing (RFC 2047): "=?utf-8?q?" + text + "?=".
const (
	wordOpenQ = "=?utf-8?q?"
	wordOpenB = "=?utf-8?b?"
	wordClose = "?="
	wordMax   = 75 // RFC 2047 section 2: an encoded-word is at most 75 characters
)

// encodeWords encodes s as RFC 2047 encoded-words in UTF-8: Q encoding,
// which stays readable, unless base64 (B) is much shorter, as for text in
// Chinese or Japanese.
// The first word is at most first characters long (the room left on the
// header's first line), the others at most wordMax, so each sits on a line
// of at most maxLine. A word never splits a character (section 5(3)).
// Decoders drop the space between adjacent encoded-words, so spaces in s
// are encoded inside the words.
func encodeWords(s string, first int) []string {
	useB := qLen(s) > bLen(len(s))*3/2
	size := func(chunk string) int {
		if useB {
			return len(wordOpenB) + bLen(len(chunk)) + len(wordClose)
		}
		return len(wordOpenQ) + qLen(chunk) + len(wordClose)
	}
	room := min(first, wordMax)
	if room < len(wordOpenQ)+len(wordClose)+12 { // not even a 4-byte character in Q: start on the next line
		room = wordMax
	}
	var words []string
	start := 0
	for i, r := range s {
		end := i + utf8.RuneLen(r)
		if i > start && size(s[start:end]) > room {
			words = append(words, encodeWord(s[start:i], useB))
			start = i
			room = wordMax
		}
	}
	if start < len(s) || len(words) == 0 {
		words = append(words, encodeWord(s[start:], useB))
	}
	return words
}

// encodeWord frames one chunk as an encoded-word.
func encodeWord(chunk string, useB bool) string {
	if useB {
		return wordOpenB + base64.StdEncoding.EncodeToString([]byte(chunk)) + wordClose
	}
	var b strings.Builder
	b.WriteString(wordOpenQ)
	for i := 0; i < len(chunk); i++ {
		c := chunk[i]
		switch {
		case c == ' ':
			b.WriteByte('_')
		case qLiteral(c):
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "=%02X", c)
		}
	}
	b.WriteString(wordClose)
	return b.String()
}

// qLiteral reports whether Q encoding may write byte c as itself: the
// characters RFC 2047 section 5(3) allows in a phrase, which are safe in
// every header.
func qLiteral(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '!' || c == '*' || c == '+' || c == '-' || c == '/'
}

// qLen is the length of s in Q encoding.
func qLen(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ' ' || qLiteral(s[i]) {
			n++
		} else {
			n += 3
		}
	}
	return n
}

// bLen is the length of n bytes in base64.
func bLen(n int) int { return (n + 2) / 3 * 4 }
