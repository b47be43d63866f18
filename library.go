// Package handouts is the clinic's library as a release carries it: a
// binary built by make release (go build -tags release) holds content/ as
// it was at release time in Content, so a lone copy of the command runs
// with no folder beside it. layouts/ and fonts/ are built into every binary
// (packages layouts and fonts). Other builds leave Content nil and read
// content/ from disk. A content folder on disk always wins over the
// built-in one.
package handouts

import "io/fs"

// Content is the built-in content folder, or nil when this binary carries
// none (a build without the release tag).
var Content fs.FS
