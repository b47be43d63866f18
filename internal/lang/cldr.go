package lang

// The languages whose CLDR weekday and month names and plural rules are
// built in, from the go-playground/locales packages below: English,
// Spanish, French, Portuguese, German, Italian and Dutch, with the regions
// clinics here write for. Any region of one of these languages falls back
// to the language's own data (fr-SN uses fr); a language not here gives
// its names in its data file.

import (
	"strings"

	"github.com/go-playground/locales"
	"github.com/go-playground/locales/de"
	"github.com/go-playground/locales/de_AT"
	"github.com/go-playground/locales/de_BE"
	"github.com/go-playground/locales/de_CH"
	"github.com/go-playground/locales/de_DE"
	"github.com/go-playground/locales/de_IT"
	"github.com/go-playground/locales/de_LU"
	"github.com/go-playground/locales/en"
	"github.com/go-playground/locales/en_AT"
	"github.com/go-playground/locales/en_AU"
	"github.com/go-playground/locales/en_BE"
	"github.com/go-playground/locales/en_CA"
	"github.com/go-playground/locales/en_CH"
	"github.com/go-playground/locales/en_DE"
	"github.com/go-playground/locales/en_GB"
	"github.com/go-playground/locales/en_IE"
	"github.com/go-playground/locales/en_IN"
	"github.com/go-playground/locales/en_NL"
	"github.com/go-playground/locales/en_NZ"
	"github.com/go-playground/locales/en_US"
	"github.com/go-playground/locales/en_ZA"
	"github.com/go-playground/locales/es"
	"github.com/go-playground/locales/es_419"
	"github.com/go-playground/locales/es_AR"
	"github.com/go-playground/locales/es_BR"
	"github.com/go-playground/locales/es_CL"
	"github.com/go-playground/locales/es_CO"
	"github.com/go-playground/locales/es_ES"
	"github.com/go-playground/locales/es_MX"
	"github.com/go-playground/locales/es_PE"
	"github.com/go-playground/locales/es_US"
	"github.com/go-playground/locales/fr"
	"github.com/go-playground/locales/fr_BE"
	"github.com/go-playground/locales/fr_CA"
	"github.com/go-playground/locales/fr_CH"
	"github.com/go-playground/locales/fr_FR"
	"github.com/go-playground/locales/fr_LU"
	"github.com/go-playground/locales/it"
	"github.com/go-playground/locales/it_CH"
	"github.com/go-playground/locales/it_IT"
	"github.com/go-playground/locales/nl"
	"github.com/go-playground/locales/nl_BE"
	"github.com/go-playground/locales/nl_NL"
	"github.com/go-playground/locales/pt"
	"github.com/go-playground/locales/pt_BR"
	"github.com/go-playground/locales/pt_CH"
	"github.com/go-playground/locales/pt_LU"
	"github.com/go-playground/locales/pt_PT"
)

// cldrLocales are the CLDR locales built in, by locales' package name.
var cldrLocales = map[string]func() locales.Translator{
	"en":     en.New,
	"en_AT":  en_AT.New,
	"en_AU":  en_AU.New,
	"en_BE":  en_BE.New,
	"en_CA":  en_CA.New,
	"en_CH":  en_CH.New,
	"en_DE":  en_DE.New,
	"en_GB":  en_GB.New,
	"en_IE":  en_IE.New,
	"en_IN":  en_IN.New,
	"en_NL":  en_NL.New,
	"en_NZ":  en_NZ.New,
	"en_US":  en_US.New,
	"en_ZA":  en_ZA.New,
	"es":     es.New,
	"es_419": es_419.New,
	"es_AR":  es_AR.New,
	"es_BR":  es_BR.New,
	"es_CL":  es_CL.New,
	"es_CO":  es_CO.New,
	"es_ES":  es_ES.New,
	"es_MX":  es_MX.New,
	"es_PE":  es_PE.New,
	"es_US":  es_US.New,
	"fr":     fr.New,
	"fr_BE":  fr_BE.New,
	"fr_CA":  fr_CA.New,
	"fr_CH":  fr_CH.New,
	"fr_FR":  fr_FR.New,
	"fr_LU":  fr_LU.New,
	"pt":     pt.New,
	"pt_BR":  pt_BR.New,
	"pt_CH":  pt_CH.New,
	"pt_LU":  pt_LU.New,
	"pt_PT":  pt_PT.New,
	"de":     de.New,
	"de_AT":  de_AT.New,
	"de_BE":  de_BE.New,
	"de_CH":  de_CH.New,
	"de_DE":  de_DE.New,
	"de_IT":  de_IT.New,
	"de_LU":  de_LU.New,
	"it":     it.New,
	"it_CH":  it_CH.New,
	"it_IT":  it_IT.New,
	"nl":     nl.New,
	"nl_BE":  nl_BE.New,
	"nl_NL":  nl_NL.New,
}

// cldrFor returns the CLDR data for tag (fr-CA: fr_CA), or for its
// language alone where its region is not built in, or nil.
func cldrFor(tag string) func() locales.Translator {
	name := strings.ReplaceAll(tag, "-", "_")
	if mk, ok := cldrLocales[name]; ok {
		return mk
	}
	base, _, _ := strings.Cut(name, "_")
	return cldrLocales[base]
}

// selfNames are the names of the built-in locales (cldrLocales) in their
// own language, as CLDR gives them (golang.org/x/text/language/display's
// Self namer, whose tables cost every run of the program a few
// milliseconds to set up; TestSelfNames holds this table to it).
var selfNames = map[string]string{
	"de":     "Deutsch",
	"de-AT":  "Österreichisches Deutsch",
	"de-BE":  "Deutsch",
	"de-CH":  "Schweizer Hochdeutsch",
	"de-DE":  "Deutsch",
	"de-IT":  "Deutsch",
	"de-LU":  "Deutsch",
	"en":     "English",
	"en-AT":  "English",
	"en-AU":  "Australian English",
	"en-BE":  "English",
	"en-CA":  "Canadian English",
	"en-CH":  "English",
	"en-DE":  "English",
	"en-GB":  "British English",
	"en-IE":  "English",
	"en-IN":  "English",
	"en-NL":  "English",
	"en-NZ":  "English",
	"en-US":  "American English",
	"en-ZA":  "English",
	"es":     "español",
	"es-419": "español latinoamericano",
	"es-AR":  "español",
	"es-BR":  "español",
	"es-CL":  "español",
	"es-CO":  "español",
	"es-ES":  "español de España",
	"es-MX":  "español de México",
	"es-PE":  "español",
	"es-US":  "español",
	"fr":     "français",
	"fr-BE":  "français",
	"fr-CA":  "français canadien",
	"fr-CH":  "français suisse",
	"fr-FR":  "français",
	"fr-LU":  "français",
	"it":     "italiano",
	"it-CH":  "italiano",
	"it-IT":  "italiano",
	"nl":     "Nederlands",
	"nl-BE":  "Nederlands",
	"nl-NL":  "Nederlands",
	"pt":     "português",
	"pt-BR":  "português",
	"pt-CH":  "português",
	"pt-LU":  "português",
	"pt-PT":  "português europeu",
}

// selfName returns the name of tag in its own language: a built-in
// locale's, or its language's for another region of a built-in language
// (as CLDR names fr-SN français); "" for a language not built in, which
// gives its name in its data file.
func selfName(tag, base string) string {
	if n, ok := selfNames[tag]; ok {
		return n
	}
	return selfNames[base]
}
