//go:build !linux

package project

import "io/fs"

// statID identifies an input file or a published one by size
// and modification time (on Linux also by device, inode and change time).
type statID struct {
	dev, ino     uint64
	size         int64
	mtime, ctime int64 // nanoseconds
}

// statOf is fi's identity.
func statOf(fi fs.FileInfo) statID {
	return statID{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
}

// idOf is a published file's identity.
func idOf(fi fs.FileInfo) fileID {
	return fileID{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
}
