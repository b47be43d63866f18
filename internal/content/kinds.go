package content

// KindInfo is what sets one kind of handout apart: what its front matter
// and body must hold, its page limit, and the name of a one-off copy.
// Kinds is the one table of them; the formats each kind is made in are
// build.Kinds (they name renderers), and the reading-grade targets are
// internal/readability's (by language and kind).
type KindInfo struct {
	Name     string
	MaxPages int    // the page limit when front matter gives none (0: not paged)
	FileName string // base name of a one-off copy, before its date: never a patient's name
	Summary  bool   // front matter needs summary: (the 3-5 points that matter most)
	Footer   bool   // front matter needs footer: (the calendar's line of warning signs)
	Warning  bool   // the body needs a warning box
	Others   bool   // carries a line in each other language the clinic offers
}

// Kinds lists the kinds of handout a treatment folder may hold. An
// aftercare sheet is one sheet of paper printed on both sides; the
// calendar is one page to put on the fridge. An email is the short
// message that carries a patient's handouts (`handouts email`): its title
// is the subject, its body the message; it has no summary and is never a
// file of the build.
var Kinds = []KindInfo{
	{Name: "sheet", MaxPages: 2, FileName: "aftercare", Summary: true, Warning: true, Others: true},
	{Name: "guide", MaxPages: 8, FileName: "guide", Summary: true},
	{Name: "calendar", MaxPages: 1, FileName: "checklist", Footer: true},
	{Name: "email", FileName: "email"},
}

// Kind returns the kind named name, and whether there is one.
func Kind(name string) (KindInfo, bool) {
	for _, k := range Kinds {
		if k.Name == name {
			return k, true
		}
	}
	return KindInfo{}, false
}

// kindNames lists the kinds' names, in table order.
func kindNames() []string {
	var out []string
	for _, k := range Kinds {
		out = append(out, k.Name)
	}
	return out
}
