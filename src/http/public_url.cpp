#include "http/public_url.hpp"

#include <boost/url/parse.hpp>

namespace patchwork::http {

std::expected<std::string, std::string> parse_public_url(std::string_view text) {
  auto url = boost::urls::parse_absolute_uri(text);
  if (!url) return std::unexpected("it must be an absolute address, like https://patchwork.example.gov.uk");
  if (url->scheme() != "https" && url->scheme() != "http") return std::unexpected("it must start with https:// or http://");
  if (!url->has_authority() || url->host().empty()) return std::unexpected("it must name a host, like https://patchwork.example.gov.uk");
  if (url->has_userinfo()) return std::unexpected("it must not hold a user name or password");
  if (url->has_query() || url->has_fragment()) return std::unexpected("it must not have a query (?) or fragment (#)");
  std::string out(url->buffer());
  while (!out.empty() && out.back() == '/') out.pop_back();
  return out;
}

}  // namespace patchwork::http
