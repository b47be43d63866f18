package lang

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
	"golang.org/x/text/language"

	"handouts/internal/yamlcheck"
	"handouts/layouts"
)

// A Registry is the languages a build can write: one per locale file
// (layouts/lang/<tag>.yaml) whose language has a words file
// (layouts/lang/<language>.yaml).
type Registry struct {
	langs map[string]*Lang
	tags  []string
}

// languageFile is layouts/lang/<language>.yaml: the words of a language.
type languageFile struct {
	Words   Words               `yaml:"words"`
	Doubles map[string][]string `yaml:"doubles"`
	Names   *names              `yaml:"names"`
}

// localeFile is layouts/lang/<tag>.yaml: one locale's dates, clock and
// spelling, and any words it writes otherwise than its language.
type localeFile struct {
	Dates struct {
		Short     string `yaml:"short"`
		ShortYear string `yaml:"short_year"`
		DayMonth  string `yaml:"day_month"`
		Long      string `yaml:"long"`
		LongYear  string `yaml:"long_year"`
	} `yaml:"dates"`
	Clock struct {
		Hours int    `yaml:"hours"`
		AM    string `yaml:"am"`
		PM    string `yaml:"pm"`
	} `yaml:"clock"`
	Spelling string    `yaml:"spelling"` // the word list of spelling.yaml that respells the English source: gb, au, ca
	TrimDot  bool      `yaml:"trim_dot"` // drop CLDR's final period from short names ("vie." to "vie")
	Words    yaml.Node `yaml:"words"`    // words this locale writes otherwise, over its language's
	Names    *names    `yaml:"names"`
}

// names are the language's name in itself and weekday and month names
// for a language CLDR does not cover here (cldr.go), Sunday and January
// first.
type names struct {
	Name       string   `yaml:"name"`
	Days       []string `yaml:"days"`
	LongDays   []string `yaml:"long_days"`
	Months     []string `yaml:"months"`
	LongMonths []string `yaml:"long_months"`
}

// Default returns the built-in languages (layouts/lang in the program).
var Default = sync.OnceValue(func() *Registry {
	r, err := Load(layouts.FS, nil)
	if err != nil {
		panic("the built-in languages do not load: " + err.Error())
	}
	return r
})

// Load reads the languages of base's lang/ folder, with the files of
// over's lang/ (a layouts folder on disk; nil for none) added or put in
// their place.
func Load(base, over fs.FS) (*Registry, error) { return LoadOnly(base, over, nil) }

// LoadOnly is Load for the languages tags (every one when tags is nil): a
// one-off copy makes its own language, and decoding and checking the
// others' files costs it more than the rest of its loading. The others
// are listed (Tags, Bases) as Load lists them, unchecked, and Get does
// not return them; a problem in their files is Load's to report.
func LoadOnly(base, over fs.FS, tags []string) (*Registry, error) {
	// Each file name's folder (over's in place of base's); a file is read
	// only when its language is made.
	files := map[string]fs.FS{}
	names := map[string]string{} // file name -> as reported
	read := func(name string) ([]byte, error) { return fs.ReadFile(files[name], path.Join("lang", name)) }
	for _, fsys := range []fs.FS{base, over} {
		if fsys == nil {
			continue
		}
		ents, err := fs.ReadDir(fsys, "lang")
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		for _, e := range ents {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".yaml") {
				continue
			}
			files[e.Name()] = fsys
			names[e.Name()] = path.Join("layouts/lang", e.Name())
		}
	}
	r := &Registry{langs: map[string]*Lang{}}
	var errs []error
	for name := range files {
		tag := strings.TrimSuffix(name, ".yaml")
		t, err := language.Parse(tag)
		if err != nil {
			if tags == nil {
				errs = append(errs, fmt.Errorf("%s: %q is not a language tag (BCP 47, like fr-CA); name the file for its locale", names[name], tag))
			}
			continue
		}
		base, _ := t.Base()
		if _, region := t.Region(); region == language.No || !strings.Contains(tag, "-") {
			continue // a language's words, read with its locales
		}
		if tags != nil && !slices.Contains(tags, tag) {
			r.tags = append(r.tags, tag) // listed, not made
			continue
		}
		bname := base.String() + ".yaml"
		if files[bname] == nil {
			errs = append(errs, fmt.Errorf("%s: no words for its language; add layouts/lang/%s with the words: of %s", names[name], bname, base))
			continue
		}
		data, err := read(name)
		if err != nil {
			return nil, err
		}
		bdata, err := read(bname)
		if err != nil {
			return nil, err
		}
		l, err := build(tag, t, names[bname], bdata, names[name], data)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		r.langs[tag] = l
		r.tags = append(r.tags, tag)
	}
	slices.Sort(r.tags)
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return r, nil
}

// build makes one locale from its language's file and its own.
func build(tag string, t language.Tag, bfile string, bdata []byte, file string, data []byte) (*Lang, error) {
	var lf languageFile
	if err := decode(bfile, bdata, &lf); err != nil {
		return nil, err
	}
	var loc localeFile
	if err := decode(file, data, &loc); err != nil {
		return nil, err
	}
	w := lf.Words
	if loc.Words.Kind != 0 {
		if err := yamlcheck.DecodeNode(file, &loc.Words, &w); err != nil {
			return nil, err
		}
	}
	base, _ := t.Base()
	l := &Lang{Tag: tag, Base: base.String(), Spelling: loc.Spelling, Words: w, Doubles: lf.Doubles,
		DateFormat: loc.Dates.Short, DateYearFormat: loc.Dates.ShortYear, DayMonthFormat: loc.Dates.DayMonth,
		LongFormat: loc.Dates.Long, LongYearFormat: loc.Dates.LongYear,
		Clock12: loc.Clock.Hours == 12, AMPM: [2]string{loc.Clock.AM, loc.Clock.PM}}
	l.TimeNames = maps.Clone(w.TimeNames)
	l.TimeMarks = maps.Clone(w.TimeMarks)
	if err := checkLocale(file, l, loc.Clock.Hours); err != nil {
		return nil, err
	}
	if err := checkWords(bfile, &l.Words); err != nil {
		return nil, err
	}
	nm := loc.Names
	if nm == nil {
		nm = lf.Names
	}
	l.Name = selfName(t.String(), l.Base)
	if nm != nil && nm.Name != "" {
		l.Name = nm.Name
	}
	if mk := cldrFor(tag); mk != nil {
		l.cldr = mk()
		trim := func(s string) string {
			if loc.TrimDot {
				return strings.TrimSuffix(s, ".")
			}
			return s
		}
		for d := range 7 {
			l.Days[d] = trim(l.cldr.WeekdayAbbreviated(time.Weekday(d)))
			l.LongDays[d] = l.cldr.WeekdayWide(time.Weekday(d))
		}
		for m := range 12 {
			l.Months[m] = trim(l.cldr.MonthAbbreviated(time.Month(m + 1)))
			l.LongMonths[m] = l.cldr.MonthWide(time.Month(m + 1))
		}
	} else {
		if nm == nil || len(nm.Days) != 7 || len(nm.LongDays) != 7 || len(nm.Months) != 12 || len(nm.LongMonths) != 12 {
			return nil, fmt.Errorf("%s: no CLDR weekday and month names for %s here; give them under names: (days and long_days: 7 each, Sunday first; months and long_months: 12 each)", file, tag)
		}
		if l.Name == "" {
			return nil, fmt.Errorf("%s: no CLDR name for %s here; give the language's name in itself under names: (name:, as the language writes it)", file, tag)
		}
		copy(l.Days[:], nm.Days)
		copy(l.LongDays[:], nm.LongDays)
		copy(l.Months[:], nm.Months)
		copy(l.LongMonths[:], nm.LongMonths)
	}
	// A short month that reads as a short weekday ("mar": martes and
	// marzo, so "mar 17 mar") is written in full: "mar 17 marzo".
	for m := range 12 {
		if slices.Contains(l.Days[:], l.Months[m]) {
			l.Months[m] = l.LongMonths[m]
		}
	}
	return l, nil
}

// decode reads a data file strictly (yamlcheck.Decode): an unknown or
// misspelt key is an error at its line, with the nearest known key.
func decode(file string, data []byte, v any) error {
	_, err := yamlcheck.Decode(file, data, v)
	return err
}

// checkLocale refuses a locale file without its dates or with a clock
// that is neither 12- nor 24-hour.
func checkLocale(file string, l *Lang, hours int) error {
	for key, f := range map[string]string{"short": l.DateFormat, "short_year": l.DateYearFormat, "day_month": l.DayMonthFormat, "long": l.LongFormat, "long_year": l.LongYearFormat} {
		if !strings.Contains(f, "{d}") {
			return fmt.Errorf("%s: dates: %s %q has no {d}; write a date pattern with {wd} {mon} (short names), {WD} {MON} (full names), {d} and {y}", file, key, f)
		}
	}
	switch {
	case hours == 24:
	case hours == 12 && l.AMPM[0] != "" && l.AMPM[1] != "":
	default:
		return fmt.Errorf("%s: clock: give hours: 24, or hours: 12 with am: and pm: (the marks readers write, such as AM and PM)", file)
	}
	return nil
}

// wordVerbs are English's format verbs for each phrase: a language's
// phrase must keep them, so no line prints "%!d(MISSING)".
var wordVerbs = map[string]string{
	"amount": "%d%s", "for": "%s", "until": "%s", "until_time": "%s%s", "from_day": "%d", "from": "%s",
	"day_n": "%d", "page": "%d%d", "prepared_for": "%s", "treated": "%s", "date_at": "%s%s", "until_day": "%d",
	"ends": "%s", "logo_alt": "%s", "reviewed": "%s%s", "disclaimer": "",
	"summary_title": "", "cal_do": "", "cal_avoid": "", "cal_expect": "", "read_online": "", "today": "", "storage_blocked": "", "only_for_now": "",
}

// checkWords refuses a words file with a phrase missing or with other
// format verbs than English's, naming the key.
func checkWords(file string, w *Words) error {
	got := map[string]string{
		"amount": w.AmountFormat, "for": w.For, "until": w.Until, "until_time": w.UntilTime, "from_day": w.FromDay, "from": w.From,
		"day_n": w.DayN, "page": w.Page, "prepared_for": w.PreparedFor, "treated": w.Treated, "date_at": w.DateAt, "until_day": w.UntilDay,
		"ends": w.Ends, "logo_alt": w.LogoAlt, "summary_title": w.SummaryTitle, "cal_do": w.CalDo, "cal_avoid": w.CalAvoid,
		"cal_expect": w.CalExpect, "read_online": w.ReadOnline, "today": w.Today, "storage_blocked": w.StorageBlocked,
		"reviewed": w.Reviewed, "disclaimer": w.Disclaimer,
		"only_for_now": w.OnlyForNow,
	}
	var bad []string
	for key, want := range wordVerbs {
		if v := got[key]; strings.TrimSpace(v) == "" || verbs(v) != want {
			bad = append(bad, key)
		}
	}
	for _, p := range []struct{ key, v, want string }{{"until_time_one", w.UntilTimeOne, "%s%s"}, {"date_at_one", w.DateAtOne, "%s%s"}} {
		if p.v != "" && verbs(p.v) != p.want {
			bad = append(bad, p.key)
		}
	}
	if !strings.Contains(w.MonthYear, "{MON}") || !strings.Contains(w.MonthYear, "{y}") {
		bad = append(bad, "month_year (with {MON} and {y})")
	}
	for _, pair := range [][2]string{w.Hours, w.DaysWord, w.WeeksWord} {
		if pair[0] == "" || pair[1] == "" {
			bad = append(bad, "hours/days/weeks (singular and plural)")
			break
		}
	}
	for _, id := range []string{"morning", "midday", "evening", "bedtime"} {
		if w.TimeNames[id] == "" {
			bad = append(bad, "times: "+id)
		}
		if w.TimeMarks[id] == "" {
			bad = append(bad, "time_marks: "+id)
		}
	}
	if len(bad) > 0 {
		slices.Sort(bad)
		return fmt.Errorf("%s: words missing, or without the format verbs English's have (%%s, %%d): %s", file, strings.Join(bad, ", "))
	}
	return nil
}

// verbs returns the format verbs of s in order: "%s%d".
func verbs(s string) string {
	var out []string
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' {
			out = append(out, s[i:i+2])
			i++
		}
	}
	return strings.Join(out, "")
}

// Get returns the language for tag, or false if there is none.
func (r *Registry) Get(tag string) (*Lang, bool) {
	l, ok := r.langs[tag]
	if !ok {
		return nil, false
	}
	c := *l // a copy: callers may not change the registry's
	c.TimeNames = maps.Clone(l.TimeNames)
	c.TimeMarks = maps.Clone(l.TimeMarks)
	return &c, true
}

// Tags lists the registry's language tags, sorted.
func (r *Registry) Tags() []string { return slices.Clone(r.tags) }

// Bases lists the languages without region that Tags cover, sorted:
// the suffixes a translation file may carry besides a full tag.
func (r *Registry) Bases() []string {
	var out []string
	for _, t := range r.tags {
		b, _, _ := strings.Cut(t, "-")
		if !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	slices.Sort(out)
	return out
}

// Get returns the built-in language for tag, or false if there is none.
func Get(tag string) (*Lang, bool) { return Default().Get(tag) }
