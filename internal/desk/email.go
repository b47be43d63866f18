package desk

import (
	"fmt"
	"strings"
	"time"

	"handouts/internal/content"
	"handouts/internal/html"
	"handouts/internal/project"
)

// EmailText is what the message that carries a packet says (`handouts
// email`, the serve form's "email draft"), in the packet's language: the
// first chosen treatment's email handout (email.md, or its translation),
// resolved like any handout, in the clinic's letter (layouts/email): the
// clinic's name, logo and colours, "Hello Ana," with the patient's name,
// the treatments and the visit's date in words, and a link to the online
// checklist of the first treatment and area where the clinic publishes
// its pages (base_url). A packet of several treatments uses the first
// one's text, so that text speaks of "your aftercare papers" rather than
// naming one treatment. Package outbox makes it a message; this package
// links no network code.
type EmailText struct {
	FromName, FromAddr string // the clinic: its name and contact address
	Subject            string // the handout's title
	Text, HTML         string // the two bodies, saying the same thing
	Lang               string // BCP 47
	// Attachment is the name the packet goes by: "Harbor Skin Studio
	// aftercare 2026-12-14.pdf" (the template's words, never the patient).
	Attachment string
	// Logo is the clinic's logo (PNG) the HTML shows as cid:LogoID; nil
	// when the clinic has none.
	Logo   []byte
	LogoID string
}

// EmailText resolves the packet's email text.
func (pk *Packet) EmailText() (EmailText, error) {
	env := pk.envs[0][0]
	b := env.Brand
	if strings.TrimSpace(b.Contact.Email) == "" {
		return EmailText{}, fmt.Errorf("%s: the clinic has no contact email to send from; add contact: {email: …}", b.File)
	}
	h := env.Treatment.Handout(content.KindEmail)
	if h == nil {
		return EmailText{}, fmt.Errorf("%s: treatment %s has no email text in %s; add email.md (kind: email) beside its sheet, and its translations", env.Treatment.File, env.Treatment.ID, env.Lang.Tag)
	}
	res, err := h.Resolve(env, false)
	if err != nil {
		return EmailText{}, err
	}
	v := html.EmailVisit{Name: pk.req.Patient, Start: pk.req.Start}
	for _, row := range pk.envs {
		v.Treatments = append(v.Treatments, b.TreatmentName(row[0].Treatment))
	}
	if b.BaseURL != "" {
		v.Checklist = strings.TrimSuffix(b.BaseURL, "/") + "/" + project.EntryPath(env, content.KindCalendar, ".html")
	}
	e := EmailText{FromName: b.Name, FromAddr: b.Contact.Email, Subject: res.Title, Lang: env.Lang.Tag}
	if len(b.LogoPNG) > 0 {
		e.Logo, e.LogoID = b.LogoPNG, "logo@"+domainOf(b.Contact.Email)
		v.LogoCID = e.LogoID
	}
	web, err := pk.p.HTML()
	if err != nil {
		return EmailText{}, err
	}
	l, err := web.Email(res, env, v)
	if err != nil {
		return EmailText{}, err
	}
	e.Text, e.HTML, e.Attachment = l.Text, l.HTML, l.Attachment
	return e, nil
}

// domainOf is the part of an address after its "@" (the clinic's, for
// the logo's Content-ID), or "handouts.invalid" without one.
func domainOf(addr string) string {
	if _, d, ok := strings.Cut(addr, "@"); ok && d != "" && !strings.ContainsAny(d, "<> ") {
		return d
	}
	return "handouts.invalid"
}

// Patient is the first name the packet is printed for, or "".
func (pk *Packet) Patient() string { return pk.req.Patient }

// EmailFileName is the patient-safe name of a packet's email draft, by
// date, never by patient: email-2026-03-13.eml.
func (pk *Packet) EmailFileName() string {
	return "email-" + pk.req.Start.Format(time.DateOnly) + ".eml"
}
