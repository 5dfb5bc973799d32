# playbook: the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     ?= ./playbook
PORT    ?= 1313
FUZZTIME ?=

.PHONY: run build test unit jstest fuzz bench lint clean

## run: build the binary, then build and serve the example playbook on http://127.0.0.1:$(PORT)/
run: build
	$(BIN) serve . --port $(PORT)

## build: compile the playbook binary
build:
	$(GO) build -o $(BIN) .

## test: everything CI runs: vet, unit/golden/CLI/browser tests under -race, JS tests, short fuzzing
test: unit jstest fuzz

unit:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

jstest:
	@if command -v node >/dev/null 2>&1; then node --test generator/search/js_test/; \
	else echo "node not installed: JS tests skipped"; fi

## fuzz: every fuzz target for $(FUZZTIME) each
fuzz:
	@scripts/fuzz.sh $(FUZZTIME)

## bench: Go benchmarks, then whole builds of generated 1,000 and 10,000-page corpora (median wall time, peak memory)
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./generator/...
	python3 scripts/bench.py --bin $(BIN) --pages 1000,10000

## lint: formatting, vet, staticcheck
lint:
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || (gofmt -l $$(git ls-files '*.go'); exit 1)
	$(GO) vet ./...
	$(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

clean:
	rm -rf $(BIN) public
