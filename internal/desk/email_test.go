package desk

import (
	"strings"
	"testing"

	"handouts/internal/readability"
)

// TestEmailTextEveryLanguage: every clinic has the email's words in every
// language it offers: a subject, a plain-text body with no Markdown or
// placeholder left in it, an HTML body in that language, from the
// clinic's address; and the text meets the sheet's reading target.
func TestEmailTextEveryLanguage(t *testing.T) {
	t.Parallel()
	p := loadCatalog(t)
	for _, b := range p.Catalog.Brands {
		for _, lang := range b.Languages {
			pk, err := NewPacket(p, PacketRequest{Brand: b.ID, Lang: lang, Treatments: []string{"microneedling"}, Skin: "dry", Areas: []string{"face"},
				Start: at1030, Sheets: true, Calendar: true})
			if err != nil {
				t.Fatal(err)
			}
			e, err := pk.EmailText()
			if err != nil {
				t.Fatalf("%s %s: %v", b.ID, lang, err)
			}
			name := b.ID + " " + lang
			if e.Subject == "" || e.FromName != b.Name || e.FromAddr != b.Contact.Email || e.Lang != lang {
				t.Errorf("%s: subject %q, from %q <%s>, lang %s", name, e.Subject, e.FromName, e.FromAddr, e.Lang)
			}
			for _, bad := range []string{"{{", "}}", "](", "**", "<a "} {
				if strings.Contains(e.Text, bad) {
					t.Errorf("%s: the plain text holds %q:\n%s", name, bad, e.Text)
				}
			}
			// Phone numbers are kept whole with no-break spaces.
			sp := func(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }
			if !strings.Contains(sp(e.Text), b.Contact.Phone) || !strings.Contains(e.HTML, `<html lang="`+lang+`">`) || !strings.Contains(sp(e.HTML), b.Contact.Phone) {
				t.Errorf("%s: the bodies lack the phone or the language:\n%s\n%s", name, e.Text, e.HTML)
			}
			r, err := readability.Measure(lang, "email", e.Subject+".\n\n"+e.Text)
			if err != nil {
				t.Fatal(err)
			}
			if !r.HasTarget || !r.Met {
				t.Errorf("%s: %s", name, r)
			}
		}
	}
}
