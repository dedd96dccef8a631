# stratchat — two commands on a fresh Debian machine: `make run` and `make test`.
SWIFT ?= swift
DEBIAN_PACKAGES := libedit-dev libsqlite3-dev libcurl4-openssl-dev zlib1g-dev pkg-config
BIN := .build/release/stratchat

.PHONY: run test test-stress build bench deps clean demo

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

# Each test target runs in its own process, so timing-sensitive network tests never share
# the two-thread cooperative pool with CPU-heavy engine and store tests.
TEST_TARGETS := $(sort $(notdir $(wildcard Tests/*Tests)))

test: deps
	$(SWIFT) build --build-tests
	@failed=""; for t in $(TEST_TARGETS); do \
	  echo "== $$t"; $(SWIFT) test --skip-build --filter "^$$t\." || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "Failed test targets:$$failed"; exit 1; fi

## The same per-target run with 8 busy processes competing for the cores, as on a loaded CI host.
## The busy processes are stopped when the run ends, also on failure or Ctrl-C.
STRESS_PROCESSES ?= 8

test-stress: deps
	$(SWIFT) build --build-tests
	@busy=""; \
	stop_busy() { [ -n "$$busy" ] && kill $$busy 2>/dev/null; wait $$busy 2>/dev/null; busy=""; }; \
	trap 'stop_busy' EXIT; trap 'stop_busy; exit 130' INT TERM; \
	for i in $$(seq $(STRESS_PROCESSES)); do yes >/dev/null & busy="$$busy $$!"; done; \
	echo "Started $(STRESS_PROCESSES) busy processes:$$busy"; \
	failed=""; for t in $(TEST_TARGETS); do \
	  echo "== $$t"; $(SWIFT) test --skip-build --filter "^$$t\." || failed="$$failed $$t"; \
	done; \
	if [ -n "$$failed" ]; then echo "Failed test targets under load:$$failed"; exit 1; fi; \
	echo "All test targets passed with $(STRESS_PROCESSES) busy processes."

bench: deps
	$(SWIFT) build -c release --product stratchat-bench
	$(SWIFT) build -c release --product stratchat
	.build/release/stratchat-bench

## Peer timing (needs PyPI): vectorbt and Backtesting.py in bench/.venv, same workload, ratios printed;
## then the parameter sweep against vectorbt's broadcast grid, time per variant as a ratio.
.PHONY: bench-peers
bench-peers: deps
	$(SWIFT) build -c release --product stratchat-bench
	test -x bench/.venv/bin/python || python3 -m venv bench/.venv
	bench/.venv/bin/pip install -q vectorbt backtesting
	bench/.venv/bin/python bench/peers.py .build/release/stratchat-bench
	bench/.venv/bin/python bench/peers.py .build/release/stratchat-bench --sweep

## Replays the recorded offline session (demo/session.jsonl) as it happened, then checks today's tools against it.
demo: build
	@$(BIN) replay --show demo/session.jsonl
	@$(BIN) replay demo/session.jsonl

clean:
	rm -rf .build
