#pragma once
// Front-end assets (GOV.UK Frontend's images and scripts, our compiled stylesheet),
// read into memory once at start-up: no file system access per request, and no
// way for a request path to reach a file outside the asset folders.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace patchwork::http {

class StaticFiles {
 public:
  // Every regular file under `folder` is served at `url_prefix` + its relative
  // path, except those under the sub-folders named in `skip`.
  void add_folder(const std::string& url_prefix, const std::string& folder, const std::vector<std::string>& skip = {});
  void add_file(const std::string& url_path, const std::string& file);
  // A response for the path, or nothing when it is not an asset.
  std::optional<Response> serve(const Request& request) const;
  std::size_t size() const { return files_.size(); }

 private:
  struct File {
    std::string body;
    std::string content_type;
    std::string etag;
  };
  std::map<std::string, File, std::less<>> files_;
};

std::string content_type_for(std::string_view path);

}  // namespace patchwork::http
