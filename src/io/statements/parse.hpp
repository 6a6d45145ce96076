#pragma once
// Statement files in, statement records out (domain/statements/statement.hpp),
// with no storage: bank CSV through a column mapping, prepaid-card CSV with
// merchant category codes, OFX 1.x (SGML) and 2.x (XML), and ISO 20022
// camt.053 .001.02 to .001.08. docs/statements.md describes what each accepts.
//
// Every parser streams: it reads the file in chunks of ParseOptions::chunk_bytes
// and hands each line to Handlers::line as soon as it is read, so its memory
// does not grow with the file (ParseReport::stats shows the high-water marks,
// and a unit test parses a million lines to prove it). A statement's header
// and trailer come to statement_start and statement_end; lines are never held.
//
// Because lines leave before the end of the file is read, a caller that wants
// "all or nothing" keeps what it receives inside one transaction and asks
// may_import() at the end: a fatal error (a truncated or wrong file), or any
// rejected line under ImportChoice::AllOrNothing, means roll it all back.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/statements/statement.hpp"
#include "io/statements/mapping.hpp"

namespace patchwork::io::statements {

using patchwork::statements::Format;
using patchwork::statements::Line;
using patchwork::statements::StatementInfo;

// Fills `buffer` with up to `size` bytes of the file and returns how many; 0 at
// the end. An input error is the source's to report by throwing.
using ByteSource = std::function<std::size_t(char* buffer, std::size_t size)>;
ByteSource source_from(std::istream& in);
// Reads from text the caller keeps alive for as long as the parse runs.
ByteSource source_from_text(std::string_view text);

struct Handlers {
  std::function<void(const StatementInfo&)> statement_start;
  std::function<void(const Line&)> line;
  std::function<void(const StatementInfo&)> statement_end;
  std::function<void(std::uint64_t bytes_read)> progress;  // after each chunk
};

struct ParseOptions {
  std::size_t chunk_bytes = 64 * 1024;
  // Rejections beyond this many are counted (ParseReport::lines_rejected)
  // but not kept, so a file of a million bad lines still parses in bounded memory.
  std::size_t max_rejections_kept = 1000;
};

// Why a line, or the whole file, was refused: the line of the file (1 is the
// first; 0 when the problem is the file as a whole, such as its encoding
// declared before any line), the field or element concerned, and the reason in
// words a finance officer can act on.
struct Rejection {
  std::uint64_t line = 0;
  std::string field;
  std::string reason;
};

struct ParseStats {
  std::uint64_t bytes_read = 0;
  // The largest the parser's own buffers grew: the CSV record being read, the
  // XML text being collected, the OFX tag and value being read.
  std::size_t peak_buffer_bytes = 0;
  // The most line keys held at once for counting identical lines
  // (Line::occurrence): only those of one booking date.
  std::size_t peak_identity_keys = 0;
};

struct ParseReport {
  Format format = Format::Csv;
  std::string format_detail;            // "camt.053.001.08", "OFX 1.02 (SGML)", "CSV, mapping lloyds"
  std::size_t statements = 0;
  std::uint64_t lines_accepted = 0;     // handed to Handlers::line
  std::uint64_t lines_rejected = 0;
  std::vector<Rejection> rejections;    // the first ParseOptions::max_rejections_kept, in file order
  std::optional<Rejection> fatal;       // set when the whole file is refused
  ParseStats stats;
  bool clean() const { return !fatal && lines_rejected == 0; }
};

enum class ImportChoice {
  AllOrNothing,          // any rejected line refuses the whole file
  WithoutRejectedLines,  // keep the accepted lines; the rejected ones are listed to be worked
};
// Whether what the parser handed over may be kept. Never after a fatal error,
// whatever the choice: a file that stops half way is not a partly valid file.
bool may_import(const ParseReport& report, ImportChoice choice);

ParseReport parse_csv(const ByteSource& source, const CsvMapping& mapping, const Handlers& handlers,
                      const ParseOptions& options = {});
ParseReport parse_ofx(const ByteSource& source, const Handlers& handlers, const ParseOptions& options = {});
ParseReport parse_camt053(const ByteSource& source, const Handlers& handlers, const ParseOptions& options = {});

// What the first bytes of a file say it is. A CSV's mapping is chosen by its
// header (the built-in mapping whose every named column is in the first
// line), and is a card file when that mapping reads merchant category codes.
struct Detection {
  std::optional<Format> format;
  std::string mapping;   // for CSV and card files, when a built-in mapping fits
  std::string why;       // what was seen, or why nothing fits
};
Detection detect_format(std::string_view first_bytes);

// Parses with the format given, or detects it from the first bytes when
// `format` is empty (`--format auto`). CSV and card files need a mapping: the
// one given, else the built-in one detection found; without either the file
// is refused, naming the mappings there are.
ParseReport parse_statement(const ByteSource& source, std::optional<Format> format, const CsvMapping* mapping,
                            const Handlers& handlers, const ParseOptions& options = {});

std::string_view format_code(Format format);              // "csv", "ofx", "camt053", "card"
std::optional<Format> format_from_code(std::string_view code);

}  // namespace patchwork::io::statements
