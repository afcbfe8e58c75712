// Writes a known .hlog for the interop test (tests/cli/hlog_interop_test.sh): three one-second intervals of
// deterministic latencies in microseconds, then prints what our own histogram says of all of them together:
//   total <n>, max <µs>, mean <µs>, then "percentile <p> <µs>" lines.

#include "harness/hdr/histogram.hpp"
#include "harness/hdr/hlog_writer.hpp"

#include <fstream>
#include <iostream>
#include <random>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: hlog_sample_writer FILE.hlog\n";
        return 2;
    }
    std::ofstream out(argv[1]);
    harness::hdr::hlog_writer log(out, 1780318200.123, "written by harness tests");
    harness::hdr::histogram all;
    std::mt19937_64 random(2026);
    for (int second = 0; second < 3; ++second) {
        harness::hdr::histogram interval;
        for (int i = 0; i < 20000; ++i) {
            // Mostly 200 µs to 2 ms, a tail up to 2 s.
            const std::int64_t v = i % 500 == 0 ? 100000 + static_cast<std::int64_t>(random() % 1900000)
                                                : 200 + static_cast<std::int64_t>(random() % 1800);
            interval.record(v);
        }
        log.write_interval(second, 1.0, interval);
        all.add(interval);
    }
    std::cout << "total " << all.total_count() << "\nmax " << all.max() << "\nmean " << all.mean() << "\n";
    for (double p : {50.0, 75.0, 90.0, 99.0, 99.9, 99.99}) {
        std::cout << "percentile " << p << " " << all.value_at_percentile(p) << "\n";
    }
    return 0;
}
