#pragma once
// libexpat, streamed, for the XML statement formats (OFX 2.x, camt.053): an
// element's start, its text and its end, with the hostile parts of XML shut
// off. Internal to io/statements.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace patchwork::io::statements {

class XmlEvents {
 public:
  virtual ~XmlEvents() = default;
  // `name` is "namespace|local" when the reader was made with namespaces.
  virtual void start(std::string_view name, const char** attributes) = 0;
  virtual void text(std::string_view text) = 0;
  virtual void end(std::string_view name) = 0;
};

class XmlReader {
 public:
  // A statement file has no DOCTYPE, so none is accepted (and with it no
  // entity of the file's own, which closes entity expansion attacks); besides
  // expat's own encodings (UTF-8, UTF-16, ISO-8859-1, US-ASCII) it reads
  // windows-1252. One token (a tag, a comment) longer than kMaxToken stops it,
  // so expat's buffer stays bounded too.
  static constexpr std::uint64_t kMaxToken = 1024 * 1024;
  XmlReader(XmlEvents& events, bool namespaces);
  ~XmlReader();
  XmlReader(const XmlReader&) = delete;
  XmlReader& operator=(const XmlReader&) = delete;

  // False once the XML is broken, cut short or refused: error() says why and
  // line() where.
  bool feed(std::string_view data, bool last);
  // From inside a handler: stop, with this reason.
  void stop(std::string reason);
  std::uint64_t line() const;
  const std::string& error() const { return error_; }

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
  std::string error_;
};

}  // namespace patchwork::io::statements
