package handouts

import "embed"

// Source is the program's own source, as the build cache's keys name the
// program by it (internal/build, programVersion): the module's go.mod and
// go.sum, the Go files of every package of the module (tests included:
// embed patterns cannot leave them out, so the digest skips them), and the
// files a package embeds that live beside its code. The files layouts/
// and fonts/ embed are read from their packages (layouts.FS, fonts.FS).
// TestSourceCoversProgram fails when a package or an embedded file of the
// command is not covered, so a new folder cannot be forgotten here.
//
//go:embed go.mod go.sum *.go cmd/*/*.go internal/*/*.go internal/review/report.tmpl layouts/*.go fonts/*.go
var Source embed.FS
