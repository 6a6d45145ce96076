#pragma once
// How a bank's CSV is read: which column holds what, the date format, the
// decimal style and the order the lines come in. A mapping is data: written as
// "key = value" lines (docs/statements.md), saved per bank by name, and a few
// are built in. A mapping that names a merchant category column reads a
// prepaid-card file.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace patchwork::io::statements {

enum class DecimalStyle { Point, Comma };                   // 1,234.56 | 1.234,56
enum class DateOrder { Any, OldestFirst, NewestFirst };     // what the bank promises
enum class AmountSign { AsWritten, Inverted };              // Inverted: spending written above zero

// A column by its header's text (compared without case or surrounding spaces)
// or by its position (1 is the first). Neither: not in this file.
struct Column {
  std::string header;
  std::size_t position = 0;
  bool set() const { return !header.empty() || position > 0; }
};

struct CsvMapping {
  std::string name;
  std::string about;                   // "description = …": which bank, which account type
  char delimiter = ',';
  bool has_header = true;
  std::size_t skip_lines = 0;          // lines before the header (or the first line) to pass over
  std::string date_format = "DD/MM/YYYY";
  DecimalStyle decimal = DecimalStyle::Point;
  DateOrder order = DateOrder::Any;
  AmountSign sign = AmountSign::AsWritten;
  std::string encoding = "utf-8";      // or "windows-1252"
  std::string currency = "GBP";        // when there is no currency column
  Column date, value_date, amount, debit, credit, payee, description, reference, balance, bank_id,
      merchant_category, currency_column, card;
  bool is_card() const { return merchant_category.set(); }
};

struct MappingResult {
  std::optional<CsvMapping> mapping;
  std::vector<std::string> errors;     // each names the key: "date_format: …"
};
MappingResult parse_mapping(std::string_view text);
// The same mapping as text that parse_mapping reads back unchanged.
std::string write_mapping(const CsvMapping& mapping);

const std::vector<CsvMapping>& builtin_mappings();
const CsvMapping* builtin_mapping(std::string_view name);

}  // namespace patchwork::io::statements
