# Writes OUT, a C++ file holding every *.mustache under DIR as a string,
# keyed by its path relative to DIR without the extension ("people/show").
file(GLOB_RECURSE files RELATIVE ${DIR} ${DIR}/*.mustache)
list(SORT files)
set(body "// Generated from src/web/templates by cmake/embed_templates.cmake. Do not edit.\n#include \"web/templates.hpp\"\n\nnamespace patchwork::web {\nconst std::map<std::string, std::string, std::less<>>& template_sources() {\n  static const std::map<std::string, std::string, std::less<>> sources = {\n")
foreach(f ${files})
  file(READ ${DIR}/${f} text)
  string(REGEX REPLACE "\\.mustache$" "" key ${f})
  string(APPEND body "    {\"${key}\", R\"PWTPL(${text})PWTPL\"},\n")
endforeach()
string(APPEND body "  };\n  return sources;\n}\n}  // namespace patchwork::web\n")
file(WRITE ${OUT}.tmp "${body}")
file(COPY_FILE ${OUT}.tmp ${OUT} ONLY_IF_DIFFERENT)
