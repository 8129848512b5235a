# spoc: `make run` serves the portal on http://127.0.0.1:8080 (`make demo`: on a demo desk), `make test` runs every test
# (ctest, then 20 s of each libFuzzer target), `make fuzz` fuzzes each target for FUZZ_SECONDS.
# They first set up whatever is missing (apt packages, Dear ImGui sources, npm packages).
SHELL := /bin/bash
export NODE_PATH := /usr/share/nodejs
JOBS ?= $(shell nproc)
NATIVE := build/native
WEB := build/web
PORT ?= 8080
FUZZ_SECONDS ?= 600
FUZZ_TEST_SECONDS ?= 20

.PHONY: all setup build native web run demo test fuzz bench bench-search clean

all: build

setup:
	@scripts/setup.sh

build: setup
	@$(MAKE) --no-print-directory web native

native:
	@cmake -S . -B $(NATIVE) -DCMAKE_BUILD_TYPE=Release -DSPOC_WEB_BUILD=$(CURDIR)/$(WEB) > /dev/null
	@cmake --build $(NATIVE) -j$(JOBS)

web:
	@emcmake cmake -S . -B $(WEB) -DCMAKE_BUILD_TYPE=MinSizeRel > /dev/null
	@cmake --build $(WEB) -j$(JOBS)

run: build
	$(NATIVE)/server/spoc-server --port $(PORT) --data data/spoc.db --web $(WEB)/site

# The demo desk (README, "Demo"): seeded into data/demo.db at its first start.
demo: build
	$(NATIVE)/server/spoc-server --port $(PORT) --data data/demo.db --web $(WEB)/site --demo

test: build
	cd $(NATIVE) && ctest --output-on-failure -j2
	@JOBS=$(JOBS) scripts/fuzz.sh $(FUZZ_TEST_SECONDS)

# libFuzzer targets (tests/fuzz) built with clang, ASan and UBSan in build/fuzz; findings in
# build/fuzz/artifacts/<target>/.
fuzz: setup
	@JOBS=$(JOBS) scripts/fuzz.sh $(FUZZ_SECONDS)

bench: build
	@scripts/bench.sh

# The desk's full-text search over 1,000,000 requests (filling them takes minutes; the database
# is kept in build/bench-search/ for the next run).
bench-search: build
	@scripts/bench_search.sh

clean:
	rm -rf build
