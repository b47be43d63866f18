package main

import (
	"context"
	"crypto/x509"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"handouts/internal/content"
	"handouts/internal/desk"
	"handouts/internal/mail"
	"handouts/internal/outbox"
	"handouts/internal/project"
)

// packetFlags are the choices `packet` and `email` share.
type packetFlags struct {
	src                     sourceFlags
	brand, treatment, skin  string
	area, lang, date, clock string
	name, out               string
	guide, print            bool
	overrides               listFlag
}

func (pf *packetFlags) register(fs *flag.FlagSet, outHelp string) {
	pf.src.register(fs)
	fs.StringVar(&pf.brand, "brand", "", "brand id (required)")
	fs.StringVar(&pf.treatment, "treatment", "", "treatment id, or two or more separated by commas, done the same day (default: the only one)")
	fs.StringVar(&pf.skin, "skin", "", "skin type id (required)")
	fs.StringVar(&pf.area, "area", "", "treatment area id, or several separated by commas (required)")
	fs.StringVar(&pf.lang, "lang", "", "language, one the brand offers, e.g. es-US (default: the brand's first)")
	fs.StringVar(&pf.date, "date", "", "treatment date, YYYY-MM-DD (required)")
	fs.StringVar(&pf.clock, "time", "", "treatment time, HH:MM: hour windows end at a clock time")
	fs.StringVar(&pf.name, "name", "", "the patient's first name, printed on every page's masthead of this copy only")
	fs.Var(&pf.overrides, "override", "change one rule's end for this patient, e.g. no-exercise=72h, in every chosen treatment that has it (repeatable)")
	fs.BoolVar(&pf.guide, "guide", false, "add the longer guide of each treatment (one for all its areas)")
	fs.StringVar(&pf.out, "o", "", outHelp)
}

// packet checks the flags and the content and returns the packet.
func (pf *packetFlags) packet() (*desk.Packet, error) {
	if err := pf.src.checkFile(pf.out); err != nil {
		return nil, err
	}
	for _, f := range []struct{ name, val string }{{"brand", pf.brand}, {"skin", pf.skin}, {"area", pf.area}, {"date", pf.date}} {
		if f.val == "" {
			return nil, usageError{fmt.Sprintf("-%s is required", f.name)}
		}
	}
	start, hasTime, err := parseWhen(pf.date, pf.clock)
	if err != nil {
		return nil, err
	}
	src, err := pf.src.sources()
	if err != nil {
		return nil, err
	}
	// Only what this packet needs: check and build check the whole library.
	// Its kinds: the sheets, the calendar, the email's text (tiny; the
	// email command writes it) and, with -guide, the guides.
	kinds := []content.Kind{content.KindSheet, content.KindCalendar, content.KindEmail}
	if pf.guide {
		kinds = append(kinds, content.KindGuide)
	}
	p, err := project.LoadCopy(src, project.Copy{Brand: pf.brand, Lang: pf.lang, Treatments: splitList(pf.treatment), Skin: pf.skin, Areas: splitList(pf.area), Kinds: kinds})
	if err != nil {
		return nil, err
	}
	treatments := splitList(pf.treatment)
	if len(treatments) == 0 {
		offered := offeredTreatments(p.Catalog, pf.brand)
		if len(offered) != 1 {
			return nil, usageError{"there are several treatments; choose one or more with -treatment"}
		}
		treatments = offered
	}
	pk, err := desk.NewPacket(p, desk.PacketRequest{
		Brand: pf.brand, Lang: pf.lang, Treatments: treatments, Skin: pf.skin, Areas: splitList(pf.area),
		Start: start, HasTime: hasTime, Overrides: pf.overrides, Patient: pf.name,
		Sheets: true, Calendar: true, Guides: pf.guide,
	})
	var no *content.NotOffered
	if errors.As(err, &no) {
		// Not the flags' fault: the content does not offer it (exit 1).
		return nil, no
	}
	var re *desk.RequestError
	if errors.As(err, &re) {
		// The name is never quoted back; the field's flag is named.
		return nil, usageError{"-" + re.Error()}
	}
	return pk, err
}

// splitList splits a comma-separated flag value, dropping empty items.
func splitList(s string) []string {
	var out []string
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

const packetSynopsis = "-brand ID -treatment ID[,ID] -skin ID -area ID[,ID] [-lang TAG] -date YYYY-MM-DD [-time HH:MM] [-name FIRST] [-override RULE=DURATION]... [-guide]"

// cmdPacket makes one PDF for a patient's visit: the sheet of each
// treatment on each area, the merged dated calendar and, with -guide, the
// guides, with continuous page numbers and one outline.
func cmdPacket(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("packet", packetSynopsis+" [-o FILE] [-print]", stderr)
	var pf packetFlags
	pf.register(fs, "output file, or - for standard output (default: packet-DATE.pdf, a patient-safe name)")
	fs.BoolVar(&pf.print, "print", false, "send the file to the default printer with lp (CUPS)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if pf.print && pf.out == "-" {
		return usageError{"-print needs a file: drop -o - or give -o FILE"}
	}
	pk, err := pf.packet()
	if err != nil {
		return err
	}
	r, err := pk.PDF()
	if err != nil {
		return err
	}
	if pf.out == "-" {
		_, err = stdout.Write(r.Data)
		return err
	}
	file := pf.out
	if file == "" {
		file = pk.FileName()
	}
	if err := desk.WriteFile(file, r.Data); err != nil {
		return err
	}
	// The file name is patient-safe; the name stays inside the file.
	fmt.Fprintf(stdout, "wrote %s (%d pages)\n", file, r.Pages)
	if pf.print {
		return printFile(file)
	}
	return nil
}

// mailer is how `email` reaches the outside world: the environment
// (HANDOUTS_SMTP_URL, HANDOUTS_SMTP_PASSWORD), the clock and, in tests,
// the certificate authority of a test server.
type mailer struct {
	getenv  func(string) string
	now     func() time.Time
	rootCAs *x509.CertPool // nil: the system's
}

func cmdEmail(args []string, stdout, stderr io.Writer) error {
	return runEmail(args, stdout, stderr, mailer{getenv: os.Getenv, now: time.Now})
}

// runEmail writes the email that carries a packet: an .eml draft with
// X-Unsent: 1 to open, check and send in the desk's mail program, or,
// with -send, sent through the clinic's SMTP server. The patient's
// address and name are in the message only: never in a file name, on the
// terminal or in an error.
func runEmail(args []string, stdout, stderr io.Writer, m mailer) error {
	fs := newFlags("email", packetSynopsis+" -to ADDRESS [-send] [-insecure] [-o FILE]", stderr)
	var pf packetFlags
	pf.register(fs, "where to write the message, or - for standard output (default: email-DATE.eml, a patient-safe name; with -send, nothing unless given)")
	to := fs.String("to", "", "the patient's email address, as typed (\"Ana <ana@example.org>\" or ana@example.org) (required)")
	send := fs.Bool("send", false, "send the message through the SMTP server in "+mail.URLEnv+" (password in "+mail.PasswordEnv+") instead of writing a draft")
	insecure := fs.Bool("insecure", false, "with -send, let a smtp:// server without STARTTLS take the message unencrypted (a relay on the clinic's own network; never with a login)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *to == "" {
		return usageError{"-to is required: the patient's email address"}
	}
	addr, err := mail.ParseAddress(*to)
	if err != nil {
		return usageError{"-to: " + err.Error()}
	}
	if *insecure && !*send {
		return usageError{"-insecure is for -send only"}
	}
	cfg := mail.Config{URL: m.getenv(mail.URLEnv), Getenv: m.getenv, Insecure: *insecure, RootCAs: m.rootCAs}
	if *send {
		// Before anything is built: a missing server or password is found
		// at once.
		if err := cfg.Check(); err != nil {
			return err
		}
	}
	pk, err := pf.packet()
	if err != nil {
		return err
	}
	// A draft is dated by the treatment date, so the same choices give
	// the same bytes; a message sent now is dated now.
	date := outbox.DraftDate(pk)
	if *send {
		date = m.now()
	}
	msg, err := outbox.Message(pk, addr, date)
	if err != nil {
		return err
	}
	if *send {
		msg.Draft = false
		if err := mail.Send(context.Background(), cfg, msg); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "sent the message with %s through the clinic's SMTP server\n", msg.Attachments[0].Filename)
		if pf.out == "" {
			return nil
		}
	}
	data, err := mail.Compose(msg)
	if err != nil {
		return err
	}
	if pf.out == "-" {
		_, err = stdout.Write(data)
		return err
	}
	file := pf.out
	if file == "" {
		file = pk.EmailFileName()
	}
	if err := desk.WriteFile(file, data); err != nil {
		return err
	}
	if *send {
		fmt.Fprintf(stdout, "wrote a copy of the message to %s\n", file)
	} else {
		fmt.Fprintf(stdout, "wrote %s: a draft; open it in the mail program, check it and send it\n", file)
	}
	return nil
}

// offeredTreatments lists the treatments clinic brand offers, or every
// treatment when there is no such clinic (its error comes later).
func offeredTreatments(c *content.Catalog, brand string) []string {
	b := c.Brand(brand)
	var out []string
	for _, t := range c.Treatments {
		if b == nil || b.Offers(t.ID) {
			out = append(out, t.ID)
		}
	}
	return out
}
