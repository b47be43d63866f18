package project

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handouts/internal/browser"
	"handouts/internal/wait"
)

// phoneScreen is the phone the checklist is made for: 390 x 844 CSS px.
const phoneW, phoneH = 390, 844

// checklistState is what the phone checklist shows on open.
type checklistState struct {
	Height    int      `json:"height"`    // the page's height in px
	Cards     []string `json:"cards"`     // visible day cards, top to bottom
	Open      []string `json:"open"`      // of those, the ones open
	Expanded  string   `json:"expanded"`  // the first card's button's aria-expanded
	Avoids    []string `json:"avoids"`    // visible lines of the avoid list
	AvoidHave int      `json:"avoidHave"` // lines in the list, shown or not
	InCards   []string `json:"inCards"`   // avoid words visible inside a card that has tasks
	IntroGrid bool     `json:"introGrid"` // the content's intro (about the printed grid) visible
	Intro     string   `json:"intro"`     // the phone's intro
	CallTop   float64  `json:"callTop"`   // the top of the "call us" link, px
	CallTo    string   `json:"callTo"`    // the text of what it links to
	CallTel   bool     `json:"callTel"`   // that box holds a tel: link
}

const checklistStateJS = `(() => {
	const vis = el => el.checkVisibility({visibilityProperty: true});
	const cards = Array.from(document.querySelectorAll('#checklist .day')).filter(vis);
	const lis = Array.from(document.querySelectorAll('#avoids li'));
	const avoidWords = lis.map(li => li.firstChild.textContent.trim());
	const inCards = [];
	for (const c of cards) {
		if (c.classList.contains('only-avoid')) continue;
		for (const el of c.querySelectorAll('.avoid')) if (vis(el)) inCards.push(c.id + ': ' + el.textContent.trim());
	}
	const call = document.querySelector('.callbar a[href^="#"]');
	const target = call && document.getElementById(call.getAttribute('href').slice(1));
	const b = cards.length && cards[0].querySelector('h2 button');
	return {
		height: document.documentElement.scrollHeight,
		cards: cards.map(c => c.id),
		open: cards.filter(c => !c.classList.contains('shut')).map(c => c.id),
		expanded: b ? b.getAttribute('aria-expanded') : '',
		avoids: lis.filter(vis).map(li => li.textContent.trim()),
		avoidHave: lis.length,
		inCards,
		introGrid: vis(document.querySelector('.intro-grid')),
		intro: (Array.from(document.querySelectorAll('.intro-cards')).find(vis) || {}).textContent || '',
		callTop: call && vis(call) ? call.getBoundingClientRect().top : -1,
		callTo: target ? target.textContent.trim() : '',
		callTel: !!(target && target.querySelector('a[href^="tel:"]')),
	};
})()`

// TestBrowserPhoneChecklist: the HTML checklist opened on a 390 x 844
// phone, in each clinic and language, undated and dated three days after
// the treatment. On open it is at most 4 screens tall; the first card is
// today's (day 0's when undated), the only one open; the avoid windows are
// one list, not repeated in the cards, whose lines say "until …" and leave
// when their window is over; the intro speaks of cards, not the printed
// grid; a "call us" link in the first screen leads to the warning box.
// With every card opened, every card has something in it and every "what
// to expect" moment is in a card; a tick in a past (folded) day survives a
// reload; axe finds nothing (in the dated copies, whose cards are the
// undated ones' with dates, today's mark and folded past days). Printed
// from the phone, the page is the same one-page grid as printed from a
// desktop.
func TestBrowserPhoneChecklist(t *testing.T) {
	t.Parallel()
	ctx := browser.Shared(t)
	pdftotext := browser.Tool(t, "poppler-utils", "the printed grid check", "pdftotext")
	p := loadCatalog(t)
	now := time.Now()
	start := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, -3)
	for _, v := range []struct{ brand, lang, skin, area string }{
		{"harbor", "en-US", "dry", "face"}, {"harbor", "es-US", "oily", "chest-back"}, {"thistle", "en-GB", "sensitive", "neck-decollete"},
	} {
		for _, dated := range []bool{false, true} {
			name := v.brand + "/" + v.lang
			if dated {
				name += "/dated"
			}
			t.Run(name, func(t *testing.T) {
				env, err := p.Catalog.EnvIn(v.brand, v.lang, "microneedling", v.skin, v.area)
				if err != nil {
					t.Fatal(err)
				}
				today := 0
				if dated {
					env.Start, env.HasTime, today = start.Add(14*time.Hour), true, 3
				}
				cal, err := Calendar(env)
				if err != nil {
					t.Fatal(err)
				}
				r, err := p.Render(Request{Env: env, Kind: "calendar", Format: "html"})
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join(t.TempDir(), "calendar.html")
				if err := os.WriteFile(file, r.Data, 0o644); err != nil {
					t.Fatal(err)
				}
				u := (&url.URL{Scheme: "file", Path: filepath.ToSlash(file)}).String()
				tab := screenLoad(t, ctx, u, phoneW, phoneH, true)
				defer chromedp.Run(tab, chromedp.Evaluate[bool](`localStorage.clear(), true`))

				got, err := chromedp.Run(tab, chromedp.Evaluate[checklistState](checklistStateJS))
				if err != nil {
					t.Fatal(err)
				}
				if got.Height > 4*phoneH {
					t.Errorf("the page is %d px tall on open, want at most 4 screens (%d px)", got.Height, 4*phoneH)
				}
				want := "day-" + string(rune('0'+today))
				if len(got.Cards) == 0 || got.Cards[0] != want || len(got.Open) != 1 || got.Open[0] != want || got.Expanded != "true" {
					t.Errorf("cards %q, open %q (aria-expanded %q); want %s first and the only one open", got.Cards, got.Open, got.Expanded, want)
				}
				// The avoid list: one line per avoid window, shown while the
				// window is in force on today's day.
				var shown, all int
				for _, row := range cal.Rows {
					if row.Rule.Kind != "avoid" {
						continue
					}
					all++
					last := row.EndDay
					if row.EndHour == 0 && row.EndMinute == 0 {
						last--
					}
					if last >= today {
						shown++
					}
				}
				if got.AvoidHave != all || len(got.Avoids) != shown || (dated && shown == all) {
					t.Errorf("avoid list: %d lines, %d shown (%q); want %d lines, %d shown on day %d (some over)", got.AvoidHave, len(got.Avoids), got.Avoids, all, shown, today)
				}
				until := map[string]string{"en": "until ", "es": "hasta el "}[env.Lang.Base]
				for _, a := range got.Avoids {
					if !strings.Contains(a, until) {
						t.Errorf("avoid line %q does not say %q", a, until)
					}
				}
				if len(got.InCards) > 0 {
					t.Errorf("avoid lines repeated in the cards: %q", got.InCards)
				}
				if got.IntroGrid || got.Intro == "" {
					t.Errorf("the intro about the printed grid shows %v, the phone's intro %q; want only the phone's", got.IntroGrid, got.Intro)
				}
				if got.CallTop < 0 || got.CallTop > phoneH || !got.CallTel || !strings.Contains(strings.ReplaceAll(got.CallTo, "\u00a0", " "), env.Brand.Contact.Phone) {
					t.Errorf("call link at %.0f px, leading to %q (tel: link %v); want it in the first screen, leading to the warning box with the phone", got.CallTop, got.CallTo, got.CallTel)
				}

				// Every card opened: none empty, every moment in a card.
				type opened struct {
					Empty  []string `json:"empty"`
					Moment string   `json:"moment"`
					Ticked string   `json:"ticked"`
				}
				var moments []string
				for _, m := range cal.Milestones {
					moments = append(moments, m.Rule.Text)
				}
				o, err := chromedp.Run(tab, chromedp.Evaluate[opened](`((moments) => {
					const vis = el => el.checkVisibility({visibilityProperty: true});
					const out = {empty: [], moment: '', ticked: ''};
					const cards = Array.from(document.querySelectorAll('#checklist .day')).filter(vis);
					for (const c of cards) {
						if (c.classList.contains('shut')) c.querySelector('h2 button').click();
						const has = Array.from(c.children).filter(el => el.tagName !== 'H2' && vis(el) && el.textContent.trim());
						if (!has.length || c.classList.contains('shut')) out.empty.push(c.id);
					}
					const text = cards.map(c => c.innerText).join('\n');
					out.moment = moments.find(m => !text.includes(m)) || '';
					// A box in the last card (a past day on a dated copy).
					const box = cards[cards.length - 1].querySelector('input[type=checkbox]');
					if (box) { box.click(); out.ticked = box.id; }
					return out;
				})(`+jsStrings(moments)+`)`))
				if err != nil {
					t.Fatal(err)
				}
				if len(o.Empty) > 0 {
					t.Errorf("cards with nothing in them once opened: %q", o.Empty)
				}
				if o.Moment != "" {
					t.Errorf("moment %q is in no day's card", o.Moment)
				}
				if dated {
					v, err := browser.Axe(tab)
					if err != nil {
						t.Fatal(err)
					}
					for _, x := range v {
						t.Errorf("axe-core %s: %s", browser.AxeVersion, x)
					}
				}
				if o.Ticked != "" && dated {
					// The tick is kept in the folded past day.
					if err := chromedp.Do(tab, chromedp.Reload()); err != nil {
						t.Fatal(err)
					}
					if err := wait.Until("box "+o.Ticked+" to be ticked again after the reload", func() bool {
						kept, err := chromedp.Run(tab, chromedp.Evaluate[bool](`(() => { const b = document.getElementById('`+o.Ticked+`'); return !!b && b.checked && b.closest('.day').classList.contains('shut'); })()`))
						return err == nil && kept
					}); err != nil {
						t.Errorf("box %s in a past day: not ticked and folded after a reload: %v", o.Ticked, err)
					}
				}

				// The printed grid is the same from the phone as from a desktop.
				phonePDF, err := browser.PrintPDF(tab)
				if err != nil {
					t.Fatal(err)
				}
				desk := screenLoad(t, ctx, u, 1280, 900, false)
				deskPDF, err := browser.PrintPDF(desk)
				if err != nil {
					t.Fatal(err)
				}
				pt, dt := printedText(t, pdftotext, phonePDF), printedText(t, pdftotext, deskPDF)
				if pt != dt || strings.Count(pt, "\f") != 1 {
					t.Errorf("printed from the phone (%d pages):\n%s\nfrom the desktop (%d pages):\n%s\nwant the same one page", strings.Count(pt, "\f"), pt, strings.Count(dt, "\f"), dt)
				}
				for _, a := range got.Avoids {
					if strings.Contains(pt, a) {
						t.Errorf("the print shows the phone's avoid line %q", a)
					}
				}
			})
		}
	}
}

// jsStrings writes ss as a JavaScript array literal.
func jsStrings(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconvQuote(s)
	}
	return "[" + strings.Join(q, ",") + "]"
}

// printedText is the text of a PDF by pdftotext, in reading order.
func printedText(t *testing.T, pdftotext string, pdf []byte) string {
	t.Helper()
	name := filepath.Join(t.TempDir(), "print.pdf")
	if err := os.WriteFile(name, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, name, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}
