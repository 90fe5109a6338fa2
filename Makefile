# Top-level convenience targets. The build itself is meson + ninja.
#   make          build
#   make run      start the default machine (installs and builds first)
#   make check    install what is missing, build, run every test suite
#   make check-sanitizers   the same, built with ASan + UBSan
BUILD ?= build

.PHONY: all deps run check check-sanitizers clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	./scripts/install-deps.sh

$(BUILD)/build.ninja:
	./scripts/install-deps.sh
	./configure --builddir=$(BUILD) $(CONFIGURE_FLAGS)

run: all
	./$(BUILD)/ferry-system-arm -M none -nographic

check: all
	./scripts/run-tests.sh $(BUILD)

check-sanitizers:
	$(MAKE) check BUILD=build-san CONFIGURE_FLAGS=--enable-sanitizers

clean:
	rm -rf build build-san
