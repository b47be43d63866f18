package content

import (
	"math"
	"strconv"
)

// MinTextContrast is the WCAG 2.2 AA contrast ratio for normal-size text
// (success criterion 1.4.3). Brand colours used for text must reach it.
const MinTextContrast = 4.5

// ContrastRatio returns the WCAG contrast ratio of two "#RRGGBB" colours.
func ContrastRatio(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is the WCAG relative luminance of "#RRGGBB".
func luminance(hex string) float64 {
	ch := func(i int) float64 {
		v, _ := strconv.ParseUint(hex[i:i+2], 16, 8)
		c := float64(v) / 255
		if c <= 0.04045 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(1) + 0.7152*ch(3) + 0.0722*ch(5)
}
