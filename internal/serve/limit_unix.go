//go:build unix

package serve

import "syscall"

// defaultMaxConns is 256 connections, or fewer when the open-file limit
// is low: each connection may hold up to three descriptors (its socket, the
// output folder and the file being sent), and a quarter of the limit is
// left for the build, the watcher and the runtime.
func defaultMaxConns() int {
	var lim syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &lim); err == nil && lim.Cur < 4*256 {
		return max(8, int(lim.Cur)/4)
	}
	return 256
}
