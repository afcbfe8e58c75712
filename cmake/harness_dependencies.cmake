# Every third-party dependency is found here, once. Boost must be 1.81 exactly: Debian 12 also ships 1.74 as its
# default, which has no Boost.JSON, and a build that silently picked it up would fail far from the cause.
# "1.81 EXACT" does not match Debian's BoostConfig version file ("1.81" vs "1.81.0"); "1.81.0 EXACT" does.
find_package(Boost 1.81.0 EXACT CONFIG REQUIRED COMPONENTS json url)
find_package(OpenSSL REQUIRED)
find_package(Threads REQUIRED)
find_package(ZLIB REQUIRED)
find_package(yaml-cpp CONFIG REQUIRED)
find_package(CLI11 CONFIG REQUIRED)
# HTTP/2 framing and HPACK (Debian libnghttp2-dev); the session glue is the harness's own.
find_package(PkgConfig REQUIRED)
pkg_check_modules(NGHTTP2 REQUIRED IMPORTED_TARGET libnghttp2)
# The load generator's reply parser (Debian libsimdjson-dev 3.0): about three times Boost.JSON's speed on a
# reply, measured in bench/load_hot_path_bench (reply_judged_*); Boost.JSON stays the parser of everything else.
find_package(simdjson CONFIG REQUIRED)
# valijson's package config has no version file, so no version is asked for.
find_package(valijson CONFIG REQUIRED)
if(HARNESS_BUILD_TESTS)
    find_package(GTest CONFIG REQUIRED)
endif()
if(HARNESS_BUILD_BENCH)
    find_package(benchmark CONFIG REQUIRED)
endif()
