// Package layouts embeds the default style sheet (pdf/*.yaml), the HTML
// templates (html/*) and the email's templates (email/*), so the tool
// works from any folder. A build may read
// another layouts folder instead.
package layouts

import "embed"

// FS holds pdf/, html/ and email/.
//
//go:embed pdf html email
var FS embed.FS
