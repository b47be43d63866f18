//go:build linux && (amd64 || arm64)

package main

import (
	"bytes"
	"os"
	"runtime"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Go's heap on linux/amd64 and arm64 lives in arenas of 64 MB, aligned to
// their size, mapped a few megabytes at a time as it grows.
const (
	heapArena = 64 << 20
	hugePage  = 2 << 20
	// hugeHeapSize is the heap hugeHeap has mapped at once: more than a
	// one-off copy allocates (about 10 MB).
	hugeHeapSize = 32 << 20
)

// thpSetting is where Linux says when it backs memory with huge pages:
// "always", "madvise" (where a program asks) or "never", the one in force
// in brackets.
var thpSetting = "/sys/kernel/mm/transparent_hugepage/enabled"

// hugeHeap asks Linux to back the heap a one-off is about to fill with
// 2 MB pages, where it would otherwise fault in each 4 KB page as the
// heap first touches it: on a virtual machine like this project's, a
// fault costs about 17 µs, and a one-off's faults were over half its
// processor time. Go's runtime asks for huge pages only for its own
// metadata, so where Linux gives them only on request ("madvise"),
// hugeHeap has the runtime map hugeHeapSize of heap in one piece, marks
// the heap's arena for huge pages up to its end (MADV_HUGEPAGE), lets a
// collection hand the piece back to the allocator, and folds the pages
// the program has touched so far into huge pages (MADV_COLLAPSE). Memory
// the runtime maps later, if a copy grows past the piece, is as before.
// It reports whether it ran that collection; where Linux gives huge pages
// always or never it does nothing. Every step is a request Linux may turn
// down: the copy is the same either way, only slower. For a short-lived
// process only: a server's heap grows and shrinks, and huge pages would
// keep its memory from going back to the system.
func hugeHeap() (collected bool) {
	if s, err := os.ReadFile(thpSetting); err != nil || !bytes.Contains(s, []byte("[madvise]")) {
		return false
	}
	hugeHeapFirst = new([64]byte) // where the heap is so far
	piece := make([]byte, hugeHeapSize)
	start := uintptr(unsafe.Pointer(hugeHeapFirst)) &^ (heapArena - 1)
	end := uintptr(unsafe.Pointer(unsafe.SliceData(piece))) + hugeHeapSize
	if end-start > heapArena+hugeHeapSize {
		return false // not in one arena, as the runtime lays it out today
	}
	touched := uintptr(unsafe.Pointer(unsafe.SliceData(piece))) &^ (hugePage - 1)
	unix.Syscall(unix.SYS_MADVISE, start, (end&^(hugePage-1))-start, unix.MADV_HUGEPAGE)
	piece = nil
	runtime.GC()
	// Collapse region by region: parts of the arena the runtime has only
	// reserved are refused, the rest is folded.
	for r := start; r < touched; r += hugePage {
		unix.Syscall(unix.SYS_MADVISE, r, hugePage, unix.MADV_COLLAPSE)
	}
	return true
}

// hugeHeapFirst is a small object on the heap, which hugeHeap finds the
// heap's arena by.
var hugeHeapFirst *[64]byte
