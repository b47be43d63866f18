package fpdf

import "embed"

// Source is this copy's own source: its Go files, embedded font metrics,
// go.mod and licence. A program that uses the copy through a replace of a
// local folder has no go.sum hash to name it by, so it names it by this
// (handouts' build cache keys the program by its source). See FORK.md.
//
//go:embed *.go font_embed go.mod LICENSE
var Source embed.FS
