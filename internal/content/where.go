package content

import (
	"slices"
	"strings"
)

// Where names one variant a handout is printed for: a clinic, one of its
// languages, a skin type and an area. A problem or a change found in some
// variants is reported once, naming them in words relative to every
// variant that shows the same file (its Scope): "for skin types
// combination, sensitive", "for clinic harbor (es-US) and area hands", or
// nothing when it holds for all of them.
type Where struct {
	Brand, Lang, Skin, Area string
	scope                   *Scope
}

// key is w without its scope, for comparing.
func (w Where) key() Where { w.scope = nil; return w }

// String names the variant as "harbor en-US, dry, face".
func (w Where) String() string {
	return w.Brand + " " + w.Lang + ", " + w.Skin + ", " + w.Area
}

// In returns w with scope s.
func (w Where) In(s *Scope) *Where { w.scope = s; return &w }

// Scope is every variant that shows one file, with the display order of
// each axis, for describing a set of them in words.
type Scope struct {
	all    map[Where]bool
	brands []string            // in catalogue order
	langs  map[string][]string // each brand's languages in the scope, in its order
	skins  []string            // in display order
	areas  []string
}

// NewScope returns the scope of the variants all, which are in display
// order (brand, language, skin type, area, as Catalog.Envs lists them).
func NewScope(all []Where) *Scope {
	s := &Scope{all: map[Where]bool{}, langs: map[string][]string{}}
	for _, w := range all {
		w = w.key()
		s.all[w] = true
		if !slices.Contains(s.brands, w.Brand) {
			s.brands = append(s.brands, w.Brand)
		}
		if !slices.Contains(s.langs[w.Brand], w.Lang) {
			s.langs[w.Brand] = append(s.langs[w.Brand], w.Lang)
		}
		if !slices.Contains(s.skins, w.Skin) {
			s.skins = append(s.skins, w.Skin)
		}
		if !slices.Contains(s.areas, w.Area) {
			s.areas = append(s.areas, w.Area)
		}
	}
	return s
}

// Len returns the number of variants in s.
func (s *Scope) Len() int { return len(s.all) }

// Describe names the variants of set (each in s) in words: "skin types
// combination, sensitive", "clinic harbor (es-US) and area hands"; "" when
// set is every variant of s. A set that is not a product of clinics,
// skin types and areas is named as a few that are, joined by "; ".
func (s *Scope) Describe(set []Where) string {
	uniq := map[Where]bool{}
	for _, w := range set {
		uniq[w.key()] = true
	}
	if len(uniq) == len(s.all) {
		return ""
	}
	var parts []string
	for _, p := range s.products(uniq) {
		parts = append(parts, s.product(p))
	}
	return strings.Join(parts, "; ")
}

// box is a product of clinic languages (brand + " " + lang), skin types
// and areas.
type box struct{ pairs, skins, areas []string }

// products splits set into products: by clinic language first (those
// with the same skin types and areas together), then by skin type (those
// with the same areas together).
func (s *Scope) products(set map[Where]bool) []box {
	var pairs []string
	for _, b := range s.brands {
		for _, l := range s.langs[b] {
			pairs = append(pairs, b+" "+l)
		}
	}
	cells := func(p string) string { // the skin × area cells of one pair, as a key
		var b strings.Builder
		for _, sk := range s.skins {
			for _, a := range s.areas {
				if set[where(p, sk, a)] {
					b.WriteString(sk + "/" + a + " ")
				}
			}
		}
		return b.String()
	}
	var keys []string
	byKey := map[string][]string{}
	for _, p := range pairs {
		k := cells(p)
		if k == "" {
			continue
		}
		if byKey[k] == nil {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], p)
	}
	var out []box
	for _, k := range keys {
		ps := byKey[k]
		// Within these pairs, group skin types by their areas.
		var skinKeys []string
		bySkin := map[string][]string{}
		areasOf := map[string][]string{}
		for _, sk := range s.skins {
			var as []string
			for _, a := range s.areas {
				if set[where(ps[0], sk, a)] {
					as = append(as, a)
				}
			}
			if len(as) == 0 {
				continue
			}
			ak := strings.Join(as, " ")
			if bySkin[ak] == nil {
				skinKeys = append(skinKeys, ak)
				areasOf[ak] = as
			}
			bySkin[ak] = append(bySkin[ak], sk)
		}
		for _, ak := range skinKeys {
			out = append(out, box{ps, bySkin[ak], areasOf[ak]})
		}
	}
	return out
}

func where(p, skin, area string) Where {
	b, l, _ := strings.Cut(p, " ")
	return Where{Brand: b, Lang: l, Skin: skin, Area: area}
}

// product words one box, leaving out an axis it covers whole.
func (s *Scope) product(p box) string {
	var parts []string
	if n := s.pairCount(); len(p.pairs) < n {
		var names []string
		for _, b := range s.brands {
			var ls []string
			for _, l := range s.langs[b] {
				if slices.Contains(p.pairs, b+" "+l) {
					ls = append(ls, l)
				}
			}
			switch {
			case len(ls) == 0:
			case len(ls) == len(s.langs[b]) && !s.someBrandSplits(p):
				names = append(names, b)
			default:
				names = append(names, b+" ("+strings.Join(ls, ", ")+")")
			}
		}
		parts = append(parts, plural(len(names), "clinic", "clinics")+" "+strings.Join(names, ", "))
	}
	if len(p.skins) < len(s.skins) {
		parts = append(parts, plural(len(p.skins), "skin type", "skin types")+" "+strings.Join(p.skins, ", "))
	}
	if len(p.areas) < len(s.areas) {
		parts = append(parts, plural(len(p.areas), "area", "areas")+" "+strings.Join(p.areas, ", "))
	}
	return strings.Join(parts, " and ")
}

// someBrandSplits reports whether p names only some languages of a
// clinic: then every clinic is named with its languages, so that "harbor"
// is not read as all of harbor's languages beside "thistle (en-GB)".
func (s *Scope) someBrandSplits(p box) bool {
	for _, b := range s.brands {
		n := 0
		for _, l := range s.langs[b] {
			if slices.Contains(p.pairs, b+" "+l) {
				n++
			}
		}
		if n > 0 && n < len(s.langs[b]) {
			return true
		}
	}
	return false
}

func (s *Scope) pairCount() int {
	n := 0
	for _, b := range s.brands {
		n += len(s.langs[b])
	}
	return n
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
