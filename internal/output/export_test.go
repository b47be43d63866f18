package output

// SetStop has f called before each rename and removal of the switch; an
// error from it stops the switch there, as a kill would.
func (o *Folder) SetStop(f func(op, name string) error) { o.stop = f }

// Abandon leaves o as a killed build would: the lock released, every
// file on disk as it is.
func (o *Folder) Abandon() {
	if o.syncq != nil {
		close(o.syncq)
		o.syncing.Wait()
	}
	o.Release()
}
