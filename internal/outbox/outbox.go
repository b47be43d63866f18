// Package outbox makes the email that carries a patient's packet: the
// words and the PDF from internal/project, the message from internal/mail.
// It is its own package so that the build links no network code
// (internal/mail sends over SMTP).
package outbox

import (
	"time"

	"handouts/internal/desk"
	"handouts/internal/mail"
)

// Message is the email from the clinic to to that carries pk: its subject
// and bodies in the packet's language (desk.EmailText), the packet
// attached under its patient-safe name ("Harbor Skin Studio aftercare
// 2026-03-13.pdf") with the clinic's logo inline for the HTML, a draft
// (X-Unsent: 1) until mail.Send sends it. When to has no display name,
// the packet's patient name becomes one. date is when the message is
// written; the mail package never reads the clock. Errors never hold the
// patient's name or address.
func Message(pk *desk.Packet, to mail.Address, date time.Time) (mail.Message, error) {
	words, err := pk.EmailText()
	if err != nil {
		return mail.Message{}, err
	}
	doc, err := pk.PDF()
	if err != nil {
		return mail.Message{}, err
	}
	if to.Name == "" {
		to.Name = pk.Patient()
	}
	return mail.Message{
		From:        mail.Address{Name: words.FromName, Addr: words.FromAddr},
		To:          to,
		Subject:     words.Subject,
		Date:        date,
		Lang:        words.Lang,
		Text:        words.Text,
		HTML:        words.HTML,
		Inline:      inline(words),
		Attachments: []mail.Attachment{{Filename: words.Attachment, Data: doc.Data}},
		Draft:       true,
	}, nil
}

// inline is the clinic's logo as the HTML body shows it (cid:), if any.
func inline(words desk.EmailText) []mail.Inline {
	if len(words.Logo) == 0 {
		return nil
	}
	return []mail.Inline{{ContentID: words.LogoID, Filename: "logo.png", ContentType: "image/png", Data: words.Logo}}
}
