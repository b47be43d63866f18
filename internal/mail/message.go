package mail

import (
	"fmt"
	"mime"
	"strings"
	"time"
	"unicode/utf8"
)

// Message is one email from the clinic to one patient: two bodies saying
// the same thing (plain text and HTML) and the handouts as attachments.
// Compose writes it; Send composes and sends it.
type Message struct {
	// From is the clinic: its name and address. It is also the envelope
	// sender (SMTP MAIL FROM), so it must be an address the clinic's server
	// lets its login send as.
	From Address
	// To is the patient: the address and, optionally, a display name.
	To Address
	// Subject is one line of text in any script.
	Subject string
	// Date is when the message is written, from the caller's clock; the
	// package never reads the clock, so the same Message gives the same
	// bytes. It is written in its own time zone.
	Date time.Time
	// MessageID is "<left@right>" (the angle brackets may be left out); ""
	// derives one from the message's content and the clinic's domain, so it
	// is the same for the same message and differs for any other.
	MessageID string
	// Lang is the bodies' language as a BCP 47 tag ("en-US", "es"), written
	// as Content-Language; "" for none.
	Lang string
	// Text is the plain-text body, UTF-8; lines end in "\n" or "\r\n".
	Text string
	// HTML is the HTML body, a complete UTF-8 document.
	HTML string
	// Inline are files the HTML body shows (a logo, by "cid:" and its
	// ContentID), sent beside it in a multipart/related part. A mail
	// program that shows the HTML shows them in place, not as attachments.
	Inline []Inline
	// Attachments come after the bodies, in this order.
	Attachments []Attachment
	// Draft adds "X-Unsent: 1", which makes Outlook open the .eml as a
	// message to check and send rather than one received. Send ignores it.
	Draft bool
}

// Attachment is one file sent with the message.
type Attachment struct {
	// Filename is the name the patient sees: any single line of Unicode,
	// without "/" or "\", at most 255 bytes.
	Filename string
	// ContentType is the media type without parameters; "" means
	// application/pdf.
	ContentType string
	// Data is the file's content.
	Data []byte
}

// Inline is one file the HTML body shows in place.
type Inline struct {
	// ContentID is what the HTML names it by, "cid:" and this: printable
	// ASCII of the form left@right, without angle brackets.
	ContentID string
	// Filename and ContentType are as an Attachment's; ContentType is
	// required (image/png, say).
	Filename, ContentType string
	Data                  []byte
}

// check refuses an inline part without a usable id, name or type.
func (in Inline) check() error {
	if in.ContentID == "" || strings.ContainsAny(in.ContentID, "<>") {
		return fmt.Errorf("mail: inline ContentID %q: give one of the form left@right, without angle brackets", in.ContentID)
	}
	if _, err := normalID(in.ContentID); err != nil {
		return fmt.Errorf("mail: inline ContentID %q: give one of the form left@right in printable ASCII", in.ContentID)
	}
	if in.ContentType == "" {
		return fmt.Errorf("mail: inline part %s has no content type; give one such as image/png", in.ContentID)
	}
	return Attachment{Filename: in.Filename, ContentType: in.ContentType, Data: in.Data}.check()
}

// maxFilename is the longest attachment name, in bytes: the usual limit
// of a file name on disk, where the patient will save it.
const maxFilename = 255

// check refuses a Message that Compose cannot write faithfully. Errors
// name the field and what to do; they never quote the patient's name or
// address.
func (m *Message) check() error {
	if err := m.From.check("From"); err != nil {
		return err
	}
	if err := m.To.check("To"); err != nil {
		return err
	}
	if err := checkHeaderText("Subject", m.Subject); err != nil {
		return err
	}
	if strings.TrimSpace(m.Subject) == "" {
		return fmt.Errorf("mail: Subject is empty; give the message a subject")
	}
	if m.Date.IsZero() {
		return fmt.Errorf("mail: Date is not set; give the time the message is written")
	}
	if y := m.Date.Year(); y < 1900 || y > 9999 {
		return fmt.Errorf("mail: Date is in the year %d; give a date between 1900 and 9999", y)
	}
	if m.MessageID != "" {
		if _, err := normalID(m.MessageID); err != nil {
			return err
		}
	}
	if m.Lang != "" && !isLangTag(m.Lang) {
		return fmt.Errorf("mail: Lang %q is not a language tag; give one such as en-US or es", m.Lang)
	}
	for _, b := range [...]struct{ name, body string }{{"Text", m.Text}, {"HTML", m.HTML}} {
		name, body := b.name, b.body
		if strings.TrimSpace(body) == "" {
			return fmt.Errorf("mail: the %s body is empty; give both a plain-text and an HTML body", name)
		}
		if !utf8.ValidString(body) {
			return fmt.Errorf("mail: the %s body is not valid UTF-8; give text in UTF-8", name)
		}
	}
	for i, a := range m.Attachments {
		if err := a.check(); err != nil {
			return fmt.Errorf("%w (attachment %d)", err, i+1)
		}
	}
	seen := map[string]bool{}
	for i, in := range m.Inline {
		if err := in.check(); err != nil {
			return fmt.Errorf("%w (inline part %d)", err, i+1)
		}
		if seen[in.ContentID] {
			return fmt.Errorf("mail: inline ContentID %q is given twice; give each inline part its own", in.ContentID)
		}
		seen[in.ContentID] = true
	}
	return nil
}

// check refuses an attachment without a usable name or type.
func (a Attachment) check() error {
	if err := checkHeaderText("attachment filename", a.Filename); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(a.Filename) == "":
		return fmt.Errorf("mail: attachment filename is empty; name the file, such as aftercare.pdf")
	case strings.ContainsAny(a.Filename, `/\`):
		return fmt.Errorf("mail: attachment filename contains a slash; give a file name, not a path")
	case len(a.Filename) > maxFilename:
		return fmt.Errorf("mail: attachment filename is %d bytes long; give a name of at most %d", len(a.Filename), maxFilename)
	}
	if a.ContentType != "" {
		mt, params, err := mime.ParseMediaType(a.ContentType)
		if err != nil || len(params) > 0 || mt != a.ContentType || !strings.Contains(mt, "/") {
			return fmt.Errorf("mail: attachment content type %q is not a lower-case media type without parameters; give one such as application/pdf", a.ContentType)
		}
	}
	return nil
}

// contentType is the attachment's media type, application/pdf by default.
func (a Attachment) contentType() string {
	if a.ContentType == "" {
		return "application/pdf"
	}
	return a.ContentType
}

// normalID checks a Message-ID and returns it in angle brackets: printable
// ASCII without spaces, one "@" with text on both sides.
func normalID(id string) (string, error) {
	bare := id
	if strings.HasPrefix(bare, "<") && strings.HasSuffix(bare, ">") {
		bare = bare[1 : len(bare)-1]
	}
	left, right, ok := strings.Cut(bare, "@")
	if !ok || left == "" || right == "" || !isASCII(bare) || strings.ContainsAny(left+right, "<> \"\\()[],;:@") {
		return "", fmt.Errorf("mail: MessageID is not of the form <left@right> in printable ASCII; leave it empty to derive one")
	}
	return "<" + bare + ">", nil
}

// isLangTag reports whether s looks like a BCP 47 tag: ASCII letters and
// digits in subtags of 1 to 8, joined by "-", the first all letters.
func isLangTag(s string) bool {
	for i, sub := range strings.Split(s, "-") {
		if len(sub) < 1 || len(sub) > 8 {
			return false
		}
		for _, c := range sub {
			letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
			if !letter && (i == 0 || c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}
