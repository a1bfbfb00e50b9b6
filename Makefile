# The two commands of the README:
#   make run    install what is needed, build, and serve a demo on the embedded SQLite default
#   make test   install, build (dev and sanitizer builds), and run every test suite
SHELL := /bin/bash
PORT ?= 8080
DATA ?= serai-data
BIN := build/dev/src/app/serai

# Let ccache reuse objects across checkouts in different folders (CI builds a fresh clone).
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := true

.PHONY: all deps web build build-asan run test bench format clean

all: build

deps:
	@scripts/install-deps.sh

web: deps
	@scripts/build-web.sh

build: deps web
	@cmake --preset dev >/dev/null
	@cmake --build --preset dev

build-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan

run: build
	@[ -f $(DATA)/demo-users.json ] || $(BIN) demo --data $(DATA)
	@echo "Demo users and passwords: $(DATA)/demo-users.json"
	@exec $(BIN) serve --data $(DATA) --port $(PORT)

test: build build-asan
	@scripts/test-all.sh

bench: build
	@bench/run.sh

format:
	@git ls-files '*.cc' '*.h' | xargs clang-format -i

clean:
	rm -rf build web/dist
