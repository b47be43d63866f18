package layout

// Tagging. A tagged PDF carries, beside what is drawn, a structure tree a
// screen reader follows: a Document holding headings, paragraphs, lists,
// tables and figures in reading order (PDF 1.7, ISO 32000-1, 14.8; PDF/UA-1,
// ISO 14289-1). The page model carries that tree: the renderer that builds
// the items also builds the tree, and every item (line, mark, cell, image)
// names the element its drawing belongs to, so the painter never guesses.
// Anything drawn without an element (rules, box borders, the running
// header and footer) is an artifact, skipped by assistive technology.

// Role is a standard structure type of PDF 1.7 (14.8.4): the names every
// reader knows, so no role map is needed.
type Role string

// Structure types the handouts use.
const (
	RoleDocument   Role = "Document"
	RoleSect       Role = "Sect"       // a group with its own heading: the summary box, the warning box
	RoleBlockQuote Role = "BlockQuote" // a callout
	RoleP          Role = "P"
	RoleL          Role = "L"
	RoleLI         Role = "LI"
	RoleLbl        Role = "Lbl" // a list item's bullet, number or tick box
	RoleLBody      Role = "LBody"
	RoleTable      Role = "Table"
	RoleTHead      Role = "THead"
	RoleTBody      Role = "TBody"
	RoleTR         Role = "TR"
	RoleTH         Role = "TH"
	RoleTD         Role = "TD"
	RoleFigure     Role = "Figure"
	RoleLink       Role = "Link"
)

// Heading returns the role of a heading of level 1 to 6: H1 … H6.
func Heading(level int) Role {
	level = min(max(level, 1), 6)
	return Role("H" + string(rune('0'+level)))
}

// Scopes of a table header cell.
const (
	ScopeColumn = "Column"
	ScopeRow    = "Row"
)

// Node is one element of a document's structure tree. Kids are its
// elements in reading order; what is drawn for the element itself is
// recorded by the painter, which interleaves it with the kids in the
// order it is drawn (a paragraph's text around a link inside it).
type Node struct {
	Role       Role
	Alt        string // what a figure shows, for readers who cannot see it
	ActualText string // the words for content drawn as shapes (a tick box, a bullet)
	Scope      string // table header cells: ScopeColumn or ScopeRow
	ColSpan    int    // table cells spanning more than one column; 0 for one
	Parent     *Node
	Kids       []*Node
}

// NewTree returns the root of a new structure tree, a Document.
func NewTree() *Node { return &Node{Role: RoleDocument} }

// Add appends a new element of role r to n's kids and returns it.
func (n *Node) Add(r Role) *Node {
	k := &Node{Role: r}
	n.Append(k)
	return k
}

// Append makes k, an element not yet in a tree, n's last kid.
func (n *Node) Append(k *Node) {
	k.Parent = n
	n.Kids = append(n.Kids, k)
}

// Walk calls f for n and every element under it, parents first, in
// reading order.
func (n *Node) Walk(f func(*Node)) {
	f(n)
	for _, k := range n.Kids {
		k.Walk(f)
	}
}
