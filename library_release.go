//go:build release

package handouts

import (
	"embed"
	"io/fs"
)

// library holds content/ exactly as it is on disk when the release is
// built (all: keeps names starting with _ too; the loader itself skips
// names starting with a dot).
//
//go:embed all:content
var library embed.FS

func init() {
	sub, err := fs.Sub(library, "content")
	if err != nil {
		panic(err) // "content" is a valid path: fs.Sub cannot fail on it
	}
	Content = sub
}
