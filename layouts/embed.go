// Package layouts embeds the default style sheet (pdf/*.yaml), HTML
// templates (html/*) and languages (lang/*.yaml), so the tool works from
// any folder. A build may read another layouts folder instead.
package layouts

import "embed"

// FS holds pdf/, html/ and lang/.
//
//go:embed pdf html lang
var FS embed.FS
