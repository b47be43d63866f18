// Package output is the output folder's transaction: a build opens the
// folder (Open), which locks it and completes or rolls back whatever an
// interrupted build left there; stages each file as it is made (Put); and
// switches the staged files, the index, the manifest and the cache's
// records into place together through a journal (Commit), removing the
// files of the previous build that this one did not make (only those the
// previous manifest lists, still with the bytes it recorded). A folder is
// ours only when it carries the marker (marker.go). Every operation goes
// through an os.Root and never follows a link out of the folder.
//
// It holds the manifest's types (Entry, Manifest, ShardInfo), the names of
// the folder's own files, and the identities of published files that the
// cache keeps (FileID, StatOf). It may import only the standard library:
// what goes into the folder is decided above it (internal/project), and
// what the cache's records say is internal/cache's.
package output

import "fmt"

// Entry is one file in the manifest.
type Entry struct {
	Path      string `json:"path"`
	Brand     string `json:"brand"`
	Lang      string `json:"lang"` // BCP 47 tag of the handout's language, e.g. es-US
	Treatment string `json:"treatment"`
	Skin      string `json:"skin"`
	Area      string `json:"area"`
	Kind      string `json:"kind"`
	Format    string `json:"format"`
	Paper     string `json:"paper"`
	Pages     int    `json:"pages,omitempty"`
	Bytes     int    `json:"bytes"`
	SHA256    string `json:"sha256"`
	// Short is a printed sheet's short address (project.ShortAddress), which the
	// clinic's short domain redirects to the page of Path's variant; "" for
	// other files and clinics without short_url.
	Short string `json:"short,omitempty"`
}

// Manifest lists every file a build made, sorted by path. A shard's
// manifest (handouts build -shard i/n) says which shard it is.
type Manifest struct {
	Files []Entry    `json:"files"`
	Shard *ShardInfo `json:"shard,omitempty"`
}

// ShardInfo marks a manifest as one shard's part of a matrix, so that
// handouts assemble can check that the shards it joins are the parts of
// one matrix, each once.
type ShardInfo struct {
	Index  int      `json:"index"`
	Count  int      `json:"count"`
	Files  int      `json:"files"`            // the files of the whole matrix
	Matrix string   `json:"matrix"`           // SHA-256 of the whole matrix's paths, in matrix order, one a line
	Brands []string `json:"brands,omitempty"` // the -brand choice the matrix was made with
	// Inputs is the SHA-256 of every input file's path and bytes and of
	// the program's identity (internal/cache: ProgramVersion, InputsDigest):
	// shards of one build agree on it, so assemble refuses shards made from other content or
	// by another program. Empty when the program's version is unknown.
	Inputs string `json:"inputs"`
}

// String says which shard this is, as "shard i/n".
func (s ShardInfo) String() string { return fmt.Sprintf("shard %d/%d", s.Index, s.Count) }

// Published is a file the switch publishes: its identity once in place,
// and its bytes' SHA-256.
type Published struct {
	ID  FileID
	Sum [32]byte
}

// FileID identifies a published file without reading it. A file written
// again, or replaced, gets another inode or modification time.
type FileID struct {
	Dev, Ino uint64
	Size     int64
	Mtime    int64 // nanoseconds
}
