package serve

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"handouts/internal/build"
	"handouts/internal/content"
	"handouts/internal/lang"
)

// formPage is the one-off form: large, labelled controls.
var formPage = template.Must(template.New("form").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Make a one-off handout</title>
<style>
body{font:18px/1.5 "Atkinson Hyperlegible",Verdana,sans-serif;max-width:40rem;margin:1rem auto;padding:0 1rem}
label{display:block;font-weight:bold;margin-top:.8rem}
select,input{font:inherit;width:100%;padding:.5rem;box-sizing:border-box;border:2px solid #4d4d4d;border-radius:4px}
select,input,button{min-height:44px}
button{font:inherit;margin-top:1.2rem;padding:.6rem 1.2rem;border:2px solid #1a56a6;background:#fff;color:#1a56a6;border-radius:4px}
:focus-visible{outline:3px solid #1a56a6;outline-offset:2px}
.hint{color:#4d4d4d;font-size:16px;margin:.2rem 0 0}
</style></head><body>
<h1>Make a one-off handout</h1>
<p class="hint">The PDF is made in memory and downloaded; nothing is saved on this computer by the tool.</p>
<form id="make" method="post" action="/make">
<input type="hidden" name="token" value="{{.Token}}">
<label for="brand">Clinic</label>
<select id="brand" name="brand">{{range .Brands}}<option value="{{.ID}}">{{.Name}}</option>{{end}}</select>
<label for="skin">Skin type</label>
<select id="skin" name="skin">{{range .Skins}}<option value="{{.ID}}">{{.Label}}</option>{{end}}</select>
<label for="area">Treatment area</label>
<select id="area" name="area">{{range .Areas}}<option value="{{.ID}}">{{.Label}}</option>{{end}}</select>
<label for="lang">Language</label>
<select id="lang" name="lang"><option value="">The clinic's first language</option>{{range .Langs}}<option value="{{.Tag}}" lang="{{.Tag}}">{{.Name}}</option>{{end}}</select>
<label for="kind">Handout</label>
<select id="kind" name="kind"><option value="sheet">Aftercare sheet</option><option value="calendar">Checklist calendar</option></select>
<label for="date">Treatment date</label>
<input id="date" name="date" type="date" required>
<label for="time">Treatment time (optional)</label>
<input id="time" name="time" type="time">
<label for="name">Patient's first name (optional)</label>
<input id="name" name="name" type="text" autocomplete="off" maxlength="40">
<label for="override">Changes for this patient (optional)</label>
<input id="override" name="override" type="text" autocomplete="off" maxlength="200" aria-describedby="override-hint">
<p class="hint" id="override-hint">A rule and its new end, such as no-exercise=72h; several separated by spaces.</p>
<button type="submit">Make the PDF</button>
</form>
</body></html>`))

// loaded returns the last good build's project, or answers 503 and
// returns nil when there is none yet.
func (s *Server) loaded(w http.ResponseWriter) *build.Project {
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
	formPage.Execute(w, struct {
		*content.Catalog
		Token string
		Langs []option
	}{p.Catalog, s.token, langs})
}

// maxForm is the largest form body read; the form's fields need far less.
const maxForm = 16 << 10

// handleMake builds a dated one-off PDF in memory and sends it as a
// download named by kind and date. It answers only this server's own form
// (same-origin, with the process's token; see crossSite), reads at most
// maxForm bytes, and makes at most Config.MaxRenders PDFs at a time (503
// with Retry-After beyond that). Nothing about the request is logged.
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
	kind := f.Get("kind")
	if kind != "sheet" && kind != "calendar" {
		http.Error(w, "choose an aftercare sheet or a checklist calendar", http.StatusBadRequest)
		return
	}
	if len(p.Catalog.Treatments) == 0 {
		http.Error(w, "no treatments", http.StatusBadRequest)
		return
	}
	env, err := p.Catalog.EnvIn(f.Get("brand"), f.Get("lang"), p.Catalog.Treatments[0].ID, f.Get("skin"), f.Get("area"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	date, err := time.Parse(time.DateOnly, f.Get("date"))
	if err != nil {
		http.Error(w, "give the treatment date as YYYY-MM-DD", http.StatusBadRequest)
		return
	}
	env.Start = date
	if t := f.Get("time"); t != "" {
		clock, err := time.Parse("15:04", t)
		if err != nil {
			http.Error(w, "give the time as HH:MM", http.StatusBadRequest)
			return
		}
		env.Start = date.Add(time.Duration(clock.Hour())*time.Hour + time.Duration(clock.Minute())*time.Minute)
		env.HasTime = true
	}
	// The same check as the command's -override flag.
	if env.Overrides, err = content.ParseOverrides(env, strings.Fields(f.Get("override"))); err != nil {
		var oe *content.OverrideError
		if errors.As(err, &oe) {
			http.Error(w, "changes for this patient: "+oe.Spec+": "+oe.Msg, http.StatusBadRequest)
			return
		}
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if err := p.CheckPrintable(env.Brand.ID, f.Get("name")); err != nil {
		http.Error(w, "name: "+err.Error(), http.StatusBadRequest)
		return
	}
	select {
	case s.renders <- struct{}{}:
		defer func() { <-s.renders }()
	default:
		w.Header().Set("Retry-After", "2")
		http.Error(w, "busy making other handouts; try again in a moment", http.StatusServiceUnavailable)
		return
	}
	if s.rendering != nil {
		s.rendering()
	}
	out, err := p.Render(build.Request{Env: env, Kind: kind, Format: "pdf", Patient: f.Get("name")})
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		return
	}
	base := map[string]string{"sheet": "aftercare", "calendar": "checklist"}[kind]
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s.pdf"`, base, date.Format(time.DateOnly)))
	w.Header().Set("Cache-Control", "no-store")
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(out.Data))
}
