# handouts: build branded patient handouts from content/.
#   make handouts   build every handout into output/
#   make test       install test tools if missing (Debian, as root), vet, run all tests (the
#                   packages that run goroutines under -race; see below)
#   make check      validate content/ and render everything in memory; write nothing
#   make bench      the command beside Pandoc+WeasyPrint in one run (a one-off as a process, a
#                   warm server's POST /make, the default build per PDF, by wall and processor
#                   time, with the load average; .ci/engines installs pandoc and weasyprint
#                   from Debian, as root), benchmarks (content loading, one
#                   sheet, one page of HTML, the whole build, a one-off in process), then
#                   the command's whole build at 2, 10 and 40 clinics: time per file and peak memory,
#                   and the chain (5, 10, 20, 40 clinics x 6 treatments): full build, no-change
#                   rebuild, one brand file and one area file edited (.ci/buildtime; about 15 minutes)
#   make proof      first page of every PDF as PNG, with a contact sheet in output/proof/
#   make fuzz       run each fuzz target for 60 s (FUZZTIME=10s for less); TestFuzzTargets
#                   fails when a func Fuzz in the code is not listed there
#   make clean      remove generated files (keeps output/.gitkeep)
#   make release    the command for Windows, macOS and Linux, library built in, into dist/ (.ci/release)

GO ?= go

.PHONY: handouts test test-race test-plain check bench proof clean deps fuzz serve release vet-cross

handouts:
	$(GO) run ./cmd/handouts build -content content -out output

check:
	$(GO) run ./cmd/handouts check -content content

deps:
	bash .ci/deps

# Two streams run side by side (make -j2), each keeping its own output
# together. The race stream: go vet, then the packages whose own code runs
# goroutines or shares memory between them (RACE_PKGS; TestRacePackages
# fails when such a package is missing), and internal/desk, whose packets
# share one project between goroutines, under the race detector
# (the packages in RACE_SKIP_PKGS there leave out their slowest tests,
# those that render or check the real content whole among them: their
# TestMain says why; a new test runs under -race unless named there).
# The plain stream: every other package, and the tests RACE_SKIP_PKGS
# leave out under -race (HANDOUTS_RACE_RAN=1 tells racetest that the race
# stream runs the rest; internal/project's render the real content many
# times and wait on Chromium and poppler). Each test runs once, in one
# stream; vet -race reads what the race stream compiles. One stream's
# waits are the other's CPU time.
# GORACE=atexit_sleep_ms=0: a race-detector binary otherwise sleeps a
# second as it exits, once per package. -parallel $(TEST_PARALLEL), 2
# unless set: more of internal/project's parallel tests at once make
# Chromium and poppler contend for the cores, which costs processor time
# rather than saving wall time (its browser tests: 178 s of processor time
# at 8, 135 s at 2, measured with cpuacct). Tests wait for conditions,
# never for a fixed time, up to HANDOUTS_TEST_CEILING each (5m unless set;
# raise it on a machine busier than that); TEST_TIMEOUT ends a package
# that is stuck.
# The fpdf fork under internal/fpdf is its own module (a replace), outside
# ./...: its tests run in the race stream, since documents share its parsed
# fonts between goroutines.
RACE_PKGS = handouts/cmd/handouts handouts/internal/browser handouts/internal/cache \
	handouts/internal/content handouts/internal/desk handouts/internal/lang \
	handouts/internal/layout handouts/internal/output handouts/internal/pdf handouts/internal/pdfua \
	handouts/internal/project handouts/internal/serve handouts/internal/wait \
	handouts/internal/webfont
# The packages whose TestMain leaves slow tests out under -race
# (internal/racetest): the tests left out run in the plain stream.
# TestRacePackages fails when one is missing here.
RACE_SKIP_PKGS = ./cmd/handouts ./internal/cache ./internal/content ./internal/desk ./internal/project
TEST_TIMEOUT ?= 30m
TEST_PARALLEL ?= 2
# -trimpath for everything the tests compile, the go builds the tests run
# among them: without it Go's build cache keys a package by the folder it
# sits in, so each fresh clone compiled every package of this module anew
# (race and plain, about 80 s of processor time here); with it a clone
# reuses what any clone on the machine compiled (TestMakeTestTrimsPaths).
test test-race test-plain vet-cross: export GOFLAGS := -trimpath $(GOFLAGS)

test: deps
	$(MAKE) --no-print-directory -j2 --output-sync=target test-race test-plain

# The race stream starts with vet-cross, while the plain stream runs.
test-race: vet-cross
	$(GO) vet -race ./...
	GORACE=atexit_sleep_ms=0 $(GO) test -race -count=1 -timeout $(TEST_TIMEOUT) $(RACE_PKGS)
	cd internal/fpdf && GORACE=atexit_sleep_ms=0 $(GO) test -race -count=1 .

test-plain:
	HANDOUTS_RACE_RAN=1 $(GO) test -count=1 -parallel $(TEST_PARALLEL) -timeout $(TEST_TIMEOUT) $(RACE_SKIP_PKGS) $(filter-out $(RACE_PKGS),$(shell $(GO) list ./...))

# go vet and go build as for the desk's other platforms. The tests of
# internal/project and internal/serve use Unix calls (named pipes, flock,
# other users), so on Windows those two are built, not vetted.
vet-cross:
	GOOS=darwin $(GO) vet ./... && GOOS=darwin $(GO) build ./...
	GOOS=windows $(GO) vet $$($(GO) list ./... | grep -v -e '/internal/project$$' -e '/internal/serve$$')
	GOOS=windows $(GO) build ./...

release:
	bash .ci/release

bench:
	bash .ci/engines
	$(GO) test -run '^$$' -bench . -benchmem ./internal/project ./internal/cache
	$(GO) test -run '^$$' -bench OneOff -benchmem ./cmd/handouts
	bash .ci/buildtime

FUZZTIME ?= 60s
fuzz:
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzSplitFrontMatter$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzParseOffset$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/content -run '^$$' -fuzz '^FuzzResolve$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/pdf -run '^$$' -fuzz '^FuzzLayout$$' -fuzztime $(FUZZTIME)
	$(GO) test ./internal/markdown -run '^$$' -fuzz '^FuzzScanBound$$' -fuzztime $(FUZZTIME)

serve:
	$(GO) run ./cmd/handouts serve

proof: handouts
	bash .ci/proof output

clean:
	find output -mindepth 1 ! -name .gitkeep -delete
