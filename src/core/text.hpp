#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace patchwork {

std::string trim(std::string_view s);
std::string to_lower(std::string_view s);
std::vector<std::string> split(std::string_view s, char delimiter);
// Random bytes from libsodium, as lower-case hex: ids for requests, tokens, files.
std::string random_hex(std::size_t bytes);

}  // namespace patchwork
