#ifndef OKRSHEET_CFUZZERDRIVER_H
#define OKRSHEET_CFUZZERDRIVER_H
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver (LLVMFuzzerRunDriver) on `test` with the process's arguments.
///
/// Needed on Linux, where SwiftPM links an executable target with `main` renamed to
/// `<module>_main`, so libFuzzer's own `main` is never reached; each target defines that symbol and
/// calls this.
int okrsheet_fuzz_run(int argc, char **argv, int (*test)(const uint8_t *data, size_t size));

#endif
