package serve

import (
	"bytes"
	"errors"
	"fmt"
	"handouts/layouts"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"handouts/internal/content"
	"handouts/internal/desk"
	"handouts/internal/lang"
	"handouts/internal/mail"
	"handouts/internal/outbox"
	"handouts/internal/project"
)

// The one-off form at /make. The desk chooses the clinic, the
// treatments done today (tick boxes, when there are several; none ticked
// until the desk ticks them), the skin type, the areas treated (tick
// boxes, one or several), the language (where the clinics offer several), what to
// make (a packet: the sheets and the dated calendar, with the guides if
// asked; or a sheet or a calendar alone) and the date, and then one of
// three buttons: download the PDF, open it to print (in a new tab, shown
// inline so the browser's viewer and its print dialog open it) or make an
// email draft (an .eml file to open in the mail program, check and send;
// it needs the patient's address). Everything is made in memory for that
// one request: nothing is written to disk, logged or kept, and the page
// is the same empty form on every visit (no-store, no autocomplete for
// the name and address). The front desk's index opens it filled from its
// choice (/make?brand=…&lang=…&treatment=…&skin=…&area=…&kind=…, and
// for=email to start at the address); values that name nothing are
// ignored. Every input is checked before anything is drawn
// (project.NewPacket, mail.ParseAddress): a wrong value gets a plain page
// with status 400 saying which field and what to do.

// formPage is the one-off form: large, labelled controls. It and
// errorPage are parsed on first use, not when the program starts: every
// command links this package, few serve.
var formPage = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("form.tmpl").ParseFS(layouts.FS, "html/form.tmpl"))
})

// loaded returns the last good build's project, or answers 503 and
// returns nil when there is none yet.
func (s *Server) loaded(w http.ResponseWriter) *project.Project {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.project == nil {
		http.Error(w, errBusy.Error(), http.StatusServiceUnavailable)
	}
	return s.project
}

func (s *Server) handleForm(w http.ResponseWriter, r *http.Request) {
	p := s.loaded(w)
	if p == nil {
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	type option struct{ Tag, Name string }
	var langs []option
	for _, tag := range p.Catalog.Languages() {
		if l, ok := lang.Get(tag); ok {
			langs = append(langs, option{tag, l.Name})
		}
	}
	pick := pickFrom(p.Catalog, r.URL.Query())
	formPage().Execute(w, struct {
		*content.Catalog
		Treatments       []formTreatment
		Token            string
		Langs            []option
		MinDate, MaxDate string
		MaxName          int
		Pick             formPick
	}{p.Catalog, formTreatments(p.Catalog, pick.Brand), s.token, langs, fmt.Sprintf("%04d-01-01", desk.MinYear), fmt.Sprintf("%04d-12-31", desk.MaxYear), project.MaxNameRunes, pick})
}

// formTreatment is a treatment the form offers, with the languages in
// which the chosen clinic does not offer it yet.
type formTreatment struct{ ID, Name string }

// formTreatments lists the treatments clinic brand offers (every clinic's
// when none is chosen), each with the languages still pending for it:
// "Dermaplaning (español pending: English only for now)".
func formTreatments(c *content.Catalog, brand string) []formTreatment {
	var out []formTreatment
	for _, t := range c.Treatments {
		offered := false
		for _, b := range c.Brands {
			if (brand == "" || b.ID == brand) && b.Offers(t.ID) {
				offered = true
			}
		}
		if !offered {
			continue
		}
		ft := formTreatment{t.ID, t.Name}
		if b := c.Brand(brand); b != nil {
			var pending, now []string
			for _, tag := range b.Languages {
				if l, ok := c.Langs.Get(tag); ok && b.PendingIn(t.ID, tag) {
					pending = append(pending, l.Name)
				}
			}
			if now = b.OfferedLangs(t.ID); len(pending) > 0 && len(now) > 0 {
				if l, ok := c.Langs.Get(now[0]); ok {
					ft.Name += " (" + strings.Join(pending, ", ") + " pending: " + l.OnlyForNow + ")"
				}
			}
		}
		out = append(out, ft)
	}
	return out
}

// formPick is what the form starts with: nothing, or the front desk's
// choice from the index's link.
type formPick struct {
	Brand, Lang, Skin, Kind string
	Treatments, Areas       map[string]bool
	Email                   bool // start at the patient's address
}

// pickFrom reads the index's choice from q, keeping only values that
// name something in c.
func pickFrom(c *content.Catalog, q url.Values) formPick {
	pk := formPick{Treatments: map[string]bool{}, Areas: map[string]bool{}, Email: q.Get("for") == "email"}
	if b := c.Brand(q.Get("brand")); b != nil {
		pk.Brand = b.ID
	}
	if slices.Contains(c.Languages(), q.Get("lang")) {
		pk.Lang = q.Get("lang")
	}
	if s := c.Skin(q.Get("skin")); s != nil {
		pk.Skin = s.ID
	}
	if k := q.Get("kind"); k == "packet" || k == string(content.KindSheet) || k == string(content.KindCalendar) {
		pk.Kind = k
	}
	b := c.Brand(pk.Brand)
	for _, t := range q["treatment"] {
		if c.Treatment(t) != nil && (b == nil || b.Offers(t)) {
			pk.Treatments[t] = true
		}
	}
	for _, a := range q["area"] {
		if c.Area(a) != nil {
			pk.Areas[a] = true
		}
	}
	return pk
}

// maxForm is the largest form body read; the form's fields need far less.
const maxForm = 16 << 10

// formFields name the request's fields as the form labels them, for
// messages.
var formFields = map[string]string{
	"brand": "clinic", "lang": "language", "treatment": "treatments", "skin": "skin type", "area": "treatment area",
	"kind": "what to make", "date": "treatment date", "time": "treatment time", "name": "patient's first name",
	"override": "changes for this patient", "to": "patient's email address", "do": "button",
}

// badForm is a form that cannot be made: the field and what to do.
type badForm struct{ field, msg string }

func (e *badForm) Error() string {
	if label := formFields[e.field]; label != "" {
		return label + ": " + e.msg
	}
	return e.msg
}

// made is what a request asks for.
type made struct {
	packet *desk.Packet
	action string       // download, print or email
	to     mail.Address // email only
}

// parseMake checks the form's values against the content. Its errors are
// the form's fault (a *badForm) and never quote the patient's name or
// address.
func parseMake(p *project.Project, f url.Values) (made, error) {
	var m made
	// The buttons' name is "do", not "action", which would hide the form's
	// own action property from scripts (form.action).
	m.action = f.Get("do")
	if m.action == "" {
		m.action = "download"
	}
	if !slices.Contains([]string{"download", "print", "email"}, m.action) {
		return m, &badForm{"do", "choose Download, Print or Email draft"}
	}
	req := desk.PacketRequest{Brand: f.Get("brand"), Lang: f.Get("lang"), Skin: f.Get("skin"), Patient: f.Get("name"), Overrides: strings.Fields(f.Get("override"))}
	switch content.Kind(f.Get("kind")) {
	case "packet":
		req.Sheets, req.Calendar, req.Guides = true, true, f.Get("guides") != ""
	case content.KindSheet:
		req.Sheets = true
	case content.KindCalendar:
		req.Calendar = true
	default:
		return m, &badForm{"kind", "choose a packet, an aftercare sheet or a checklist calendar"}
	}
	req.Treatments = f["treatment"]
	if ts := formTreatments(p.Catalog, req.Brand); len(req.Treatments) == 0 && len(ts) == 1 {
		req.Treatments = []string{ts[0].ID} // the one treatment needs no tick
	}
	req.Areas = f["area"]
	if f.Get("date") == "" {
		return m, &badForm{"date", "give the treatment date"}
	}
	var err error
	if req.Start, req.HasTime, err = desk.ParseWhen(f.Get("date"), f.Get("time")); err != nil {
		var re *desk.RequestError
		errors.As(err, &re)
		return m, &badForm{re.Field, re.Msg}
	}
	if m.action == "email" {
		if strings.TrimSpace(f.Get("to")) == "" {
			return m, &badForm{"to", "an email draft needs the patient's email address"}
		}
		if m.to, err = mail.ParseAddress(f.Get("to")); err != nil {
			return m, &badForm{"to", strings.TrimPrefix(err.Error(), "mail: ")}
		}
	}
	if m.packet, err = desk.NewPacket(p, req); err != nil {
		var re *desk.RequestError
		if errors.As(err, &re) {
			return m, &badForm{re.Field, re.Msg}
		}
		return m, err
	}
	return m, nil
}

// handleMake makes a dated one-off packet, sheet or calendar in memory
// and sends it as a download, inline to print, or in an email draft, each
// named by kind and date. It answers only this server's own form
// (same-origin, with the process's token; see crossSite), reads at most
// maxForm bytes, and makes at most Config.MaxRenders at a time (503 with
// Retry-After beyond that). Nothing about the request is logged or kept.
func (s *Server) handleMake(w http.ResponseWriter, r *http.Request) {
	if why := crossSite(r); why != "" {
		http.Error(w, "refused: the form must be sent from this server's own page at /make ("+why+")", http.StatusForbidden)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "the form is too large", http.StatusRequestEntityTooLarge)
			return
		}
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	f := r.PostForm
	if !s.validToken(f.Get("token")) {
		http.Error(w, "refused: the form's token is missing or out of date; reload /make and try again", http.StatusForbidden)
		return
	}
	p := s.loaded(w)
	if p == nil {
		return
	}
	m, err := parseMake(p, f)
	if err != nil {
		w.Header().Set("Cache-Control", "no-store")
		http.Error(w, "Nothing was made. "+err.Error(), http.StatusBadRequest)
		return
	}
	select {
	case s.renders <- struct{}{}:
	default:
		w.Header().Set("Retry-After", "2")
		http.Error(w, "busy making other handouts; try again in a moment", http.StatusServiceUnavailable)
		return
	}
	data, name, ctype, err := s.render(m)
	<-s.renders // the slot is for making, not for sending
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	disposition := "attachment"
	if m.action == "print" {
		disposition = "inline" // the browser's viewer opens it, with its print dialog
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", fmt.Sprintf(`%s; filename="%s"`, disposition, name))
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
}

// render makes what m asks for: its bytes, file name and media type.
func (s *Server) render(m made) (data []byte, name, ctype string, err error) {
	if s.rendering != nil {
		s.rendering()
	}
	if m.action == "email" {
		msg, err := outbox.Message(m.packet, m.to, outbox.DraftDate(m.packet))
		if err != nil {
			return nil, "", "", err
		}
		data, err := mail.Compose(msg)
		return data, m.packet.EmailFileName(), "message/rfc822", err
	}
	out, err := m.packet.PDF()
	return out.Data, m.packet.FileName(), "application/pdf", err
}
