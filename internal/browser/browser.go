// Package browser starts Debian's headless Chromium through chromedp for
// tests, and loads pages in it: it records the console errors and every
// network request of a page, and prints a page to PDF.
//
// Chromium is a system package (apt-get install chromium), not a Go module.
// Without it, a test that calls Shared is skipped with a loud message, except in
// CI (CI=true), where a missing browser fails the test.
package browser

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"handouts/internal/wait"
)

// Flags are the command-line switches Chromium starts with, besides
// --user-data-dir. chromedp adds --remote-debugging-pipe and the first page,
// about:blank, to talk to the browser.
var Flags = []string{
	"headless",
	"no-sandbox",
	"disable-gpu",
	"disable-quic",
	"no-first-run",
	"disable-background-networking",
	"disable-component-update",
	"disable-sync",
	// Tabs opened in parallel are background tabs, whose timers and
	// rendering Chromium otherwise slows down (as Puppeteer's defaults
	// also turn off).
	"disable-background-timer-throttling",
	"disable-renderer-backgrounding",
	"disable-backgrounding-occluded-windows",
	// One renderer process for the pages of one site in a browser context,
	// where Chromium otherwise starts a process for nearly every page a tab
	// is sent to: all file:// pages of a test share one, and the scripts
	// a test evaluates in each (axe-core, half a megabyte) are compiled
	// once per process, not once per page. Pages stay apart (each tab its
	// own window and scripts; each context its own storage and process).
	"process-per-site",
}

// chromiumPaths are the places Chromium is looked for, in order: Debian's
// chromium-headless-shell, the Chromium build made for driving by a program
// (the same Blink and V8 as the browser, without the browser's windows,
// profile services and extensions), then Debian's chromium, then the
// names on PATH. The headless shell does the tests' work for far less
// processor time (the same tests, measured with cpuacct: internal/browser
// 24.8 s with chromium, 9.3 s with the shell; internal/project's browser
// tests 80 s and 52 s), so .ci/deps installs it; a developer machine with
// chromium only runs the tests in it.
var chromiumPaths = []string{"/usr/bin/chromium-headless-shell", "chromium-headless-shell", "/usr/bin/chromium", "chromium"}

// InCI reports whether the tests run in CI (the CI variable is true), where a
// missing tool fails a test and does not skip it.
func InCI() bool {
	ok, _ := strconv.ParseBool(os.Getenv("CI"))
	return ok
}

// Tool returns the path of the first of names that exists (an absolute path
// or a program on PATH). When none does, it fails the test in CI and skips it
// elsewhere, loudly, saying what did not run and which Debian package, pkg,
// to install.
func Tool(t testing.TB, pkg, what string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	name := filepath.Base(names[0])
	if InCI() {
		t.Fatalf("%s is required in CI: apt-get install %s", name, pkg)
	}
	msg := fmt.Sprintf("SKIP: %s not installed; %s did not run (apt-get install %s)", name, what, pkg)
	bar := strings.Repeat("!", len(msg))
	t.Logf("\n%s\n%s\n%s", bar, msg, bar)
	t.Skip(msg)
	return ""
}

// browserKey holds, in the context Shared returns, the browser context's
// first tab, which has no deadline, so that Tab can give each tab a deadline
// of its own.
type browserKey struct{}

// Tab returns a tab in the browser context of ctx (from Shared, or a tab of
// its: asked of a tab, Tab gives another tab of that tab's browser context)
// and its context, which ends at the tests' ceiling, as Shared's does.
// Tabs of one browser context can be used from parallel subtests, one tab
// per subtest.
//
// A new tab opens on an empty page of file:// (openTab). When the test
// ends, the tab goes back to its browser context's idle tabs, emptied
// (about:blank) and with the screen and touch Viewport set put back, and
// the next Tab there takes it: opening a tab costs Chromium most of a
// second of processor time, where reusing one costs a page load of
// about:blank. A tab whose pages run a script of
// BeforeLoad is closed instead, as is one that does not answer. What a
// browser context keeps (its storage, cookies and cache) is shared by its
// tabs either way.
func Tab(t testing.TB, ctx context.Context) context.Context {
	t.Helper()
	base, ok := ctx.Value(browserKey{}).(context.Context)
	if !ok {
		base = ctx
	}
	tab := idle.take(base)
	if tab == nil {
		opened := make(chan openedTab, 1)
		go func() { opened <- openTab(base) }()
		o := wait.Recv(t, "Chromium to open a tab for "+t.Name(), opened)
		if o.err != nil {
			if o.tab != nil {
				o.tab.close()
			}
			t.Fatalf("opening a tab: %v", o.err)
		}
		tab = o.tab
	}
	// The tab's context names its browser context too, so that a Tab asked
	// of it is another tab of the same browser context, from its idle tabs.
	ctx, cancel := wait.Context(context.WithValue(context.WithValue(tab.ctx, tabKey{}, tab), browserKey{}, base), "a tab of Chromium to answer "+t.Name())
	t.Cleanup(func() {
		cancel()
		idle.put(base, tab)
	})
	return ctx
}

// openedTab is what openTab made: a tab, or an error (and the tab to close,
// if it got that far).
type openedTab struct {
	tab *pooledTab
	err error
}

// openTab opens a new tab in the browser context of base. The tab opens on
// an empty page of file:// (blankPage), the site of the pages the tests
// load, which Chromium renders in the process that already renders that
// site's pages in the browser context (process-per-site in Flags); a tab
// opened on about:blank starts a renderer process of its own, about 0.2 s
// of processor time here, only to leave it at its first page. The first
// Do attaches to the tab and runs its messages for as long as the context
// it is given lasts: the tab's own, which outlives the test, so that the
// next test can have the tab.
func openTab(base context.Context) openedTab {
	c := chromedp.FromContext(base)
	newWindow := true // as chromedp opens a tab: a hidden one would get no frames
	res, err := cdp.Call(base, c.Browser, target.CreateTarget, target.CreateTargetParams{
		URL: blankPage(), BrowserContextID: c.BrowserContextID, NewWindow: &newWindow})
	if err != nil {
		return openedTab{err: err}
	}
	tctx, tcancel := chromedp.NewContext(base, chromedp.WithTargetID(res.TargetID))
	tab := &pooledTab{ctx: tctx, close: tcancel}
	return openedTab{tab: tab, err: chromedp.Do(tctx)}
}

// tabKey holds, in a context Tab returns, its *pooledTab.
type tabKey struct{}

// pooledTab is a tab Tab handed out: its own context, without the test's
// deadline, and what closes it.
type pooledTab struct {
	ctx     context.Context
	close   context.CancelFunc
	scripts bool // BeforeLoad added a script to its pages: never reused
}

// idle holds the tabs of each browser context that no test is using.
var idle tabPool

type tabPool struct {
	mu   sync.Mutex
	tabs map[context.Context][]*pooledTab // by the browser context's first tab
}

// take returns an idle tab of base, or nil.
func (p *tabPool) take(base context.Context) *pooledTab {
	p.mu.Lock()
	defer p.mu.Unlock()
	tabs := p.tabs[base]
	if len(tabs) == 0 {
		return nil
	}
	p.tabs[base] = tabs[:len(tabs)-1]
	return tabs[len(tabs)-1]
}

// put empties tab and keeps it for the next test in base, or closes it when
// it cannot be reused. A browser context's idle tabs are forgotten when it
// ends (and close with it).
func (p *tabPool) put(base context.Context, tab *pooledTab) {
	if tab.scripts || base.Err() != nil || reset(tab.ctx) != nil {
		tab.close()
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tabs == nil {
		p.tabs = map[context.Context][]*pooledTab{}
	}
	if _, known := p.tabs[base]; !known {
		context.AfterFunc(base, func() {
			p.mu.Lock()
			defer p.mu.Unlock()
			delete(p.tabs, base)
		})
	}
	p.tabs[base] = append(p.tabs[base], tab)
}

// reset loads about:blank in the tab (its page's scripts and timers end
// there) and puts back the screen and touch that Viewport set.
func reset(tctx context.Context) error {
	ctx, cancel := wait.Context(tctx, "a tab of Chromium to empty itself for the next test")
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		return err
	}
	if _, err := chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		return err
	}
	_, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{})
	return err
}

// Load navigates the tab of ctx to url and waits for the load event. It
// returns the console errors of the page until then (console.error and
// console.assert calls, uncaught exceptions, and error entries of the
// browser log, such as a file that failed to load) and the URL of every
// network request the page made, its own first. What happens after the load
// event, such as a timer or an unhandled promise rejection, is not seen.
func Load(ctx context.Context, url string) (consoleErrors, requests []string, err error) {
	lctx, stop := context.WithCancel(ctx)
	defer stop() // ends the listener
	var (
		mu         sync.Mutex
		errs, reqs []string
		done       bool // set when Load returns; a late event is dropped
	)
	record := func(ev any) {
		// This runs in the tab's message loop: be quick, send no command.
		mu.Lock()
		defer mu.Unlock()
		if done {
			return
		}
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if ev.Request != nil {
				reqs = append(reqs, ev.Request.URL)
			}
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				errs = append(errs, "console."+string(ev.Type)+": "+argsText(ev.Args))
			}
		case *runtime.EventExceptionThrown:
			errs = append(errs, "exception: "+exceptionText(ev.ExceptionDetails))
		case *log.EventEntryAdded:
			if e := ev.Entry; e != nil && e.Level == log.EntryLevelError {
				s := "log " + string(e.Source) + ": " + e.Text
				if e.URL != "" {
					s += " (" + e.URL + ")"
				}
				errs = append(errs, s)
			}
		}
	}
	if err := chromedp.Listen(lctx, record); err != nil {
		return nil, nil, err
	}
	// chromedp enables the runtime, network and log domains when it attaches
	// a tab; enable them again in case a caller turned one off.
	if _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); err != nil {
		return nil, nil, err
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return nil, nil, err
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		return nil, nil, err
	}
	if err = chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		err = fmt.Errorf("loading %s: %w", url, wait.Err(ctx, err))
	}
	mu.Lock()
	defer mu.Unlock()
	done = true
	return errs, reqs, err
}

// PrintPDF prints the page of ctx to PDF with the page size of its CSS
// (@page size), as a browser's print dialog does, with backgrounds.
func PrintPDF(ctx context.Context) ([]byte, error) {
	return chromedp.Run(ctx, chromedp.PrintToPDF(chromedp.PDFPreferCSSPageSize(), chromedp.PDFPrintBackground()))
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		parts = append(parts, remoteText(a))
	}
	return strings.Join(parts, " ")
}

func remoteText(o *runtime.RemoteObject) string {
	switch {
	case o == nil:
		return ""
	case len(o.Value) > 0:
		if s, err := strconv.Unquote(string(o.Value)); err == nil {
			return s
		}
		return string(o.Value)
	case o.UnserializableValue != "":
		return string(o.UnserializableValue)
	case o.Description != "":
		return o.Description
	}
	return string(o.Type)
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d == nil {
		return "(no details)"
	}
	s := d.Text
	if d.Exception != nil && d.Exception.Description != "" {
		s += " " + d.Exception.Description
	}
	if d.URL != "" {
		s += fmt.Sprintf(" (%s:%d:%d)", d.URL, d.LineNumber+1, d.ColumnNumber+1)
	}
	return s
}

// shared is the Chromium that Shared starts once for a test binary.
var shared struct {
	once  sync.Once
	ctx   context.Context // the browser's first tab, without a deadline
	blank string          // the file:// URL of an empty page in its profile
	err   error
	close func()
}

// blankPage is the URL a new tab opens on: an empty HTML page in the shared
// Chromium's profile folder, or about:blank where it could not be written.
func blankPage() string {
	if shared.blank != "" {
		return shared.blank
	}
	return "about:blank"
}

// Shared returns, for test t, the first tab of a browser context of its own
// (its own storage, cookies and cache, as a fresh profile has) in one
// headless Chromium shared by the tests of the binary: the first test that
// asks starts it (about 1.7 s of CPU, where a browser context costs a few
// milliseconds), and TestMain closes it with CloseShared. Tabs opened from
// the returned context with Tab are in the same browser context; Chromium
// renders each browser context's pages in processes of their own. The
// context ends at the tests' ceiling (wait.Ceiling: long enough for a busy
// machine, there to end a stuck run), its cause saying so, and the browser
// context is disposed of when the test ends. Without Chromium the test is
// skipped, or fails in CI.
func Shared(t testing.TB) context.Context {
	t.Helper()
	path := Tool(t, "chromium-headless-shell", "HTML tests", chromiumPaths...)
	shared.once.Do(func() {
		profile, err := os.MkdirTemp("", "handouts-chromium-")
		if err != nil {
			shared.err = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(path)}
		for _, f := range Flags {
			opts = append(opts, chromedp.Flag(f, true))
		}
		blank := filepath.Join(profile, "blank.html")
		if os.WriteFile(blank, []byte("<!DOCTYPE html><title></title>\n"), 0o644) == nil {
			shared.blank = (&url.URL{Scheme: "file", Path: filepath.ToSlash(blank)}).String()
		}
		opts = append(opts, chromedp.UserDataDir(profile))
		actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
		bctx, bcancel := chromedp.NewContext(actx)
		shared.close = func() {
			cctx, ccancel := wait.Context(bctx, "Chromium to close")
			defer ccancel()
			chromedp.Cancel(cctx)
			bcancel()
			acancel()
			os.RemoveAll(profile)
		}
		if err := chromedp.Do(bctx); err != nil {
			shared.err = fmt.Errorf("starting %s: %w", path, err)
			return
		}
		shared.ctx = bctx
	})
	if shared.err != nil {
		t.Fatal(shared.err)
	}
	bctx, bcancel := chromedp.NewContext(shared.ctx, chromedp.WithNewBrowserContext())
	ctx, cancel := wait.Context(context.WithValue(bctx, browserKey{}, bctx), "Chromium to answer "+t.Name())
	t.Cleanup(func() {
		cancel()
		bcancel() // closes the tab and disposes of the browser context
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("opening a browser context: %v", wait.Err(ctx, err))
	}
	return ctx
}

// CloseShared closes the Chromium that Shared started, if it did, and
// removes its profile; TestMain calls it once every test has run.
func CloseShared() {
	if shared.close != nil {
		shared.close()
	}
}
