# The Debian package (CPack DEB): /usr/bin/harness, its man page and bash completion (both generated from the
# built binary when the package is assembled, so they say what this binary does), and the bundled contract,
# profile and scenarios under /usr/share/harness as references to copy (the binary has them built in).
# Depends is computed by dpkg-shlibdeps from the libraries the binary links: no hand-kept list to drift.
include(GNUInstallDirs)

install(TARGETS harness RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/contracts" "${PROJECT_SOURCE_DIR}/scenarios"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/harness")

set(HARNESS_PACKAGE_DOCS "${PROJECT_BINARY_DIR}/package-docs")
install(CODE "
    file(MAKE_DIRECTORY \"${HARNESS_PACKAGE_DOCS}\")
    execute_process(COMMAND \"${PROJECT_SOURCE_DIR}/scripts/package/man-page.sh\" \"$<TARGET_FILE:harness>\"
                            \"${HARNESS_PACKAGE_DOCS}/harness.1\" COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND gzip -9nf \"${HARNESS_PACKAGE_DOCS}/harness.1\" COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND \"$<TARGET_FILE:harness>\" completion bash
                    OUTPUT_FILE \"${HARNESS_PACKAGE_DOCS}/harness\" COMMAND_ERROR_IS_FATAL ANY)
")
install(FILES "${HARNESS_PACKAGE_DOCS}/harness.1.gz" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${HARNESS_PACKAGE_DOCS}/harness" DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME harness)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "harness maintainers <harness@localhost>")
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# HTTPS targets are verified against the system's CA store; a bare system has none. A recommendation, not a
# dependency: verify against the built-in mock or a plain-HTTP target needs no certificates.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS ca-certificates)
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "verify checks a target against its OpenAPI contract and behaviour profile; load drives it at a fixed arrival rate. Both run against a built-in mock without a target.")
include(CPack)
