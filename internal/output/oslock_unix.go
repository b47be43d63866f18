//go:build unix

package output

import (
	"os"
	"syscall"
)

// The output folder's lock and write probe, one file per platform, so the
// command builds for Windows too: write.go's lock and journal.go's probe
// call these.

// lockFile takes an exclusive lock on f, waiting for it (flock(2)).
func lockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_EX) }

// unlockFile releases lockFile's lock.
func unlockFile(f *os.File) error { return syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }

// canWriteIn asks the system whether files may be created and renamed in
// dir (access(2) for write and search), without making one.
func canWriteIn(dir string) error { return syscall.Access(dir, 0x2|0x1) } // W_OK | X_OK
