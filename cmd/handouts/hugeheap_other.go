//go:build !(linux && (amd64 || arm64))

package main

// hugeHeap does nothing here: see hugeheap_linux.go.
func hugeHeap() (collected bool) { return false }
