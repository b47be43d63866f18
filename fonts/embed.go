// Package fonts embeds the bundled typefaces (Atkinson Hyperlegible, by the
// Braille Institute, under the SIL Open Font License in OFL.txt), so the
// tool works from any folder. A build may read another fonts folder instead.
package fonts

import "embed"

// FS holds the TrueType files and their licence.
//
//go:embed *.ttf OFL.txt
var FS embed.FS
