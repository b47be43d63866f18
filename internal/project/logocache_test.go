package project

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"handouts/internal/wait"
)

// testLogo is a 400 x 200 logo with a gradient and transparent corners:
// scaled, flattened and encoded for print.
func testLogo(t *testing.T) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, 400, 200))
	for y := range 200 {
		for x := range 400 {
			a := uint8(255)
			if x < 40 && y < 40 {
				a = uint8(x * 6)
			}
			img.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), uint8(x ^ y), a})
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestLogoCache: the printed logo is kept in the user's cache folder and
// read back by the next load, giving the same bytes without preparing it
// again; a cached file altered since is not used, and is made again.
func TestLogoCache(t *testing.T) {
	cache := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", cache)
	data := testLogo(t)
	first, err := loadLogo(data, 14)
	if err != nil {
		t.Fatal(err)
	}
	if first.key == "" || first.data != nil {
		t.Fatalf("first load: key %q, cached %d bytes; want a key and nothing cached yet", first.key, len(first.data))
	}
	want := first.print()
	files, _ := filepath.Glob(filepath.Join(cache, "handouts", "logos", "*.png"))
	if len(files) != 1 || filepath.Base(files[0]) != first.key+".png" {
		t.Fatalf("cache holds %v, want one file named by the key %s", files, first.key)
	}
	second, err := loadLogo(data, 14)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(second.data, want) || !bytes.Equal(second.print(), want) {
		t.Errorf("second load: %d bytes from the cache, want the %d printed the first time", len(second.data), len(want))
	}
	// Another height is another file.
	if other, err := loadLogo(data, 12); err != nil || other.key == first.key || other.data != nil {
		t.Errorf("loadLogo at 12 mm: key %q (14 mm: %q), %d cached bytes, %v; want another key, nothing cached", other.key, first.key, len(other.data), err)
	}
	// One byte changed in the kept PNG: the seal no longer matches.
	kept, err := os.ReadFile(files[0])
	if err != nil {
		t.Fatal(err)
	}
	kept[len(kept)/3] ^= 0xff
	if err := os.WriteFile(files[0], kept, 0o600); err != nil {
		t.Fatal(err)
	}
	third, err := loadLogo(data, 14)
	if err != nil {
		t.Fatal(err)
	}
	if third.data != nil {
		t.Fatal("an altered cached logo was used")
	}
	if !bytes.Equal(third.print(), want) {
		t.Error("the logo prepared again differs from the first")
	}
	if fourth, _ := loadLogo(data, 14); !bytes.Equal(fourth.data, want) {
		t.Error("the altered file was not made again")
	}
}

// TestLogoCacheUnwritable: a cache folder that cannot be made leaves the
// logo prepared as before, every time.
func TestLogoCacheUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("XDG_CACHE_HOME", file) // a file, not a folder
	data := testLogo(t)
	var out [2][]byte
	for i := range out {
		l, err := loadLogo(data, 14)
		if err != nil {
			t.Fatal(err)
		}
		out[i] = l.print()
	}
	if len(out[0]) == 0 || !bytes.Equal(out[0], out[1]) {
		t.Errorf("printed logos of %d and %d bytes, want the same", len(out[0]), len(out[1]))
	}
}

// TestPrintLogoIsInLogoGo: printLogo, and all it calls of this package,
// is declared in logo.go, whose source names the cached logos
// (logoCacheKey): a change to how a logo is printed changes the name, so
// a logo printed the old way is never read back.
func TestPrintLogoIsInLogoGo(t *testing.T) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, ".", func(fi os.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, 0)
	if err != nil {
		t.Fatal(err)
	}
	decls := map[string]ast.Decl{} // package-level names, methods as Type.Name
	file := map[ast.Decl]string{}
	for _, f := range pkgs["project"].Files {
		name := filepath.Base(fset.Position(f.Pos()).Filename)
		for _, d := range f.Decls {
			file[d] = name
			switch d := d.(type) {
			case *ast.FuncDecl:
				key := d.Name.Name
				if d.Recv != nil {
					typ := d.Recv.List[0].Type
					if s, ok := typ.(*ast.StarExpr); ok {
						typ = s.X
					}
					key = typ.(*ast.Ident).Name + "." + key
				}
				decls[key] = d
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						decls[s.Name.Name] = d
					case *ast.ValueSpec:
						for _, n := range s.Names {
							decls[n.Name] = d
						}
					}
				}
			}
		}
	}
	if filepath.Base(logoSource) != "logo.go" {
		t.Fatalf("logoSource = %s, want this package's logo.go", logoSource)
	}
	seen := map[ast.Decl]bool{}
	var visit func(d ast.Decl, via string)
	visit = func(d ast.Decl, via string) {
		if seen[d] {
			return
		}
		seen[d] = true
		if file[d] != "logo.go" {
			t.Errorf("%s uses %s, declared in %s: keep what prints a logo in logo.go (logoSource names the cached logos by it)", via, declName(d), file[d])
			return
		}
		var inspect func(n ast.Node) bool
		inspect = func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok {
				ast.Inspect(sel.X, inspect) // png.Encode: Encode is png's
				return false
			}
			if id, ok := n.(*ast.Ident); ok {
				if u := decls[id.Name]; u != nil && u != d {
					visit(u, declName(d))
				}
				for key, u := range decls { // methods of a type used
					if strings.HasPrefix(key, id.Name+".") {
						visit(u, declName(d))
					}
				}
			}
			return true
		}
		ast.Inspect(d, inspect)
	}
	visit(decls["printLogo"], "printLogo")
	if !seen[decls["sameAtScaleOne"]] || !seen[decls["opaque.Opaque"]] {
		t.Error("the walk missed what printLogo calls")
	}
}

// declName names a declaration for messages.
func declName(d ast.Decl) string {
	switch d := d.(type) {
	case *ast.FuncDecl:
		return d.Name.Name
	case *ast.GenDecl:
		switch s := d.Specs[0].(type) {
		case *ast.TypeSpec:
			return s.Name.Name
		case *ast.ValueSpec:
			return s.Names[0].Name
		}
	}
	return "?"
}

// TestReplacesImage: a go.mod that replaces golang.org/x/image, in a
// line or a block, turns the cache of printed logos off.
func TestReplacesImage(t *testing.T) {
	for gomod, want := range map[string]bool{
		"require golang.org/x/image v0.48.0\n":                                     false,
		"replace codeberg.org/go-pdf/fpdf => ./internal/fpdf\n":                    false,
		"replace golang.org/x/image => ../image\n":                                 true,
		"replace (\n\tgolang.org/x/image v0.48.0 => ../image\n)\n":                 true,
		"require golang.org/x/image v0.48.0\nreplace golang.org/x/image => x v1\n": true,
	} {
		if got := replacesImage(gomod); got != want {
			t.Errorf("replacesImage(%q) = %v, want %v", gomod, got, want)
		}
	}
	gomod, err := os.ReadFile("../../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	if replacesImage(string(gomod)) {
		t.Error("go.mod replaces golang.org/x/image: printed logos are never cached")
	}
}

// TestLogoCacheNotRegular: a named pipe or a link where a cached logo
// would be is not read (a pipe would hold the open until a writer came):
// the logo is prepared again, as if nothing were kept.
func TestLogoCacheNotRegular(t *testing.T) {
	data := testLogo(t)
	for _, kind := range []string{"pipe", "link"} {
		t.Run(kind, func(t *testing.T) {
			cache := t.TempDir()
			t.Setenv("XDG_CACHE_HOME", cache)
			first, err := loadLogo(data, 14)
			if err != nil {
				t.Fatal(err)
			}
			want := first.print() // kept under its key
			name := filepath.Join(cache, "handouts", "logos", first.key+".png")
			kept, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			os.Remove(name)
			switch kind {
			case "pipe":
				if err := syscall.Mkfifo(name, 0o644); err != nil {
					t.Fatal(err)
				}
			case "link":
				other := filepath.Join(t.TempDir(), "elsewhere.png")
				if err := os.WriteFile(other, kept, 0o600); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(other, name); err != nil {
					t.Fatal(err)
				}
			}
			done := make(chan *logo, 1)
			go func() {
				l, err := loadLogo(data, 14)
				if err != nil {
					t.Error(err)
				}
				done <- l
			}()
			l := wait.Recv(t, "loadLogo with a "+kind+" in the cache", done)
			if l == nil {
				return
			}
			if l.data != nil {
				t.Errorf("a %s in the cache was read as the printed logo", kind)
			}
			if !bytes.Equal(l.print(), want) {
				t.Error("the logo prepared again differs from the first")
			}
		})
	}
}
