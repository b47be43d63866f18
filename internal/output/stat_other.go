//go:build !linux

package output

import "io/fs"

// StatID identifies an input file or a published one by size
// and modification time (on Linux also by device, inode and change time).
type StatID struct {
	Dev, Ino     uint64
	Size         int64
	Mtime, Ctime int64 // nanoseconds
}

// StatOf is fi's identity.
func StatOf(fi fs.FileInfo) StatID {
	return StatID{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}

// IDOf is a published file's identity.
func IDOf(fi fs.FileInfo) FileID {
	return FileID{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}
