module handouts

go 1.26.8

require (
	codeberg.org/go-pdf/fpdf v0.12.0
	github.com/arran4/golang-ical v0.3.4
	github.com/boombuler/barcode v1.1.0
	github.com/chromedp/cdproto v0.159.0
	github.com/chromedp/chromedp v0.23.0
	github.com/emersion/go-sasl v0.0.0-20241020182733-b788ff22d5a6
	github.com/emersion/go-smtp v0.25.1
	github.com/go-playground/locales v0.14.2
	github.com/rivo/uniseg v0.4.7
	github.com/yuin/goldmark v1.8.7
	go.yaml.in/yaml/v3 v3.0.6
	golang.org/x/image v0.48.0
	golang.org/x/text v0.44.0
	golang.org/x/tools v0.52.0
)

require (
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	golang.org/x/sys v0.50.0 // indirect
)

// fpdf v0.12.0 with changes that pay its per-document font cost once per
// build (a font parsed and named once for many documents, zlib writers
// reused, its widths array built in linear time); internal/fpdf/FORK.md
// lists them. Each is meant for upstream; output is byte-identical.
replace codeberg.org/go-pdf/fpdf => ./internal/fpdf
