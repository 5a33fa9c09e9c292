# The two commands of the README's quick start: `make demo` and `make test`.
.PHONY: bootstrap build release demo test clean

bootstrap:
	@scripts/bootstrap.sh

build: bootstrap
	swift build

release: bootstrap
	swift build -c release --product coatt

demo: release
	scripts/demo.sh

# The conformance and query tests drive the debug `coatt` binary, so it is built first.
test: build
	swift test

clean:
	rm -rf .build out
