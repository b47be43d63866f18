package browser

import (
	"context"
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// axeSource is axe-core's engine, vendored with its licence (MPL-2.0) in
// testdata/axe-core; see the README there.
//
//go:embed testdata/axe-core/axe.min.js
var axeSource string

// AxeVersion is the version of axe-core that Axe runs.
const AxeVersion = "4.14.1"

// AxeTags are the rule tags of the audit the handouts must pass: WCAG 2.0,
// 2.1 and 2.2 at levels A and AA.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// AxeViolation is one failed axe rule and the elements that fail it.
type AxeViolation struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []AxeNode `json:"nodes"`
}

// AxeNode is one element that fails a rule.
type AxeNode struct {
	Target  []string `json:"target"`
	HTML    string   `json:"html"`
	Summary string   `json:"summary"`
}

// String describes the violation on a few lines, for a test's message.
func (v AxeViolation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s", v.ID, v.Impact, v.Help)
	for i, n := range v.Nodes {
		if i == 5 {
			fmt.Fprintf(&b, "\n    … and %d more", len(v.Nodes)-i)
			break
		}
		fmt.Fprintf(&b, "\n    %s %.160s\n      %s", strings.Join(n.Target, " "), n.HTML, strings.ReplaceAll(n.Summary, "\n", "; "))
	}
	return b.String()
}

// Axe runs axe-core on the page of ctx with the rules of tags (AxeTags
// when none are given) and returns the violations. The engine is injected
// into the page first (the page loads nothing itself).
func Axe(ctx context.Context, tags ...string) ([]AxeViolation, error) {
	if len(tags) == 0 {
		tags = AxeTags
	}
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { if (!window.axe) { `+axeSource+`
	} return window.axe.version; })()`))
	if err != nil {
		return nil, fmt.Errorf("injecting axe-core: %v", err)
	}
	if v != AxeVersion {
		return nil, fmt.Errorf("the page runs axe-core %s, want %s", v, AxeVersion)
	}
	tj, _ := json.Marshal(tags)
	return chromedp.Run(ctx, chromedp.Evaluate[[]AxeViolation](`axe.run(document, {
		runOnly: {type: 'tag', values: `+string(tj)+`},
		resultTypes: ['violations']
	}).then(r => r.violations.map(v => ({
		id: v.id, impact: v.impact || '', help: v.help,
		nodes: v.nodes.map(n => ({target: n.target.map(String), html: n.html, summary: n.failureSummary || ''}))
	})))`, chromedp.EvalAwaitPromise))
}

// Viewport sets the tab's window: a phone (mobile layout with the page's
// viewport meta, touch events, device scale 3) or a desktop browser
// window, width x height CSS px.
func Viewport(ctx context.Context, width, height int64, phone bool) error {
	if phone {
		return chromedp.Do(ctx, chromedp.EmulateViewport(width, height, chromedp.EmulateScale(3), chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait))
	}
	return chromedp.Do(ctx, chromedp.EmulateViewport(width, height))
}

// BeforeLoad makes script run in every page the tab loads from now on,
// before the page's own scripts (for instance to block its storage). A tab
// from Tab that runs such a script is closed when its test ends, never
// handed to another test.
func BeforeLoad(ctx context.Context, script string) error {
	if tab, ok := ctx.Value(tabKey{}).(*pooledTab); ok {
		tab.scripts = true
	}
	_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script})
	return err
}
