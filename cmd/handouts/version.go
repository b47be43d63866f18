package main

import (
	"fmt"
	"io"
	"runtime/debug"
	"strconv"
	"strings"
)

// The release's version, revision and dirtiness ("true" when the tree had
// changes not committed), set by make release (.ci/release) with -ldflags
// -X, since it builds with -buildvcs=false. Other builds take them from
// the build information go build records from git (when .git is a folder).
var releaseVersion, releaseRevision, releaseDirty string

func cmdVersion(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("version", "", stderr)
	if err := parse(fs, args); err != nil {
		return err
	}
	info, _ := debug.ReadBuildInfo()
	if info != nil && releaseRevision != "" {
		info.Settings = append(info.Settings,
			debug.BuildSetting{Key: "vcs.revision", Value: releaseRevision},
			debug.BuildSetting{Key: "vcs.modified", Value: strconv.FormatBool(releaseDirty == "true")})
	}
	fmt.Fprint(stdout, versionText(releaseVersion, info))
	return nil
}

// versionText describes a binary: its version, the VCS revision it was
// built from (marked dirty when the tree had uncommitted changes) and the
// Go version that built it. info may be nil (a binary built without
// module support).
func versionText(version string, info *debug.BuildInfo) string {
	var b strings.Builder
	rev, modified, goVersion := "", false, "unknown"
	if info != nil {
		goVersion = info.GoVersion
		if version == "" && info.Main.Version != "" && info.Main.Version != "(devel)" {
			version = info.Main.Version
		}
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if version == "" {
		version = "(development build)"
	}
	fmt.Fprintf(&b, "handouts %s\n", version)
	switch {
	case rev == "":
		b.WriteString("revision unknown (built without version control information)\n")
	case modified:
		fmt.Fprintf(&b, "revision %s, dirty (built with uncommitted changes)\n", rev)
	default:
		fmt.Fprintf(&b, "revision %s\n", rev)
	}
	fmt.Fprintf(&b, "built with %s\n", goVersion)
	return b.String()
}
