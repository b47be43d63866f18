# handouts: build branded patient handouts from content/.
#   make handouts   build every handout into output/
#   make test       install test tools if missing (Debian, as root), vet, run all tests with -race
#   make check      validate content/ and render everything in memory; write nothing
#   make bench      benchmarks (content loading, one sheet, one page of HTML, the whole build), then
#                   the command's whole build at 2, 10 and 40 clinics: time per file and peak memory,
#                   and the chain (5, 10, 20, 40 clinics x 6 treatments): full build, no-change
#                   rebuild, one brand file and one area file edited (.ci/buildtime; about 15 minutes)
#   make proof      first page of every PDF as PNG, with a contact sheet in output/proof/
#   make fuzz       run each fuzz target for 60 s (FUZZTIME=10s for less)
#   make clean      remove generated files (keeps output/.gitkeep)

GO ?= go

.PHONY: handouts test check bench proof clean deps fuzz serve

handouts:
	$(GO) run ./cmd/handouts build -content content -out output

check:
	$(GO) run ./cmd/handouts check -content content

deps:
	bash .ci/deps

# internal/build renders the whole library several times over (hundreds of
# PDFs each); under the race detector that alone takes more than ten minutes
# on 2 cores. So every other package runs with -race, internal/build's
# end-to-end tests run without it, and its concurrent write-path, cache and
# shard tests (small content) run again with -race.
RACE_BUILD = TestSwitchStoppedAtEveryStep|TestWriteFailureLeavesOutput|TestStaleRemovalStaysInside|TestUnchangedFilesStay|TestRenderAllMatchesBuild|TestRenderErrorLeavesOutput|TestChangedInputIsNotRecorded|TestShardsAssemble|TestNoChangeLoadsNothing

test: deps
	$(GO) vet ./...
	$(GO) test -race -count=1 $$($(GO) list ./... | grep -v '/internal/build$$')
	$(GO) test -count=1 ./internal/build
	$(GO) test -race -count=1 -run '^($(RACE_BUILD))$$' ./internal/build

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/build
	bash .ci/buildtime

FUZZTIME ?= 60s
fuzz:
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzSplitFrontMatter$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzParseOffset$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzResolve$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/pdf -run '^$$' -fuzz '^FuzzLayout$$' -fuzztime $(FUZZTIME)

serve:
	$(GO) run ./cmd/handouts serve

proof: handouts
	bash .ci/proof output

clean:
	find output -mindepth 1 ! -name .gitkeep -delete
