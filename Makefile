# The two commands of the README's quick start: `make demo` and `make test`.
.PHONY: bootstrap build release demo test clean

# Builds are for the CPU they run on: with AVX2, FMA and BMI2 (x86-64-v3) our own numeric loops
# (TransE epochs, attention, activations) use 256-bit vectors — 19% faster TransE epochs, 5% faster
# tagging, the same results. Such a binary needs those instructions wherever it is copied;
# `make SWIFT_CPU_FLAGS= …` builds for any x86-64.
SWIFT_CPU_FLAGS ?= $(shell grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo \
                    && grep -qw bmi2 /proc/cpuinfo && echo "-Xswiftc -target-cpu -Xswiftc haswell")

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	swift build $(SWIFT_CPU_FLAGS)

release: bootstrap
	swift build -c release --product coatt $(SWIFT_CPU_FLAGS)

demo: release
	scripts/demo.sh

# The conformance and query tests drive the debug `coatt` binary, so it is built first.
test: build
	swift test $(SWIFT_CPU_FLAGS)

clean:
	rm -rf .build out
