package pdf

import (
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"handouts/fonts"
)

// parseFace asks sfnt only about the characters the font's character map
// can map (cmapRanges) and finds the same characters and widths as asking
// about every character: for the shipped faces and for every TrueType
// font the system has (Debian's fonts-dejavu, where installed).
func TestCmapRangesSameWidths(t *testing.T) {
	files := map[string][]byte{}
	shipped, _ := fs.Glob(fonts.FS, "*.ttf")
	for _, name := range shipped {
		data, err := fs.ReadFile(fonts.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = data
	}
	if len(shipped) < 4 {
		t.Fatalf("%d shipped faces", len(shipped))
	}
	filepath.WalkDir("/usr/share/fonts/truetype", func(path string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(path, ".ttf") && len(files) < 40 {
			if data, err := os.ReadFile(path); err == nil {
				files[path] = data
			}
		}
		return nil
	})
	compared := 0
	defer func() { t.Logf("%d of %d fonts compared", compared, len(files)) }()
	for name, data := range files {
		sf, err := sfnt.Parse(data)
		if err != nil {
			continue
		}
		if _, ok := cmapRanges(data); !ok {
			if strings.HasSuffix(name, ".ttf") && !strings.HasPrefix(name, "/") {
				t.Errorf("%s: the shipped face's character map is not read", name)
			}
			continue
		}
		compared++
		face, err := parseFace(name, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		all := faceWidths(sf, func(rune) bool { return true })
		if !maps.Equal(face.widths, all) {
			t.Errorf("%s: %d characters from the character map's ranges, %d from every character", name, len(face.widths), len(all))
		}
	}
}

// cmapRanges refuses what it cannot read rather than guess.
func TestCmapRangesRefuses(t *testing.T) {
	for _, data := range [][]byte{nil, []byte("true"), make([]byte, 12), []byte("\x00\x01\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00cmap\x00\x00\x00\x00\xff\xff\xff\xf0\x00\x00\x00\x04")} {
		if _, ok := cmapRanges(data); ok {
			t.Errorf("%q read", data)
		}
	}
}
