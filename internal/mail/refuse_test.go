package mail

import (
	"strings"
	"testing"
	"time"
)

func TestComposeRefuses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		change func(*Message)
		want   string
	}{
		{"subject CRLF injection", func(m *Message) { m.Subject = "Hi\r\nBcc: everyone@evil.example" },
			"mail: Subject contains a carriage return (U+000D at byte 2); a header is one line of text: remove line breaks and control characters"},
		{"subject LF", func(m *Message) { m.Subject = "Hi\nBcc: x@evil.example" },
			"mail: Subject contains a line feed (U+000A at byte 2); a header is one line of text: remove line breaks and control characters"},
		{"subject tab", func(m *Message) { m.Subject = "Hi\tthere" },
			"mail: Subject contains a tab (U+0009 at byte 2); a header is one line of text: remove line breaks and control characters"},
		{"subject NUL", func(m *Message) { m.Subject = "Hi\x00" },
			"mail: Subject contains a control character (U+0000 at byte 2); a header is one line of text: remove line breaks and control characters"},
		{"subject C1", func(m *Message) { m.Subject = "Hi\u0085there" },
			"mail: Subject contains a control character (U+0085 at byte 2); a header is one line of text: remove line breaks and control characters"},
		{"subject line separator", func(m *Message) { m.Subject = "Hi\u2028there" },
			"mail: Subject contains a line separator (U+2028 at byte 2); a header is one line of text: remove line breaks and control characters"},
		{"subject bad UTF-8", func(m *Message) { m.Subject = "Hi \xff" },
			"mail: Subject is not valid UTF-8; give text in UTF-8"},
		{"subject word too long", func(m *Message) { m.Subject = "See " + strings.Repeat("a", 1000) },
			"mail: Subject has a word of 1000 characters; a header line may hold at most 996: use shorter words"},
		{"subject empty", func(m *Message) { m.Subject = " " },
			"mail: Subject is empty; give the message a subject"},
		{"to name injection", func(m *Message) { m.To.Name = "José\r\nBcc: x@evil.example" },
			"mail: To name contains a carriage return (U+000D at byte 5); a header is one line of text: remove line breaks and control characters"},
		{"from name injection", func(m *Message) { m.From.Name = "Clinic\nX: y" },
			"mail: From name contains a line feed (U+000A at byte 6); a header is one line of text: remove line breaks and control characters"},
		{"to address injection", func(m *Message) { m.To.Addr = "jose@patient.example\r\nBcc: x@evil.example" },
			"mail: To address contains a carriage return (U+000D at byte 20); a header is one line of text: remove line breaks and control characters"},
		{"two recipients", func(m *Message) { m.To.Addr = "jose@patient.example, zoe@patient.example" },
			"mail: To holds 2 addresses; give exactly one"},
		{"name inside address", func(m *Message) { m.To.Addr = "José <jose@patient.example>" },
			"mail: To address has characters outside ASCII; internationalised addresses are not supported: give an ASCII address"},
		{"ascii name inside address", func(m *Message) { m.To.Addr = "Jose <jose@patient.example>" },
			"mail: To address must be the bare address (name@domain); put the display name in Name"},
		{"not an address", func(m *Message) { m.To.Addr = "jose.patient.example" },
			"mail: To address cannot be read as name@domain (missing '@' or angle-addr); give one address such as name@example.org"},
		{"empty address", func(m *Message) { m.To.Addr = "" },
			"mail: To address is empty; give one address such as name@example.org"},
		{"bad from", func(m *Message) { m.From.Addr = "care@" },
			"mail: From address cannot be read as name@domain (missing '@' or angle-addr); give one address such as name@example.org"},
		{"no date", func(m *Message) { m.Date = time.Time{} },
			"mail: Date is not set; give the time the message is written"},
		{"year 0", func(m *Message) { m.Date = time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC) },
			"mail: Date is in the year 0; give a date between 1900 and 9999"},
		{"bad message id", func(m *Message) { m.MessageID = "<a b@c>" },
			"mail: MessageID is not of the form <left@right> in printable ASCII; leave it empty to derive one"},
		{"message id injection", func(m *Message) { m.MessageID = "<a@b>\r\nBcc: x@y" },
			"mail: MessageID is not of the form <left@right> in printable ASCII; leave it empty to derive one"},
		{"bad lang", func(m *Message) { m.Lang = "es\r\nX: y" },
			"mail: Lang \"es\\r\\nX: y\" is not a language tag; give one such as en-US or es"},
		{"no text", func(m *Message) { m.Text = "" },
			"mail: the Text body is empty; give both a plain-text and an HTML body"},
		{"no html", func(m *Message) { m.HTML = "\n" },
			"mail: the HTML body is empty; give both a plain-text and an HTML body"},
		{"text bad UTF-8", func(m *Message) { m.Text = "Hola \xc3" },
			"mail: the Text body is not valid UTF-8; give text in UTF-8"},
		{"filename injection", func(m *Message) { m.Attachments[1].Filename = "a.pdf\r\nContent-Type: text/html" },
			"mail: attachment filename contains a carriage return (U+000D at byte 5); a header is one line of text: remove line breaks and control characters (attachment 2)"},
		{"filename path", func(m *Message) { m.Attachments[0].Filename = "../etc/passwd" },
			"mail: attachment filename contains a slash; give a file name, not a path (attachment 1)"},
		{"filename long", func(m *Message) { m.Attachments[0].Filename = strings.Repeat("é", 128) + ".pdf" },
			"mail: attachment filename is 260 bytes long; give a name of at most 255 (attachment 1)"},
		{"filename empty", func(m *Message) { m.Attachments[0].Filename = "" },
			"mail: attachment filename is empty; name the file, such as aftercare.pdf (attachment 1)"},
		{"content type params", func(m *Message) { m.Attachments[0].ContentType = "text/html; charset=utf-8" },
			"mail: attachment content type \"text/html; charset=utf-8\" is not a lower-case media type without parameters; give one such as application/pdf (attachment 1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := testMessage()
			tt.change(&m)
			raw, err := Compose(m)
			if err == nil {
				t.Fatalf("Compose = %d bytes, want error %q", len(raw), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Compose error\n got %q\nwant %q", err, tt.want)
			}
			for _, secret := range []string{"José", "Núñez", "jose.nunez", "patient.example"} {
				if strings.Contains(err.Error(), secret) {
					t.Errorf("error %q holds the patient's %q", err, secret)
				}
			}
		})
	}
}
