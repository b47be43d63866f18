package browser

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/target"
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

// TestTabReused: a tab a test is done with is the next test's tab, emptied
// (about:blank) and with a desktop screen again; a tab that ran a script of
// BeforeLoad is closed instead, so its script never runs in another test's
// pages.
func TestTabReused(t *testing.T) {
	ctx := Shared(t)
	u := fileURL(t, "page.html", "<!DOCTYPE html><html lang=en><title>t</title><h1>ok</h1>")
	type state struct {
		Href   string `json:"href"`
		Width  int    `json:"width"`
		Touch  bool   `json:"touch"`
		Marked bool   `json:"marked"`
	}
	read := func(t *testing.T, tab context.Context) state {
		t.Helper()
		got, err := chromedp.Run(tab, chromedp.Evaluate[state](`({href: location.href, width: screen.width, touch: navigator.maxTouchPoints > 0, marked: !!window.marked})`))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	var first target.ID
	var desktop state
	t.Run("phone", func(t *testing.T) {
		tab := Tab(t, ctx)
		first = chromedp.FromContext(tab).Target.TargetID
		desktop = read(t, tab)
		if !strings.HasPrefix(desktop.Href, "file://") || desktop.Href != blankPage() {
			t.Errorf("a new tab shows %s, want the empty file:// page %s (a renderer process of about:blank's own, left at once)", desktop.Href, blankPage())
		}
		if err := Viewport(tab, 390, 844, true); err != nil {
			t.Fatal(err)
		}
		if _, _, err := Load(tab, u); err != nil {
			t.Fatal(err)
		}
		if got := read(t, tab); got.Width != 390 || !got.Touch {
			t.Fatalf("after Viewport: %+v, want 390 px wide with touch (the test proves nothing)", got)
		}
	})
	t.Run("next", func(t *testing.T) {
		tab := Tab(t, ctx)
		if id := chromedp.FromContext(tab).Target.TargetID; id != first {
			t.Errorf("got tab %s, want the first test's tab %s again", id, first)
		}
		if got := read(t, tab); got.Href != "about:blank" || got.Width != desktop.Width || got.Touch != desktop.Touch {
			t.Errorf("the reused tab shows %+v, want about:blank and a new tab's screen (%+v)", got, desktop)
		}
		if err := BeforeLoad(tab, `window.marked = true`); err != nil {
			t.Fatal(err)
		}
		if _, _, err := Load(tab, u); err != nil {
			t.Fatal(err)
		}
		if !read(t, tab).Marked {
			t.Fatal("BeforeLoad's script did not run (the test proves nothing)")
		}
	})
	t.Run("after a script", func(t *testing.T) {
		tab := Tab(t, ctx)
		if id := chromedp.FromContext(tab).Target.TargetID; id == first {
			t.Errorf("got the tab %s whose pages run a script of BeforeLoad, want a new one", id)
		}
		if _, _, err := Load(tab, u); err != nil {
			t.Fatal(err)
		}
		if read(t, tab).Marked {
			t.Error("another test's BeforeLoad script ran in this test's page")
		}
	})
	// A Tab asked of a tab is another tab of the same browser context (its
	// storage the same), which goes back to that context's idle tabs.
	var pair []target.ID
	t.Run("asked of a tab", func(t *testing.T) {
		tab := Tab(t, ctx)
		other := Tab(t, tab)
		pair = []target.ID{chromedp.FromContext(tab).Target.TargetID, chromedp.FromContext(other).Target.TargetID}
		if pair[0] == pair[1] {
			t.Fatalf("got tab %s twice, want two tabs", pair[0])
		}
		for _, x := range []context.Context{tab, other} {
			if _, _, err := Load(x, u); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`localStorage.setItem('shared-test', 'kept'), true`)); err != nil {
			t.Fatal(err)
		}
		defer chromedp.Run(tab, chromedp.Evaluate[bool](`localStorage.clear(), true`))
		got, err := chromedp.Run(other, chromedp.Evaluate[string](`localStorage.getItem('shared-test') || ''`))
		if err != nil || got != "kept" {
			t.Errorf("the other tab reads %q (%v) from the storage the first wrote, want its value: another browser context", got, err)
		}
	})
	t.Run("both idle", func(t *testing.T) {
		for _, tab := range []context.Context{Tab(t, ctx), Tab(t, ctx)} {
			if id := chromedp.FromContext(tab).Target.TargetID; !slices.Contains(pair, id) {
				t.Errorf("got tab %s, want one of the last test's tabs %s again", id, pair)
			}
		}
	})
}
