#include "http/static_files.hpp"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace patchwork::http {
namespace fs = std::filesystem;

std::string content_type_for(std::string_view path) {
  auto ends = [&](std::string_view ext) { return path.ends_with(ext); };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".woff")) return "font/woff";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

void StaticFiles::add_file(const std::string& url_path, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read asset " + file);
  std::ostringstream content;
  content << in.rdbuf();
  File f{content.str(), content_type_for(url_path), {}};
  unsigned char digest[16];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(f.body.data()), f.body.size(), nullptr, 0);
  char hex[33];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  f.etag = std::string("\"") + hex + "\"";
  files_[url_path] = std::move(f);
}

void StaticFiles::add_folder(const std::string& url_prefix, const std::string& folder, const std::vector<std::string>& skip) {
  if (!fs::is_directory(folder)) throw std::runtime_error("asset folder " + folder + " does not exist (run the build first)");
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (!entry.is_regular_file()) continue;
    std::string relative = fs::relative(entry.path(), folder).generic_string();
    bool skipped = false;
    for (const auto& s : skip) skipped |= relative.starts_with(s + "/");
    if (skipped) continue;
    add_file(url_prefix + relative, entry.path().string());
  }
}

std::optional<Response> StaticFiles::serve(const Request& request) const {
  if (request.method != Method::Get && request.method != Method::Head) return std::nullopt;
  auto it = files_.find(request.path);
  if (it == files_.end()) return std::nullopt;
  const File& f = it->second;
  Response r;
  r.content_type = f.content_type;
  r.set_header("ETag", f.etag);
  // Assets change only with a new release; browsers check the ETag after a day.
  r.set_header("Cache-Control", "public, max-age=86400");
  if (request.header("if-none-match") == f.etag) {
    r.status = 304;
    return r;
  }
  r.body = f.body;
  return r;
}

}  // namespace patchwork::http
