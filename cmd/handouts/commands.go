package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"handouts"
	"handouts/fonts"
	"handouts/internal/content"
	"handouts/internal/desk"
	"handouts/internal/project"
	"handouts/layouts"
)

// sourceFlags are the input folders every command reads.
type sourceFlags struct {
	content, layouts, fonts string
	// builtIn is set by sources when content/ is absent and the release's
	// built-in library is read instead (see library.go).
	builtIn bool
}

func (s *sourceFlags) register(fs interface {
	StringVar(*string, string, string, string)
}) {
	fs.StringVar(&s.content, "content", "content", "content folder (brands, skin, area, treatments)")
	fs.StringVar(&s.layouts, "layouts", "layouts", "layouts folder (style sheets and HTML templates); the built-in copy if absent")
	fs.StringVar(&s.fonts, "fonts", "fonts", "fonts folder; the built-in copy if absent")
}

// sources opens the input folders, each through a content.Root: the one
// reader, which keeps every read inside its folder and reads only regular
// files. layouts/ and fonts/ fall back to the built-in copies, and so does
// content/ in a release binary (the default -content only: a folder named
// with -content must exist).
func (s *sourceFlags) sources() (project.Sources, error) {
	var src project.Sources
	st, err := os.Stat(s.content)
	switch {
	case (err != nil || !st.IsDir()) && s.content == "content" && handouts.Content != nil:
		s.builtIn = true
		src = project.Sources{Content: handouts.Content, ContentName: "content (built in)"}
	case err != nil || !st.IsDir():
		return project.Sources{}, fmt.Errorf("%s: content folder not found; run from the project folder or pass -content DIR", s.content)
	default:
		root, err := content.OpenRoot(s.content, "content", content.MaxFileSize)
		if err != nil {
			return project.Sources{}, fmt.Errorf("%s: cannot open the content folder: %v", s.content, err)
		}
		src = project.Sources{Content: root, ContentName: root.Name()}
	}
	if src.Layouts, src.LayoutsName, err = dirOr(s.layouts, layouts.FS, "layouts", "style sheets and templates", content.MaxLayoutFileSize); err != nil {
		return src, err
	}
	if src.Fonts, src.FontsName, err = dirOr(s.fonts, fonts.FS, "fonts", "fonts", content.MaxFontFileSize); err != nil {
		return src, err
	}
	return src, nil
}

func cmdBuild(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", "[-content DIR] [-out DIR] [-brand ID]... [-jobs N] [-clean] [-shard I/N]", stderr)
	var sf sourceFlags
	sf.register(fs)
	out := fs.String("out", "output", "output folder")
	jobs := fs.Int("jobs", 0, "files rendered at once (default: the number of CPUs)")
	cpu := fs.String("cpuprofile", "", "write a CPU profile to this file")
	clean := fs.Bool("clean", false, "render every file again, ignoring what earlier builds recorded in OUT/.cache")
	shardFlag := fs.String("shard", "", "build only part I of N of the files (e.g. 2/4), for handouts assemble to join")
	var brands listFlag
	fs.Var(&brands, "brand", "build only this brand (repeatable)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := sf.checkOut(*out); err != nil {
		return err
	}
	var shard project.Shard
	if *shardFlag != "" {
		var err error
		if shard, err = project.ParseShard(*shardFlag); err != nil {
			return usageError{"-shard " + err.Error()}
		}
	}
	stop, err := profile(*cpu)
	if err != nil {
		return err
	}
	defer stop()
	src, err := sf.sources()
	if err != nil {
		return err
	}
	s, err := project.Run(src, *out, project.Config{Brands: brands, Jobs: *jobs, Log: stdout, Clean: *clean, Shard: shard})
	if err != nil {
		return err
	}
	reportKept(stderr, *out, s.Kept)
	for _, w := range s.Warnings {
		fmt.Fprintln(stdout, "warning: "+w)
	}
	fmt.Fprintf(stdout, "built %s into %s/\n", s, *out)
	if len(s.Warnings) > 0 {
		fmt.Fprintln(stdout, project.Count(len(s.Warnings), "warning"))
	}
	return nil
}

// reportKept warns about each file of the previous build that was not
// removed because its bytes are no longer the ones its manifest recorded.
func reportKept(w io.Writer, out string, kept []string) {
	for _, p := range kept {
		fmt.Fprintf(w, "warning: %s: kept: the previous build listed it, but its bytes are not the ones it wrote; remove it yourself if it is not needed\n", filepath.Join(out, filepath.FromSlash(p)))
	}
}

// cmdCheck checks the content and renders every file in memory. It
// reports every problem it finds in one run (the content's, then, when
// the content loads, the rendering's), sorted by file and line, and ends
// with their count, or with the count of its warnings.
func cmdCheck(args []string, stdout, stderr io.Writer) error {
	return counted(check(args, stdout, stderr))
}

// counted adds to a list of problems their count, as its last line.
func counted(err error) error {
	var list content.ErrorList
	if !errors.As(err, &list) {
		return err
	}
	return fmt.Errorf("%w\n%s", err, project.Count(len(list.Grouped()), "problem"))
}

func check(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", "[-content DIR] [-plan FILE] [-stamp]", stderr)
	var sf sourceFlags
	sf.register(fs)
	stamp := fs.Bool("stamp", false, "print, for each translation, the translated_from block that records its source as it is now (writes nothing)")
	planFile := planFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	pl, err := loadPlan(*planFile, flagSet(fs, "plan"))
	if err != nil {
		return err
	}
	src, err := sf.sources()
	if err != nil {
		return err
	}
	start := time.Now()
	p, err := project.Load(src)
	if err != nil {
		return err
	}
	if pl != nil {
		// Before rendering anything: in CI this is the check job, before
		// any shard builds.
		if err := pl.check(p.Catalog); err != nil {
			return err
		}
	}
	if *stamp {
		for _, h := range p.Catalog.Translations() {
			fmt.Fprintf(stdout, "# %s (translates %s)\n%s\n", h.File, h.Source.File, content.StampYAML(h))
		}
		return nil
	}
	files, err := p.RenderAll(project.Config{})
	if err == nil {
		// The worst personal copy of each printed handout: what the desk
		// can make must fit as well as what is published.
		err = p.CheckPersonal(project.Config{})
	}
	if err != nil {
		return err
	}
	grades, err := p.Grades()
	if err != nil {
		return err
	}
	for _, g := range grades {
		if !g.NoFormula && !g.Over() {
			fmt.Fprintln(stdout, g)
		}
	}
	warnings := p.Warnings(grades, time.Now())
	for _, w := range warnings {
		fmt.Fprintln(stdout, "warning: "+w)
	}
	// How a visit of two treatments merges the rules they give differently.
	for _, m := range p.Catalog.Merges() {
		fmt.Fprintln(stdout, "merged: "+m)
	}
	fmt.Fprintf(stdout, "ok: %d files render without problems (%.2f s); nothing written\n", len(files), time.Since(start).Seconds())
	if len(warnings) > 0 {
		fmt.Fprintln(stdout, project.Count(len(warnings), "warning"))
	}
	return nil
}

func cmdSheet(args []string, stdout, stderr io.Writer) error {
	return oneOff("sheet", args, stdout, stderr)
}

func cmdCalendar(args []string, stdout, stderr io.Writer) error {
	return oneOff("calendar", args, stdout, stderr)
}

// oneOff makes one file: a sheet or guide (command sheet) or a calendar.
func oneOff(cmd string, args []string, stdout, stderr io.Writer) error {
	o := &oneOffFlags{cmd: cmd}
	if err := o.parse(args, stderr); err != nil {
		return err
	}
	defer oneOffGC()()
	start, hasTime, err := parseWhen(o.date, o.clock)
	if err != nil {
		return err
	}
	p, env, err := o.load()
	if err != nil {
		return err
	}
	ov, err := o.patient(p, env)
	if err != nil {
		return err
	}
	env.Start, env.HasTime, env.Overrides = start, hasTime, ov
	r, err := p.Render(project.Request{Env: env, Kind: content.Kind(o.kind), Format: content.Format(o.format), Patient: o.name})
	if err != nil {
		return err
	}
	return o.write(r.Data, stdout)
}

// oneOffFlags are the flags of sheet and calendar (cmd), as parsed.
type oneOffFlags struct {
	cmd     string
	formats string // the formats cmd makes, as "pdf|html"
	sf      sourceFlags

	brand, skin, area, treatment, lang string
	kind, format                       string
	date, clock, name                  string
	out                                string
	print                              bool
	overrides                          listFlag
}

// parse registers cmd's flags, parses args and checks what can be
// checked without the content: bad usage is a usageError.
func (o *oneOffFlags) parse(args []string, stderr io.Writer) error {
	info, err := content.Kind(o.cmd).Info()
	if err != nil {
		return err
	}
	var formats []string
	for _, f := range info.Formats {
		formats = append(formats, string(f))
	}
	o.formats = strings.Join(formats, "|")
	synopsis := "-brand ID -skin ID -area ID [-treatment ID] [-lang TAG] [-format " + o.formats + "] [-date YYYY-MM-DD] [-time HH:MM] [-name FIRST] [-override RULE=DURATION]... [-o FILE]"
	if o.cmd == "sheet" {
		synopsis = "-brand ID -skin ID -area ID [-treatment ID] [-lang TAG] [-kind sheet|guide]" + synopsis[len("-brand ID -skin ID -area ID [-treatment ID] [-lang TAG]"):]
	}
	fs := newFlags(o.cmd, synopsis, stderr)
	o.sf.register(fs)
	fs.StringVar(&o.brand, "brand", "", "brand id (required)")
	fs.StringVar(&o.skin, "skin", "", "skin type id (required)")
	fs.StringVar(&o.area, "area", "", "treatment area id (required)")
	fs.StringVar(&o.treatment, "treatment", "", "treatment id, required when there are several (default: the only one)")
	fs.StringVar(&o.lang, "lang", "", "language, one the brand offers, e.g. es-US (default: the brand's first)")
	o.kind = o.cmd
	if o.cmd == "sheet" {
		fs.StringVar(&o.kind, "kind", "sheet", "handout kind: sheet or guide")
	}
	fs.StringVar(&o.format, "format", string(content.FormatPDF), strings.ReplaceAll(o.formats, "|", ", "))
	fs.StringVar(&o.date, "date", "", "treatment date, YYYY-MM-DD: rule windows become dates")
	fs.StringVar(&o.clock, "time", "", "treatment time, HH:MM (with -date): hour windows end at a clock time")
	fs.StringVar(&o.name, "name", "", "the patient's first name, printed on this copy only")
	fs.StringVar(&o.out, "o", "", "output file, or - for standard output (default: a patient-safe name such as aftercare-2026-03-13.pdf)")
	fs.BoolVar(&o.print, "print", false, "send the file to the default printer with lp (CUPS)")
	fs.Var(&o.overrides, "override", "change one rule's end for this patient, e.g. no-exercise=72h (repeatable)")
	if err := parse(fs, args); err != nil {
		return err
	}
	return o.check()
}

// check refuses flags that contradict each other or name no format or
// kind of cmd.
func (o *oneOffFlags) check() error {
	if o.print && o.out == "-" {
		return usageError{"-print needs a file: drop -o - or give -o FILE"}
	}
	if err := o.sf.checkFile(o.out); err != nil {
		return err
	}
	for _, f := range []struct{ name, val string }{{"brand", o.brand}, {"skin", o.skin}, {"area", o.area}} {
		if f.val == "" {
			return usageError{fmt.Sprintf("-%s is required", f.name)}
		}
	}
	if !strings.Contains("|"+o.formats+"|", "|"+o.format+"|") {
		return usageError{fmt.Sprintf("-format %q: use %s", o.format, strings.ReplaceAll(o.formats, "|", " or "))}
	}
	if o.cmd == "sheet" && content.Kind(o.kind) != content.KindSheet && content.Kind(o.kind) != content.KindGuide {
		return usageError{fmt.Sprintf("-kind %q: use sheet or guide", o.kind)}
	}
	if content.Format(o.format) == content.FormatICS && o.date == "" {
		return usageError{"-format ics: a calendar file (.ics) needs the treatment date: give -date YYYY-MM-DD"}
	}
	return nil
}

// load reads only what this copy needs (check and build check the whole
// library) and returns the Env the flags name.
func (o *oneOffFlags) load() (*project.Project, content.Env, error) {
	src, err := o.sf.sources()
	if err != nil {
		return nil, content.Env{}, err
	}
	p, err := project.LoadCopy(src, project.Copy{Brand: o.brand, Lang: o.lang, Treatments: []string{o.treatment}, Skin: o.skin, Areas: []string{o.area}, Kinds: []content.Kind{content.Kind(o.kind)}})
	if err != nil {
		return nil, content.Env{}, err
	}
	tid, err := o.treatmentID(p.Catalog)
	if err != nil {
		return nil, content.Env{}, err
	}
	env, err := p.Catalog.EnvIn(o.brand, o.lang, tid, o.skin, o.area)
	if err != nil {
		return nil, content.Env{}, o.envError(p.Catalog, env, err)
	}
	return p, env, nil
}

// treatmentID is -treatment, or the clinic's only treatment when it is
// not given.
func (o *oneOffFlags) treatmentID(c *content.Catalog) (string, error) {
	if o.treatment != "" {
		return o.treatment, nil
	}
	ids := offeredTreatments(c, o.brand)
	switch len(ids) {
	case 0:
		return "", fmt.Errorf("clinic %s offers no treatment; list one under treatments: in its brand file", o.brand)
	case 1:
		return ids[0], nil
	}
	return "", usageError{fmt.Sprintf("-treatment is required: there are %d treatments (%s); choose one, such as -treatment %s", len(ids), strings.Join(ids, ", "), ids[len(ids)-1])}
}

// envError names the flag behind err, EnvIn's refusal: each is a flag
// naming something the content does not have, so bad usage, whichever
// flag it is.
func (o *oneOffFlags) envError(c *content.Catalog, env content.Env, err error) error {
	b := c.Brand(o.brand)
	switch {
	case b == nil:
		return usageError{"-brand: " + err.Error()}
	case o.lang != "" && !slices.Contains(b.Languages, o.lang):
		return usageError{"-lang: " + err.Error()}
	case env.Treatment == nil:
		return usageError{"-treatment: " + err.Error()}
	case env.Skin == nil:
		return usageError{"-skin: " + err.Error()}
	case env.Area == nil:
		return usageError{"-area: " + err.Error()}
	}
	return err
}

// patient checks what is this patient's own, -override and -name, and
// returns the rule ends by rule id. The same check as the preview
// server's form: a bad value is the flag's fault (exit 2), whichever
// file the rule is in.
func (o *oneOffFlags) patient(p *project.Project, env content.Env) (map[string]content.Offset, error) {
	ov, err := content.ParseOverrides(env, o.overrides)
	if err != nil {
		return nil, usageError{err.Error()}
	}
	if err := desk.CheckName(p, env.Brand.ID, o.name); err != nil {
		return nil, usageError{"-name: " + err.Error()}
	}
	return ov, nil
}

// write puts data on stdout (-o -) or in the file -o names, by default a
// patient-safe name, and prints it with -print.
func (o *oneOffFlags) write(data []byte, stdout io.Writer) error {
	if o.out == "-" {
		_, err := stdout.Write(data)
		return err
	}
	file := o.out
	if file == "" {
		file = o.fileName()
	}
	if err := desk.WriteFile(file, data); err != nil {
		return err
	}
	// The file name is patient-safe; the name and date stay inside the file.
	if o.out == "" {
		fmt.Fprintf(stdout, "wrote %s\n", file)
	}
	if o.print {
		return printFile(file)
	}
	return nil
}

// fileName is the default output file: a patient-safe base name by kind
// (content.Kinds; o.kind is checked by then); the date may follow, a name
// never does.
func (o *oneOffFlags) fileName() string {
	k, _ := content.Kind(o.kind).Info()
	file := k.FileName
	if o.date != "" {
		file += "-" + o.date
	}
	return file + "." + o.format
}

// printFile sends file to the default printer with CUPS's lp.
func printFile(file string) error {
	lp, err := exec.LookPath("lp")
	if err != nil {
		return errors.New(lpMissing(runtime.GOOS, file))
	}
	if out, err := exec.Command(lp, "--", file).CombinedOutput(); err != nil {
		return fmt.Errorf("lp %s: %v: %s", file, err, strings.TrimSpace(string(out)))
	}
	return nil
}

// lpMissing says what to do when -print finds no lp on goos.
func lpMissing(goos, file string) string {
	const desk = "or print from the desk page (start handouts with no command, or handouts serve; at /make, \"Open the PDF to print\" prints through the browser)"
	switch goos {
	case "windows":
		return fmt.Sprintf("cannot print: -print sends the file to lp (CUPS), which Windows does not have; %s is written: open it and print it, %s", file, desk)
	case "darwin":
		return fmt.Sprintf("cannot print: -print sends the file to lp (CUPS, part of macOS), which is not on the PATH; %s is written: open it and print it, %s", file, desk)
	}
	return fmt.Sprintf("cannot print: -print sends the file to lp (CUPS), which is not installed; install cups-client (apt-get install cups-client), or open %s and print it, %s", file, desk)
}

// parseWhen parses -date and -time (desk.ParseWhen); it refuses dates
// that do not exist and years no treatment is in.
func parseWhen(date, clock string) (time.Time, bool, error) {
	t, hasTime, err := desk.ParseWhen(date, clock)
	if err != nil {
		return t, hasTime, usageError{"-" + strings.Replace(err.Error(), ": ", " ", 1)}
	}
	return t, hasTime, nil
}
