package html

import (
	"bytes"
	"fmt"
	"html"
	"unicode/utf8"

	"handouts/internal/webfont"
)

// Typeface is the body typeface a page embeds, as on paper: its regular
// and bold faces (italic is left to the browser's slant, to keep pages
// small), each cut down to the characters of the page it goes into.
type Typeface struct {
	Family        string // the CSS family name, e.g. "Atkinson Hyperlegible"
	Regular, Bold *webfont.Font
}

// NewTypeface parses the regular and bold TrueType faces of family.
func NewTypeface(family string, regular, bold []byte) (*Typeface, error) {
	r, err := webfont.Parse(regular)
	if err != nil {
		return nil, fmt.Errorf("regular face: %v", err)
	}
	b, err := webfont.Parse(bold)
	if err != nil {
		return nil, fmt.Errorf("bold face: %v", err)
	}
	return &Typeface{Family: family, Regular: r, Bold: b}, nil
}

// styleTag is where the @font-face rules go: first in the page's first
// style element.
const styleTag = "<style>"

// pageChars returns the distinct characters of a rendered page, with
// character references decoded, leaving out what the page does not show
// in its typeface (data: URIs and scripts), so the subset holds only the
// glyphs the page can show. Markup and style sheet characters are
// counted too: they are few, and a page's own text uses most of them.
func pageChars(page []byte) string {
	var ascii [utf8.RuneSelf]bool
	seen := map[rune]bool{}
	var out []rune
	add := func(r rune) {
		if !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	for i := 0; i < len(page); {
		switch c := page[i]; {
		case c == 'd' && bytes.HasPrefix(page[i:], []byte("data:")):
			end := bytes.IndexAny(page[i:], "\"')")
			if end < 0 {
				return string(out)
			}
			i += end
		case c == '<' && bytes.HasPrefix(page[i:], []byte("<script")):
			end := bytes.Index(page[i:], []byte("</script>"))
			if end < 0 {
				return string(out)
			}
			i += end + len("</script>")
		case c == '&':
			end := bytes.IndexByte(page[i:min(len(page), i+12)], ';')
			if end < 0 {
				add('&')
				i++
				continue
			}
			for _, r := range html.UnescapeString(string(page[i : i+end+1])) {
				add(r)
			}
			i += end + 1
		case c < utf8.RuneSelf:
			if c >= ' ' && !ascii[c] {
				ascii[c] = true
				add(rune(c))
			}
			i++
		default:
			r, n := utf8.DecodeRune(page[i:])
			add(r)
			i += n
		}
	}
	return string(out)
}

// EmbedFont puts @font-face rules for tf, subset to the characters of the
// rendered page, at the start of the page's first style element. Without
// tf, or without a style element, the page is returned as it is.
func EmbedFont(page []byte, tf *Typeface) ([]byte, error) {
	at := bytes.Index(page, []byte(styleTag))
	if tf == nil || at < 0 {
		return page, nil
	}
	at += len(styleTag)
	text := pageChars(page)
	var css bytes.Buffer
	for _, face := range []struct {
		weight int
		font   *webfont.Font
	}{{400, tf.Regular}, {700, tf.Bold}} {
		w, err := face.font.WOFFBase64(text)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&css, "@font-face { font-family: %q; font-style: normal; font-weight: %d; font-display: swap; src: url(data:font/woff;base64,%s) format(\"woff\"); }\n",
			tf.Family, face.weight, w)
	}
	out := make([]byte, 0, len(page)+css.Len())
	out = append(out, page[:at]...)
	out = append(out, '\n')
	out = append(out, css.Bytes()...)
	return append(out, page[at:]...), nil
}
