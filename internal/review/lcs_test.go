package review

import (
	"reflect"
	"testing"
)

// TestLCS: the steps keep the longest common subsequence, put a removal
// before an addition where they tie, and serve strings and ints alike.
func TestLCS(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want []op
	}{
		{"", "", nil},
		{"abc", "abc", []op{{0, 0}, {1, 1}, {2, 2}}},
		{"abc", "", []op{{0, -1}, {1, -1}, {2, -1}}},
		{"", "ab", []op{{-1, 0}, {-1, 1}}},
		{"xay", "xby", []op{{0, 0}, {1, -1}, {-1, 1}, {2, 2}}},
		{"ab", "ba", []op{{0, -1}, {1, 0}, {-1, 1}}},
	} {
		got := lcs([]byte(c.a), []byte(c.b))
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("lcs(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	if got, want := lcs([]int{1, 2, 3, 4}, []int{2, 4, 5}), []op{{0, -1}, {1, 0}, {2, -1}, {3, 1}, {-1, 2}}; !reflect.DeepEqual(got, want) {
		t.Errorf("lcs(ints) = %v, want %v", got, want)
	}
}
