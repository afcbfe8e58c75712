# Warnings for the project's own targets only: third-party headers come in as SYSTEM and stay quiet.
function(harness_target_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
        # GCC 12 reports -Wrestrict falsely inside libstdc++'s std::string operator+ at -O2/-O3 (GCC PR 105329).
        target_compile_options(${target} PRIVATE -Wno-restrict)
    endif()
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_FLAGS MATCHES "-fsanitize")
        # With sanitizers GCC 12 reports -Wmaybe-uninitialized falsely inside libstdc++'s <regex> and
        # std::function; the sanitizers themselves check what this warning guesses at.
        target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
    endif()
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_FLAGS MATCHES "-fsanitize=thread")
        # Asio's reference counting uses atomic_thread_fence, which GCC warns ThreadSanitizer cannot model;
        # the warning is about the library, and TSan's reports are what the tsan preset is for.
        target_compile_options(${target} PRIVATE -Wno-tsan)
    endif()
    if(HARNESS_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
