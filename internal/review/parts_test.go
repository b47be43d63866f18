package review

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSplitSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"One. Two! Three?", []string{"One.", "Two!", "Three?"}},
		{"Call (207) 555-0100. After hours, call us.", []string{"Call (207) 555-0100.", "After hours, call us."}},
		{"Use SPF 30, e.g. zinc. Then rest.", []string{"Use SPF 30, e.g. zinc.", "Then rest."}},
		{"Wait 2.5 days. 3 days is fine.", []string{"Wait 2.5 days.", "3 days is fine."}},
		{"¿Le duele? ¡Llámenos!", []string{"¿Le duele?", "¡Llámenos!"}},
		{`He said "stop." Then he left.`, []string{`He said "stop."`, "Then he left."}},
		{"", nil},
	}
	for _, tt := range tests {
		if got := splitSentences(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("splitSentences(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkWords(t *testing.T) {
	tests := []struct{ old, new, wantOld, wantNew string }{
		{"No makeup for 48 hours.", "No makeup for 72 hours.", "No makeup for <del>48 </del>hours.", "No makeup for <ins>72 </ins>hours."},
		{"Rinse <gently> & dry.", "Rinse & dry.", "Rinse <del>&lt;gently&gt; </del>&amp; dry.", "Rinse &amp; dry."},
		{"Same.", "Same.", "Same.", "Same."},
	}
	for _, tt := range tests {
		o, n := markWords(tt.old, tt.new)
		if string(o) != tt.wantOld || string(n) != tt.wantNew {
			t.Errorf("markWords(%q, %q) = %q, %q; want %q, %q", tt.old, tt.new, o, n, tt.wantOld, tt.wantNew)
		}
	}
}

// TestUntar: a checkout writes regular files and folders only; a path
// that would leave the folder, or a link, is refused.
func TestUntar(t *testing.T) {
	mk := func(hs ...*tar.Header) []byte {
		var b bytes.Buffer
		w := tar.NewWriter(&b)
		for _, h := range hs {
			w.WriteHeader(h)
			if h.Typeflag == tar.TypeReg {
				w.Write(make([]byte, h.Size))
			}
		}
		w.Close()
		return b.Bytes()
	}
	dst := t.TempDir()
	ok := mk(&tar.Header{Name: "skin/", Typeflag: tar.TypeDir, Mode: 0o755}, &tar.Header{Name: "skin/dry.yaml", Typeflag: tar.TypeReg, Size: 3, Mode: 0o644})
	if err := untar(bytes.NewReader(ok), dst); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(filepath.Join(dst, "skin", "dry.yaml")); err != nil || st.Size() != 3 {
		t.Errorf("skin/dry.yaml: %v", err)
	}
	for _, h := range []*tar.Header{
		{Name: "../escape.yaml", Typeflag: tar.TypeReg, Size: 1},
		{Name: "/etc/x", Typeflag: tar.TypeReg, Size: 1},
		{Name: "skin/link.yaml", Typeflag: tar.TypeSymlink, Linkname: "/etc/passwd"},
	} {
		err := untar(bytes.NewReader(mk(h)), t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "refusing") {
			t.Errorf("untar(%s) = %v, want it refused", h.Name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dst), "escape.yaml")); err == nil {
		t.Error("a file was written outside the folder")
	}
}
