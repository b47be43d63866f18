// Command logos draws the default clinics' wordmark logos,
// content/brands/harbor.png and thistle.png, for print: a ring in the
// clinic's primary colour around a dot in its accent colour, and its name
// in the body font's bold, drawn from the glyphs' outlines at Height
// pixels, which is MinLogoPPI or more at the masthead's printed height
// (internal/project checks it). Run it from the repository's root:
//
//	go run ./.ci/logos
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math"
	"os"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/image/vector"
)

// Height is the logos' height in pixels: 308 ppi at the masthead's 14 mm,
// over the 300 the build asks for, and small enough to inline in the HTML
// pages (each carries its logo) within their size budget.
const Height = 170

// mark is one clinic's logo.
type mark struct {
	file, name      string
	primary, accent color.NRGBA
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "logos:", err)
		os.Exit(1)
	}
}

func run() error {
	data, err := os.ReadFile("fonts/AtkinsonHyperlegible_700Bold.ttf")
	if err != nil {
		return err
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		return err
	}
	for _, m := range []mark{
		{"content/brands/harbor.png", "Harbor", color.NRGBA{0x1B, 0x49, 0x65, 0xFF}, color.NRGBA{0x62, 0xB6, 0xCB, 0xFF}},
		{"content/brands/thistle.png", "Thistle & Fern", color.NRGBA{0x4A, 0x2C, 0x5E, 0xFF}, color.NRGBA{0x8D, 0xB3, 0x8B, 0xFF}},
	} {
		if err := draw1(f, m); err != nil {
			return err
		}
	}
	return nil
}

// draw1 draws m into its file.
func draw1(f *sfnt.Font, m mark) error {
	h := float32(Height)
	r := h / 2 * 0.92 // the ring's outer radius, a little inside the height
	size := h * 0.42  // the name's type size, in pixels
	var b sfnt.Buffer
	ppem := fixed.Int26_6(size * 64)
	// The name's width, to size the image.
	x := h * 1.18
	width := x
	prev := sfnt.GlyphIndex(0)
	for _, ch := range m.name {
		g, err := f.GlyphIndex(&b, ch)
		if err != nil {
			return err
		}
		if prev != 0 {
			k, _ := f.Kern(&b, prev, g, ppem, font.HintingNone)
			width += float32(k) / 64
		}
		adv, err := f.GlyphAdvance(&b, g, ppem, font.HintingNone)
		if err != nil {
			return err
		}
		width += float32(adv) / 64
		prev = g
	}
	w := int(math.Ceil(float64(width + h*0.04)))
	img := image.NewNRGBA(image.Rect(0, 0, w, Height))
	draw.Draw(img, img.Bounds(), image.Transparent, image.Point{}, draw.Src)
	paint := func(z *vector.Rasterizer, c color.NRGBA) {
		z.Draw(img, img.Bounds(), image.NewUniform(c), image.Point{})
	}
	// The ring: its outer circle, and the inner one wound the other way.
	cx, cy := h/2, h/2
	ring := vector.NewRasterizer(w, Height)
	circle(ring, cx, cy, r, false)
	circle(ring, cx, cy, r*0.68, true)
	paint(ring, m.primary)
	dot := vector.NewRasterizer(w, Height)
	circle(dot, cx, cy, r*0.45, false)
	paint(dot, m.accent)
	// The name, on a baseline a little below the middle.
	text := vector.NewRasterizer(w, Height)
	base := h/2 + size*0.36
	prev = 0
	for _, ch := range m.name {
		g, _ := f.GlyphIndex(&b, ch)
		if prev != 0 {
			k, _ := f.Kern(&b, prev, g, ppem, font.HintingNone)
			x += float32(k) / 64
		}
		segs, err := f.LoadGlyph(&b, g, ppem, nil)
		if err != nil {
			return err
		}
		pt := func(p fixed.Point26_6) (float32, float32) {
			return x + float32(p.X)/64, base + float32(p.Y)/64
		}
		for _, s := range segs {
			switch s.Op {
			case sfnt.SegmentOpMoveTo:
				text.ClosePath()
				text.MoveTo(pt(s.Args[0]))
			case sfnt.SegmentOpLineTo:
				text.LineTo(pt(s.Args[0]))
			case sfnt.SegmentOpQuadTo:
				ax, ay := pt(s.Args[0])
				bx, by := pt(s.Args[1])
				text.QuadTo(ax, ay, bx, by)
			case sfnt.SegmentOpCubeTo:
				ax, ay := pt(s.Args[0])
				bx, by := pt(s.Args[1])
				c2x, c2y := pt(s.Args[2])
				text.CubeTo(ax, ay, bx, by, c2x, c2y)
			}
		}
		text.ClosePath()
		adv, _ := f.GlyphAdvance(&b, g, ppem, font.HintingNone)
		x += float32(adv) / 64
		prev = g
	}
	paint(text, m.primary)
	out, err := os.Create(m.file)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(out, img); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// circle adds a circle of radius r around (cx, cy) to z, as four cubic
// arcs, clockwise or, with reverse, counter-clockwise.
func circle(z *vector.Rasterizer, cx, cy, r float32, reverse bool) {
	const k = 0.5523 // the control points' distance for a quarter circle
	s := float32(1)
	if reverse {
		s = -1
	}
	z.MoveTo(cx+r, cy)
	z.CubeTo(cx+r, cy+s*k*r, cx+k*r, cy+s*r, cx, cy+s*r)
	z.CubeTo(cx-k*r, cy+s*r, cx-r, cy+s*k*r, cx-r, cy)
	z.CubeTo(cx-r, cy-s*k*r, cx-k*r, cy-s*r, cx, cy-s*r)
	z.CubeTo(cx+k*r, cy-s*r, cx+r, cy-s*k*r, cx+r, cy)
	z.ClosePath()
}
