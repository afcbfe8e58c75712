# The Debian package (CPack DEB): /usr/bin/harness, its man page and bash completion (both generated from the
# built binary when the package is assembled, so they say what this binary does), and the bundled contract,
# profile and scenarios under /usr/share/harness as references to copy (the binary has them built in).
# Depends is computed by dpkg-shlibdeps from the libraries the binary links: no hand-kept list to drift.
include(GNUInstallDirs)

install(TARGETS harness RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/contracts" "${PROJECT_SOURCE_DIR}/scenarios"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/harness")
# The mock as a shared service: the unit is installed but not enabled (no maintainer script enables it).
install(FILES "${PROJECT_SOURCE_DIR}/packaging/harness-mock.service" DESTINATION lib/systemd/system)

# Written straight into the tree being installed (CPack's staging folder for each package), not a shared folder
# of the build: two packagings of one build (a test while ./harness.sh package runs) never share a file.
install(CODE "set(harness_man_page_script \"${PROJECT_SOURCE_DIR}/scripts/package/man-page.sh\")")
install(CODE [[
    set(harness_root "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
    file(MAKE_DIRECTORY "${harness_root}/share/man/man1" "${harness_root}/share/bash-completion/completions")
    execute_process(COMMAND "${harness_man_page_script}" "$<TARGET_FILE:harness>" "${harness_root}/share/man/man1/harness.1"
                    COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND gzip -9nf "${harness_root}/share/man/man1/harness.1" COMMAND_ERROR_IS_FATAL ANY)
    execute_process(COMMAND "$<TARGET_FILE:harness>" completion bash
                    OUTPUT_FILE "${harness_root}/share/bash-completion/completions/harness" COMMAND_ERROR_IS_FATAL ANY)
]])

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
