# Writes a C++ file that puts files of assets/ inside the binaries. Two ways to call it:
#   -DOUT=... -DINPUTS=name=path;...   defines spoc::assets::<name> (a text) for each file
#                                      (the JSON configuration of core, embedded_assets.h);
#   -DOUT=... -DARRAY=name -DHEADER=h -DDIR=folder -DGLOB=pattern
#                                      defines spoc::assets::<name>[] ({path, text} for each file
#                                      under DIR matching GLOB, path relative to DIR, in sorted
#                                      order) and <name>_count, declared in header h.
if(ARRAY)
  file(GLOB_RECURSE files RELATIVE "${DIR}" "${DIR}/${GLOB}")
  list(SORT files)
  set(content "// Generated from ${DIR} by cmake/embed.cmake; do not edit.\n#include \"${HEADER}\"\n\nnamespace spoc::assets {\n")
  string(APPEND content "const EmbeddedFile ${ARRAY}[] = {\n")
  list(LENGTH files count)
  foreach(rel IN LISTS files)
    file(READ "${DIR}/${rel}" text)
    string(APPEND content "    {\"${rel}\", R\"spoc_embedded(${text})spoc_embedded\"},\n")
  endforeach()
  string(APPEND content "};\nconst std::size_t ${ARRAY}_count = ${count};\n}  // namespace spoc::assets\n")
else()
  set(content "// Generated from assets/ by cmake/embed.cmake; do not edit.\n#include \"embedded_assets.h\"\n\nnamespace spoc::assets {\n")
  foreach(pair IN LISTS INPUTS)
    string(REPLACE "=" ";" parts "${pair}")
    list(GET parts 0 name)
    list(GET parts 1 path)
    file(READ "${path}" text)
    string(APPEND content "const char* const ${name} = R\"spoc_embedded(${text})spoc_embedded\";\n")
  endforeach()
  string(APPEND content "}  // namespace spoc::assets\n")
endif()
file(WRITE "${OUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
