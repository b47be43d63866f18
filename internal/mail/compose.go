package mail

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"mime/quotedprintable"
	"time"
)

// dateLayout is RFC 5322's date-time (section 3.3) with a numeric zone.
const dateLayout = "Mon, 02 Jan 2006 15:04:05 -0700"

// base64Line is the length of a base64 line, RFC 2045 section 6.8.
const base64Line = 76

// field is one header field to write: its name and writeField's tokens.
type field struct {
	name   string
	tokens []string
}

// Compose writes m as an RFC 5322 message with CRLF line ends, 7-bit
// clean, ready to save as an .eml file or to send:
//
//	From, To, Subject, Date, Message-ID, MIME-Version[, X-Unsent]
//	multipart/mixed
//	├─ multipart/alternative
//	│  ├─ text/plain; charset=utf-8   (quoted-printable)
//	│  └─ text/html; charset=utf-8    (quoted-printable)
//	│     or, with Inline parts, multipart/related
//	│        ├─ text/html
//	│        └─ each inline part      (base64, Content-ID, Content-Disposition: inline)
//	└─ each attachment                (base64, Content-Disposition: attachment)
//
// The same Message always gives the same bytes: the boundaries and the
// Message-ID derive from a SHA-256 of the content, and nothing reads the
// clock or a random source. Compose refuses a Message it cannot write
// faithfully (see the package doc), with an error that never quotes the
// patient's name or address.
func Compose(m Message) ([]byte, error) {
	if err := m.check(); err != nil {
		return nil, err
	}
	sum := m.contentHash()
	mixed := "=_mix_" + hex.EncodeToString(sum[:12])
	alt := "=_alt_" + hex.EncodeToString(sum[:12])
	id := m.MessageID
	if id == "" {
		idSum := sha256.Sum256(append([]byte("handouts message-id\x00"), sum[:]...))
		id = hex.EncodeToString(idSum[:16]) + "@" + m.From.domain()
	}
	id, _ = normalID(id) // checked by m.check, or made well-formed above

	var b bytes.Buffer
	fields := []field{
		{"From", m.From.tokens(maxLine - len("From: "))},
		{"To", m.To.tokens(maxLine - len("To: "))},
		{"Subject", textTokens("Subject", m.Subject)},
		{"Date", []string{m.Date.Format(dateLayout)}},
		{"Message-ID", []string{id}},
		{"MIME-Version", []string{"1.0"}},
	}
	if m.Draft {
		fields = append(fields, field{"X-Unsent", []string{"1"}})
	}
	fields = append(fields, field{"Content-Type", []string{"multipart/mixed;", "boundary=" + quote(mixed)}})
	for _, f := range fields {
		if err := writeField(&b, f.name, f.tokens); err != nil {
			return nil, err
		}
	}
	b.WriteString("\r\n")

	// RFC 2046 section 5.1.1: a delimiter is CRLF "--" boundary; it must
	// not occur in any part. Ours cannot: they begin "=_", which
	// quoted-printable never writes ("=" is always followed by two hex
	// digits or a line end), base64 has no "_", and the other boundary
	// differs in its next letters; header lines inside parts start with a
	// field name or, when folded, a space, never "--".
	b.WriteString("--" + mixed + "\r\n")
	writeField(&b, "Content-Type", []string{"multipart/alternative;", "boundary=" + quote(alt)})
	b.WriteString("\r\n")
	b.WriteString("--" + alt + "\r\n")
	m.writeTextPart(&b, "text/plain", m.Text)
	b.WriteString("\r\n--" + alt + "\r\n")
	if len(m.Inline) == 0 {
		m.writeTextPart(&b, "text/html", m.HTML)
	} else {
		rel := "=_rel_" + hex.EncodeToString(sum[:12])
		writeField(&b, "Content-Type", []string{"multipart/related;", "type=\"text/html\";", "boundary=" + quote(rel)})
		b.WriteString("\r\n--" + rel + "\r\n")
		m.writeTextPart(&b, "text/html", m.HTML)
		for _, in := range m.Inline {
			b.WriteString("\r\n--" + rel + "\r\n")
			writeField(&b, "Content-Type", []string{in.ContentType + ";", "name=" + quote(asciiFallback(in.Filename))})
			writeField(&b, "Content-Transfer-Encoding", []string{"base64"})
			writeField(&b, "Content-ID", []string{"<" + in.ContentID + ">"})
			writeField(&b, "Content-Disposition", append([]string{"inline;"}, paramTokens("filename", in.Filename)...))
			b.WriteString("\r\n")
			writeBase64(&b, in.Data)
		}
		b.WriteString("\r\n--" + rel + "--")
	}
	b.WriteString("\r\n--" + alt + "--")
	for _, a := range m.Attachments {
		b.WriteString("\r\n--" + mixed + "\r\n")
		ct := a.contentType()
		// The old "name" parameter carries the ASCII fallback for readers
		// that know no RFC 2231; Content-Disposition carries the real name.
		writeField(&b, "Content-Type", []string{ct + ";", "name=" + quote(asciiFallback(a.Filename))})
		writeField(&b, "Content-Transfer-Encoding", []string{"base64"})
		writeField(&b, "Content-Disposition", append([]string{"attachment;"}, paramTokens("filename", a.Filename)...))
		b.WriteString("\r\n")
		writeBase64(&b, a.Data)
	}
	b.WriteString("\r\n--" + mixed + "--\r\n")
	return b.Bytes(), nil
}

// writeTextPart writes one body part: its header and the text in
// quoted-printable, which keeps the message 7-bit, its lines at most 76
// characters and its line ends CRLF.
func (m *Message) writeTextPart(b *bytes.Buffer, mediaType, text string) {
	writeField(b, "Content-Type", []string{mediaType + ";", "charset=utf-8"})
	writeField(b, "Content-Transfer-Encoding", []string{"quoted-printable"})
	if m.Lang != "" {
		writeField(b, "Content-Language", []string{m.Lang})
	}
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(b)
	qp.Write([]byte(text)) // writes to a bytes.Buffer cannot fail
	qp.Close()
}

// writeBase64 writes data in base64, 76 characters a line, CRLF between
// lines (the CRLF after the last belongs to the next delimiter).
func writeBase64(b *bytes.Buffer, data []byte) {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > base64Line {
		b.WriteString(enc[:base64Line])
		b.WriteString("\r\n")
		enc = enc[base64Line:]
	}
	b.WriteString(enc)
}

// contentHash is a SHA-256 of everything Compose writes except Draft, each
// field length-prefixed so that no two messages share an input. A draft
// and the sent message thus share their Message-ID and boundaries.
func (m *Message) contentHash() [sha256.Size]byte {
	h := sha256.New()
	put := func(s []byte) {
		var n [8]byte
		binary.BigEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write(s)
	}
	for _, s := range []string{
		m.From.Name, m.From.Addr, m.To.Name, m.To.Addr, m.Subject,
		m.Date.Format(time.RFC3339Nano), m.MessageID, m.Lang, m.Text, m.HTML,
	} {
		put([]byte(s))
	}
	for _, a := range m.Attachments {
		put([]byte(a.Filename))
		put([]byte(a.contentType()))
		put(a.Data)
	}
	for _, in := range m.Inline {
		put([]byte("inline"))
		put([]byte(in.ContentID))
		put([]byte(in.Filename))
		put([]byte(in.ContentType))
		put(in.Data)
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	return sum
}
