package mail

import (
	"bytes"
	"encoding/base64"
	"io"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"strings"
	"testing"
	"time"
)

// longSubject is over two header lines once encoded, in Spanish with
// accents, so it folds into several encoded-words.
const longSubject = "Tus cuidados después del microneedling: la hoja, el calendario con fechas y la guía para Zoë y José, revisados por la Dra. Núñez"

// pdfLike is 100 KB that start and end like a PDF, the middle seeded
// pseudo-random bytes (every byte value, CR and LF included), the same in
// every run.
func pdfLike() []byte {
	r := rand.New(rand.NewPCG(16, 2))
	b := make([]byte, 100*1024)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	copy(b, "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	copy(b[len(b)-6:], "%%EOF\n")
	return b
}

// testMessage is the message most tests compose or send: a clinic and a
// patient with accented names, a long subject, the packet and a calendar.
func testMessage() Message {
	return Message{
		From:    Address{Name: "Clínica Zoë", Addr: "care@harborskin.example"},
		To:      Address{Name: "José Núñez", Addr: "jose.nunez@patient.example"},
		Subject: longSubject,
		Date:    time.Date(2026, 3, 13, 9, 30, 0, 0, time.FixedZone("EST", -5*3600)),
		Lang:    "es",
		Text:    "Hola José:\n\nAdjuntamos tus cuidados (hoja y calendario).\nLlámanos al (207) 555-0142 si tienes dudas.\n\n-- \nClínica Zoë\n",
		HTML:    "<!DOCTYPE html>\n<html lang=\"es\"><body><p>Hola José:</p><p>Adjuntamos tus cuidados (hoja y calendario). Una línea larga que pasa de setenta y seis caracteres para que quoted-printable la parta.</p></body></html>\n",
		Attachments: []Attachment{
			{Filename: "cuidados-después-del-microneedling-piel-seca-rostro-José-2026-03-13.pdf", Data: pdfLike()},
			{Filename: "calendar.ics", ContentType: "text/calendar", Data: []byte("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")},
		},
		Draft: true,
	}
}

// part is one leaf of a parsed message.
type part struct {
	contentType string
	params      map[string]string
	filename    string
	header      map[string][]string
	body        []byte // decoded: quoted-printable by mime/multipart, base64 by us
	parent      string // the multipart type it sits in
}

// parseMessage reads raw back with net/mail and mime/multipart, as a
// mail program would, and returns the top-level header and the leaves in
// order, checking the structure on the way.
func parseMessage(t *testing.T, raw []byte) (netmail.Header, []part) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("net/mail.ReadMessage: %v", err)
	}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/mixed" {
		t.Fatalf("top Content-Type = %q (%v), want multipart/mixed", msg.Header.Get("Content-Type"), err)
	}
	var parts []part
	var walk func(r io.Reader, boundary string, depth int, parent string)
	walk = func(r io.Reader, boundary string, depth int, parent string) {
		mr := multipart.NewReader(r, boundary)
		for {
			p, err := mr.NextRawPart()
			if err == io.EOF {
				return
			}
			if err != nil {
				t.Fatalf("multipart: %v", err)
			}
			ct, ps, err := mime.ParseMediaType(p.Header.Get("Content-Type"))
			if err != nil {
				t.Fatalf("part Content-Type %q: %v", p.Header.Get("Content-Type"), err)
			}
			if strings.HasPrefix(ct, "multipart/") {
				// mixed > alternative > related (the HTML and its images).
				if depth > 0 && !(depth == 1 && ct == "multipart/related" && parent == "multipart/alternative") {
					t.Fatalf("%s inside %s: only multipart/related inside the alternative may nest", ct, parent)
				}
				walk(p, ps["boundary"], depth+1, ct)
				continue
			}
			data, err := io.ReadAll(p)
			if err != nil {
				t.Fatalf("reading part: %v", err)
			}
			switch cte := p.Header.Get("Content-Transfer-Encoding"); cte {
			case "quoted-printable":
				data, err = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(data)))
			case "base64":
				data, err = base64.StdEncoding.DecodeString(strings.NewReplacer("\r\n", "").Replace(string(data)))
			default:
				t.Fatalf("part %s has Content-Transfer-Encoding %q", ct, cte)
			}
			if err != nil {
				t.Fatalf("decoding %s: %v", ct, err)
			}
			parts = append(parts, part{contentType: ct, params: ps, filename: p.FileName(), header: p.Header, body: data, parent: parent})
		}
	}
	walk(msg.Body, params["boundary"], 0, mt)
	return msg.Header, parts
}

// checkMessage checks that raw, parsed back, says what m says: the
// headers, both bodies, each attachment's name, type and bytes.
func checkMessage(t *testing.T, raw []byte, m Message) {
	t.Helper()
	h, parts := parseMessage(t, raw)
	for _, f := range []struct {
		name string
		want Address
	}{{"From", m.From}, {"To", m.To}} {
		list, err := h.AddressList(f.name)
		if err != nil || len(list) != 1 || list[0].Name != f.want.Name || list[0].Address != f.want.Addr {
			t.Errorf("%s = %v (%v), want one %+v", f.name, list, err, f.want)
		}
	}
	var dec mime.WordDecoder
	if got, err := dec.DecodeHeader(h.Get("Subject")); err != nil || got != m.Subject {
		t.Errorf("Subject = %q (%v), want %q", got, err, m.Subject)
	}
	if got, err := h.Date(); err != nil || !got.Equal(m.Date) {
		t.Errorf("Date = %v (%v), want %v", got, err, m.Date)
	}
	if got := h.Get("MIME-Version"); got != "1.0" {
		t.Errorf("MIME-Version = %q, want 1.0", got)
	}
	if id := h.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@"+m.From.domain()+">") {
		t.Errorf("Message-ID = %q, want <…@%s>", id, m.From.domain())
	}
	if got, want := h.Get("X-Unsent"), map[bool]string{true: "1"}[m.Draft]; got != want {
		t.Errorf("X-Unsent = %q, want %q", got, want)
	}
	if len(parts) != 2+len(m.Inline)+len(m.Attachments) {
		t.Fatalf("%d leaf parts, want %d", len(parts), 2+len(m.Inline)+len(m.Attachments))
	}
	for i, in := range m.Inline {
		p := parts[2+i]
		disp, _, _ := mime.ParseMediaType(p.header["Content-Disposition"][0])
		if p.parent != "multipart/related" || parts[1].parent != "multipart/related" || p.contentType != in.ContentType ||
			p.header["Content-Id"][0] != "<"+in.ContentID+">" || disp != "inline" || p.filename != in.Filename || !bytes.Equal(p.body, in.Data) {
			t.Errorf("inline part %d: %s in %s (the HTML in %s), Content-ID %q, %s %q, %d bytes; want %s beside the HTML in multipart/related, <%s>, inline %q, %d bytes",
				i, p.contentType, p.parent, parts[1].parent, p.header["Content-Id"], disp, p.filename, len(p.body), in.ContentType, in.ContentID, in.Filename, len(in.Data))
		}
	}
	for i, want := range []struct{ ct, body string }{{"text/plain", m.Text}, {"text/html", m.HTML}} {
		p := parts[i]
		if p.contentType != want.ct || p.params["charset"] != "utf-8" {
			t.Errorf("body %d is %s %v, want %s; charset=utf-8", i, p.contentType, p.params, want.ct)
		}
		if got := strings.ReplaceAll(string(p.body), "\r\n", "\n"); got != want.body {
			t.Errorf("%s body = %q, want %q", want.ct, got, want.body)
		}
		if m.Lang != "" && p.header["Content-Language"][0] != m.Lang {
			t.Errorf("%s Content-Language = %q, want %q", want.ct, p.header["Content-Language"], m.Lang)
		}
	}
	for i, a := range m.Attachments {
		p := parts[2+len(m.Inline)+i]
		if p.contentType != a.contentType() || p.params["name"] != asciiFallback(a.Filename) {
			t.Errorf("attachment %d: Content-Type %s name=%q, want %s name=%q", i, p.contentType, p.params["name"], a.contentType(), asciiFallback(a.Filename))
		}
		disp, _, _ := mime.ParseMediaType(p.header["Content-Disposition"][0])
		if disp != "attachment" || p.filename != a.Filename {
			t.Errorf("attachment %d: disposition %s filename %q, want attachment %q", i, disp, p.filename, a.Filename)
		}
		if !bytes.Equal(p.body, a.Data) {
			t.Errorf("attachment %d: %d bytes decoded differ from the %d given", i, len(p.body), len(a.Data))
		}
	}
}

func TestComposeParsesBack(t *testing.T) {
	t.Parallel()
	m := testMessage()
	raw, err := Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	checkMessage(t, raw, m)
	checkWireForm(t, raw)
}

// TestComposeInline: a logo the HTML shows by cid: goes in a
// multipart/related part beside the HTML, inline, with its Content-ID;
// the attachments still follow; the same message gives the same bytes, and
// a second part with the same id is refused.
func TestComposeInline(t *testing.T) {
	t.Parallel()
	m := testMessage()
	m.HTML = strings.Replace(m.HTML, "<body>", `<body><img src="cid:logo@harborskin.example" alt="Clínica Zoë">`, 1)
	m.Inline = []Inline{{ContentID: "logo@harborskin.example", Filename: "logo.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\nnot really")}}
	raw, err := Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	checkMessage(t, raw, m)
	checkWireForm(t, raw)
	again, _ := Compose(m)
	if !bytes.Equal(raw, again) {
		t.Error("the same message with an inline part composed to different bytes")
	}
	m.Inline = append(m.Inline, m.Inline[0])
	if _, err := Compose(m); err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("two inline parts with one id: %v, want refused", err)
	}
}

// checkWireForm checks the bytes themselves: 7-bit, CRLF line ends only,
// every line within 998 characters, header lines with an encoded-word
// within 76, base64 lines exactly 76 but the last of each part.
func checkWireForm(t *testing.T, raw []byte) {
	t.Helper()
	for i, c := range raw {
		if c >= 0x80 || c == 0 {
			t.Fatalf("byte %d is %#x; the message must be 7-bit", i, c)
		}
		if c == '\n' && (i == 0 || raw[i-1] != '\r') || c == '\r' && (i+1 == len(raw) || raw[i+1] != '\n') {
			t.Fatalf("bare CR or LF at byte %d", i)
		}
	}
	lines := strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n")
	var b64 []string
	for n, l := range lines {
		if len(l) > 998 {
			t.Errorf("line %d is %d characters long", n+1, len(l))
		}
		if strings.Contains(l, "=?") && len(l) > 76 {
			t.Errorf("line %d with an encoded-word is %d characters: %q", n+1, len(l), l)
		}
		if strings.HasPrefix(l, "JVBERi0xLjcK") { // "%PDF-1.7\n" in base64: the PDF's first line
			b64 = lines[n:]
		}
	}
	if b64 == nil {
		t.Fatal("no base64 PDF found")
	}
	end := 0
	for end < len(b64) && !strings.HasPrefix(b64[end], "--") {
		end++
	}
	for n, l := range b64[:end-1] {
		if len(l) != 76 {
			t.Fatalf("base64 line %d is %d characters, want 76", n+1, len(l))
		}
	}
	if last := b64[end-1]; len(last) == 0 || len(last) > 76 {
		t.Errorf("last base64 line is %d characters", len(last))
	}
}

func TestComposeDeterministic(t *testing.T) {
	t.Parallel()
	m := testMessage()
	a, err := Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Compose(testMessage())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("two composes of the same message differ")
	}

	// A draft and the sent message differ only by the X-Unsent line.
	m.Draft = false
	sent, err := Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := bytes.Replace(a, []byte("X-Unsent: 1\r\n"), nil, 1); !bytes.Equal(got, sent) {
		t.Error("the draft without X-Unsent differs from the message to send")
	}

	// Another patient gets another Message-ID and other boundaries.
	other := testMessage()
	other.To.Addr = "zoe@patient.example"
	c, err := Compose(other)
	if err != nil {
		t.Fatal(err)
	}
	ha, _ := netmail.ReadMessage(bytes.NewReader(a))
	hc, _ := netmail.ReadMessage(bytes.NewReader(c))
	for _, f := range []string{"Message-ID", "Content-Type"} {
		if ha.Header.Get(f) == hc.Header.Get(f) {
			t.Errorf("%s is %q for two patients; want it to differ", f, ha.Header.Get(f))
		}
	}

	// A Message-ID given is used as given.
	other.MessageID = "given-1@harborskin.example"
	d, err := Compose(other)
	if err != nil {
		t.Fatal(err)
	}
	if hd, _ := netmail.ReadMessage(bytes.NewReader(d)); hd.Header.Get("Message-ID") != "<given-1@harborskin.example>" {
		t.Errorf("Message-ID = %q, want <given-1@harborskin.example>", hd.Header.Get("Message-ID"))
	}
}

func TestComposeNoAttachments(t *testing.T) {
	t.Parallel()
	m := testMessage()
	m.Attachments = nil
	m.Lang = ""
	raw, err := Compose(m)
	if err != nil {
		t.Fatal(err)
	}
	_, parts := parseMessage(t, raw)
	if len(parts) != 2 {
		t.Fatalf("%d parts, want the two bodies", len(parts))
	}
	if _, ok := parts[0].header["Content-Language"]; ok {
		t.Error("Content-Language written without Lang")
	}
}
