# Top-level convenience targets. The build itself is meson + ninja.
#   make          build
#   make run      boot Debian Linux on vexpress-a9 to a shell on the terminal
#                 (installs, builds and fetches the guest first)
#   make run-a15  the same on vexpress-a15
#   make monitor  start -M none with the monitor on the terminal
#   make check    install what is missing, build, run every test suite
#   make check-sanitizers   the same, built with ASan + UBSan
BUILD ?= build

.PHONY: all deps run run-a15 monitor check check-sanitizers clean

all: $(BUILD)/build.ninja
	ninja -C $(BUILD)

deps:
	./scripts/install-deps.sh

$(BUILD)/build.ninja:
	./scripts/install-deps.sh
	./configure --builddir=$(BUILD) $(CONFIGURE_FLAGS)

run: all
	BUILD=$(BUILD) ./scripts/run-linux.sh a9

run-a15: all
	BUILD=$(BUILD) ./scripts/run-linux.sh a15

monitor: all
	./$(BUILD)/ferry-system-arm -M none -nographic

check: all
	./scripts/run-tests.sh $(BUILD)

check-sanitizers:
	$(MAKE) check BUILD=build-san CONFIGURE_FLAGS=--enable-sanitizers

clean:
	rm -rf build build-san
