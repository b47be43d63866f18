//go:build !unix

package serve

// defaultMaxConns is 256 connections: Windows has no per-process limit on
// open files like Unix's RLIMIT_NOFILE (its handle limit is in the
// millions).
func defaultMaxConns() int { return 256 }
