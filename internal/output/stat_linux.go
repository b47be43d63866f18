package output

import (
	"io/fs"
	"syscall"
)

// StatID identifies an input file or a published one: a file
// written or replaced gets another inode, size, modification or change
// time, and the change time cannot be set back.
type StatID struct {
	Dev, Ino     uint64
	Size         int64
	Mtime, Ctime int64 // nanoseconds
}

// StatOf is fi's identity.
func StatOf(fi fs.FileInfo) StatID {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return StatID{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
	}
	return StatID{
		Dev: st.Dev, Ino: st.Ino, Size: st.Size,
		Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano(),
	}
}

// IDOf is a published file's identity (its change time is left out: the
// rename into place sets it).
func IDOf(fi fs.FileInfo) FileID {
	s := StatOf(fi)
	return FileID{Dev: s.Dev, Ino: s.Ino, Size: s.Size, Mtime: s.Mtime}
}
