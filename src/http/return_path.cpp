#include "http/return_path.hpp"

#include <boost/url/parse.hpp>

namespace patchwork::http {

std::optional<std::string> local_return_path(std::string_view next,
                                             const std::function<bool(std::string_view decoded_path)>& page_exists) {
  if (next.empty() || next.size() > 2000 || next.front() != '/') return std::nullopt;
  for (unsigned char c : next)
    if (c < 0x21 || c > 0x7e || c == '\\') return std::nullopt;
  // "//host" is another site to a browser; "/a//b" is refused too, so nothing
  // that a browser or proxy might normalise into one gets through.
  if (next.find("//") != std::string_view::npos) return std::nullopt;
  auto url = boost::urls::parse_origin_form(next);
  if (!url) return std::nullopt;
  std::string path(url->path());  // percent-decoded
  for (unsigned char c : path)
    if (c < 0x20 || c == 0x7f || c == '\\') return std::nullopt;
  if (path.find("//") != std::string::npos || !page_exists(path)) return std::nullopt;
  return std::string(next);
}

}  // namespace patchwork::http
