package content

import (
	"bytes"
	"slices"
	"strings"
)

// Union merges one handout resolved for several variants of a visit (the
// same treatment's sheet or guide for each area a patient had treated)
// into one text that says each thing once: the blocks (paragraphs,
// headings, lists, tables, and each "::: …" box as a whole) that all of
// them share appear once, in their place, and the blocks only some of
// them have (an area's own section) appear where they stand in their own
// text, the first variant's before the next's. The summary's points are
// merged the same way; the title, footer and line map are the first's.
// A packet prints the union instead of a copy per area, so that nothing
// is printed twice.
func Union(rs ...*Resolved) *Resolved {
	if len(rs) == 0 {
		return nil
	}
	out := *rs[0]
	out.Refs = slices.Clone(out.Refs)
	merged := blocksOf(rs[0])
	for _, r := range rs[1:] {
		merged = mergeBy(merged, blocksOf(r), block.key)
		out.Summary = mergeBy(out.Summary, r.Summary, func(s string) string { return s })
		for _, ref := range r.Refs {
			if !slices.Contains(out.Refs, ref) {
				out.Refs = append(out.Refs, ref)
			}
		}
	}
	var src bytes.Buffer
	out.lines = nil
	for i, b := range merged {
		if i > 0 {
			src.WriteByte('\n')
			out.lines = append(out.lines, b.lines[0])
		}
		for j, ln := range b.text {
			src.WriteString(ln)
			src.WriteByte('\n')
			out.lines = append(out.lines, b.lines[j])
		}
	}
	out.Source = src.Bytes()
	return &out
}

// block is a run of Source lines between blank lines, or a box from its
// "::: …" to its ":::" with any blank lines inside it.
type block struct {
	text  []string
	lines []int // the file line of each
}

func (b block) key() string { return strings.Join(b.text, "\n") }

// blocksOf splits r's Source into blocks.
func blocksOf(r *Resolved) []block {
	var out []block
	var cur block
	depth := 0
	lines := strings.Split(strings.TrimSuffix(string(r.Source), "\n"), "\n")
	for i, ln := range lines {
		if m := reDirective.FindStringSubmatch(ln); m != nil {
			word, _, _ := strings.Cut(m[1], " ")
			switch {
			case m[1] == "":
				depth = max(depth-1, 0)
			case slices.Contains(Containers, word):
				depth++
			}
		}
		if strings.TrimSpace(ln) == "" && depth == 0 {
			if len(cur.text) > 0 {
				out = append(out, cur)
				cur = block{}
			}
			continue
		}
		cur.text = append(cur.text, ln)
		cur.lines = append(cur.lines, r.FileLine(i+1))
	}
	if len(cur.text) > 0 {
		out = append(out, cur)
	}
	return out
}

// mergeBy returns a's items with b's that a lacks (by key), each where it
// stands in b: after the last item both share before it.
func mergeBy[T any](a, b []T, key func(T) string) []T {
	ka, kb := make([]string, len(a)), make([]string, len(b))
	for i := range a {
		ka[i] = key(a[i])
	}
	for i := range b {
		kb[i] = key(b[i])
	}
	var out []T
	for _, step := range lcsMerge(ka, kb) {
		if step.fromA {
			out = append(out, a[step.i])
		} else {
			out = append(out, b[step.i])
		}
	}
	return out
}

type mergeStep struct {
	fromA bool
	i     int
}

// lcsMerge walks a and b along their longest common subsequence: each
// shared entry once (as a's), and between two shared entries a's own
// entries and then b's.
func lcsMerge(a, b []string) []mergeStep {
	n, m := len(a), len(b)
	// l[i][j] is the length of the LCS of a[i:] and b[j:].
	l := make([][]int, n+1)
	for i := range l {
		l[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	var out []mergeStep
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			out = append(out, mergeStep{true, i})
			i++
			j++
		case i < n && (j == m || l[i+1][j] >= l[i][j+1]):
			out = append(out, mergeStep{true, i})
			i++
		default:
			out = append(out, mergeStep{false, j})
			j++
		}
	}
	return out
}
