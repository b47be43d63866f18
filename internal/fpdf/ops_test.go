package fpdf

import (
	"fmt"
	"math"
	"testing"
)

// TestOpsAsSprintf: the text and font operators written without fmt are
// the bytes fmt.Sprintf wrote, for values that round either way, negative
// values, values that round to -0.00 and large ones.
func TestOpsAsSprintf(t *testing.T) {
	vals := []float64{0, 1, -1, 0.005, 0.015, 0.125, 2.675, 1.005, -0.001, -0.004999, 72.5, 841.89, 595.2755905511812, 1e9 + 0.555, math.SmallestNonzeroFloat64, -math.MaxFloat32}
	for i := range 2000 {
		vals = append(vals, float64(i)*0.0137-3.1, float64(i)*0.005)
	}
	for _, x := range vals {
		for _, y := range []float64{x, -x, 792 - x} {
			if got, want := textOp(x, y, `<0041> \(x\)`), fmt.Sprintf("BT %.2f %.2f Td (%s) Tj ET", x, y, `<0041> \(x\)`); got != want {
				t.Fatalf("textOp(%v, %v) = %q, want %q", x, y, got, want)
			}
		}
		if got, want := fontOp("3", x), fmt.Sprintf("BT /F%s %.2f Tf ET", "3", x); got != want {
			t.Fatalf("fontOp(%v) = %q, want %q", x, got, want)
		}
	}
}
