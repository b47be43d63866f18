package review

// op is one step of a diff: a kept element (both set), a removed one
// (b < 0) or an added one (a < 0).
type op struct{ a, b int }

// lcs diffs a and b by their longest common subsequence: the steps that
// turn a into b, in order, keeping as many elements as can be kept. Where
// two such subsequences tie, the removal comes before the addition.
func lcs[T comparable](a, b []T) []op {
	n, m := len(a), len(b)
	t := make([][]int32, n+1)
	for i := range t {
		t[i] = make([]int32, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				t[i][j] = t[i+1][j+1] + 1
			} else {
				t[i][j] = max(t[i+1][j], t[i][j+1])
			}
		}
	}
	var out []op
	i, j := 0, 0
	for i < n && j < m {
		switch {
		case a[i] == b[j]:
			out = append(out, op{i, j})
			i++
			j++
		case t[i+1][j] >= t[i][j+1]:
			out = append(out, op{i, -1})
			i++
		default:
			out = append(out, op{-1, j})
			j++
		}
	}
	for ; i < n; i++ {
		out = append(out, op{i, -1})
	}
	for ; j < m; j++ {
		out = append(out, op{-1, j})
	}
	return out
}
