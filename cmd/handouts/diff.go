package main

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"

	"handouts/fonts"
	"handouts/internal/content"
	"handouts/internal/desk"
	"handouts/internal/project"
	"handouts/internal/review"
	"handouts/layouts"
)

// cmdDiff compares two versions of the content as patients read them
// (internal/review): the text report on standard output and, with -html,
// a report to print and sign.
func cmdDiff(args []string, stdout, stderr io.Writer) error {
	flags := newFlags("diff", "[-from REV|DIR] [-to REV|DIR] [-content DIR] [-html FILE]", stderr)
	var sf sourceFlags
	sf.register(flags)
	from := flags.String("from", "HEAD", "the old version: a git revision of the content folder, or a content folder")
	to := flags.String("to", "", "the new version: a git revision or a content folder (default: the content folder as it is now)")
	htmlOut := flags.String("html", "", "also write the report as HTML to this file, to print and sign")
	if err := parse(flags, args); err != nil {
		return err
	}
	if *to == "" {
		*to = sf.content
	}
	tmp, err := os.MkdirTemp("", "handouts-diff-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var vs [2]*review.Version
	for i, arg := range []string{*from, *to} {
		src, label, err := version(sf, arg, tmp)
		if err != nil {
			return usageError{fmt.Sprintf("-%s: %v", []string{"from", "to"}[i], err)}
		}
		p, err := project.Load(src)
		if err != nil {
			return fmt.Errorf("the content at %s does not load:\n%w", label, err)
		}
		vs[i] = &review.Version{Label: label, Project: p}
	}
	r := review.Compare(vs[0], vs[1])
	if err := r.WriteText(stdout); err != nil {
		return err
	}
	if *htmlOut != "" {
		var b bytes.Buffer
		if err := r.WriteHTML(&b); err != nil {
			return err
		}
		if err := desk.WriteFile(*htmlOut, b.Bytes()); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "\nwrote %s\n", *htmlOut)
	}
	return nil
}

// version opens one side of a diff: arg is a content folder, or a git
// revision of the content folder sf names (its layouts and fonts are read
// at the same revision where git has them, else as they are now). Files
// are named as in the content folder, so that both sides name them alike.
func version(sf sourceFlags, arg, tmp string) (project.Sources, string, error) {
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		s := sf
		s.content = arg
		src, err := s.sources()
		return src, arg, err
	}
	dir, rev, err := review.Checkout(sf.content, arg, tmp)
	if err != nil {
		return project.Sources{}, "", err
	}
	root, err := content.OpenRoot(dir, "content", content.MaxFileSize)
	if err != nil {
		return project.Sources{}, "", err
	}
	src := project.Sources{Content: root, ContentName: sf.content}
	src.Layouts, src.LayoutsName, err = atRevision(sf.layouts, arg, tmp, layouts.FS, "layouts", "style sheets and templates", content.MaxLayoutFileSize)
	if err != nil {
		return src, "", err
	}
	src.Fonts, src.FontsName, err = atRevision(sf.fonts, arg, tmp, fonts.FS, "fonts", "fonts", content.MaxFontFileSize)
	if err != nil {
		return src, "", err
	}
	return src, rev.Label(), nil
}

// atRevision opens folder dir (layouts/ or fonts/) as it was at revision
// rev when git has it there, else as dirOr opens it now.
func atRevision(dir, rev, tmp string, embedded fs.FS, sub, what string, limit int64) (fs.FS, string, error) {
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		if out, _, err := review.Checkout(dir, rev, tmp); err == nil {
			root, err := content.OpenRoot(out, what, limit)
			if err != nil {
				return nil, "", err
			}
			return root, dir, nil
		}
	}
	return dirOr(dir, embedded, sub, what, limit)
}
