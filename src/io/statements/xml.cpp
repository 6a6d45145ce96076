#include "io/statements/xml.hpp"

#include <expat.h>

#include <array>

namespace patchwork::io::statements {

struct XmlReader::Impl {
  XML_Parser parser = nullptr;
  XmlEvents* events = nullptr;
  XmlReader* owner = nullptr;
  std::string stop_reason;
  std::uint64_t fed = 0;
  std::uint64_t last_event = 0;
  std::uint64_t stop_line = 0;
  bool stopped = false;

  void note() {
    auto at = XML_GetCurrentByteIndex(parser);
    if (at >= 0) last_event = static_cast<std::uint64_t>(at);
  }
};

namespace {

XmlReader::Impl* impl_of(void* data) { return static_cast<XmlReader::Impl*>(data); }

// After XML_StopParser expat may still report events already under way: the end
// of an empty element (<Te/>) follows its start even when the start handler
// stopped the parse. A reader that stopped must not see them, or it unwinds a
// stack it never pushed (found by the camt053 fuzz target).
void on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto* i = impl_of(data);
  if (i->stopped) return;
  i->note();
  i->events->start(name, attributes);
}
void on_end(void* data, const XML_Char* name) {
  auto* i = impl_of(data);
  if (i->stopped) return;
  i->note();
  i->events->end(name);
}
void on_text(void* data, const XML_Char* s, int len) {
  auto* i = impl_of(data);
  if (i->stopped) return;
  i->note();
  i->events->text(std::string_view(s, static_cast<std::size_t>(len)));
}
void on_other(void* data, const XML_Char*, const XML_Char*) { impl_of(data)->note(); }
void on_comment(void* data, const XML_Char*) { impl_of(data)->note(); }
void on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  impl_of(data)->owner->stop("The file has a DOCTYPE declaration, which no statement file has");
}

// Windows-1252 for XML that declares it (expat knows ISO-8859-1 but not this).
constexpr std::array<int, 32> kCp1252High = {
    0x20AC, -1,     0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, -1,     0x017D, -1,     -1,     0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, -1,     0x017E, 0x0178};

int on_unknown_encoding(void*, const XML_Char* name, XML_Encoding* info) {
  std::string n;
  for (const XML_Char* p = name; *p; ++p) n.push_back(static_cast<char>(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
  if (n != "windows-1252" && n != "cp1252") return XML_STATUS_ERROR;
  for (int b = 0; b < 256; ++b) info->map[b] = b >= 0x80 && b < 0xA0 ? kCp1252High[static_cast<std::size_t>(b - 0x80)] : b;
  info->data = nullptr;
  info->convert = nullptr;
  info->release = nullptr;
  return XML_STATUS_OK;
}

}  // namespace

XmlReader::XmlReader(XmlEvents& events, bool namespaces) : impl_(std::make_unique<Impl>()) {
  impl_->parser = namespaces ? XML_ParserCreateNS(nullptr, '|') : XML_ParserCreate(nullptr);
  if (!impl_->parser) throw std::bad_alloc();
  impl_->events = &events;
  impl_->owner = this;
  XML_SetUserData(impl_->parser, impl_.get());
  XML_SetElementHandler(impl_->parser, on_start, on_end);
  XML_SetCharacterDataHandler(impl_->parser, on_text);
  XML_SetProcessingInstructionHandler(impl_->parser, on_other);
  XML_SetCommentHandler(impl_->parser, on_comment);
  XML_SetStartDoctypeDeclHandler(impl_->parser, on_doctype);
  XML_SetUnknownEncodingHandler(impl_->parser, on_unknown_encoding, nullptr);
  XML_SetParamEntityParsing(impl_->parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlReader::~XmlReader() { XML_ParserFree(impl_->parser); }

void XmlReader::stop(std::string reason) {
  if (impl_->stop_reason.empty()) {
    impl_->stop_reason = std::move(reason);
    impl_->stop_line = XML_GetCurrentLineNumber(impl_->parser);
  }
  impl_->stopped = true;
  XML_StopParser(impl_->parser, XML_FALSE);
}

std::uint64_t XmlReader::line() const {
  if (!impl_->stop_reason.empty()) return impl_->stop_line;
  return XML_GetCurrentLineNumber(impl_->parser);
}

bool XmlReader::feed(std::string_view data, bool last) {
  if (!error_.empty()) return false;
  impl_->fed += data.size();
  auto status = XML_Parse(impl_->parser, data.data(), static_cast<int>(data.size()), last ? XML_TRUE : XML_FALSE);
  if (!impl_->stop_reason.empty()) {
    error_ = impl_->stop_reason;
    return false;
  }
  if (status != XML_STATUS_OK) {
    auto code = XML_GetErrorCode(impl_->parser);
    if (code == XML_ERROR_NO_ELEMENTS || code == XML_ERROR_UNCLOSED_TOKEN || code == XML_ERROR_PARTIAL_CHAR)
      error_ = std::string("The file ends part way through (") + XML_ErrorString(code) + "): it looks cut short. Download it again";
    else if (code == XML_ERROR_UNKNOWN_ENCODING || code == XML_ERROR_INCORRECT_ENCODING || code == XML_ERROR_INVALID_TOKEN)
      error_ = std::string("The file is not well-formed XML in the encoding it declares (") + XML_ErrorString(code) +
               "). Patchwork reads UTF-8, UTF-16, US-ASCII, ISO-8859-1 and windows-1252";
    else
      error_ = std::string("The file is not well-formed XML: ") + XML_ErrorString(code);
    return false;
  }
  if (impl_->fed - impl_->last_event > kMaxToken) {
    error_ = "The file has one piece of XML longer than 1 MB, which no statement has";
    return false;
  }
  return true;
}

}  // namespace patchwork::io::statements
