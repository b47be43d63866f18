// Package layouts embeds the default style sheet (pdf/*.yaml) and HTML
// templates (html/*), so the tool works from any folder. A build may read
// another layouts folder instead.
package layouts

import "embed"

// FS holds pdf/ and html/.
//
//go:embed pdf html
var FS embed.FS
