//go:build unix

package content

import "syscall"

// openNonblock opens without waiting: opening a named pipe for reading
// otherwise blocks until something writes to it.
const openNonblock = syscall.O_NONBLOCK
