package project

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strconv"
	"strings"

	"handouts/internal/cache"
	"handouts/internal/output"
)

// Shard is one part of the matrix, for building a large library on
// several machines at once (handouts build -shard i/n). The matrix's
// variants (the folders of one brand, language, treatment, skin type and
// area, each with every kind and format) are dealt out in turn: shard i
// has the variants whose place in the matrix, counted from 0, leaves i-1
// when divided by n. The matrix's order is fixed by the content (brands,
// languages, treatments, skin types and areas in their catalogue order),
// so every machine with the same content picks the same files; and whole
// variants, dealt in turn, give every shard the same mix of kinds (a guide
// costs several sheets) and of clinics, so the shards take about the same
// time. The zero Shard is the whole matrix.
type Shard struct{ Index, Count int }

// MaxShards is the most shards a matrix may be split into.
const MaxShards = 1000

// ParseShard reads "i/n", with 1 <= i <= n <= MaxShards.
func ParseShard(s string) (Shard, error) {
	a, b, ok := strings.Cut(s, "/")
	i, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || n > MaxShards || i < 1 || i > n {
		return Shard{}, fmt.Errorf("%q: write i/n, such as 2/4 for the second of four shards (1 <= i <= n <= %d)", s, MaxShards)
	}
	return Shard{i, n}, nil
}

// String returns "i/n", or "" for the whole matrix.
func (s Shard) String() string {
	if s.Count == 0 {
		return ""
	}
	return fmt.Sprintf("%d/%d", s.Index, s.Count)
}

// shardInputs is the digest of the inputs s and the program's version
// (see ShardInfo.Inputs).
func shardInputs(s cache.Snapshot, version [32]byte) string {
	return cache.InputsDigest(s, version, nil, "")
}

// matrixDigest is the SHA-256 of jobs' paths, one a line, in order.
func matrixDigest(jobs []job) string {
	h := sha256.New()
	for _, j := range jobs {
		h.Write([]byte(j.path + "\n"))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// pick returns the jobs of shard s, and the mark its manifest carries
// (nil for the whole matrix).
func (s Shard) pick(jobs []job, brands []string) ([]job, *output.ShardInfo) {
	if s.Count == 0 {
		return jobs, nil
	}
	info := &output.ShardInfo{Index: s.Index, Count: s.Count, Files: len(jobs), Matrix: matrixDigest(jobs), Brands: brands}
	var out []job
	variant, dir := -1, ""
	for _, j := range jobs {
		if d := path.Dir(j.path); d != dir || variant < 0 {
			variant, dir = variant+1, d
		}
		if variant%s.Count == s.Index-1 {
			out = append(out, j)
		}
	}
	return out, info
}
