package content

import (
	"bytes"
	"fmt"
	"image"
	_ "image/jpeg" // JPEG images in handouts
	_ "image/png"  // PNG logos and images
	"io/fs"
)

// MaxImagePixels is the largest image, in pixels, that is decoded or
// embedded: 4000 x 4000. Decoding needs four bytes a pixel whatever the
// file's size, so a small file of huge dimensions (a 439 KB PNG of
// 20000 x 20000 pixels) would take gigabytes; a printed handout never
// needs more than a few hundred pixels per inch across the page.
const MaxImagePixels = 4000 * 4000

// How many pixels across are enough, for the advice in messages: the
// masthead prints a logo about 14 mm high, and an image in a handout is at
// most a page wide, about 2000 pixels at 300 dots per inch.
const (
	LogoEnoughPx  = 1000
	ImageEnoughPx = 2000
)

// CheckImageSize returns an error when an image of w x h pixels is over
// MaxImagePixels; the error reads as the rest of a sentence after the
// image's name.
func CheckImageSize(w, h int) error {
	if int64(w)*int64(h) > MaxImagePixels {
		return fmt.Errorf("is %d x %d pixels, over the limit of %d megapixels (such as 4000 x 4000)", w, h, MaxImagePixels/1_000_000)
	}
	return nil
}

// ReadImage reads an image file like ReadFile and, when its header gives
// its size, refuses it before anything decodes it if it is over
// MaxImagePixels. Whether it is an image the outputs can show is theirs to
// say.
func ReadImage(fsys fs.FS, p string) ([]byte, error) {
	data, err := ReadFile(fsys, p)
	if err != nil {
		return nil, err
	}
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(data)); err == nil {
		if err := CheckImageSize(cfg.Width, cfg.Height); err != nil {
			return nil, fmt.Errorf("%v; export it smaller: %d pixels across fill a printed page", err, ImageEnoughPx)
		}
	}
	return data, nil
}
