package main

import "runtime/debug"

// oneOffGC turns the collector's pacing off for the length of a one-off
// copy and returns what turns it back on. A one-off allocates a few tens
// of megabytes and exits: a collection in the middle (one, of about 10 ms
// of processor time, with main's pacing) frees memory the process is about
// to give back whole. The soft memory limit main sets stays in force, so
// a copy that allocated more than it would still be collected at that
// limit.
func oneOffGC() (restore func()) {
	old := debug.SetGCPercent(-1)
	return func() { debug.SetGCPercent(old) }
}
