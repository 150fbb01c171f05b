# cmocoder: `make run` opens the app on the demo project, `make test` runs
# every test. Both install the Debian packages they need when missing.

SHELL := /bin/bash
GO ?= go
BIN := cmocoder
BUILD := build
DEMO := $(BUILD)/demo.cmoproj
export PATH := /usr/local/go/bin:$(PATH)

# Packages to build Fyne (cgo + GLFW), run it under Xvfb and compare with
# poppler. Checked one by one; only the missing ones are installed.
BUILD_PKGS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libgl1-mesa-dri
TEST_PKGS := xvfb xauth xdotool imagemagick poppler-utils qpdf tesseract-ocr tesseract-ocr-eng \
	libreoffice-writer-nogui libreoffice-calc-nogui xdg-utils desktop-file-utils libxml2-utils zip
WINDOWS_PKGS := gcc-mingw-w64-x86-64
# Packages to build the installers (make dist) and check them (make dist-test).
DIST_PKGS := dpkg-dev binutils xz-utils zip nsis
DIST_TEST_PKGS := lintian desktop-file-utils shared-mime-info file unzip man-db

# The version comes from FyneApp.toml, its one source; the binaries carry it
# (embedded from FyneApp.toml), the commit and the build date
# (cmocoder version).
VERSION := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
COMMIT := $(shell git rev-parse --short HEAD 2>/dev/null)
LDFLAGS := -X cmocoder.org/cmocoder/internal/buildinfo.Commit=$(COMMIT) \
	-X cmocoder.org/cmocoder/internal/buildinfo.Date=$(shell date -u +%Y-%m-%d)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# apt-install installs the listed packages that dpkg does not know as installed.
define apt-install
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing:$$missing"; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi
endef

.PHONY: run test build deps test-deps windows-deps windows bench fuzz demo clean go-check
.PHONY: install uninstall dist dist-test

go-check:
	@command -v $(GO) >/dev/null || { echo "Go 1.26 or newer is needed: https://go.dev/dl/ (install it to /usr/local/go)"; exit 1; }

deps: go-check
	$(call apt-install,$(BUILD_PKGS))

test-deps: deps
	$(call apt-install,$(TEST_PKGS))

windows-deps: go-check
	$(call apt-install,$(WINDOWS_PKGS))

build: deps
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

$(DEMO): | build
	@mkdir -p $(BUILD)
	./$(BIN) demo $(DEMO)

demo: build $(DEMO)

# run opens the desktop app on the demo project (built on first use).
run: build $(DEMO)
	./$(BIN) $(DEMO)

# test runs every test: domain, storage, PDF text, the CLI on the real PDFs,
# and the app under Xvfb (a screenshot is kept in build/screenshots).
test: test-deps
	CMOCODER_E2E=1 $(GO) test -count=1 -timeout 20m ./...

# bench times import, text and open against poppler in the same run.
bench: test-deps
	$(GO) test -run '^$$' -bench . -benchtime 3x ./...

# fuzz runs every fuzz target (func FuzzX in a _test.go file) for FUZZTIME
# each, one at a time on one core. A crash fails the run and is written to
# the package's testdata/fuzz/FuzzX/: fix it and commit the file, so every
# `go test` runs it from then on. Minimising each new input is capped, or
# it takes most of the time.
FUZZTIME ?= 30s
fuzz: deps
	@set -e; for dir in $$(grep -rl --include='*_test.go' '^func Fuzz' . | xargs -n1 dirname | sort -u); do \
		for target in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go | cut -d' ' -f2); do \
			echo "fuzz: $$dir $$target for $(FUZZTIME)"; \
			$(GO) test $$dir -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 100x -parallel 1; \
		done; \
	done

# windows cross-builds the app for Windows, so nothing Unix-only slips in.
windows: windows-deps deps
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc \
		$(GO) build -ldflags "$(LDFLAGS)" -o $(BUILD)/$(BIN).exe .

# dist builds the packages of this version into build/dist (see README.md,
# Install): the .deb, the portable Linux archive, the Windows zip and
# setup.exe, and SHA256SUMS. dist-test checks them (dist/test.sh).
dist: build windows
	$(call apt-install,$(DIST_PKGS))
	bash dist/build.sh $(BIN) $(BUILD)/$(BIN).exe $(VERSION) $(BUILD)/dist

dist-test: dist
	$(call apt-install,$(DIST_TEST_PKGS))
	bash dist/test.sh $(BUILD)/dist $(VERSION)

# install puts cmocoder in ~/.local/bin and makes a double click on a
# .cmoproj file open it (per user, no root: see README.md).
PREFIX_BIN := $(HOME)/.local/bin

install: build
	mkdir -p "$(PREFIX_BIN)"
	cp ./$(BIN) "$(PREFIX_BIN)/$(BIN).tmp" && mv -f "$(PREFIX_BIN)/$(BIN).tmp" "$(PREFIX_BIN)/$(BIN)"
	"$(PREFIX_BIN)/$(BIN)" install

# uninstall removes the file association and the installed program.
uninstall:
	if [ -x "$(PREFIX_BIN)/$(BIN)" ]; then "$(PREFIX_BIN)/$(BIN)" uninstall; fi
	rm -f "$(PREFIX_BIN)/$(BIN)"

clean:
	rm -rf $(BIN) $(BUILD)
