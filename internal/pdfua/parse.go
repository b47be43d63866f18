package pdfua

import (
	"bytes"
	"fmt"
	"strconv"
)

// parser reads PDF objects (7.3) from b at pos. It knows the syntax fpdf
// writes and the syntax this package writes, which is all of the object
// syntax but streams (File reads those).
type parser struct {
	b   []byte
	pos int
}

func (p *parser) errorf(format string, args ...any) error {
	return fmt.Errorf("pdf offset %d: %s", p.pos, fmt.Sprintf(format, args...))
}

func isSpace(c byte) bool {
	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '
}

// skip passes white space and comments.
func (p *parser) skip() {
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		switch {
		case isSpace(c):
			p.pos++
		case c == '%':
			for p.pos < len(p.b) && p.b[p.pos] != '\n' && p.b[p.pos] != '\r' {
				p.pos++
			}
		default:
			return
		}
	}
}

// token returns the next run of regular characters.
func (p *parser) token() string { return string(p.tokenBytes()) }

// tokenBytes is token without a copy.
func (p *parser) tokenBytes() []byte {
	p.skip()
	start := p.pos
	for p.pos < len(p.b) && regular(p.b[p.pos]) {
		p.pos++
	}
	return p.b[start:p.pos]
}

// object reads one object; a number followed by "G R" is a reference.
func (p *parser) object() (Object, error) {
	p.skip()
	if p.pos >= len(p.b) {
		return nil, p.errorf("unexpected end")
	}
	switch c := p.b[p.pos]; {
	case c == '/':
		p.pos++
		return p.name(), nil
	case c == '(':
		return p.literal()
	case c == '<' && p.pos+1 < len(p.b) && p.b[p.pos+1] == '<':
		return p.dict()
	case c == '<':
		return p.hex()
	case c == '[':
		p.pos++
		var a Array
		for {
			p.skip()
			if p.pos < len(p.b) && p.b[p.pos] == ']' {
				p.pos++
				return a, nil
			}
			o, err := p.object()
			if err != nil {
				return nil, err
			}
			a = append(a, o)
		}
	case regular(c):
		tok := p.token()
		switch tok {
		case "true", "false":
			return Bool(tok == "true"), nil
		case "null":
			return Null{}, nil
		}
		n, err := strconv.Atoi(tok)
		if err != nil {
			if _, ferr := strconv.ParseFloat(tok, 64); ferr != nil {
				return nil, p.errorf("unexpected %q", tok)
			}
			return Keyword(tok), nil
		}
		// A reference is "num gen R".
		save := p.pos
		if gen := p.token(); gen != "" {
			if _, err := strconv.Atoi(gen); err == nil && p.token() == "R" {
				return Ref(n), nil
			}
		}
		p.pos = save
		return Int(n), nil
	}
	return nil, p.errorf("unexpected %q", p.b[p.pos])
}

func (p *parser) name() Name {
	var b []byte
	for p.pos < len(p.b) && regular(p.b[p.pos]) {
		c := p.b[p.pos]
		if c == '#' && p.pos+2 < len(p.b) {
			if v, err := strconv.ParseUint(string(p.b[p.pos+1:p.pos+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				p.pos += 3
				continue
			}
		}
		b = append(b, c)
		p.pos++
	}
	return Name(b)
}

func (p *parser) dict() (Object, error) {
	p.pos += 2
	d := &Dict{}
	for {
		p.skip()
		if bytes.HasPrefix(p.b[p.pos:], []byte(">>")) {
			p.pos += 2
			return d, nil
		}
		k, err := p.object()
		if err != nil {
			return nil, err
		}
		name, ok := k.(Name)
		if !ok {
			return nil, p.errorf("dictionary key is not a name")
		}
		v, err := p.object()
		if err != nil {
			return nil, err
		}
		d.Set(name, v)
	}
}

// literal reads a (string) with its escapes (7.3.4.2).
func (p *parser) literal() (Object, error) {
	p.pos++
	var b []byte
	depth := 0
	for p.pos < len(p.b) {
		c := p.b[p.pos]
		p.pos++
		switch c {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return String(b), nil
			}
			depth--
		case '\\':
			if p.pos >= len(p.b) {
				break
			}
			e := p.b[p.pos]
			p.pos++
			switch e {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case 't':
				c = '\t'
			case 'b':
				c = '\b'
			case 'f':
				c = '\f'
			case '\r':
				if p.pos < len(p.b) && p.b[p.pos] == '\n' {
					p.pos++
				}
				continue
			case '\n':
				continue
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for k := 0; k < 2 && p.pos < len(p.b) && p.b[p.pos] >= '0' && p.b[p.pos] <= '7'; k++ {
						v = v*8 + int(p.b[p.pos]-'0')
						p.pos++
					}
					c = byte(v)
				} else {
					c = e
				}
			}
		}
		b = append(b, c)
	}
	return nil, p.errorf("unterminated string")
}

func (p *parser) hex() (Object, error) {
	p.pos++
	var digits []byte
	for p.pos < len(p.b) && p.b[p.pos] != '>' {
		if c := p.b[p.pos]; !isSpace(c) {
			digits = append(digits, c)
		}
		p.pos++
	}
	if p.pos >= len(p.b) {
		return nil, p.errorf("unterminated hex string")
	}
	p.pos++
	if len(digits)%2 == 1 {
		digits = append(digits, '0')
	}
	out := make([]byte, len(digits)/2)
	for i := range out {
		v, err := strconv.ParseUint(string(digits[2*i:2*i+2]), 16, 8)
		if err != nil {
			return nil, p.errorf("bad hex string")
		}
		out[i] = byte(v)
	}
	return String(out), nil
}
