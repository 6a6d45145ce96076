#pragma once
#include <map>
#include <string>

namespace patchwork::web {

// Every template under src/web/templates, compiled into the binary by
// cmake/embed_templates.cmake and keyed by relative path without extension.
const std::map<std::string, std::string, std::less<>>& template_sources();

}  // namespace patchwork::web
