package build

import (
	"fmt"
	"strings"
	"time"
)

// EmailText is what the message that carries a packet says (`handouts
// email`, the serve form's "email draft"), in the packet's language: the
// first chosen treatment's email handout (email.md, or its translation),
// resolved like any handout. A packet of several treatments uses the first
// one's text, so that text speaks of "your aftercare papers" rather than
// naming one treatment. Package outbox makes it a message; this package
// links no network code.
type EmailText struct {
	FromName, FromAddr string // the clinic: its name and contact address
	Subject            string // the handout's title
	Text, HTML         string // the two bodies, saying the same thing
	Lang               string // BCP 47
}

// EmailText resolves the packet's email text.
func (pk *Packet) EmailText() (EmailText, error) {
	env := pk.envs[0][0]
	b := env.Brand
	if strings.TrimSpace(b.Contact.Email) == "" {
		return EmailText{}, fmt.Errorf("%s: the clinic has no contact email to send from; add contact: {email: …}", b.File)
	}
	h := env.Treatment.Handout("email")
	if h == nil {
		return EmailText{}, fmt.Errorf("%s: treatment %s has no email text in %s; add email.md (kind: email) beside its sheet, and its translations", env.Treatment.File, env.Treatment.ID, env.Lang.Tag)
	}
	res, err := h.Resolve(env, false)
	if err != nil {
		return EmailText{}, err
	}
	text, page, err := pk.p.html.Email(res, env)
	if err != nil {
		return EmailText{}, err
	}
	return EmailText{FromName: b.Name, FromAddr: b.Contact.Email, Subject: res.Title, Text: text, HTML: page, Lang: env.Lang.Tag}, nil
}

// Patient is the first name the packet is printed for, or "".
func (pk *Packet) Patient() string { return pk.req.Patient }

// EmailFileName is the patient-safe name of a packet's email draft, by
// date, never by patient: email-2026-03-13.eml.
func (pk *Packet) EmailFileName() string {
	return "email-" + pk.req.Start.Format(time.DateOnly) + ".eml"
}
