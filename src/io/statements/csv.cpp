// Bank and prepaid-card CSV (RFC 4180 quoting: fields in double quotes may hold
// the delimiter, line breaks and doubled quotes), read through a mapping.
#include <algorithm>
#include <vector>

#include "core/text.hpp"
#include "io/statements/common.hpp"
#include "io/statements/parse.hpp"

namespace patchwork::io::statements {
namespace {

// The longest record read; a longer one is rejected (and passed over), so a
// file without line breaks cannot make the parser hold it all.
constexpr std::size_t kMaxRecordBytes = 64 * 1024;

std::string lower_trimmed(std::string_view s) {
  std::string t = trim(s);
  return to_lower(t);
}

class CsvParser {
 public:
  CsvParser(const CsvMapping& mapping, Emitter& emit, ParseReport& report)
      : m_(mapping), emit_(emit), report_(report) {}

  void feed(std::string_view data, bool last) {
    for (std::size_t i = 0; i < data.size() && !emit_.failed(); ++i) byte(data[i]);
    if (last && !emit_.failed()) finish();
  }

 private:
  const CsvMapping& m_;
  Emitter& emit_;
  ParseReport& report_;

  // Reading: bytes into fields into records.
  bool start_of_file_ = true;
  std::string bom_;
  std::vector<std::string> fields_;
  std::string field_;
  std::string raw_;           // the record's bytes, for the encoding check
  bool in_quotes_ = false;
  bool quote_seen_ = false;   // a quote inside a quoted field: closing, or the first of a doubled pair
  bool after_close_ = false;  // the field's closing quote has passed
  bool malformed_ = false;
  bool too_long_ = false;
  std::uint64_t physical_line_ = 1;
  std::uint64_t record_line_ = 1;
  std::size_t record_bytes_ = 0;

  // Records into lines.
  std::size_t records_seen_ = 0;
  bool header_done_ = false;
  struct Index { std::optional<std::size_t> at; };
  Index date_, value_date_, amount_, debit_, credit_, payee_, description_, reference_, balance_, bank_id_, mcc_,
      currency_, card_;
  std::size_t needed_fields_ = 0;
  StatementInfo info_;
  bool started_ = false;
  std::optional<Line> first_, last_;  // for the opening and closing balances

  void byte(char c) {
    if (start_of_file_) {
      // A byte-order mark: UTF-8's is passed over; UTF-16's refuses the file.
      bom_.push_back(c);
      static const std::string utf8_bom = "\xEF\xBB\xBF";
      if (bom_ == utf8_bom) { start_of_file_ = false; return; }
      if (bom_ == "\xFF\xFE" || bom_ == "\xFE\xFF") {
        emit_.fatal(1, "encoding", "The file is UTF-16 text. Save it as UTF-8 (CSV UTF-8 in a spreadsheet) and try again");
        return;
      }
      if (utf8_bom.compare(0, bom_.size(), bom_) == 0 || (bom_.size() == 1 && (c == '\xFF' || c == '\xFE'))) return;
      start_of_file_ = false;
      std::string held = std::move(bom_);
      for (char h : held) byte(h);
      return;
    }
    if (!too_long_) {
      raw_.push_back(c);
      if (++record_bytes_ > kMaxRecordBytes) {
        too_long_ = true;
        raw_.clear();
        field_.clear();
        fields_.clear();
      }
    }
    if (in_quotes_) {
      if (quote_seen_) {
        quote_seen_ = false;
        if (c == '"') { append('"'); return; }   // a doubled quote is one quote
        in_quotes_ = false;                       // that quote closed the field
        after_close_ = true;
      } else if (c == '"') {
        quote_seen_ = true;
        return;
      } else {
        if (c == '\n') ++physical_line_;
        append(c);
        return;
      }
    }
    if (c == m_.delimiter) { end_field(); return; }
    if (c == '\n') { end_field(); end_record(); return; }
    if (c == '\r') return;  // CR LF ends a line as LF does
    if (after_close_) { malformed_ = true; return; }
    if (c == '"' && field_.empty()) { in_quotes_ = true; return; }
    append(c);
  }

  void append(char c) {
    if (!too_long_) field_.push_back(c);
    emit_.buffer_size(raw_.size() + field_.size());
  }

  void end_field() {
    if (!too_long_) fields_.push_back(std::move(field_));
    field_.clear();
    after_close_ = false;
  }

  void end_record() {
    std::uint64_t line = record_line_;
    ++physical_line_;
    record_line_ = physical_line_;
    bool too_long = too_long_;
    bool malformed = malformed_;
    too_long_ = malformed_ = false;
    record_bytes_ = 0;
    field_.clear();
    // The record is handled in place and its buffers cleared after, keeping
    // their capacity for the next record.
    record(line, fields_, raw_, too_long, malformed);
    fields_.clear();
    raw_.clear();
  }

  void finish() {
    if (start_of_file_ && !bom_.empty()) {  // a file shorter than a byte-order mark
      start_of_file_ = false;
      std::string held = std::move(bom_);
      for (char h : held) byte(h);
    }
    if (in_quotes_ && !quote_seen_) {
      emit_.fatal(record_line_, "file", "The file ends inside a quoted field that starts on line " +
                                            std::to_string(record_line_) + ": it looks cut short. Download it again");
      return;
    }
    if (in_quotes_) { in_quotes_ = false; after_close_ = true; }
    if (!field_.empty() || !fields_.empty() || after_close_) {
      end_field();
      std::uint64_t line = record_line_;
      record(line, fields_, raw_, too_long_, malformed_);
    }
    if (emit_.failed()) return;
    if (!header_done_ && m_.has_header) {
      emit_.fatal(0, "file", "The file has no header line: it is empty, or not a CSV file");
      return;
    }
    if (started_) {
      // Opening and closing balances from the running balance, where the bank
      // says which line is the oldest.
      const std::optional<Line>& oldest = m_.order == DateOrder::NewestFirst ? last_ : first_;
      const std::optional<Line>& newest = m_.order == DateOrder::NewestFirst ? first_ : last_;
      if (m_.order != DateOrder::Any && oldest && newest && oldest->running_balance_pence && newest->running_balance_pence) {
        info_.opening = patchwork::statements::Balance{*oldest->running_balance_pence - oldest->amount_pence, oldest->booking_date};
        info_.closing = patchwork::statements::Balance{*newest->running_balance_pence, newest->booking_date};
      }
      emit_.end_statement(info_);
    }
  }

  bool blank(const std::vector<std::string>& fields) const {
    return std::all_of(fields.begin(), fields.end(), [](const std::string& f) { return trim(f).empty(); });
  }

  std::optional<std::size_t> find(const std::vector<std::string>& header, const Column& col) {
    if (!col.set()) return std::nullopt;
    if (col.position > 0) return col.position - 1;
    std::string want = lower_trimmed(col.header);
    for (std::size_t i = 0; i < header.size(); ++i)
      if (lower_trimmed(header[i]) == want) return i;
    return std::nullopt;
  }

  bool map_columns(std::uint64_t line, const std::vector<std::string>& header) {
    struct Want { const Column& col; Index& idx; };
    Want wants[] = {{m_.date, date_}, {m_.value_date, value_date_}, {m_.amount, amount_}, {m_.debit, debit_},
                    {m_.credit, credit_}, {m_.payee, payee_}, {m_.description, description_},
                    {m_.reference, reference_}, {m_.balance, balance_}, {m_.bank_id, bank_id_},
                    {m_.merchant_category, mcc_}, {m_.currency_column, currency_}, {m_.card, card_}};
    for (auto& w : wants) {
      if (!w.col.set()) continue;
      w.idx.at = find(header, w.col);
      if (!w.idx.at) {
        std::string seen;
        for (std::size_t i = 0; i < header.size() && i < 12; ++i) seen += (i ? ", " : "") + clip_utf8(trim(header[i]), 40);
        emit_.fatal(line, "header", "This is not a file the mapping '" + m_.name + "' reads: it has no column '" +
                                        w.col.header + "'. The first line has: " + seen);
        return false;
      }
      needed_fields_ = std::max(needed_fields_, *w.idx.at + 1);
    }
    return true;
  }

  std::string cell(const std::vector<std::string>& fields, const Index& idx) const {
    return idx.at && *idx.at < fields.size() ? fields[*idx.at] : std::string();
  }

  void record(std::uint64_t line, std::vector<std::string>& fields, const std::string& raw, bool too_long, bool malformed) {
    ++records_seen_;
    if (records_seen_ <= m_.skip_lines) return;
    if (!too_long && blank(fields)) return;
    if (m_.encoding == "windows-1252") {
      for (auto& f : fields) {
        std::string out;
        std::size_t bad = 0;
        if (!windows_1252_to_utf8(f, out, bad)) {
          emit_.reject(line, "encoding", "has a byte (0x" + hex(static_cast<unsigned char>(f[bad])) + ") that is not windows-1252 text");
          return;
        }
        f = std::move(out);
      }
    } else if (!too_long) {
      if (auto problem = text_problem(raw)) {
        if (!header_done_ && m_.has_header) {
          emit_.fatal(line, "encoding", "The file is not UTF-8 text (" + *problem + "). Save it as UTF-8, or use a mapping with encoding = windows-1252");
        } else {
          emit_.reject(line, "encoding", "is not UTF-8 text (" + *problem + "). Save the file as UTF-8, or use a mapping with encoding = windows-1252");
        }
        return;
      }
    }
    if (!header_done_ && m_.has_header) {
      if (too_long) { emit_.fatal(line, "header", "The first line is longer than 64 KB: this is not a statement CSV"); return; }
      header_done_ = true;
      map_columns(line, fields);
      return;
    }
    if (!header_done_) {
      header_done_ = true;
      std::vector<std::string> none;
      if (!map_columns(line, none)) return;
    }
    if (too_long) { emit_.reject(line, "line", "is longer than 64 KB, which no statement line is"); return; }
    if (malformed) { emit_.reject(line, "line", "has text after a closing quote: a quoted field must end at a " + delimiter_word()); return; }
    if (fields.size() < needed_fields_) {
      emit_.reject(line, "line", "has " + std::to_string(fields.size()) + " fields; this mapping reads " +
                                     std::to_string(needed_fields_) + " (the file may be cut short, or use another delimiter)");
      return;
    }
    Line l;
    l.source_line = line;
    auto date = parse_date(cell(fields, date_), m_.date_format);
    if (!date) { emit_.reject(line, "date", "'" + clip_utf8(trim(cell(fields, date_)), 40) + "' is not a date in the form " + m_.date_format); return; }
    l.booking_date = *date;
    if (value_date_.at && !trim(cell(fields, value_date_)).empty()) {
      auto v = parse_date(cell(fields, value_date_), m_.date_format);
      if (!v) { emit_.reject(line, "value_date", "'" + clip_utf8(trim(cell(fields, value_date_)), 40) + "' is not a date in the form " + m_.date_format); return; }
      l.value_date = v;
    }
    if (amount_.at) {
      auto a = parse_amount(cell(fields, amount_), m_.decimal);
      if (!a.pence) { emit_.reject(line, "amount", "'" + clip_utf8(trim(cell(fields, amount_)), 40) + "' " + a.problem); return; }
      l.amount_pence = *a.pence;
    } else {
      std::string debit = trim(cell(fields, debit_)), credit = trim(cell(fields, credit_));
      AmountParse d, c;
      if (!debit.empty()) { d = parse_amount(debit, m_.decimal); if (!d.pence) { emit_.reject(line, "debit", "'" + clip_utf8(debit, 40) + "' " + d.problem); return; } }
      if (!credit.empty()) { c = parse_amount(credit, m_.decimal); if (!c.pence) { emit_.reject(line, "credit", "'" + clip_utf8(credit, 40) + "' " + c.problem); return; } }
      bool has_d = d.pence && *d.pence != 0, has_c = c.pence && *c.pence != 0;
      if (has_d && has_c) { emit_.reject(line, "amount", "has both a debit and a credit; a statement line is one or the other"); return; }
      if (has_d) l.amount_pence = -(*d.pence < 0 ? -*d.pence : *d.pence);
      else if (has_c) l.amount_pence = *c.pence < 0 ? -*c.pence : *c.pence;
      else { emit_.reject(line, "amount", "has neither a debit nor a credit"); return; }
    }
    if (m_.sign == AmountSign::Inverted) l.amount_pence = -l.amount_pence;
    if (balance_.at && !trim(cell(fields, balance_)).empty()) {
      auto b = parse_amount(cell(fields, balance_), m_.decimal);
      if (!b.pence) { emit_.reject(line, "balance", "'" + clip_utf8(trim(cell(fields, balance_)), 40) + "' " + b.problem); return; }
      l.running_balance_pence = *b.pence;
    }
    if (mcc_.at) {
      std::string code = trim(cell(fields, mcc_));
      if (!code.empty()) {
        bool ok = code.size() == 4 && std::all_of(code.begin(), code.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
        if (!ok) { emit_.reject(line, "merchant_category", "'" + clip_utf8(code, 40) + "' is not a merchant category code (four digits)"); return; }
        l.merchant_category = std::stoi(code);
      }
    }
    if (currency_.at) {
      std::string ccy = trim(cell(fields, currency_));
      if (!ccy.empty()) {
        bool ok = ccy.size() == 3 && std::all_of(ccy.begin(), ccy.end(), [](char ch) { return ch >= 'A' && ch <= 'Z'; });
        if (!ok) { emit_.reject(line, "currency", "'" + clip_utf8(ccy, 40) + "' is not a currency code like GBP"); return; }
        l.currency = ccy;
      }
    }
    l.bank_id = clean_text(cell(fields, bank_id_));
    l.payee = clean_text(cell(fields, payee_));
    l.description = clean_text(cell(fields, description_));
    l.reference = clean_text(cell(fields, reference_));
    std::string card;
    if (card_.at) {
      card = mask_card(cell(fields, card_));
      if (card.empty()) { emit_.reject(line, "card", "is not a card number"); return; }
    }
    if (!started_) {
      info_.currency = m_.currency;
      info_.source_line = line;
      info_.account.masked_card = card;
      started_ = true;
      emit_.start_statement(info_);
    } else if (card_.at && card != info_.account.masked_card) {
      emit_.reject(line, "card", "is for card " + card + " but this file's first line was for " + info_.account.masked_card);
      return;
    }
    std::uint64_t before = report_.lines_accepted;
    emit_.line(l, m_.order);
    if (report_.lines_accepted != before) {
      if (!first_) first_ = l;
      last_ = std::move(l);
    }
  }

  std::string delimiter_word() const {
    return m_.delimiter == ',' ? "comma" : m_.delimiter == ';' ? "semicolon" : m_.delimiter == '\t' ? "tab" : "delimiter";
  }
  static std::string hex(unsigned char c) {
    const char* d = "0123456789ABCDEF";
    return {d[c >> 4], d[c & 15]};
  }
};

}  // namespace

ParseReport parse_csv(const ByteSource& source, const CsvMapping& mapping, const Handlers& handlers, const ParseOptions& options) {
  ParseReport report;
  report.format = mapping.is_card() ? Format::Card : Format::Csv;
  report.format_detail = std::string(mapping.is_card() ? "card CSV" : "CSV") + ", mapping " + mapping.name;
  Emitter emit(report, handlers, options);
  CsvParser parser(mapping, emit, report);
  read_all(source, options, emit, [&](std::string_view data, bool last) { parser.feed(data, last); },
           [&] { return emit.failed(); });
  return report;
}

}  // namespace patchwork::io::statements
