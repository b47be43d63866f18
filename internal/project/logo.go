package project

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"sync"

	"golang.org/x/image/draw"

	"handouts/internal/content"
)

// logo is a brand's logo for the PDFs: checked when the content loads,
// scaled and encoded for print the first time a PDF needs it, once per
// build, or read from the cache of printed logos (logocache.go); a build
// of HTML only, or a one-off web page, never pays for it.
// Between the two it keeps the file's bytes, not the decoded pixels: a
// library of 40 clinics would otherwise hold 8 MB of them while it renders.
type logo struct {
	png  []byte
	px   int    // the height it is scaled to for print: MinLogoPPI at the masthead's height
	key  string // its name in the cache of printed logos (logocache.go), or ""
	once sync.Once
	data []byte // prepared for print: from the cache at load, or by print
}

// MinLogoPPI is the least resolution of a logo at its printed size: below
// 300 pixels to the inch, its edges print as visible steps.
const MinLogoPPI = 300

// printPx is the pixels MinLogoPPI needs at heightMM (14 mm: 166).
func printPx(heightMM float64) int { return int(math.Ceil(heightMM / 25.4 * MinLogoPPI)) }

// lowResError is a logo with too few pixels for its printed height.
type lowResError struct {
	px       int
	ppi      float64
	mm       float64
	neededPx int
}

func (e *lowResError) Error() string {
	return fmt.Sprintf("%d px tall: printed %.0f mm high that is %.0f ppi, and print needs %d; export it at least %d px tall", e.px, e.mm, e.ppi, MinLogoPPI, e.neededPx)
}

// loadLogo checks a brand's PNG logo by decoding it. Its size is read from
// the header before anything is decoded: decoding takes four bytes a
// pixel, so a small file of huge dimensions is refused
// (content.MaxImagePixels) rather than decoded; a truncated or corrupt
// file is refused here, not in a worker; and one with fewer pixels than
// MinLogoPPI needs at heightMM, the tallest it prints (the masthead's),
// is refused as a *lowResError.
func loadLogo(data []byte, heightMM float64) (*logo, error) {
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if need := printPx(heightMM); cfg.Height < need {
		return nil, &lowResError{px: cfg.Height, ppi: float64(cfg.Height) / (heightMM / 25.4), mm: heightMM, neededPx: need}
	}
	if err := content.CheckImageSize(cfg.Width, cfg.Height); err != nil {
		return nil, fmt.Errorf("%v; export it smaller", err)
	}
	l := &logo{png: data, px: printPx(heightMM)}
	l.key = logoCacheKey(data, l.px)
	if l.data = cachedLogo(l.key); l.data != nil {
		return l, nil // these bytes decoded and printed before
	}
	if _, err := png.Decode(bytes.NewReader(data)); err != nil {
		return nil, err
	}
	return l, nil
}

// print returns the logo prepared for the PDFs (see printLogo); safe for
// concurrent use.
func (l *logo) print() []byte {
	if l == nil {
		return nil
	}
	l.once.Do(func() {
		if l.data != nil {
			return // from the cache
		}
		src, err := png.Decode(bytes.NewReader(l.png))
		if err != nil {
			panic(fmt.Sprintf("logo decoded at load, not now: %v", err)) // the same bytes
		}
		l.data = printLogo(src, l.px)
		keepLogo(l.key, l.data)
	})
	return l.data
}

// printLogo prepares a logo for the PDFs: scaled down to its printed size
// and flattened onto white, so fpdf embeds the image data as it is instead
// of splitting out an alpha channel in every document, and e-mailed PDFs
// stay small.
func printLogo(src image.Image, px int) []byte {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if h > px {
		w, h = w*px/h, px
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
	if w == b.Dx() && h == b.Dy() && sameAtScaleOne(src) {
		// Printed at its own size: Catmull-Rom's weights at scale one are
		// 1 on the pixel and 0 elsewhere, and for these image types drawing
		// over white gives the same bytes (TestLogoScaleOne) without the
		// scaler's two megabytes of working space.
		draw.Draw(dst, dst.Bounds(), src, b.Min, draw.Over)
	} else {
		draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	}
	// Opaque RGB: no alpha channel for fpdf to take apart.
	rgb := image.NewNRGBA(dst.Bounds())
	draw.Draw(rgb, rgb.Bounds(), dst, image.Point{}, draw.Src)
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.DefaultCompression}
	enc.Encode(&out, opaque{rgb}) // writing to memory cannot fail
	return out.Bytes()
}

// opaque reports itself opaque so the PNG encoder writes RGB, not RGBA.
type opaque struct{ *image.NRGBA }

// Opaque reports true: the image was flattened onto white.
func (opaque) Opaque() bool { return true }

// sameAtScaleOne reports whether src is of a type for which drawing it over
// white at its own size gives what draw.CatmullRom.Scale gives
// (TestLogoScaleOne proves it for each).
func sameAtScaleOne(src image.Image) bool {
	switch src.(type) {
	case *image.NRGBA, *image.RGBA, *image.Gray, *image.Paletted:
		return true
	}
	return false
}
