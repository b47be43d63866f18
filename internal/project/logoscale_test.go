package project

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"testing"

	"golang.org/x/image/draw"
)

// scaleOneImages returns, for each image type sameAtScaleOne accepts,
// an image of every value of every channel at every opacity (NRGBA: one
// row a level of alpha, one column a value; RGBA: every premultiplied
// value up to its alpha), and grey and palette images of every index.
func scaleOneImages() map[string]image.Image {
	r := image.Rect(0, 0, 256, 256)
	nrgba, rgba, gray := image.NewNRGBA(r), image.NewRGBA(r), image.NewGray(r)
	var pal color.Palette
	for i := range 256 {
		pal = append(pal, color.NRGBA{uint8(i), uint8(i * 3), uint8(i * 5), uint8(255 - i)})
	}
	paletted := image.NewPaletted(r, pal)
	for y := range 256 {
		for x := range 256 {
			nrgba.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(255 - x), uint8(x * 7), uint8(y)})
			m := y + 1
			rgba.SetRGBA(x, y, color.RGBA{uint8(x % m), uint8((255 - x) % m), uint8((x * 7) % m), uint8(y)})
			gray.SetGray(x, y, color.Gray{uint8(x ^ y)})
			paletted.SetColorIndex(x, y, uint8(x+y))
		}
	}
	return map[string]image.Image{"NRGBA": nrgba, "RGBA": rgba, "Gray": gray, "Paletted": paletted}
}

// A logo printed at its own size is drawn over white rather than through
// Catmull-Rom scaling, with the same bytes: for every image type the
// shortcut takes, on images of every channel value at every opacity.
func TestLogoScaleOne(t *testing.T) {
	for name, src := range scaleOneImages() {
		if !sameAtScaleOne(src) {
			t.Fatalf("%s: not taken at scale one", name)
		}
		b := src.Bounds()
		want := image.NewRGBA(b)
		draw.Draw(want, b, image.NewUniform(color.White), image.Point{}, draw.Src)
		draw.CatmullRom.Scale(want, b, src, b, draw.Over, nil)
		got := image.NewRGBA(b)
		draw.Draw(got, b, image.NewUniform(color.White), image.Point{}, draw.Src)
		draw.Draw(got, b, src, b.Min, draw.Over)
		if !bytes.Equal(got.Pix, want.Pix) {
			t.Errorf("%s: drawing over white differs from Catmull-Rom at scale one", name)
		}
	}
	// A type not proved here still goes through the scaler.
	if sameAtScaleOne(image.NewNRGBA64(image.Rect(0, 0, 1, 1))) {
		t.Error("NRGBA64 takes the shortcut without a proof")
	}
	// The shipped logos' pixels, cut to the printed height so that they
	// print at their own size, print as the scaler prints them.
	for _, file := range []string{"../../content/brands/harbor.png", "../../content/brands/thistle.png"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		src, err := png.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		px := printPx(14)
		if src.Bounds().Dy() > px {
			src = src.(interface {
				SubImage(image.Rectangle) image.Image
			}).SubImage(image.Rect(0, 0, src.Bounds().Dx(), px))
		}
		if !sameAtScaleOne(src) {
			t.Fatalf("%s decodes to %T, which the shortcut does not take", file, src)
		}
		b := src.Bounds()
		scaled := image.NewRGBA(b)
		draw.Draw(scaled, b, image.NewUniform(color.White), image.Point{}, draw.Src)
		draw.CatmullRom.Scale(scaled, b, src, b, draw.Over, nil)
		rgb := image.NewNRGBA(b)
		draw.Draw(rgb, b, scaled, image.Point{}, draw.Src)
		var want bytes.Buffer
		(&png.Encoder{CompressionLevel: png.DefaultCompression}).Encode(&want, opaque{rgb})
		if !bytes.Equal(printLogo(src, px), want.Bytes()) {
			t.Errorf("%s: the printed logo changed", file)
		}
	}
}
