// Command proofmail writes the HTML part of the email draft `handouts
// email` makes, for each language of the first clinic, as a page a
// browser shows (the inline logo as a data: URL in place of its cid:), so
// that make proof can take its screenshots: proofmail OUT_DIR.
package main

import (
	"encoding/base64"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"handouts/fonts"
	"handouts/internal/desk"
	"handouts/internal/mail"
	"handouts/internal/outbox"
	"handouts/internal/project"
	"handouts/layouts"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: proofmail OUT_DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "proofmail:", err)
		os.Exit(1)
	}
}

func run(out string) error {
	p, err := project.Load(project.Sources{Content: os.DirFS("content"), ContentName: "content", Layouts: layouts.FS, LayoutsName: "layouts", Fonts: fonts.FS, FontsName: "fonts"})
	if err != nil {
		return err
	}
	b := p.Catalog.Brands[0]
	start := time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)
	for _, lang := range b.Languages {
		pk, err := desk.NewPacket(p, desk.PacketRequest{Brand: b.ID, Lang: lang, Treatments: []string{p.Catalog.Treatments[0].ID},
			Skin: p.Catalog.Skins[0].ID, Areas: []string{p.Catalog.Areas[0].ID}, Start: start, Patient: "Ana", Sheets: true, Calendar: true})
		if err != nil {
			return err
		}
		msg, err := outbox.Message(pk, mail.Address{Addr: "ana@example.org"}, start)
		if err != nil {
			return err
		}
		page := msg.HTML
		for _, in := range msg.Inline {
			page = strings.ReplaceAll(page, "cid:"+in.ContentID, "data:"+in.ContentType+";base64,"+base64.StdEncoding.EncodeToString(in.Data))
		}
		if err := os.WriteFile(filepath.Join(out, "email-"+lang+".html"), []byte(page), 0o644); err != nil {
			return err
		}
	}
	return nil
}
