package content

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"testing/iotest"
)

// ReadFile reads a file into one buffer of the size its Stat gave: a
// 200 KB font is not read through io.ReadAll's doubling buffers (about
// twice its size allocated, and copied on the way).
func TestRootReadFileOneBuffer(t *testing.T) {
	dir := t.TempDir()
	data := bytes.Repeat([]byte("0123456789abcdef"), 200<<10/16)
	if err := os.WriteFile(filepath.Join(dir, "font.ttf"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := OpenRoot(dir, "fonts", 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	got, err := r.ReadFile("font.ttf")
	runtime.ReadMemStats(&after)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("ReadFile = %d bytes, %v; want the file's %d", len(got), err, len(data))
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > uint64(len(data))*5/4 {
		t.Errorf("reading a %d-byte file allocated %d bytes; want one buffer of about its size", len(data), n)
	}
}

// readSized reads to the end whatever the size it was told (a file that
// grew or shrank since its Stat), in pieces as a reader gives them, and
// stops one byte past the limit.
func TestReadSized(t *testing.T) {
	data := bytes.Repeat([]byte("abc"), 1000)
	for _, tc := range []struct {
		name        string
		size, limit int64
		want        int
	}{
		{"the size", 3000, 1 << 20, 3000},
		{"grew", 100, 1 << 20, 3000},
		{"shrank", 5000, 1 << 20, 3000},
		{"no size", 0, 1 << 20, 3000},
		{"over the limit", 3000, 2000, 2001},
		{"grew over the limit", 10, 2000, 2001},
		{"limit at the size", 3000, 3000, 3000},
	} {
		got, err := readSized(iotest.HalfReader(bytes.NewReader(data)), tc.size, tc.limit)
		if err != nil || len(got) != tc.want || !bytes.Equal(got, data[:tc.want]) {
			t.Errorf("%s: readSized = %d bytes, %v; want the first %d", tc.name, len(got), err, tc.want)
		}
	}
	if _, err := readSized(iotest.ErrReader(io.ErrUnexpectedEOF), 10, 100); err != io.ErrUnexpectedEOF {
		t.Errorf("a failing read: err = %v, want it back", err)
	}
}
