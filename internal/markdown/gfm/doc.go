// Package gfm is goldmark v1.8.7's extension package (github.com/yuin/
// goldmark/extension), MIT licence (LICENSE, kept as it came), cut to the
// extensions handouts uses: Table, Strikethrough, Linkify, TaskList and
// Typographer, their files copied as they were. The one change: Linkify's
// default URL patterns are compiled the first time a line starts like a
// URL (linkify.go), not when the program starts. Importing goldmark's
// package compiled them at every start, the first (a repetition of up to
// 256) about 3 ms of a one-off copy's 50; most handouts never need them.
// The node kinds are goldmark's own (github.com/yuin/goldmark/extension/
// ast), so renderers and checks see the same trees. TestSameAsGoldmark
// holds the copy to goldmark's package; to move to a newer goldmark, copy
// its files again and re-apply the change.
package gfm
