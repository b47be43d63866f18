//go:build windows

package wait

import (
	"syscall"
	"time"
)

// CPUTime returns the processor time (user and system) the process has
// spent so far (GetProcessTimes).
func CPUTime() time.Duration {
	var creation, exit, kernel, user syscall.Filetime
	h, err := syscall.GetCurrentProcess()
	if err == nil {
		err = syscall.GetProcessTimes(h, &creation, &exit, &kernel, &user)
	}
	if err != nil {
		panic("GetProcessTimes: " + err.Error())
	}
	ft := func(f syscall.Filetime) time.Duration {
		return time.Duration((int64(f.HighDateTime)<<32 | int64(f.LowDateTime)) * 100)
	}
	return ft(kernel) + ft(user)
}
