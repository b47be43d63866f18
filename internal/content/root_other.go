//go:build !unix

package content

// openNonblock is unneeded where named pipes cannot be opened as files.
const openNonblock = 0
