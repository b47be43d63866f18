// Package layouts embeds the default style sheet (pdf/*.yaml), the HTML
// templates (html/*), the email's templates (email/*) and the languages
// (lang/*.yaml), so the tool works from any folder. A build may read
// another layouts folder instead.
package layouts

import "embed"

// FS holds pdf/, html/ (the handout pages, the index, and the pages serve
// and diff show: form, error, review), email/ and lang/.
//
//go:embed pdf html email lang
var FS embed.FS
