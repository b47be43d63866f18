package serve

import (
	"errors"
	"syscall"
)

// resourceErrnos are failures of this computer's resources, not of the
// content: retrying later can succeed without anyone editing a file.
var resourceErrnos = []syscall.Errno{
	syscall.EMFILE,  // too many open files (this process)
	syscall.ENFILE,  // too many open files in system
	syscall.ENOMEM,  // cannot allocate memory
	syscall.ENOBUFS, // no buffer space available
	syscall.ENOSPC,  // no space left on device
	syscall.EDQUOT,  // disk quota exceeded
}

// serverProblem reports whether err is the server's own trouble (see
// resourceErrnos) rather than a problem in the content. The loaders and
// the build keep the cause of what they could not open, read or write
// (content.Error's Err, an ErrorList's Unwrap), so errors.Is finds it
// however deep in a list of problems it is.
func serverProblem(err error) bool {
	for _, e := range resourceErrnos {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}
