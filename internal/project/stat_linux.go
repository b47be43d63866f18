package project

import (
	"io/fs"
	"syscall"
)

// statID identifies an input file or a published one: a file
// written or replaced gets another inode, size, modification or change
// time, and the change time cannot be set back.
type statID struct {
	dev, ino     uint64
	size         int64
	mtime, ctime int64 // nanoseconds
}

// statOf is fi's identity.
func statOf(fi fs.FileInfo) statID {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return statID{size: fi.Size(), mtime: fi.ModTime().UnixNano()}
	}
	return statID{
		dev: st.Dev, ino: st.Ino, size: st.Size,
		mtime: st.Mtim.Nano(), ctime: st.Ctim.Nano(),
	}
}

// idOf is a published file's identity (its change time is left out: the
// rename into place sets it).
func idOf(fi fs.FileInfo) fileID {
	s := statOf(fi)
	return fileID{dev: s.dev, ino: s.ino, size: s.size, mtime: s.mtime}
}
