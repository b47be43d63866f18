package pdf

import (
	"bytes"
	"image"
	_ "image/jpeg" // JPEG images in handouts
	_ "image/png"  // PNG images in handouts

	"github.com/yuin/goldmark/ast"

	"handouts/internal/content"
	"handouts/internal/layout"
)

// imageInfo is an image a handout shows, read once per document.
type imageInfo struct {
	data   []byte
	format string // "PNG" or "JPG"
	w, h   int
}

// pxToPt converts image pixels to points at 96 pixels to the inch.
const pxToPt = 0.75

func (b *builder) image(n *ast.Image) error {
	name := string(n.Destination)
	info, ok := b.imgs[name]
	if !ok {
		data, err := b.images(name)
		if err != nil {
			b.fail(pos(n), "image %q: %v", name, err)
			return nil
		}
		cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
		if err == nil && (format == "png" || format == "jpeg") {
			if err := content.CheckImageSize(cfg.Width, cfg.Height); err != nil {
				b.fail(pos(n), "image %q %v; export it smaller", name, err)
				return nil
			}
			// The header can be whole while the pixels are cut short, and
			// fpdf panics on such a file: decode it fully once, now that
			// its size is known to be bounded.
			_, _, err = image.Decode(bytes.NewReader(data))
		}
		if err != nil || (format != "png" && format != "jpeg") {
			b.fail(pos(n), "image %q is not a valid PNG or JPEG; export it again as PNG", name)
			return nil
		}
		info = imageInfo{data: data, format: map[string]string{"png": "PNG", "jpeg": "JPG"}[format], w: cfg.Width, h: cfg.Height}
		b.imgs[name] = info
	}
	if len(n.Title) == 0 && len(altText(n, b.src)) == 0 {
		b.fail(pos(n), "image %q has no alt text; describe it in the brackets: ![what it shows](%s)", name, name)
	}
	w := min(float64(info.w)*pxToPt, b.w)
	h := w * float64(info.h) / float64(info.w)
	if h > 300 {
		h, w = 300, 300*float64(info.w)/float64(info.h)
	}
	fig := b.parent.Add(layout.RoleFigure)
	fig.Alt = string(n.Title)
	if alt := altText(n, b.src); alt != "" {
		fig.Alt = alt
	}
	b.push(&layout.Item{Kind: layout.KImage, H: h, W: w, Image: name, Src: pos(n), Tag: fig})
	b.space(b.st.ParagraphSpace)
	return nil
}

func altText(n ast.Node, src []byte) string {
	var s string
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if t, ok := c.(*ast.Text); ok {
			s += string(t.Value(src))
		}
	}
	return s
}
