//go:build windows

package output

import (
	"os"
	"path/filepath"
	"syscall"
	"unsafe"
)

var (
	kernel32         = syscall.NewLazyDLL("kernel32.dll")
	procLockFileEx   = kernel32.NewProc("LockFileEx")
	procUnlockFileEx = kernel32.NewProc("UnlockFileEx")
)

const (
	lockfileExclusiveLock = 0x2        // LOCKFILE_EXCLUSIVE_LOCK
	fileFlagDeleteOnClose = 0x04000000 // FILE_FLAG_DELETE_ON_CLOSE
	fileAttributeTemp     = 0x100      // FILE_ATTRIBUTE_TEMPORARY
)

// lockFile takes an exclusive lock on f's first byte, waiting for it
// (LockFileEx, the Windows counterpart of flock).
func lockFile(f *os.File) error {
	var ol syscall.Overlapped
	r, _, err := procLockFileEx.Call(f.Fd(), lockfileExclusiveLock, 0, 1, 0, uintptr(unsafe.Pointer(&ol)))
	if r == 0 {
		return err
	}
	return nil
}

// unlockFile releases lockFile's lock.
func unlockFile(f *os.File) error {
	var ol syscall.Overlapped
	r, _, err := procUnlockFileEx.Call(f.Fd(), 0, 1, 0, uintptr(unsafe.Pointer(&ol)))
	if r == 0 {
		return err
	}
	return nil
}

// canWriteIn finds out whether files may be created in dir. Windows has
// no access(2) (its permissions are access control lists), so it creates
// a probe file that the system itself deletes when the handle closes,
// even if the process is killed first: nothing is left among the
// published files.
func canWriteIn(dir string) error {
	name, err := syscall.UTF16PtrFromString(filepath.Join(dir, ".handouts-probe"))
	if err != nil {
		return err
	}
	h, err := syscall.CreateFile(name, syscall.GENERIC_WRITE, 0, nil, syscall.CREATE_ALWAYS,
		fileAttributeTemp|fileFlagDeleteOnClose, 0)
	if err != nil {
		return err
	}
	return syscall.CloseHandle(h)
}
