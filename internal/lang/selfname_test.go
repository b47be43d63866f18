package lang

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"handouts/layouts"
)

// TestSelfNames: the table of names (selfNames) is what x/text's CLDR
// namer (display.Self) says for every built-in locale, and another region
// of a built-in language is named as its language, as display names it.
func TestSelfNames(t *testing.T) {
	for name := range cldrLocales {
		tag := strings.ReplaceAll(name, "_", "-")
		want := display.Self.Name(language.MustParse(tag))
		if got := selfNames[tag]; got != want {
			t.Errorf("selfNames[%q] = %q, want display's %q", tag, got, want)
		}
	}
	for _, tag := range []string{"fr-SN", "en-SG", "es-AR", "pt-AO"} {
		tg := language.MustParse(tag)
		base, _ := tg.Base()
		if got, want := selfName(tg.String(), base.String()), display.Self.Name(tg); got != want {
			t.Errorf("selfName(%s) = %q, want display's %q", tag, got, want)
		}
	}
	if got := selfName("eu-ES", "eu"); got != "" {
		t.Errorf("selfName(eu-ES) = %q, want none: Basque is not built in", got)
	}
}

// A language CLDR does not cover here gives its name under names: with
// its weekdays and months; without it, it is refused.
func TestNamesName(t *testing.T) {
	words, _ := layouts.FS.ReadFile("lang/en.yaml")
	us, _ := layouts.FS.ReadFile("lang/en-US.yaml")
	names := "names:\n  days: [ig, al, ar, az, og, or, lr]\n  long_days: [igandea, astelehena, asteartea, asteazkena, osteguna, ostirala, larunbata]\n" +
		"  months: [urt, ots, mar, api, mai, eka, uzt, abu, ira, urr, aza, abe]\n" +
		"  long_months: [urtarrila, otsaila, martxoa, apirila, maiatza, ekaina, uztaila, abuztua, iraila, urria, azaroa, abendua]\n"
	fsys := fstest.MapFS{
		"lang/eu.yaml":    {Data: append(append([]byte{}, words...), names+"  name: euskara\n"...)},
		"lang/eu-ES.yaml": {Data: us},
	}
	r, err := Load(fsys, nil)
	if err != nil {
		t.Fatal(err)
	}
	if l, ok := r.Get("eu-ES"); !ok || l.Name != "euskara" {
		t.Errorf("eu-ES: ok %v, Name %q; want euskara from names:", ok, l.Name)
	}
	fsys["lang/eu.yaml"] = &fstest.MapFile{Data: append(append([]byte{}, words...), names...)}
	if _, err := Load(fsys, nil); err == nil || !strings.Contains(err.Error(), "layouts/lang/eu-ES.yaml: no CLDR name for eu-ES here; give the language's name in itself under names: (name:") {
		t.Errorf("Load without names: name: = %v, want it refused", err)
	}
}
