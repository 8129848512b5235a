# Writes a C++ file defining spoc::assets::<name> for each JSON file given, so the
# configuration ships inside the binaries. Called with -DOUT=... -DINPUTS=name=path;...
set(content "// Generated from assets/ by cmake/embed.cmake; do not edit.\n#include \"embedded_assets.h\"\n\nnamespace spoc::assets {\n")
foreach(pair IN LISTS INPUTS)
  string(REPLACE "=" ";" parts "${pair}")
  list(GET parts 0 name)
  list(GET parts 1 path)
  file(READ "${path}" text)
  string(APPEND content "const char* const ${name} = R\"spoc_embedded(${text})spoc_embedded\";\n")
endforeach()
string(APPEND content "}  // namespace spoc::assets\n")
file(WRITE "${OUT}.tmp" "${content}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
