package serve

import (
	"errors"
	"strings"
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
// resourceErrnos) rather than a problem in the content. The content
// loader and the build report some failures as text only ("cannot open:
// too many open files; …"), losing the error's type, so an error whose
// message carries one of those errors' words counts too: a load that
// could not open its files says nothing about the content.
func serverProblem(err error) bool {
	if err == nil {
		return false
	}
	for _, e := range resourceErrnos {
		if errors.Is(err, e) {
			return true
		}
	}
	return mentionsResource(err.Error())
}

// mentionsResource reports whether msg contains the text of one of
// resourceErrnos.
func mentionsResource(msg string) bool {
	for _, e := range resourceErrnos {
		if strings.Contains(msg, e.Error()) {
			return true
		}
	}
	return false
}
