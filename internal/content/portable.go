package content

import (
	"io/fs"
	"path"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// checkPortable refuses names in the content folder that break where the
// content or its output is copied: on Windows (the characters < > : " \ |
// ? * and control characters, a name ending in a dot or a space, and the
// device names CON, PRN, AUX, NUL, COM1-9 and LPT1-9, with any extension)
// and on case-insensitive disks (Windows, macOS: two names in one folder
// that differ only in case, or in how an accent is encoded). Ids are file
// and folder names (skin/dry.yaml, treatments/microneedling/) and become
// the output's folder names, so this covers them too. Names starting with
// a dot are skipped, as the loader skips them; folders it cannot read are
// left to the loader to report.
func (l *loader) checkPortable() {
	if l.part != nil {
		return // the whole tree's, for check and build: a part reads ids, portable names (part.go)
	}
	fs.WalkDir(l.c.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == "." {
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if msg := unportableName(d.Name()); msg != "" {
			l.e.addf(l.name(p), 0, "%s", msg)
		}
		if !d.IsDir() {
			return nil
		}
		ents, err := fs.ReadDir(l.c.FS, p)
		if err != nil {
			return nil
		}
		l.checkCase(p, ents)
		return nil
	})
	if ents, err := fs.ReadDir(l.c.FS, "."); err == nil {
		l.checkCase(".", ents)
	}
}

// checkCase refuses two entries of one folder whose names a
// case-insensitive disk takes for one.
func (l *loader) checkCase(dir string, ents []fs.DirEntry) {
	seen := map[string]string{}
	for _, e := range ents {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		key := strings.ToLower(norm.NFC.String(e.Name()))
		if prev, ok := seen[key]; ok {
			l.e.addf(l.name(path.Join(dir, e.Name())), 0, "the name differs from %s only in case or accents, so Windows and macOS take them for one file; rename or remove one of them", prev)
			continue
		}
		seen[key] = e.Name()
	}
}

// windowsDevices are the names Windows keeps for devices, in any case and
// with any extension (con.yaml, Nul.es.md).
var windowsDevices = map[string]bool{"con": true, "prn": true, "aux": true, "nul": true}

func init() {
	for _, d := range "123456789" {
		windowsDevices["com"+string(d)] = true
		windowsDevices["lpt"+string(d)] = true
	}
}

// unportableName says why name cannot be a file or folder name on
// Windows, or returns "".
func unportableName(name string) string {
	for _, r := range name {
		if r < 0x20 || strings.ContainsRune(`<>:"\|?*`, r) {
			return "the name holds " + quoteRune(r) + ", which Windows does not allow in file names; use lower-case letters, digits and hyphens"
		}
	}
	if strings.HasSuffix(name, ".") || strings.HasSuffix(name, " ") {
		return "the name ends in a dot or a space, which Windows drops; rename it"
	}
	stem, _, _ := strings.Cut(name, ".")
	if windowsDevices[strings.ToLower(strings.TrimRight(stem, " "))] {
		return "\"" + stem + "\" is a device name on Windows (CON, PRN, AUX, NUL, COM1-9, LPT1-9), so no file or folder there can be called " + name + "; choose another name"
	}
	return ""
}

func quoteRune(r rune) string {
	if r < 0x20 {
		return "a control character"
	}
	return "\"" + string(r) + "\""
}
