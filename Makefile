# spoc: `make run` serves the portal on http://127.0.0.1:8080, `make test` runs every test.
# Both first set up whatever is missing (apt packages, Dear ImGui sources, npm packages).
SHELL := /bin/bash
export NODE_PATH := /usr/share/nodejs
JOBS ?= $(shell nproc)
NATIVE := build/native
WEB := build/web
PORT ?= 8080

.PHONY: all setup build native web run test bench clean

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

test: build
	cd $(NATIVE) && ctest --output-on-failure -j2

bench: build
	@scripts/bench.sh

clean:
	rm -rf build
