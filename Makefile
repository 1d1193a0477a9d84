# codexec: make build | demo | test | lint | fuzz | clean
GO       ?= go
BIN      := $(CURDIR)/bin
GOFLAGS  ?= -trimpath
export CGO_ENABLED := 0

.PHONY: all build demo test test-short lint fuzz clean

all: build

## build: bin/supervisor and bin/runner
build:
	$(GO) build $(GOFLAGS) -o $(BIN)/ ./cmd/supervisor ./cmd/runner

## demo: build, then run every example through `supervisor run`
demo: build
	@scripts/demo.sh $(BIN)/supervisor

## test: lint, then every test (privileged ones skip with a reason unless root)
test: build lint
	CODEXEC_TEST_BIN=$(BIN) $(GO) test -count=1 ./...

## test-short: the unit tests only
test-short:
	$(GO) test -short -count=1 ./...

## lint: gofmt and go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## fuzz: run each fuzz target for FUZZTIME (default 20s)
FUZZTIME ?= 20s
fuzz:
	$(GO) test ./ipc -run '^$$' -fuzz '^FuzzReadFrame$$' -fuzztime $(FUZZTIME)

clean:
	rm -rf $(BIN)
