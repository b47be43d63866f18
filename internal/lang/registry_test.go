package lang

import (
	"io/fs"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"handouts/layouts"
)

// TestLoadRefuses: a data file that cannot make a language is refused
// naming the file and what to write: a locale without its language's
// words, a phrase without its format verb, a clock that is neither 12- nor
// 24-hour, a misspelt key (in a locale's words too: package yamlcheck), a
// language CLDR does not cover here without names.
func TestLoadRefuses(t *testing.T) {
	words, _ := layouts.FS.ReadFile("lang/en.yaml")
	us, _ := layouts.FS.ReadFile("lang/en-US.yaml")
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no words", map[string]string{"lang/fr-CA.yaml": string(us)}, "layouts/lang/fr-CA.yaml: no words for its language; add layouts/lang/fr.yaml"},
		{"lost verb", map[string]string{"lang/en.yaml": strings.Replace(string(words), `until: "until %s"`, `until: "until"`, 1), "lang/en-NZ.yaml": string(us)},
			"layouts/lang/en.yaml: words missing, or without the format verbs English's have (%s, %d): until"},
		{"bad clock", map[string]string{"lang/en.yaml": string(words), "lang/en-NZ.yaml": strings.Replace(string(us), `clock: {hours: 12, am: "AM", pm: "PM"}`, "clock: {hours: 12}", 1)},
			"layouts/lang/en-NZ.yaml: clock: give hours: 24, or hours: 12 with am: and pm:"},
		{"misspelt key", map[string]string{"lang/en.yaml": string(words), "lang/en-NZ.yaml": string(us) + "spellling: gb\n"},
			`layouts/lang/en-NZ.yaml:10: unknown key "spellling"; did you mean "spelling"? Allowed keys here: dates, clock, spelling, trim_dot, words, names`},
		{"misspelt word", map[string]string{"lang/en.yaml": string(words), "lang/en-NZ.yaml": string(us) + "words:\n  untl: \"till %s\"\n"},
			`layouts/lang/en-NZ.yaml:11: unknown key "untl"; did you mean "until"?`},
		{"no names", map[string]string{"lang/eu.yaml": strings.Replace(string(words), "doubles:", "doubles:", 1), "lang/eu-ES.yaml": string(us)},
			"layouts/lang/eu-ES.yaml: no CLDR weekday and month names for eu-ES here; give them under names:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range tt.files {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			_, err := Load(fsys, nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Load = %v, want %q", err, tt.want)
			}
		})
	}
}

// TestLoadOverrides: a layouts folder's lang/ file takes the place of the
// built-in one (a clinic writes "Tick when done" otherwise) and adds a
// locale (en-NZ, with CLDR's en_NZ names through its language).
func TestLoadOverrides(t *testing.T) {
	us, _ := layouts.FS.ReadFile("lang/en-GB.yaml")
	over := fstest.MapFS{
		"lang/en-US.yaml": {Data: []byte(strings.ReplaceAll(string(us), "spelling: gb", "") + "words:\n  cal_do: \"Do these (tick each)\"\n")},
		"lang/en-NZ.yaml": {Data: us},
	}
	r, err := Load(layouts.FS, over)
	if err != nil {
		t.Fatal(err)
	}
	l, ok := r.Get("en-US")
	if !ok || l.CalDo != "Do these (tick each)" || l.CalAvoid != "Avoid" || l.Clock12 {
		t.Errorf("en-US overridden: %+v", l)
	}
	nz, ok := r.Get("en-NZ")
	if !ok || nz.LongMonths[11] != "December" {
		t.Errorf("en-NZ = %v, %v", nz, ok)
	}
	if _, ok := Default().Get("en-NZ"); ok {
		t.Error("the override changed the built-in registry")
	}
}

// TestLoadOnly: LoadOnly makes the languages asked for, the same as Load
// makes them, and lists the others without reading them: a broken locale
// file, or one without its language's words, of another language does not
// stop it, while Load refuses it.
func TestLoadOnly(t *testing.T) {
	us, _ := layouts.FS.ReadFile("lang/en-US.yaml")
	over := fstest.MapFS{
		"lang/es-MX.yaml": {Data: []byte("dates: [\n")},
		"lang/fr-CA.yaml": {Data: us},
	}
	if _, err := Load(layouts.FS, over); err == nil || !strings.Contains(err.Error(), "layouts/lang/es-MX.yaml") || !strings.Contains(err.Error(), "layouts/lang/fr-CA.yaml") {
		t.Fatalf("Load = %v, want es-MX.yaml and fr-CA.yaml refused", err)
	}
	only, err := LoadOnly(layouts.FS, over, []string{"es-US"})
	if err != nil {
		t.Fatalf("LoadOnly(es-US) = %v", err)
	}
	all, err := Load(layouts.FS, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, ok := only.Get("es-US")
	want, _ := all.Get("es-US")
	if !ok || got.Name != want.Name || got.LongMonths != want.LongMonths || !reflect.DeepEqual(got.Words, want.Words) || got.LongFormat != want.LongFormat {
		t.Errorf("LoadOnly's es-US = %+v, want Load's %+v", got, want)
	}
	if _, ok := only.Get("en-US"); ok {
		t.Error("LoadOnly(es-US) made en-US")
	}
	for _, tag := range []string{"en-US", "es-MX", "fr-CA", "es-US"} {
		if !strings.Contains(strings.Join(only.Tags(), " "), tag) {
			t.Errorf("Tags() = %v, want %s listed", only.Tags(), tag)
		}
	}
}

// readCounter counts the files read from an fs.FS.
type readCounter struct {
	fs.FS
	read map[string]int
}

func (c *readCounter) Open(name string) (fs.File, error) {
	c.read[name]++
	return c.FS.Open(name)
}

// TestLoadOnlyReadsItsFiles: LoadOnly reads its languages' files (the
// locale's and its language's) and only lists the others' names.
func TestLoadOnlyReadsItsFiles(t *testing.T) {
	c := &readCounter{FS: layouts.FS, read: map[string]int{}}
	only, err := LoadOnly(c, nil, []string{"es-US"})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := only.Get("es-US"); !ok || len(only.Tags()) < 2 {
		t.Fatalf("LoadOnly(es-US): Get ok %v, Tags %v; want es-US made and the others listed", ok, only.Tags())
	}
	delete(c.read, "lang")
	if want := map[string]int{"lang/es-US.yaml": 1, "lang/es.yaml": 1}; !reflect.DeepEqual(c.read, want) {
		t.Errorf("LoadOnly(es-US) read %v, want %v", c.read, want)
	}
}
