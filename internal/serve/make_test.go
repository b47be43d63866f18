package serve

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/mail"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handouts/internal/browser"
	"handouts/internal/golden"
	"handouts/internal/project"
	"handouts/internal/wait"
)

// The patient of these tests: a name and an address found nowhere else.
const (
	formName = "Zelinda"
	formAddr = "zq.patient7@example.org"
)

// peelServer serves the real content with the chemical-peel fixture of
// internal/desk (a second treatment) laid over it, loaded, not built,
// through httptest; its output folder is an empty temporary folder.
func peelServer(t *testing.T) (*Server, *httptest.Server, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	files, _ := golden.Tree(t, "../desk/testdata/peel.txtar")
	golden.WriteTree(t, dir, files)
	out := t.TempDir()
	s := New(Config{Sources: sources(dir), Out: out})
	p, err := project.Load(s.cfg.Sources)
	if err != nil {
		t.Fatal(err)
	}
	s.project = p
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return s, ts, out
}

// visitForm is a filled-in form for a packet of both treatments.
func visitForm(token string) url.Values {
	return url.Values{"token": {token}, "brand": {"harbor"}, "treatment": {"microneedling", "peel"}, "skin": {"dry"}, "area": {"face"},
		"kind": {"packet"}, "date": {"2026-03-13"}, "time": {"10:30"}, "name": {formName}, "to": {formAddr}, "do": {"download"}}
}

// postTimed posts form to /make and fails the test if no answer comes
// within the tests' ceiling: bad input must never hang the server.
func postTimed(t *testing.T, base string, form url.Values) (int, http.Header, []byte) {
	t.Helper()
	ctx, cancel := wait.Context(context.Background(), "an answer to POST /make")
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/make", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin") // as the form's page sends it
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(wait.Err(ctx, err))
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, body
}

// TestMakeRefusesBadInput: each bad value gets a plain page with status
// 400 that names the field and what to do, at once; never a 500, a hang
// or a file; the name and address are never quoted back.
func TestMakeRefusesBadInput(t *testing.T) {
	t.Parallel()
	_, ts, out := peelServer(t)
	token := formToken(t, ts.URL)
	cwd, _ := os.ReadDir(".")
	tests := []struct {
		name string
		edit func(url.Values)
		want string
	}{
		{"unknown clinic", func(v url.Values) { v.Set("brand", "nope") }, `clinic: unknown brand "nope"; known: harbor, thistle`},
		{"unknown treatment", func(v url.Values) { v["treatment"] = []string{"microneedling", "botox"} }, `treatments: unknown treatment "botox"; known: microneedling, peel`},
		{"no treatment", func(v url.Values) { delete(v, "treatment") }, "treatments: choose at least one"},
		{"treatment twice", func(v url.Values) { v["treatment"] = []string{"peel", "peel"} }, `treatments: "peel" is chosen twice`},
		{"five treatments", func(v url.Values) { v["treatment"] = []string{"a", "b", "c", "d", "e"} }, "treatments: 5 chosen; a packet holds at most 4"},
		{"unknown skin type", func(v url.Values) { v.Set("skin", "scaly") }, `skin type: unknown skin type "scaly"`},
		{"unknown area", func(v url.Values) { v.Set("area", "elbow") }, `treatment area: unknown area "elbow"`},
		{"no area", func(v url.Values) { v.Del("area") }, "treatment area: choose at least one"},
		{"unknown language", func(v url.Values) { v.Set("lang", "xx-YY") }, `language: brand harbor does not offer language "xx-YY"`},
		{"language the clinic does not offer", func(v url.Values) { v.Set("brand", "thistle"); v.Set("lang", "es-US") }, `language: brand thistle does not offer language "es-US"; it offers en-GB`},
		{"unknown kind", func(v url.Values) { v.Set("kind", "poster") }, "what to make: choose a packet, an aftercare sheet or a checklist calendar"},
		{"unknown button", func(v url.Values) { v.Set("do", "fax") }, "button: choose Download, Print or Email draft"},
		{"no date", func(v url.Values) { v.Del("date") }, "treatment date: give the treatment date"},
		{"date that does not exist", func(v url.Values) { v.Set("date", "2026-02-30") }, `treatment date: "2026-02-30" is not a real date; write YYYY-MM-DD`},
		{"year 0000", func(v url.Values) { v.Set("date", "0000-01-01") }, `treatment date: "0000-01-01": the year 0000 is not a treatment date; give a date from 2000 to 2199`},
		{"year 9999", func(v url.Values) { v.Set("date", "9999-12-31") }, "the year 9999 is not a treatment date"},
		{"five-digit year", func(v url.Values) { v.Set("date", "20260-01-01") }, `"20260-01-01" is not a real date`},
		{"bad time", func(v url.Values) { v.Set("time", "25:61") }, `treatment time: "25:61": write HH:MM, 24-hour`},
		{"name over the limit", func(v url.Values) { v.Set("name", strings.Repeat("Zelinda", 6)) }, "patient's first name: 42 characters long; give the first name only, at most 40 characters"},
		{"name with a direction control", func(v url.Values) { v.Set("name", formName+"\u202e") }, "patient's first name: "},
		{"huge override", func(v url.Values) { v.Set("override", "no-makeup=99999999999999999999h") }, `changes for this patient: no-makeup=99999999999999999999h: duration "99999999999999999999h": write a whole number and a unit`},
		{"override over a year", func(v url.Values) { v.Set("override", "no-makeup=9000h") }, `duration "9000h" is longer than a year`},
		{"negative override", func(v url.Values) { v.Set("override", "no-makeup=-48h") }, `duration "-48h" is negative`},
		{"override before its start", func(v url.Values) { v.Set("override", "no-makeup=0h") }, "the window would end before it starts"},
		{"override of no rule", func(v url.Values) { v.Set("override", "no-swimming=2d") }, `no chosen treatment and area has a rule "no-swimming"`},
		{"guides the peel lacks", func(v url.Values) { v.Set("guides", "1") }, "treatments: peel has no guide in en-US"},
		{"email draft without an address", func(v url.Values) { v.Set("do", "email"); v.Del("to") }, "patient's email address: an email draft needs the patient's email address"},
		{"email draft to two addresses", func(v url.Values) { v.Set("do", "email"); v.Set("to", formAddr+", b@example.org") }, "patient's email address: "},
		{"email draft with a header injected", func(v url.Values) { v.Set("do", "email"); v.Set("to", formAddr+"\r\nBcc: x@example.org") }, "patient's email address: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := visitForm(token)
			tt.edit(v)
			code, h, body := postTimed(t, ts.URL, v)
			if code != http.StatusBadRequest || !strings.Contains(string(body), tt.want) {
				t.Errorf("POST /make = %d %q, want 400 containing %q", code, body, tt.want)
			}
			if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
				t.Errorf("Content-Type %q, want a plain page", ct)
			}
			if bytes.Contains(body, []byte(formName)) || bytes.Contains(body, []byte(formAddr)) {
				t.Errorf("the answer quotes the patient: %q", body)
			}
		})
	}
	t.Cleanup(func() {
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("the output folder holds %v", entries)
		}
		if after, _ := os.ReadDir("."); len(after) != len(cwd) {
			t.Errorf("the working folder had %d entries, now %d", len(cwd), len(after))
		}
	})
}

// TestMakeActions: the three buttons on a packet of both treatments:
// Download (an attachment named by date), Print (the same PDF inline, so
// the browser's viewer and print dialog open it) and Email draft (an .eml
// from the clinic to the patient with the packet attached); the form
// keeps nothing about the patient from one request to the next.
func TestMakeActions(t *testing.T) {
	t.Parallel()
	_, ts, out := peelServer(t)
	token := formToken(t, ts.URL)
	var pdfs [][]byte
	for _, tt := range []struct{ do, ctype, disposition string }{
		{"download", "application/pdf", `attachment; filename="packet-2026-03-13.pdf"`},
		{"print", "application/pdf", `inline; filename="packet-2026-03-13.pdf"`},
		{"email", "message/rfc822", `attachment; filename="email-2026-03-13.eml"`},
	} {
		v := visitForm(token)
		v.Set("do", tt.do)
		code, h, body := postTimed(t, ts.URL, v)
		if code != 200 || h.Get("Content-Type") != tt.ctype || h.Get("Content-Disposition") != tt.disposition || h.Get("Cache-Control") != "no-store" {
			t.Fatalf("%s: %d %s %q %q: %.200s", tt.do, code, h.Get("Content-Type"), h.Get("Content-Disposition"), h.Get("Cache-Control"), body)
		}
		if h.Get("Set-Cookie") != "" {
			t.Errorf("%s sets a cookie", tt.do)
		}
		if tt.do != "email" {
			pdfs = append(pdfs, body)
			continue
		}
		m, err := mail.ReadMessage(bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		to, _ := m.Header.AddressList("To")
		if len(to) != 1 || to[0].Address != formAddr || to[0].Name != formName || m.Header.Get("X-Unsent") != "1" {
			t.Errorf("draft To %v, X-Unsent %q", to, m.Header.Get("X-Unsent"))
		}
		if !bytes.Contains(body, []byte(`filename="Harbor Skin Studio aftercare 2026-03-13.pdf"`)) {
			t.Error("the draft does not attach \"Harbor Skin Studio aftercare 2026-03-13.pdf\"")
		}
	}
	if len(pdfs) == 2 && !bytes.Equal(pdfs[0], pdfs[1]) {
		t.Error("the printed PDF differs from the downloaded one")
	}
	_, page := get(t, ts.URL+"/make")
	if strings.Contains(page, formName) || strings.Contains(page, formAddr) {
		t.Error("the form shows the last patient's name or address")
	}
	for _, want := range []string{`<input type="checkbox" name="treatment" value="microneedling"> Microneedling`, `<input type="checkbox" name="treatment" value="peel"> Chemical peel`,
		`<button type="submit" name="do" value="print" formtarget="_blank">`, `<input id="name" name="name" type="text" autocomplete="off" maxlength="40"`, `<input id="to" name="to" type="email" autocomplete="off"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the form lacks %s", want)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("the output folder holds %v", entries)
	}
}

// TestIndexLinksToForm: the index the server sends links to the form.
func TestIndexLinksToForm(t *testing.T) {
	page := string(inject([]byte("<html><body><h1>Index</h1></body></html>"), true))
	if !strings.Contains(page, `<a href="/make">Make handouts for a patient`) {
		t.Errorf("the served index lacks the link to /make: %s", page)
	}
	if page := string(inject([]byte("<html><body></body></html>"), false)); strings.Contains(page, `href="/make"`) {
		t.Error("a handout page links to the form; only the index should")
	}
}

// TestMakeInChromium fills the form in a real browser as the desk would
// (axe-core finds nothing on it): ticks both treatments and an area,
// chooses the rest, and presses each button
// (its own name, value and target, through FormData with the button as
// submitter): the packet to download, the same PDF inline to print, and
// an email draft, each read back.
func TestMakeInChromium(t *testing.T) {
	t.Parallel()
	golden.RequireTool(t, "pdftotext", "poppler-utils")
	_, ts, out := peelServer(t)
	ctx := browser.Tab(t, browser.Shared(t))
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/make"),
		chromedp.WaitVisible("#make"),
		chromedp.Click(`input[name=treatment][value=microneedling]`),
		chromedp.Click(`input[name=treatment][value=peel]`),
		chromedp.Click(`input[name=area][value=chest-back]`),
		chromedp.SendKeys("#name", formName),
		chromedp.SendKeys("#to", formAddr),
	); err != nil {
		t.Fatal(err)
	}
	// The form page itself: nothing for axe-core to report.
	v, err := browser.Axe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range v {
		t.Errorf("the form: axe-core %s: %s", browser.AxeVersion, x)
	}
	for id, v := range map[string]string{"brand": "harbor", "skin": "sensitive", "kind": "packet", "date": "2026-03-13", "lang": "es-US"} {
		js := `(() => { const e = document.getElementById('` + id + `'); e.value = '` + v + `'; e.dispatchEvent(new Event('change', {bubbles: true})); return e.value; })()`
		got, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
		if err != nil || got != v {
			t.Fatalf("setting #%s = %q: got %q, %v", id, v, got, err)
		}
	}
	press := func(do string) (string, []byte) {
		t.Helper()
		res, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
			const f = document.getElementById('make');
			if (!f.reportValidity()) throw new Error('the form is not valid');
			const b = f.querySelector('button[value=`+do+`]');
			const r = await fetch(f.action, {method: 'POST', body: new URLSearchParams(new FormData(f, b))});
			if (!r.ok) throw new Error('status ' + r.status + ': ' + await r.text());
			const buf = new Uint8Array(await r.arrayBuffer());
			let s = ''; for (const c of buf) s += String.fromCharCode(c);
			return JSON.stringify({target: b.formTarget, cd: r.headers.get('Content-Disposition'), type: r.headers.get('Content-Type'), body: btoa(s)});
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", do, err)
		}
		var r struct{ Target, CD, Type, Body string }
		if err := json.Unmarshal([]byte(res), &r); err != nil {
			t.Fatal(err)
		}
		data, _ := base64.StdEncoding.DecodeString(r.Body)
		return r.Target + "|" + r.CD + "|" + r.Type, data
	}
	head, pdf := press("download")
	if head != `|attachment; filename="packet-2026-03-13.pdf"|application/pdf` {
		t.Errorf("download: %s", head)
	}
	f := filepath.Join(t.TempDir(), "packet.pdf")
	os.WriteFile(f, pdf, 0o644)
	text, err := exec.Command("pdftotext", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	squeezed := strings.Join(strings.Fields(string(text)), " ")
	for _, want := range []string{"Para: " + formName, "Cuide su piel después de un peeling químico", "Qué evitar · Microagujas HarborRenew™ + Peeling químico", "Piel sensible · Pecho y espalda"} {
		if !strings.Contains(squeezed, want) {
			t.Errorf("the packet lacks %q", want)
		}
	}
	head, printed := press("print")
	if head != `_blank|inline; filename="packet-2026-03-13.pdf"|application/pdf` || !bytes.Equal(printed, pdf) {
		t.Errorf("print: %s, %d bytes (the download: %d)", head, len(printed), len(pdf))
	}
	head, eml := press("email")
	if head != `|attachment; filename="email-2026-03-13.eml"|message/rfc822` {
		t.Errorf("email draft: %s", head)
	}
	m, err := mail.ReadMessage(bytes.NewReader(eml))
	if err != nil {
		t.Fatal(err)
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if to, _ := m.Header.AddressList("To"); len(to) != 1 || to[0].Address != formAddr || subject != "Sus instrucciones de cuidado de Harbor Skin Studio" {
		t.Errorf("draft To %v, Subject %q", to, subject)
	}
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("the output folder holds %v", entries)
	}
}
