// Handouts builds a clinic's branded, print-ready patient handouts from
// Markdown and YAML.
//
// Usage:
//
//	handouts build [-content DIR] [-out DIR] [-brand ID]... [-jobs N] [-clean] [-shard I/N]
//	handouts assemble [-content DIR] -out DIR SHARD_DIR...
//	handouts check [-content DIR] [-plan FILE] [-stamp]
//	handouts diff [-from REV|DIR] [-to REV|DIR] [-content DIR] [-html FILE]
//	handouts sheet -brand ID -skin ID -area ID [-treatment ID] [-lang TAG] [-kind sheet|guide] [-format pdf|html]
//	               [-date YYYY-MM-DD] [-time HH:MM] [-name FIRST] [-override RULE=DURATION]... [-o FILE]
//	handouts calendar -brand ID -skin ID -area ID [-treatment ID] [-lang TAG] [-format pdf|html|ics]
//	               [-date YYYY-MM-DD] [-time HH:MM] [-name FIRST] [-override RULE=DURATION]... [-o FILE]
//	handouts packet -brand ID -treatment ID[,ID] -skin ID -area ID[,ID] [-lang TAG] -date YYYY-MM-DD
//	               [-time HH:MM] [-name FIRST] [-override RULE=DURATION]... [-guide] [-o FILE] [-print]
//	handouts email <the packet's flags> -to ADDRESS [-send] [-insecure] [-o FILE]
//	handouts serve [-addr 127.0.0.1:8080] [-content DIR] [-out DIR]
//	handouts sites [-content DIR] [-plan FILE] -from DIR -out DIR
//	handouts desk (or no command at all)
//	handouts version
//
// build makes every handout for every brand, language, skin type and area
// into the output folder, with manifest.json and index.html; it renders
// only the files whose inputs changed since the last build into that
// folder (-clean renders all), and with -shard i/n only the i-th of n
// parts of them, which assemble joins into one output folder. check
// validates all content and renders everything in memory, writing
// nothing; it warns about translations whose source changed since they
// were reviewed, and -stamp prints each translation's translated_from
// block as its source is now. diff shows what patients will read
// differently between two versions of the content (git revisions or
// folders; by default HEAD and the content folder as it is), in every
// handout and variant, as text and with -html as a report to print and
// sign. sheet and
// calendar make one file, personalised with a date and first name if
// asked; -o - writes it to standard output, and without -o the file gets a
// patient-safe name such as aftercare-2026-03-13.pdf. packet makes one
// PDF for a visit: the sheet of each treatment on each area, one dated
// calendar for all of them and, with -guide, the guides. email writes the
// message that carries the packet, from the clinic to -to, as an .eml
// draft to check and send, or with -send through the SMTP server in
// HANDOUTS_SMTP_URL (the password in HANDOUTS_SMTP_PASSWORD). desk, what
// the command does when started with no command (a double-click), serves
// on loopback as serve does and opens the default browser at the front
// desk's page. version prints the version, the revision and the Go
// version. A release binary (make release) carries the content folder as
// it was at release time and uses it when there is no content/ folder.
//
// Every subcommand takes -h. The exit status is 0 on success, 1 when the
// content is wrong or the build failed, and 2 for bad usage.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"log"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"handouts/internal/content"
)

func main() {
	log.SetPrefix("handouts: ")
	log.SetFlags(0)
	// A build allocates many short-lived buffers (fpdf's per-document font
	// tables and zlib writers, 12-16 MB a PDF) and keeps almost nothing:
	// each file is written out as soon as it is made. Collecting garbage
	// less often saves about a fifth of the CPU time. The soft limit is a
	// ceiling for the moments a collection finds every worker in the middle
	// of a document (up to about 15 MB live each), so the peak depends on
	// the number of workers, not on the size of the library.
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(32<<20 + int64(runtime.GOMAXPROCS(0))*24<<20)
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// usageError is bad usage: exit status 2.
type usageError struct{ msg string }

// Error returns the usage message.
func (e usageError) Error() string { return e.msg }

// command is one subcommand: its name, the line the usage gives it, and
// the function that runs it.
type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) error
}

// commands is the one table of subcommands, in the order the usage and
// the package comment list them (TestCommandTable holds the comment to
// it).
var commands = []command{
	{"build", `make every handout into the output folder (what "make handouts" runs)`, cmdBuild},
	{"assemble", "join the output folders of a sharded build (build -shard i/n) into one", cmdAssemble},
	{"check", "validate all content and render it in memory; write nothing", cmdCheck},
	{"diff", "what patients will read differently between two versions (git revisions or folders)", cmdDiff},
	{"sheet", "make one sheet or guide (-o FILE, or -o - for standard output)", cmdSheet},
	{"calendar", "make one checklist calendar as PDF, HTML or .ics", cmdCalendar},
	{"packet", "make one PDF for a visit: sheets, the dated calendar of every treatment, guides with -guide", cmdPacket},
	{"email", "write the email that carries a packet (an .eml draft), or send it with -send", cmdEmail},
	{"serve", "preview on http://127.0.0.1:8080/, rebuild on every change, make one-off PDFs", cmdServe},
	{"sites", "lay out an assembled output folder as one folder per site of the publishing plan (and short domains' redirects)", cmdSites},
	{"desk", "what starting handouts with no command does: serve on this computer and open the browser", cmdDesk},
	{"version", "the version, the revision it was built from and the Go version", cmdVersion},
}

// lookup returns the subcommand named name.
func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

// usage is the program's usage message, made from the table.
var usage = func() string {
	var b strings.Builder
	b.WriteString("usage: handouts <command> [flags]\n       handouts    (no command: the front desk, as \"handouts desk\")\n\ncommands:\n")
	for _, c := range commands {
		fmt.Fprintf(&b, "  %-9s %s\n", c.name, c.summary)
	}
	b.WriteString("\nRun \"handouts <command> -h\" for a command's flags.\n")
	return b.String()
}()

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		// A double-click: the front desk (see desk.go).
		args = []string{"desk"}
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		return 0
	}
	cmd, ok := lookup(args[0])
	if !ok {
		fmt.Fprintf(stderr, "handouts: unknown command %q\n%s", args[0], usage)
		return 2
	}
	err := cmd.run(args[1:], stdout, stderr)
	var ue usageError
	var shown reported
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "handouts %s: %s\n", args[0], ue.msg)
		return 2
	case errors.As(err, &shown):
		return 1
	}
	for _, line := range strings.Split(err.Error(), "\n") {
		fmt.Fprintln(stderr, line)
	}
	return 1
}

// newFlags makes a flag set whose errors are usage errors.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: handouts %s %s\n\nflags:\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

// listFlag collects a repeated flag.
type listFlag []string

// String returns the values joined by commas.
func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set adds one value.
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// profile starts a CPU profile when path is set; the returned func stops it.
func profile(path string) (func(), error) {
	if path == "" {
		return func() {}, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// dirOr opens dir through a content.Root (what names what it holds, limit
// is its largest file) when dir exists, else returns the embedded copy.
func dirOr(dir string, embedded fs.FS, sub, what string, limit int64) (fs.FS, string, error) {
	if st, err := os.Stat(dir); err == nil && st.IsDir() {
		root, err := content.OpenRoot(dir, what, limit)
		if err != nil {
			return nil, "", fmt.Errorf("%s: cannot open the folder: %v", dir, err)
		}
		return root, root.Name(), nil
	} else if dir != "" && dir != sub {
		return nil, "", fmt.Errorf("%s: no such folder", dir)
	}
	return embedded, sub + " (built in)", nil
}
