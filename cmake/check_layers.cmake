# Fails the build when a source file includes something its layer may not use.
# The layers, inner to outer: core <- domain <- io, storage <- services <- http
# <- web, api <- app. Dependencies point inward only, and the domain never sees
# SQLite, libpq, Beast, Asio, Boost.URL or Boost.JSON. Unit tests (*_test.cpp)
# may include anything they test. Run by every build (see CMakeLists.txt); to
# see it fail, add `#include "storage/db.hpp"` to any file in src/domain/.
#
# Usage: cmake -DSRC=<src folder> -DSTAMP=<file to touch> -P check_layers.cmake
set(forbid_core "^(domain|io|storage|services|http|web|api|app)/|^boost/|sqlite3\\.h|libpq")
set(forbid_domain "^(io|storage|services|http|web|api|app)/|^boost/(beast|asio|json|url)|sqlite3\\.h|libpq")
set(forbid_io "^(storage|services|http|web|api|app)/|^boost/(beast|asio|url)|sqlite3\\.h|libpq")
set(forbid_storage "^(io|services|http|web|api|app)/|^boost/(beast|asio|url)")
set(forbid_services "^(http|web|api|app)/|^storage/(sqlite|postgres)/|^boost/(beast|asio|url)|sqlite3\\.h|libpq")
set(forbid_http "^(web|api|app)/|^storage/(sqlite|postgres)/|sqlite3\\.h|libpq")
set(forbid_web "^(api|app)/|^storage/(sqlite|postgres)/|sqlite3\\.h|libpq")
set(forbid_api "^(web|app)/|^storage/(sqlite|postgres)/|sqlite3\\.h|libpq")
set(problems "")
foreach(layer core domain io storage services http web api)
  file(GLOB_RECURSE files ${SRC}/${layer}/*.cpp ${SRC}/${layer}/*.hpp)
  list(FILTER files EXCLUDE REGEX "_test\\.cpp$")
  foreach(f ${files})
    file(STRINGS ${f} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line ${includes})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*$" "\\1" target "${line}")
      # A path that climbs ("../storage/db.hpp", "domain/../storage/...") could
      # name any layer, so no include may climb at all.
      if(target MATCHES "${forbid_${layer}}" OR target MATCHES "(^|/)\\.\\.(/|$)")
        file(RELATIVE_PATH rel ${SRC} ${f})
        string(APPEND problems "  src/${rel} (layer ${layer}) includes ${target}\n")
      endif()
    endforeach()
  endforeach()
endforeach()
if(problems)
  message(FATAL_ERROR "Layering broken: dependencies must point inward (docs/architecture.md, \"Layers\").\n${problems}")
endif()
file(TOUCH ${STAMP})
