# Embeds text files (the bundled contract and profile) into a generated C++ source, so the binary works from any
# directory. The file is regenerated whenever an input changes.
set(HARNESS_EMBED_SCRIPT "${CMAKE_CURRENT_LIST_DIR}/harness_embed_generate.cmake")

# harness_embed_files(OUTPUT <cpp> NAMESPACE <ns> FILES <symbol>=<path> ...)
function(harness_embed_files)
    cmake_parse_arguments(ARG "" "OUTPUT;NAMESPACE" "FILES" ${ARGN})
    set(inputs "")
    foreach(entry IN LISTS ARG_FILES)
        string(REPLACE "=" ";" parts "${entry}")
        list(GET parts 1 path)
        list(APPEND inputs "${path}")
    endforeach()
    string(REPLACE ";" "|" encoded "${ARG_FILES}")
    add_custom_command(
        OUTPUT "${ARG_OUTPUT}"
        COMMAND ${CMAKE_COMMAND} "-DOUTPUT=${ARG_OUTPUT}" "-DNAMESPACE=${ARG_NAMESPACE}" "-DFILES=${encoded}"
                -P "${HARNESS_EMBED_SCRIPT}"
        DEPENDS ${inputs} "${HARNESS_EMBED_SCRIPT}"
        COMMENT "Embedding ${inputs}"
        VERBATIM)
endfunction()
