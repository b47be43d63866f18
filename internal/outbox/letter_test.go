package outbox

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	netmail "net/mail"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"handouts/fonts"
	"handouts/internal/desk"
	"handouts/internal/mail"
	"handouts/internal/project"
	"handouts/layouts"
)

// leaf is one part of a parsed message that is not multipart.
type leaf struct {
	ct, parent, filename, cid, disp string
	body                            []byte
}

// readMessage parses raw with net/mail and mime/multipart, as a mail
// program would, and returns its leaves in order.
func readMessage(t *testing.T, raw []byte) []leaf {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	var out []leaf
	var walk func(r io.Reader, ct string, params map[string]string, parent string, h map[string][]string)
	walk = func(r io.Reader, ct string, params map[string]string, parent string, h map[string][]string) {
		if strings.HasPrefix(ct, "multipart/") {
			mr := multipart.NewReader(r, params["boundary"])
			for {
				p, err := mr.NextRawPart()
				if err == io.EOF {
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				pct, pps, err := mime.ParseMediaType(p.Header.Get("Content-Type"))
				if err != nil {
					t.Fatal(err)
				}
				walk(p, pct, pps, ct, p.Header)
			}
		}
		data, _ := io.ReadAll(r)
		switch textproto(h, "Content-Transfer-Encoding") {
		case "quoted-printable":
			data, _ = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(data)))
		case "base64":
			data, _ = base64.StdEncoding.DecodeString(strings.NewReplacer("\r", "", "\n", "").Replace(string(data)))
		}
		disp, dps, _ := mime.ParseMediaType(textproto(h, "Content-Disposition"))
		out = append(out, leaf{ct: ct, parent: parent, filename: dps["filename"], cid: textproto(h, "Content-Id"), disp: disp, body: data})
	}
	ct, ps, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		t.Fatal(err)
	}
	walk(msg.Body, ct, ps, "", nil)
	return out
}

func textproto(h map[string][]string, k string) string {
	if v := h[k]; len(v) > 0 {
		return v[0]
	}
	return ""
}

var (
	reTag     = regexp.MustCompile(`(?s)<head>.*?</head>|<[^>]+>`) // blocks end in a line break of the source
	reLinkURL = regexp.MustCompile(` <https?://[^>]+>`)
)

// words is a body's text as a reader sees it: tags gone, entities decoded,
// a link's address after its words gone, spaces of any kind collapsed.
func words(s string, isHTML bool) string {
	if isHTML {
		s = html.UnescapeString(reTag.ReplaceAllString(s, ""))
	} else {
		s = reLinkURL.ReplaceAllString(s, "")
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// TestEmailLetter: the draft `handouts email` and the serve form make,
// parsed back with net/mail and mime/multipart, for every clinic and
// language: the greeting names the patient; the treatment and the visit's
// date are in words ("your visit on Monday, December 14"); the clinic's
// logo is an inline PNG part the HTML shows by cid:; the clinic that
// publishes its pages links its online checklist for the variant; the
// attachment is named for what it is ("Harbor Skin Studio aftercare
// 2026-12-14.pdf"); the plain text says what the HTML says, word for word;
// and the same choices give the same bytes.
func TestEmailLetter(t *testing.T) {
	t.Parallel()
	p, err := project.Load(project.Sources{Content: os.DirFS("../../content"), ContentName: "content", Layouts: layouts.FS, LayoutsName: "layouts", Fonts: fonts.FS, FontsName: "fonts"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)
	written := time.Date(2026, 12, 14, 15, 0, 0, 0, time.UTC)
	for _, b := range p.Catalog.Brands {
		for _, lang := range b.Languages {
			t.Run(b.ID+"/"+lang, func(t *testing.T) {
				env, err := p.Catalog.EnvIn(b.ID, lang, "microneedling", "dry", "face")
				if err != nil {
					t.Fatal(err)
				}
				pk, err := desk.NewPacket(p, desk.PacketRequest{Brand: b.ID, Lang: lang, Treatments: []string{"microneedling"}, Skin: "dry", Areas: []string{"face"},
					Start: start, Patient: "Ana", Sheets: true, Calendar: true})
				if err != nil {
					t.Fatal(err)
				}
				msg, err := Message(pk, mail.Address{Addr: "ana@patient.example"}, written)
				if err != nil {
					t.Fatal(err)
				}
				raw, err := mail.Compose(msg)
				if err != nil {
					t.Fatal(err)
				}
				if again, _ := mail.Compose(msg); !bytes.Equal(raw, again) {
					t.Error("the same draft composed twice differs")
				}
				var text, page string
				var logo, pdf *leaf
				parts := readMessage(t, raw)
				for i := range parts {
					switch l := &parts[i]; {
					case l.ct == "text/plain":
						text = string(l.body)
					case l.ct == "text/html":
						page = string(l.body)
					case l.ct == "image/png":
						logo = l
					case l.ct == "application/pdf":
						pdf = l
					}
				}
				es := env.Lang.Base == "es"
				greeting, visit, aftercare := "Hello Ana,", "your visit on "+env.Lang.Long(start), "aftercare"
				if es {
					greeting, visit, aftercare = "Hola, Ana:", "su visita del "+env.Lang.Long(start), "cuidados"
				}
				if lang == "en-US" && env.Lang.Long(start) != "Monday\u00a0December\u00a014" && env.Lang.Long(start) != "Monday,\u00a0December\u00a014" {
					t.Errorf("en-US long date %q, want Monday, December 14", env.Lang.Long(start))
				}
				treatment := env.Brand.TreatmentName(env.Treatment)
				for _, body := range []struct{ name, s string }{{"text", words(text, false)}, {"HTML", words(page, true)}} {
					for _, want := range []string{greeting, treatment, words(visit, false)} {
						if !strings.Contains(body.s, want) {
							t.Errorf("the %s body does not say %q:\n%s", body.name, want, body.s)
						}
					}
				}
				if logo == nil || logo.parent != "multipart/related" || logo.disp != "inline" || !bytes.Equal(logo.body, b.LogoPNG) ||
					!strings.Contains(page, `src="cid:`+strings.Trim(logo.cid, "<>")+`"`) || !strings.Contains(page, b.Colors.Primary) {
					got := "none"
					if logo != nil {
						got = fmt.Sprintf("%s in %s, %s, Content-ID %s, %d bytes", logo.ct, logo.parent, logo.disp, logo.cid, len(logo.body))
					}
					t.Errorf("logo part: %s; want the clinic's PNG (%d bytes) inline in multipart/related, shown by the HTML as cid:, with the clinic's colour", got, len(b.LogoPNG))
				}
				link := ""
				if b.BaseURL != "" {
					link = strings.TrimSuffix(b.BaseURL, "/") + "/" + b.ID + "/" + lang + "/microneedling/dry-face/calendar.html"
				}
				if link != "" && (!strings.Contains(text, link) || !strings.Contains(page, `href="`+link+`"`)) {
					t.Errorf("the bodies do not link the online checklist %s", link)
				}
				if link == "" && strings.Contains(text, "calendar.html") {
					t.Errorf("a clinic without base_url links a checklist:\n%s", text)
				}
				if want := b.Name + " " + aftercare + " 2026-12-14.pdf"; pdf == nil || pdf.filename != want || pdf.disp != "attachment" {
					got := "none"
					if pdf != nil {
						got = fmt.Sprintf("%s %q", pdf.disp, pdf.filename)
					}
					t.Errorf("attachment %s, want %q", got, want)
				}
				if tw, hw := words(text, false), words(page, true); tw != hw {
					t.Errorf("the bodies differ:\ntext: %s\nHTML: %s", tw, hw)
				}
			})
		}
	}
}
