package content

import (
	"io/fs"
	"slices"

	"go.yaml.in/yaml/v3"

	"handouts/internal/calendar"
	"handouts/internal/lang"
)

// Catalog is everything under content/, loaded and checked: the source
// text (in English) and its translations. The fields hold the source; an
// Env made by Env, EnvIn or Envs sees the view of one language (views.go).
type Catalog struct {
	Root       string // the content folder as the user named it, for messages
	FS         fs.FS  // the content folder
	Brands     []*Brand
	Skins      []*Variant // skin types, in display order
	Areas      []*Variant // treatment areas, in display order
	Treatments []*Treatment
	Spelling   *Spelling        // content/spelling.yaml: US to British spelling, for en-GB, en-AU and en-CA
	Langs      *lang.Registry   // the languages a build can write (layouts/lang)
	views      map[string]*view // by language tag, for every language a brand offers
	scopes     map[string]*Scope
	warnings   ErrorList
	merges     []string  // what visits of two treatments settle (Merges)
	part       *partPlan // what LoadWith read (Options.Part); nil: everything
}

// Brand is one clinic: its name, look, paper, contact details and products.
type Brand struct {
	ID         string            `yaml:"-"`
	File       string            `yaml:"-"`
	Name       string            `yaml:"name"`
	Languages  []string          `yaml:"languages"` // BCP 47 tags; the first is the clinic's default
	Paper      Paper             `yaml:"paper"`
	Logo       string            `yaml:"logo"`
	Colors     Colors            `yaml:"colors"`
	Contact    Contact           `yaml:"contact"`
	UrgentCare string            `yaml:"urgent_care"`
	Treatments map[string]Offer  `yaml:"treatments"` // the treatments it offers, with its names for them (offers.go)
	Products   map[string]string `yaml:"products"`
	Rules      map[string]Offset `yaml:"rules"`
	BaseURL    string            `yaml:"base_url"` // where the clinic publishes the HTML handouts; printed sheets then carry a QR code to their page
	// ShortURL is the clinic's short domain (https://hsk.example): a
	// printed sheet's QR code and the address beside it are this and a
	// short code for the sheet (project.ShortAddress), which the domain
	// redirects to the sheet's page under BaseURL (manifest.json lists
	// each code with its page). Without it they are the page's own address.
	ShortURL string `yaml:"short_url"`
	// Available is one line, in English, saying that the handout is
	// available in English and whom to ask; printed on the clinic's
	// handouts in its other languages (each translation has its own).
	Available string `yaml:"available"`
	// Disclaimer rewords, in English, the line every page prints that the
	// handout does not replace the provider's advice; "" prints the
	// language's own (layouts/lang, disclaimer:). A clinic that rewords it
	// says it in each of its languages (brands/<id>.<lang>.yaml).
	Disclaimer string `yaml:"disclaimer"`
	LogoPNG    []byte `yaml:"-"` // the logo file's bytes
	LogoLine   int    `yaml:"-"` // the line of logo: in File, for messages about the logo's pixels
	ruleLines  map[string]int
	node       *yaml.Node
	texts      []Text
	langLines  []int                 // the line of each entry of Languages
	tr         map[string]*BrandText // translations, by file suffix (es, es-MX)
}

// Colors are a brand's colours as "#RRGGBB".
type Colors struct {
	Primary string `yaml:"primary"` // headings, rules and box borders: text colour, so it must contrast with white
	Accent  string `yaml:"accent"`  // decorative rules only, never text
}

// Contact is how patients reach the clinic.
type Contact struct {
	Phone      string `yaml:"phone"`
	AfterHours string `yaml:"after_hours"`
	Email      string `yaml:"email"`
	Website    string `yaml:"website"`
	Address    string `yaml:"address"`
}

// Variant is one skin type or one treatment area.
type Variant struct {
	Axis   string            `yaml:"-"` // "skin" or "area"
	File   string            `yaml:"-"`
	ID     string            `yaml:"id"`
	Label  string            `yaml:"label"`
	Short  string            `yaml:"short"`
	Order  int               `yaml:"order"`
	Fields map[string]string `yaml:"fields"`
	texts  []Text
	tr     map[string]*VariantText // translations, by file suffix
}

// Treatment is one procedure's folder: its rules and its handouts.
type Treatment struct {
	ID      string  `yaml:"-"`
	File    string  `yaml:"-"`
	Name    string  `yaml:"name"`
	LastDay int     `yaml:"calendar_days"` // the calendar runs from day 0 to this day (default 14)
	Rules   []*Rule `yaml:"rules"`
	// AppliesTo limits the treatment to some skin types and/or areas
	// (dermaplaning is for the face only); empty lists mean every one.
	AppliesTo   Condition  `yaml:"applies_to"`
	Handouts    []*Handout // the source handouts; a language's view holds its translations here
	tr          map[string]*TreatmentText
	nameLine    int
	appliesLine int
}

// Rule is one instruction with a time window: something to do or avoid
// from Start to End after treatment, or a milestone at Start.
type Rule struct {
	ID    string            `yaml:"id"`
	Kind  calendar.RuleKind `yaml:"kind"` // avoid, do or milestone
	Text  string            `yaml:"text"`
	Start Offset            `yaml:"start"`
	End   *Offset           `yaml:"end"`
	Times []string          `yaml:"times"`
	When  Condition         `yaml:"when"`
	// Optional rules apply only where the brand sets them (a milestone whose
	// time is the clinic's own policy, such as booking the next session).
	Optional bool `yaml:"optional"`
	// Ongoing marks a daily task that goes on after the aftercare's own
	// window (mineral sunscreen: "every day"): End still says when its
	// aftercare wording applies in the text, but the calendar draws it to
	// the last day it shows, however long that is, so the boxes never stop
	// before the grid does while the sheet says "every day".
	Ongoing bool `yaml:"ongoing"`
	// SameAs names a rule of another treatment that is the same
	// instruction under another id ("moisturise" beside "moisturize"): in
	// a visit with both, they are one line (see Schedule).
	SameAs string `yaml:"same_as"`
	// Conflicts names rules a daily task cannot run beside ("use the
	// cleanser" beside "rinse with water only"): in a visit where one of
	// them is in force, the task starts when it ends (see Schedule).
	Conflicts []string `yaml:"conflicts"`
	Line      int      `yaml:"-"` // the rule's first line
	file      string   // the treatment.yaml it is in
	// TextLine is the line of the rule's text.
	TextLine int `yaml:"-"`
}

// Condition limits something to some skin types and/or areas; an empty
// list means any.
type Condition struct {
	Skin []string `yaml:"skin"`
	Area []string `yaml:"area"`
}

// Matches reports whether the condition holds for the skin and area ids.
func (c Condition) Matches(skin, area string) bool {
	return in(c.Skin, skin) && in(c.Area, area)
}

// in reports whether id is in list; an empty list holds every id.
func in(list []string, id string) bool {
	return len(list) == 0 || slices.Contains(list, id)
}

// Handout is one Markdown file with its front matter.
type Handout struct {
	File      string // path for messages, e.g. content/treatments/microneedling/sheet.md
	Path      string // path inside the content FS
	Treatment *Treatment
	Front     FrontMatter
	Body      []byte // the Markdown after the front matter
	BodyLine  int    // the file line of Body's first line
	// SummaryLines are the file lines of the summary points.
	SummaryLines []int
	texts        []Text
	// Lang is the suffix of a translation's file name (es in sheet.es.md),
	// or "" for the source; Source is the handout a translation translates.
	Lang     string
	Source   *Handout
	tr       map[string]*Handout // a source's translations, by suffix
	fromLine int                 // the line of translated_from
}

// FrontMatter is the YAML block at the top of a handout.
type FrontMatter struct {
	Title      string   `yaml:"title"`
	Kind       Kind     `yaml:"kind"` // sheet, guide, calendar or email (kindTable)
	Summary    []string `yaml:"summary"`
	ReviewedBy string   `yaml:"reviewed_by"`
	ReviewedOn string   `yaml:"reviewed_on"`
	MaxPages   int      `yaml:"max_pages"`
	Footer     string   `yaml:"footer"` // calendar: the one-line warning and phone numbers under the grid
	// TranslatedFrom records, in a translation, the source text it was
	// reviewed against (see Stamp).
	TranslatedFrom *Stamp `yaml:"translated_from"`
}

// TreatmentName returns the brand's display name for treatment t, or the
// treatment's own name.
func (b *Brand) TreatmentName(t *Treatment) string {
	if n := b.Treatments[t.ID].Name; n != "" {
		return n
	}
	return t.Name
}

// RuleLine returns the line where brand b sets the time of rule id, or 0
// when it does not.
func (b *Brand) RuleLine(id string) int { return b.ruleLines[id] }

// RuleFor returns rule id as it applies for brand b: the brand's value
// replaces a window's end, or a milestone's time.
func (t *Treatment) RuleFor(id string, b *Brand) *Rule {
	for _, r := range t.Rules {
		if r.ID == id {
			o, ok := b.Rules[id]
			if !ok {
				return r
			}
			c := *r
			if r.End != nil {
				c.End = &o
			} else {
				c.Start = o
			}
			return &c
		}
	}
	return nil
}
