//go:build linux && (amd64 || arm64)

package main

import (
	"bufio"
	"bytes"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"unsafe"
)

// TestHugeHeap: after hugeHeap, memory the heap gives out is in a mapping
// marked for huge pages ("hg" in /proc/self/smaps) and, once touched, is
// backed by them (AnonHugePages), where Linux gives huge pages on request.
func TestHugeHeap(t *testing.T) {
	s, err := os.ReadFile(thpSetting)
	if err != nil || !bytes.Contains(s, []byte("[madvise]")) {
		t.Skipf("SKIP: huge pages here are %q, not on request (madvise): hugeHeap does nothing", strings.TrimSpace(string(s)))
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	if !hugeHeap() {
		t.Fatal("hugeHeap ran no collection, want it to prepare the heap")
	}
	b := make([]byte, 8<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	flags, huge := smapsOf(t, uintptr(unsafe.Pointer(unsafe.SliceData(b))))
	if !strings.Contains(" "+flags+" ", " hg ") {
		t.Errorf("the mapping holding new heap memory has flags %q, want hg (MADV_HUGEPAGE)", flags)
	}
	if huge < 2<<10 {
		t.Errorf("the mapping holding 8 MB of new heap memory has %d kB in huge pages, want at least one 2 MB page", huge)
	}
}

// smapsOf returns the VmFlags and AnonHugePages (kB) of the mapping of
// this process that holds address a.
func smapsOf(t *testing.T, a uintptr) (flags string, hugeKB int) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if lo, hi, ok := strings.Cut(strings.Fields(line)[0], "-"); ok && !strings.HasSuffix(strings.Fields(line)[0], ":") {
			l, err1 := strconv.ParseUint(lo, 16, 64)
			h, err2 := strconv.ParseUint(hi, 16, 64)
			if err1 == nil && err2 == nil {
				in = uint64(a) >= l && uint64(a) < h
				continue
			}
		}
		if !in {
			continue
		}
		if v, ok := strings.CutPrefix(line, "AnonHugePages:"); ok {
			hugeKB, _ = strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
		}
		if v, ok := strings.CutPrefix(line, "VmFlags:"); ok {
			return strings.TrimSpace(v), hugeKB
		}
	}
	t.Fatalf("no mapping in /proc/self/smaps holds %#x", a)
	return "", 0
}
