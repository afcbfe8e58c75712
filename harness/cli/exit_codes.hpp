#pragma once
// Every exit code of the `harness` binary, in one place.

namespace harness::cli {

enum exit_code : int {
    exit_ok = 0,           // the command did what was asked and what it checked holds
    exit_check_failed = 1, // what was checked does not hold (a broken contract, a failed case, a threshold)
    exit_usage = 2, // bad flags or arguments, unreadable input files, setup errors, a target not tested
    exit_interrupted =
        130, // stopped by SIGINT or SIGTERM before the end: results written and marked so (128 + 2)
};

} // namespace harness::cli
