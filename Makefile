# codexec: make build | demo | test | lint | fuzz | clean
GO       ?= go
BIN      := $(CURDIR)/bin
GOFLAGS  ?= -trimpath
export CGO_ENABLED := 0
SHELL    := /bin/bash

.PHONY: all build demo test test-host test-v2 test-short test-deploy test-goja lint fuzz soak bench compat clients image test-image clean

all: build

## build: bin/supervisor and bin/runner
build:
	$(GO) build $(GOFLAGS) -buildvcs=auto -o $(BIN)/ ./cmd/supervisor ./cmd/runner
	@# Executable, not readable, by the runners' ids: started as them (decision 0042).
	chmod 0711 $(BIN)/runner

## demo: build, then run every example through `supervisor run`
demo: build
	@scripts/demo.sh $(BIN)/supervisor

## test: lint, every test on this host, then the isolation tests on cgroup v2 in a VM
test: test-host test-image test-v2 clients

## clients: the client libraries' own suites against a real daemon they start
## (Python: unittest, standard library only; TypeScript: npm test, which needs
## `npm ci` in clients/typescript first: .ci/run does it)
clients: build
	cd clients/python && CODEXEC_TEST_BIN=$(BIN) python3 -m unittest
	@if [ -d clients/typescript/node_modules ]; then \
	  cd clients/typescript && CODEXEC_TEST_BIN=$(BIN) npm test; \
	else echo "clients: TypeScript skipped: run npm ci in clients/typescript"; fi

## test-host: lint, then every test here, with a MongoDB-compatible server
## (FerretDB, built and started by scripts/with-ferretdb.sh; privileged tests
## skip with a reason unless root)
test-host: build lint test-deploy test-goja
	CODEXEC_TEST_BIN=$(BIN) scripts/with-ferretdb.sh $(GO) test -count=1 ./...

## test-goja: the goja fork's own suite (third_party/goja, a module of its
## own), with the tests of its patches (PATCHES.md)
test-goja:
	cd third_party/goja && export GOWORK=off && $(GO) test -count=1 ./...

## test-deploy: the Kubernetes manifests (deploy/kubernetes, a module of its
## own) decoded strictly into the API types and checked against the project
test-deploy:
	cd deploy/kubernetes && export GOWORK=off && $(GO) vet ./... && $(GO) test -count=1 ./...

# The isolation integration tests, also run on cgroup v2 inside a VM.
V2_TESTS := ^Test(CreateKillDestroy|MemoryLimitOOM|NoOOMUnderTheLimit|PidsLimit|SetMemoryLimit|Sweep|V2WritesLimits|EnableControllers|EngineCompromised|MemoryBombs|MemoryIsTheRunnersOwn|PeakOfAResultCountsItsJob|MemoryBombPeakNearLimit|HardKillIsolated|LockdownIsVerified|RunnerDescriptors|NoLeaks|RealRunner|RunIsolatedBombs|Doctor|ConfiguredRoot|V2MountAndOwnGroup|DelegatedRootless|DelegatedCgroupNamespace|DelegatedUnit|SupervisorFullyIsolated|RunnerStartsAsItsIDs)$$

## compat: the compatibility corpus (testdata/compat) through `supervisor run`,
## compared with Node's recorded output; prints the share that matches
compat: build
	@CODEXEC_TEST_BIN=$(BIN) $(GO) test -count=1 -v -run '^TestCompat$$' ./internal/compat | \
	  grep -vE '^\s*(=== (RUN|PAUSE|CONT)|--- PASS)'; exit $${PIPESTATUS[0]}

## test-v2: the isolation tests on a unified (v2) hierarchy, in a throwaway VM
## with Debian's stock kernel (scripts/vmtest.sh; needs root and apt the first time)
test-v2: build
	$(GO) build $(GOFLAGS) -tags sandboxtest -o $(BIN)/probe/runner ./cmd/runner
	chmod 0711 $(BIN)/probe/runner
	@echo "=== cgroup v2: isolation tests in a VM (scripts/vmtest.sh) ==="
	CODEXEC_TEST_BIN=$(BIN) CODEXEC_VM_ENV="CODEXEC_LEAK_RUNS=60" \
	  $(GO) test -count=1 -p 1 -exec $(CURDIR)/scripts/vmtest.sh ./limits/cgroups ./sandbox ./cmd/supervisor -run '$(V2_TESTS)' -v 2>&1 | \
	  sed -u 's/^/[v2] /'; exit $${PIPESTATUS[0]}

## image: the container image, built without a registry or an engine
## (deploy/image, its own Go module): bin/image/$(IMAGE_NAME)-$(IMAGE_TAG).tar
## for docker load / podman load, and bin/image/oci/ (an OCI image layout);
## the same binaries give the same digest (SOURCE_DATE_EPOCH sets the time)
IMAGE_NAME ?= codexec
IMAGE_TAG  ?= 0.1.0
image: build
	cd deploy/image && GOWORK=off $(GO) run . -supervisor $(BIN)/supervisor -runner $(BIN)/runner \
	  -o $(BIN)/image -name $(IMAGE_NAME) -tag $(IMAGE_TAG)

## test-image: the image builder's tests: both outputs read back, reproducible,
## and (as root) the image's file system run in new namespaces
test-image: build
	cd deploy/image && export GOWORK=off && $(GO) vet ./... && CODEXEC_TEST_BIN=$(BIN) $(GO) test -count=1 ./...

## fleet: the multi-host test alone (three supervisors in network namespaces
## auditing to one FerretDB in a fourth; root; part of test-host too)
.PHONY: fleet
fleet: build
	CODEXEC_TEST_BIN=$(BIN) scripts/with-ferretdb.sh $(GO) test -count=1 -v -run '^TestThreeHostsOneDatabase$$' ./internal/fleettest

## test-short: the unit tests only
test-short:
	$(GO) test -short -count=1 ./...

## lint: gofmt and go vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## bench: the benchmark table (bench/main.go), written also to bench/results/latest.json
bench: build
	$(GO) run ./bench -bin $(BIN) -o bench/results/latest.json

## fuzz: run each fuzz target for its budget of executions (about 20 s each on two cores); CI runs this after make test.
## FUZZTIME=<n>x (or a duration) overrides every budget. Budgets are counts, not durations: a duration's
## deadline can fail a clean run with "context deadline exceeded" (Go's fuzz coordinator, decision 0043).
FUZZTIME ?=
FUZZ_TARGETS := ipc:FuzzReadFrame:1300000x config:FuzzPatch:600000x detect:FuzzValidate:60000x \
  detect:FuzzCheckTypeScript:40000x typescript:FuzzStrip:35000x jsrt:FuzzOutput:40000x
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; rest=$${t#*:}; name=$${rest%%:*}; budget=$${rest#*:}; \
	  if [ -n "$(FUZZTIME)" ]; then budget="$(FUZZTIME)"; fi; \
	  echo "=== $$name (./$$pkg) for $$budget"; \
	  $(GO) test ./$$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $$budget; \
	done

## soak: SOAK_N executions (default 10000) from 32 clients through the daemon's socket, FerretDB as the store
SOAK_N ?= 10000
soak: build
	CODEXEC_TEST_BIN=$(BIN) CODEXEC_SOAK_N=$(SOAK_N) scripts/with-ferretdb.sh \
	  $(GO) test -count=1 -v -timeout 60m -run '^TestSoak$$' ./soak

clean:
	rm -rf $(BIN)
