// The entry point of the core test suite: doctest's own main, shared by the native and the WebAssembly build.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
