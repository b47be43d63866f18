package browser

import (
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestMain(m *testing.M) {
	code := m.Run()
	CloseShared()
	os.Exit(code)
}

// TestShared: two tests' contexts from Shared are in one Chromium, each
// with storage of its own, and a tab opened from one with Tab shares its
// storage.
func TestShared(t *testing.T) {
	u := fileURL(t, "page.html", "<!DOCTYPE html><html lang=en><title>t</title><h1>ok</h1>")
	var first *chromedp.Browser
	for i, test := range []string{"one", "two"} {
		t.Run(test, func(t *testing.T) {
			ctx := Shared(t)
			b := chromedp.FromContext(ctx).Browser
			if i == 0 {
				first = b
			} else if b != first || b == nil {
				t.Errorf("the second test's browser is %p, the first's %p: want one Chromium", b, first)
			}
			if _, _, err := Load(ctx, u); err != nil {
				t.Fatal(err)
			}
			seen, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const v = localStorage.getItem('k') || ''; localStorage.setItem('k', '`+test+`'); return v; })()`))
			if err != nil {
				t.Fatal(err)
			}
			if seen != "" {
				t.Errorf("test %s finds %q in the storage of a new browser context, want it empty", test, seen)
			}
			tab := Tab(t, ctx)
			if _, _, err := Load(tab, u); err != nil {
				t.Fatal(err)
			}
			if got, err := chromedp.Run(tab, chromedp.Evaluate[string](`localStorage.getItem('k')`)); err != nil || got != test {
				t.Errorf("a tab opened from the context reads %q (%v), want %q, its browser context's storage", got, err, test)
			}
		})
	}
}
