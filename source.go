package handouts

import "embed"

// Source is the program's own source, as the build cache's keys name the
// program by it (internal/cache, ProgramVersion): the module's go.mod and
// go.sum, the Go files of every package of the module (tests included:
// embed patterns cannot leave them out, so the digest skips them), and the
// files a package embeds that live beside its code. The files layouts/
// and fonts/ embed are read from their packages (layouts.FS, fonts.FS).
// TestSourceCoversProgram fails when a package or an embedded file of the
// command is not covered, so a new folder cannot be forgotten here. The
// packages are named one by one: internal/fpdf is a module of its own
// (the fpdf fork, used through a replace), which a pattern may not embed;
// it embeds its own source (fpdf.Source).
//
//go:embed go.mod go.sum *.go cmd/*/*.go layouts/*.go fonts/*.go
//go:embed internal/browser/*.go internal/cache/*.go internal/calendar/*.go internal/content/*.go internal/desk/*.go internal/golden/*.go internal/html/*.go internal/lang/*.go internal/layout/*.go internal/mail/*.go internal/markdown/*.go internal/outbox/*.go internal/output/*.go internal/pdf/*.go internal/pdfua/*.go internal/project/*.go internal/readability/*.go internal/review/*.go internal/serve/*.go internal/style/*.go internal/wait/*.go internal/webfont/*.go internal/yamlcheck/*.go
var Source embed.FS
