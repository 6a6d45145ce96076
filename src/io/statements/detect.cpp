#include <algorithm>
#include <cstring>
#include <memory>

#include "core/text.hpp"
#include "io/statements/common.hpp"
#include "io/statements/parse.hpp"

namespace patchwork::io::statements {

ByteSource source_from(std::istream& in) {
  return [&in](char* buffer, std::size_t size) -> std::size_t {
    in.read(buffer, static_cast<std::streamsize>(size));
    return static_cast<std::size_t>(in.gcount());
  };
}

ByteSource source_from_text(std::string_view text) {
  auto at = std::make_shared<std::size_t>(0);
  return [text, at](char* buffer, std::size_t size) -> std::size_t {
    std::size_t n = std::min(size, text.size() - *at);
    std::memcpy(buffer, text.data() + *at, n);
    *at += n;
    return n;
  };
}

std::string_view format_code(Format format) {
  switch (format) {
    case Format::Csv: return "csv";
    case Format::Ofx: return "ofx";
    case Format::Camt053: return "camt053";
    case Format::Card: return "card";
  }
  return "csv";
}

std::optional<Format> format_from_code(std::string_view code) {
  for (Format f : {Format::Csv, Format::Ofx, Format::Camt053, Format::Card})
    if (format_code(f) == code) return f;
  return std::nullopt;
}

namespace {

// The first line's fields, read as a CSV header with this delimiter.
std::vector<std::string> header_fields(std::string_view line, char delimiter) {
  std::vector<std::string> out;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') { field.push_back('"'); ++i; }
      else if (c == '"') quoted = false;
      else field.push_back(c);
    } else if (c == '"' && field.empty()) quoted = true;
    else if (c == delimiter) { out.push_back(to_lower(trim(field))); field.clear(); }
    else field.push_back(c);
  }
  out.push_back(to_lower(trim(field)));
  return out;
}

}  // namespace

Detection detect_format(std::string_view bytes) {
  Detection d;
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    d.why = "The file is UTF-16 text; save it as UTF-8";
    return d;
  }
  if (bytes.substr(0, 4) == "%PDF") { d.why = "The file is a PDF. Ask the bank for a CSV, OFX or camt.053 download instead"; return d; }
  if (bytes.substr(0, 4) == "PK\x03\x04") { d.why = "The file is a spreadsheet (xlsx) or a zip. Save it as CSV, or unzip it first"; return d; }
  if (bytes.substr(0, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") { d.why = "The file is an old Excel spreadsheet (xls). Save it as CSV"; return d; }
  std::size_t at = bytes.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  while (at < bytes.size() && (bytes[at] == ' ' || bytes[at] == '\t' || bytes[at] == '\r' || bytes[at] == '\n')) ++at;
  std::string_view s = bytes.substr(at);
  if (s.substr(0, 10) == "OFXHEADER:" || s.substr(0, 5) == "<OFX>") {
    d.format = Format::Ofx;
    d.why = "an OFX 1 (SGML) header";
    return d;
  }
  if (s.substr(0, 1) == "<") {
    std::string_view head = s.substr(0, 4096);
    if (head.find("camt.053.001.") != std::string_view::npos) { d.format = Format::Camt053; d.why = "XML in a camt.053 namespace"; return d; }
    if (head.find("<?OFX") != std::string_view::npos || head.find("<OFX>") != std::string_view::npos) { d.format = Format::Ofx; d.why = "OFX 2 (XML)"; return d; }
    if (head.find("camt.052") != std::string_view::npos || head.find("camt.054") != std::string_view::npos) {
      d.why = "The file is an ISO 20022 account report or notification (camt.052 or camt.054), not a statement: ask for camt.053";
      return d;
    }
    d.why = "The file is XML, but neither OFX nor a camt.053 statement";
    return d;
  }
  if (s.find('\0') != std::string_view::npos && s.find('\0') < 4096) { d.why = "The file is not text: it is no statement format Patchwork reads"; return d; }
  // Text: a CSV whose first line is the header of a built-in mapping. Where
  // several fit, the one that names the most of the file's columns.
  std::string_view first = s.substr(0, s.find('\n'));
  std::size_t best = 0;
  for (const auto& m : builtin_mappings()) {
    if (!m.has_header || m.skip_lines != 0) continue;
    auto fields = header_fields(first, m.delimiter);
    std::size_t named = 0;
    bool all = true;
    for (const Column* c : std::initializer_list<const Column*>{&m.date, &m.value_date, &m.amount, &m.debit, &m.credit, &m.payee, &m.description, &m.reference,
                            &m.balance, &m.bank_id, &m.merchant_category, &m.currency_column, &m.card}) {
      if (c->header.empty()) continue;
      if (std::find(fields.begin(), fields.end(), to_lower(c->header)) == fields.end()) { all = false; break; }
      ++named;
    }
    if (all && named > best) {
      best = named;
      d.format = m.is_card() ? Format::Card : Format::Csv;
      d.mapping = m.name;
      d.why = "a CSV header the built-in mapping '" + m.name + "' reads";
    }
  }
  if (!d.format) {
    std::string names;
    for (const auto& m : builtin_mappings()) names += (names.empty() ? "" : ", ") + m.name;
    d.why = "The file looks like text but its first line is not a header Patchwork knows. If it is a bank's CSV, "
            "choose its mapping (built in: " + names + ") or save one for the bank";
  }
  return d;
}

ParseReport parse_statement(const ByteSource& source, std::optional<Format> format, const CsvMapping* mapping,
                            const Handlers& handlers, const ParseOptions& options) {
  // The first bytes are read once, for detection, and handed back first.
  auto head = std::make_shared<std::string>();
  head->resize(4096);
  std::size_t got = 0;
  while (got < head->size()) {
    std::size_t n = source(head->data() + got, head->size() - got);
    if (n == 0) break;
    got += n;
  }
  head->resize(got);
  auto offset = std::make_shared<std::size_t>(0);
  ByteSource replay = [head, offset, &source](char* buffer, std::size_t size) -> std::size_t {
    if (*offset < head->size()) {
      std::size_t n = std::min(size, head->size() - *offset);
      std::memcpy(buffer, head->data() + *offset, n);
      *offset += n;
      return n;
    }
    return source(buffer, size);
  };
  const CsvMapping* use = mapping;
  if (!format) {
    Detection d = detect_format(*head);
    if (!d.format) {
      ParseReport r;
      r.fatal = Rejection{1, "format", d.why};
      return r;
    }
    format = d.format;
    if (!use && !d.mapping.empty()) use = builtin_mapping(d.mapping);
  }
  switch (*format) {
    case Format::Ofx: return parse_ofx(replay, handlers, options);
    case Format::Camt053: return parse_camt053(replay, handlers, options);
    case Format::Csv:
    case Format::Card:
      if (!use) {
        ParseReport r;
        r.format = *format;
        std::string names;
        for (const auto& m : builtin_mappings()) names += (names.empty() ? "" : ", ") + m.name;
        r.fatal = Rejection{0, "mapping", "A CSV file needs a mapping: the bank's saved mapping, or one built in (" + names + ")"};
        return r;
      }
      if (*format == Format::Card && !use->is_card()) {
        ParseReport r;
        r.format = *format;
        r.fatal = Rejection{0, "mapping", "The mapping '" + use->name + "' has no merchant category column, so it cannot read a card file"};
        return r;
      }
      return parse_csv(replay, *use, handlers, options);
  }
  return {};
}

}  // namespace patchwork::io::statements
