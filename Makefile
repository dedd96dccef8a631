# stratchat — two commands on a fresh Debian machine: `make run` and `make test`.
SWIFT ?= swift
DEBIAN_PACKAGES := libedit-dev libsqlite3-dev libcurl4-openssl-dev pkg-config
BIN := .build/release/stratchat

.PHONY: run test build bench deps clean

## Install the Debian packages the build needs, when they are missing.
deps:
	@missing=""; for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	  else \
	    echo "Missing Debian packages:$$missing"; echo "Run: sudo apt-get install -y$$missing"; exit 1; \
	  fi; \
	fi

build: deps
	$(SWIFT) build -c release --product stratchat

run: build
	@$(BIN)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps
	@echo "make bench: no benchmarks yet (the engine issue adds them)."

clean:
	rm -rf .build
