#include "io/statements/mapping.hpp"

#include <algorithm>
#include <array>
#include <charconv>

#include "io/statements/common.hpp"

namespace patchwork::io::statements {
namespace {

struct ColumnKey {
  const char* key;
  Column CsvMapping::*member;
};
constexpr std::array<ColumnKey, 13> kColumns = {{
    {"date", &CsvMapping::date},
    {"value_date", &CsvMapping::value_date},
    {"amount", &CsvMapping::amount},
    {"debit", &CsvMapping::debit},
    {"credit", &CsvMapping::credit},
    {"payee", &CsvMapping::payee},
    {"description", &CsvMapping::description},
    {"reference", &CsvMapping::reference},
    {"balance", &CsvMapping::balance},
    {"bank_id", &CsvMapping::bank_id},
    {"merchant_category", &CsvMapping::merchant_category},
    {"currency", &CsvMapping::currency_column},
    {"card", &CsvMapping::card},
}};

std::string trimmed(std::string_view s) {
  auto b = s.find_first_not_of(" \t\r");
  if (b == std::string_view::npos) return {};
  auto e = s.find_last_not_of(" \t\r");
  return std::string(s.substr(b, e - b + 1));
}

std::string delimiter_name(char d) {
  if (d == '\t') return "tab";
  if (d == ';') return "semicolon";
  if (d == '|') return "pipe";
  return "comma";
}

// The built-in mappings, as the same text a council would save. The bank
// layouts are those of the banks' CSV downloads as published in 2024-25; a bank
// may change its layout, and a council then saves its own mapping by name.
constexpr std::array<const char*, 6> kBuiltin = {
    R"(name = patchwork
description = Patchwork's own documented CSV: ISO dates, one signed amount, oldest first
date_format = YYYY-MM-DD
order = oldest_first
column.bank_id = Id
column.date = Date
column.payee = Payee
column.description = Description
column.reference = Reference
column.amount = Amount
column.balance = Balance
)",
    R"(name = lloyds
description = Lloyds Bank (also Halifax and Bank of Scotland): debit and credit columns, newest first
date_format = DD/MM/YYYY
order = newest_first
column.date = Transaction Date
column.description = Transaction Description
column.debit = Debit Amount
column.credit = Credit Amount
column.balance = Balance
)",
    R"(name = barclays
description = Barclays: one signed amount, the account in a column, memo as the description
date_format = DD/MM/YYYY
column.date = Date
column.amount = Amount
column.description = Memo
column.reference = Subcategory
)",
    R"(name = monzo
description = Monzo: the bank's transaction id, name of the payee, one signed amount
date_format = DD/MM/YYYY
order = oldest_first
column.bank_id = Transaction ID
column.date = Date
column.payee = Name
column.description = Description
column.reference = Notes and #tags
column.amount = Amount
column.currency = Currency
)",
    R"(name = comma-decimal
description = Semicolon-separated with 1.234,56 amounts and DD.MM.YYYY dates, as continental banks export
delimiter = semicolon
decimal = comma
date_format = DD.MM.YYYY
column.date = Date
column.payee = Payee
column.description = Description
column.amount = Amount
column.balance = Balance
)",
    R"(name = prepaid-card
description = Patchwork's documented prepaid-card CSV: masked card, merchant and merchant category code
date_format = YYYY-MM-DD
order = oldest_first
column.bank_id = Transaction ID
column.date = Date
column.card = Card
column.payee = Merchant
column.merchant_category = MCC
column.description = Description
column.amount = Amount
column.balance = Balance
)",
};

}  // namespace

MappingResult parse_mapping(std::string_view text) {
  MappingResult result;
  CsvMapping m;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    auto end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view raw = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    std::string line = trimmed(raw);
    if (line.empty() || line[0] == '#') {
      if (end == text.size()) break;
      continue;
    }
    auto eq = line.find('=');
    if (eq == std::string::npos) {
      result.errors.push_back("line " + std::to_string(line_no) + ": write it as key = value");
      continue;
    }
    std::string key = trimmed(std::string_view(line).substr(0, eq));
    std::string value = trimmed(std::string_view(line).substr(eq + 1));
    auto bad = [&](const std::string& why) { result.errors.push_back(key + ": " + why); };
    if (value.size() > 200) { bad("is longer than 200 characters"); continue; }
    if (key == "name") {
      bool ok = !value.empty() && value.size() <= 60 &&
                std::all_of(value.begin(), value.end(), [](char c) {
                  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
                });
      if (!ok) bad("use 1 to 60 lower-case letters, digits, - and _");
      else m.name = value;
    } else if (key == "description") {
      m.about = value;
    } else if (key == "delimiter") {
      if (value == "," || value == "comma") m.delimiter = ',';
      else if (value == ";" || value == "semicolon") m.delimiter = ';';
      else if (value == "tab") m.delimiter = '\t';
      else if (value == "|" || value == "pipe") m.delimiter = '|';
      else bad("choose comma, semicolon, tab or pipe");
    } else if (key == "header") {
      if (value == "yes") m.has_header = true;
      else if (value == "no") m.has_header = false;
      else bad("say yes or no");
    } else if (key == "skip_lines") {
      std::size_t n = 0;
      auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc{} || p != value.data() + value.size() || n > 50) bad("a whole number from 0 to 50");
      else m.skip_lines = n;
    } else if (key == "date_format") {
      if (!valid_date_format(value)) bad("use DD, MM (or MMM for Jan, Feb…), YYYY (or YY) once each, with / - . or spaces between");
      else m.date_format = value;
    } else if (key == "decimal") {
      if (value == "point") m.decimal = DecimalStyle::Point;
      else if (value == "comma") m.decimal = DecimalStyle::Comma;
      else bad("choose point (1,234.56) or comma (1.234,56)");
    } else if (key == "order") {
      if (value == "any") m.order = DateOrder::Any;
      else if (value == "oldest_first") m.order = DateOrder::OldestFirst;
      else if (value == "newest_first") m.order = DateOrder::NewestFirst;
      else bad("choose any, oldest_first or newest_first");
    } else if (key == "sign") {
      if (value == "as_written") m.sign = AmountSign::AsWritten;
      else if (value == "inverted") m.sign = AmountSign::Inverted;
      else bad("choose as_written or inverted (spending written above zero)");
    } else if (key == "encoding") {
      if (value == "utf-8" || value == "windows-1252") m.encoding = value;
      else bad("choose utf-8 or windows-1252");
    } else if (key == "currency") {
      if (value.size() != 3 || !std::all_of(value.begin(), value.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
        bad("three capital letters, like GBP");
      else m.currency = value;
    } else if (key.rfind("column.", 0) == 0) {
      std::string which = key.substr(7);
      auto it = std::find_if(kColumns.begin(), kColumns.end(), [&](const ColumnKey& c) { return which == c.key; });
      if (it == kColumns.end()) { bad("there is no such column; see docs/statements.md"); continue; }
      Column col;
      if (!value.empty() && value[0] == '#') {
        std::size_t n = 0;
        auto [p, ec] = std::from_chars(value.data() + 1, value.data() + value.size(), n);
        if (ec != std::errc{} || p != value.data() + value.size() || n < 1 || n > 200) { bad("a position is # and 1 to 200, like #3"); continue; }
        col.position = n;
      } else if (value.empty()) {
        bad("name the column's header, or its position like #3");
        continue;
      } else {
        col.header = value;
      }
      m.*(it->member) = col;
    } else {
      result.errors.push_back("line " + std::to_string(line_no) + ": " + key + " is not a mapping setting");
    }
    if (end == text.size()) break;
  }
  if (m.name.empty()) result.errors.push_back("name: give the mapping a name");
  if (!m.date.set()) result.errors.push_back("column.date: say which column holds the date");
  bool one_column = m.amount.set() && !m.debit.set() && !m.credit.set();
  bool two_columns = !m.amount.set() && m.debit.set() && m.credit.set();
  if (!one_column && !two_columns)
    result.errors.push_back("column.amount: give either one signed amount column, or both column.debit and column.credit");
  if (!m.has_header) {
    for (const auto& c : kColumns)
      if (!(m.*(c.member)).header.empty())
        result.errors.push_back(std::string("column.") + c.key + ": a file without a header line needs positions, like #3");
  }
  if (result.errors.empty()) result.mapping = std::move(m);
  return result;
}

std::string write_mapping(const CsvMapping& m) {
  std::string out = "name = " + m.name + "\n";
  if (!m.about.empty()) out += "description = " + m.about + "\n";
  out += "delimiter = " + delimiter_name(m.delimiter) + "\n";
  out += std::string("header = ") + (m.has_header ? "yes" : "no") + "\n";
  out += "skip_lines = " + std::to_string(m.skip_lines) + "\n";
  out += "date_format = " + m.date_format + "\n";
  out += std::string("decimal = ") + (m.decimal == DecimalStyle::Point ? "point" : "comma") + "\n";
  out += std::string("order = ") +
         (m.order == DateOrder::Any ? "any" : m.order == DateOrder::OldestFirst ? "oldest_first" : "newest_first") + "\n";
  out += std::string("sign = ") + (m.sign == AmountSign::AsWritten ? "as_written" : "inverted") + "\n";
  out += "encoding = " + m.encoding + "\n";
  out += "currency = " + m.currency + "\n";
  for (const auto& c : kColumns) {
    const Column& col = m.*(c.member);
    if (!col.set()) continue;
    out += std::string("column.") + c.key + " = " + (col.header.empty() ? "#" + std::to_string(col.position) : col.header) + "\n";
  }
  return out;
}

const std::vector<CsvMapping>& builtin_mappings() {
  static const std::vector<CsvMapping> all = [] {
    std::vector<CsvMapping> v;
    for (const char* text : kBuiltin) v.push_back(*parse_mapping(text).mapping);
    return v;
  }();
  return all;
}

const CsvMapping* builtin_mapping(std::string_view name) {
  for (const auto& m : builtin_mappings())
    if (m.name == name) return &m;
  return nullptr;
}

}  // namespace patchwork::io::statements
