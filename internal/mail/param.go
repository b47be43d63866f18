package mail

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// paramTokens gives a MIME header parameter ("filename") for writeField,
// each token ending in ";" but the last. An ASCII value is one quoted
// string. Any other value is written in UTF-8 in RFC 2231 extended
// notation (filename* = charset, two apostrophes, percent-encoded bytes);
// a long one is cut into numbered continuations (filename*0*=…;
// filename*1*=…), each on its own
// line, never splitting a character. RFC 2047 encoded-words are not
// allowed inside parameters (RFC 2047 section 5), so they are not used
// here. The parameter is written once: a header holding both a plain and
// an extended form leaves readers to choose (Go takes the extended,
// Python's email package the plain), so the ASCII fallback goes in
// another header (see Compose).
func paramTokens(key, value string) []string {
	if isASCII(value) {
		return []string{key + "=" + quote(value)}
	}
	var tokens []string
	const charset = "utf-8''"
	// Room for one continuation: a folded line is " " + token + ";".
	room := maxLine - 2
	if whole := key + "*=" + charset + pctEncode(value); len(whole) <= room {
		return []string{whole}
	}
	var piece strings.Builder
	n := 0
	head := func() string {
		h := fmt.Sprintf("%s*%d*=", key, n)
		if n == 0 {
			h += charset
		}
		return h
	}
	for _, r := range value {
		enc := pctEncode(string(r))
		if piece.Len() > 0 && len(head())+piece.Len()+len(enc) > room {
			tokens = append(tokens, head()+piece.String())
			piece.Reset()
			n++
		}
		piece.WriteString(enc)
	}
	return joinParams(append(tokens, head()+piece.String()))
}

// joinParams ends every token but the last with ";".
func joinParams(tokens []string) []string {
	for i := range tokens[:len(tokens)-1] {
		tokens[i] += ";"
	}
	return tokens
}

// quote writes s as an RFC 2045 quoted-string.
func quote(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// pctEncode writes s in RFC 2231 / RFC 5987 percent encoding: attr-chars
// as themselves, every other byte as %XX.
func pctEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// asciiFallback spells s in ASCII for readers without RFC 2231: letters
// lose their accents ("José" -> "Jose"), anything else becomes "_".
func asciiFallback(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < utf8.RuneSelf && r >= 0x20 && r != 0x7f:
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}
