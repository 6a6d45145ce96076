// OFX: 1.x is SGML (a "KEY:VALUE" header, then tags, with the leaf elements'
// closing tags left out: "<TRNAMT>-12.50" ends where the next tag starts);
// 2.x is XML, read with libexpat. Both become the same three events (an
// aggregate opens, a leaf has a value, an aggregate closes), read by one
// OfxReader. Bank statements (STMTRS) and credit card statements (CCSTMTRS)
// are read, as many as the file holds.
#include <vector>

#include "core/text.hpp"
#include "io/statements/common.hpp"
#include "io/statements/parse.hpp"
#include "io/statements/xml.hpp"

namespace patchwork::io::statements {
namespace {

constexpr std::size_t kMaxValue = 64 * 1024;
constexpr std::size_t kMaxDepth = 32;

std::optional<CivilDate> ofx_date(std::string_view v) {
  // YYYYMMDD, then perhaps HHMMSS.XXX[offset:TZ]: the civil date is the first eight.
  if (v.size() < 8) return std::nullopt;
  for (std::size_t i = 0; i < 8; ++i)
    if (v[i] < '0' || v[i] > '9') return std::nullopt;
  if (v.size() > 8 && !(v[8] >= '0' && v[8] <= '9') && v[8] != '[') return std::nullopt;
  return CivilDate::from_parts(std::stoi(std::string(v.substr(0, 4))), std::stoi(std::string(v.substr(4, 2))),
                               std::stoi(std::string(v.substr(6, 2))));
}

AmountParse ofx_amount(std::string_view v) {
  // OFX allows a comma as the decimal mark and no grouping.
  std::string t = trim(v);
  bool comma = t.find(',') != std::string::npos && t.find('.') == std::string::npos;
  return parse_amount(t, comma ? DecimalStyle::Comma : DecimalStyle::Point);
}

std::string digits_only(std::string_view v) {
  std::string out;
  for (char c : v)
    if (c != ' ' && c != '-') out.push_back(c);
  return out;
}

// The statement content, whichever syntax carried it.
class OfxReader {
 public:
  OfxReader(Emitter& emit) : emit_(emit) {}

  void open(const std::string& name, std::uint64_t line) {
    if (path_.size() >= kMaxDepth) { emit_.fatal(line, name, "The file nests elements more than 32 deep, which OFX does not"); return; }
    if (path_.empty() && name != "OFX") { emit_.fatal(line, name, "This is not an OFX file: it starts with <" + name + ">, not <OFX>"); return; }
    path_.push_back({name, line});
    if (name == "STMTRS" || name == "CCSTMTRS") {
      info_ = StatementInfo{};
      info_.source_line = line;
      in_stmt_ = true;
      started_ = false;
      saw_statement_ = true;
    } else if (name == "STMTTRN" && in_stmt_) {
      begin_statement();
      trn_ = Trn{};
      trn_.line = line;
      in_trn_ = true;
    }
  }

  void leaf(const std::string& name, std::string value, std::uint64_t line, const std::string& value_problem) {
    if (path_.empty()) { emit_.fatal(line, name, "This is not an OFX file: it starts with <" + name + ">, not <OFX>"); return; }
    const std::string& parent = path_.back().name;
    if (!value_problem.empty()) {
      if (in_trn_) { if (trn_.problem.empty()) trn_.problem = name + " " + value_problem; }
      else emit_.fatal(line, name, "<" + name + "> " + value_problem);
      return;
    }
    if (in_trn_) {
      if (name == "TRNAMT") trn_.amount = value;
      else if (name == "DTPOSTED") trn_.posted = value;
      else if (name == "DTUSER") trn_.user = value;
      else if (name == "DTAVAIL") trn_.avail = value;
      else if (name == "FITID") trn_.fitid = value;
      else if (name == "NAME") trn_.name = value;  // STMTTRN/NAME or STMTTRN/PAYEE/NAME
      else if (name == "MEMO") trn_.memo = value;
      else if (name == "CHECKNUM" || name == "REFNUM") { if (trn_.reference.empty()) trn_.reference = value; }
      else if (name == "SIC") trn_.sic = value;
      else if (name == "CURSYM") trn_.currency = value;
      else if (name == "TRNTYPE") trn_.type = value;
      return;
    }
    if (!in_stmt_) return;
    if (name == "CURDEF") info_.currency = trim(value);
    else if (name == "BANKID" && parent == "BANKACCTFROM") info_.account.sort_code = digits_only(value);
    else if (name == "ACCTID" && parent == "BANKACCTFROM") account_id_ = digits_only(value);
    else if (name == "ACCTID" && parent == "CCACCTFROM") {
      info_.account.masked_card = mask_card(value);
      if (info_.account.masked_card.empty()) info_.account.other_id = clean_text(value);
    } else if (name == "DTSTART" && parent == "BANKTRANLIST") {
      info_.period_from = ofx_date(value);
      if (!info_.period_from) emit_.fatal(line, name, "<DTSTART> '" + clip_utf8(value, 40) + "' is not an OFX date (YYYYMMDD…)");
    } else if (name == "DTEND" && parent == "BANKTRANLIST") {
      info_.period_to = ofx_date(value);
      if (!info_.period_to) emit_.fatal(line, name, "<DTEND> '" + clip_utf8(value, 40) + "' is not an OFX date (YYYYMMDD…)");
    } else if (parent == "LEDGERBAL" && name == "BALAMT") {
      auto a = ofx_amount(value);
      if (!a.pence) emit_.fatal(line, name, "<BALAMT> '" + clip_utf8(value, 40) + "' " + a.problem);
      else {
        closing_.pence = *a.pence;
        has_closing_ = true;
      }
    } else if (parent == "LEDGERBAL" && name == "DTASOF") {
      closing_.date = ofx_date(value);
    }
  }

  void close(const std::string& name, std::uint64_t line) {
    // SGML may leave aggregates' ends out too: close back to the one named.
    std::size_t at = path_.size();
    while (at > 0 && path_[at - 1].name != name) --at;
    if (at == 0) { emit_.fatal(line, name, "</" + name + "> closes an element that was never opened"); return; }
    while (path_.size() >= at) {
      std::string closing = path_.back().name;
      path_.pop_back();
      closed(closing, line);
      if (emit_.failed()) return;
    }
  }

  void finish(std::uint64_t line) {
    if (emit_.failed()) return;
    if (!saw_ofx_) { emit_.fatal(line, "OFX", "The file has no <OFX> element: it is not an OFX statement, or it is cut short"); return; }
    if (path_.empty() && !saw_statement_) {
      emit_.fatal(line, "STMTRS", "The OFX file holds no bank or credit card statement (STMTRS or CCSTMTRS); investment and other statements are not read");
      return;
    }
    if (!path_.empty()) {
      emit_.fatal(line, path_.back().name, "The file ends inside <" + path_.back().name + "> opened on line " +
                                              std::to_string(path_.back().line) + ": it looks cut short. Download it again");
    }
  }

 private:
  struct Open { std::string name; std::uint64_t line; };
  struct Trn {
    std::uint64_t line = 0;
    std::string amount, posted, user, avail, fitid, name, memo, reference, sic, currency, type, problem;
  };
  Emitter& emit_;
  std::vector<Open> path_;
  StatementInfo info_;
  std::string account_id_;
  bool in_stmt_ = false, started_ = false, in_trn_ = false, saw_ofx_ = false, saw_statement_ = false;
  Trn trn_;
  patchwork::statements::Balance closing_;
  bool has_closing_ = false;

  void begin_statement() {
    if (started_) return;
    started_ = true;
    if (!info_.account.sort_code.empty()) info_.account.account_number = account_id_;
    else if (!account_id_.empty()) info_.account.other_id = account_id_;
    emit_.start_statement(info_);
  }

  void closed(const std::string& name, std::uint64_t line) {
    if (name == "OFX") saw_ofx_ = true;
    if (name == "STMTTRN" && in_trn_) {
      in_trn_ = false;
      transaction();
    } else if ((name == "STMTRS" || name == "CCSTMTRS") && in_stmt_) {
      begin_statement();
      if (has_closing_) info_.closing = closing_;
      has_closing_ = false;
      closing_ = {};
      in_stmt_ = false;
      emit_.end_statement(info_);
    }
    (void)line;
  }

  void transaction() {
    std::uint64_t l = trn_.line;
    if (!trn_.problem.empty()) { emit_.reject(l, "STMTTRN", trn_.problem); return; }
    Line out;
    out.source_line = l;
    if (trn_.posted.empty()) { emit_.reject(l, "DTPOSTED", "the transaction has no <DTPOSTED> date"); return; }
    auto posted = ofx_date(trn_.posted);
    if (!posted) { emit_.reject(l, "DTPOSTED", "'" + clip_utf8(trn_.posted, 40) + "' is not an OFX date (YYYYMMDD…)"); return; }
    out.booking_date = *posted;
    if (!trn_.user.empty() && !ofx_date(trn_.user)) {
      // DTUSER (when the person paid) is not kept, but a broken one is a broken file.
      emit_.reject(l, "DTUSER", "'" + clip_utf8(trn_.user, 40) + "' is not an OFX date (YYYYMMDD…)");
      return;
    }
    if (!trn_.avail.empty()) {
      // DTAVAIL, when the money is available, is the value date.
      out.value_date = ofx_date(trn_.avail);
      if (!out.value_date) { emit_.reject(l, "DTAVAIL", "'" + clip_utf8(trn_.avail, 40) + "' is not an OFX date (YYYYMMDD…)"); return; }
    }
    if (trn_.amount.empty()) { emit_.reject(l, "TRNAMT", "the transaction has no <TRNAMT> amount"); return; }
    auto a = ofx_amount(trn_.amount);
    if (!a.pence) { emit_.reject(l, "TRNAMT", "'" + clip_utf8(trn_.amount, 40) + "' " + a.problem); return; }
    out.amount_pence = *a.pence;
    out.bank_id = clean_text(trn_.fitid);
    out.payee = clean_text(trn_.name);
    out.description = clean_text(trn_.memo);
    out.reference = clean_text(trn_.reference);
    if (!trn_.sic.empty()) {
      std::string s = trim(trn_.sic);
      bool ok = s.size() == 4 && s.find_first_not_of("0123456789") == std::string::npos;
      if (!ok) { emit_.reject(l, "SIC", "'" + clip_utf8(s, 40) + "' is not a four-digit merchant category code"); return; }
      out.merchant_category = std::stoi(s);
    }
    out.currency = trim(trn_.currency);
    emit_.line(out);
  }
};

// OFX 1.x: the SGML header, then tags. Values are turned into UTF-8 from the
// charset the header declares.
class SgmlOfx {
 public:
  SgmlOfx(Emitter& emit) : emit_(emit), reader_(emit) {}

  void feed(std::string_view data, bool last) {
    for (std::size_t i = 0; i < data.size() && !emit_.failed(); ++i) byte(data[i]);
    if (last && !emit_.failed()) finish();
  }
  std::string detail() const { return "OFX " + version_ + " (SGML)"; }

 private:
  Emitter& emit_;
  OfxReader reader_;
  enum class State { Header, Text, Tag } state_ = State::Header;
  std::string header_, text_, tag_;
  std::string encoding_ = "USASCII", charset_ = "NONE", version_ = "1.x";
  std::uint64_t line_ = 1, text_line_ = 1, tag_line_ = 1;
  std::string pending_;          // a start tag not yet known to be a leaf or an aggregate
  std::uint64_t pending_line_ = 0;
  std::string last_leaf_;        // "<NAME>x</NAME>" closes a leaf that needed no closing

  void byte(char c) {
    if (c == '\n') ++line_;
    switch (state_) {
      case State::Header:
        if (c == '<') { if (!read_header()) return; state_ = State::Tag; tag_line_ = line_; tag_.clear(); return; }
        header_.push_back(c);
        if (header_.size() > 4096) emit_.fatal(line_, "header", "The OFX header is longer than 4 KB: this is not an OFX file");
        return;
      case State::Text:
        if (c == '<') { state_ = State::Tag; tag_line_ = line_; tag_.clear(); return; }
        text_.push_back(c);
        emit_.buffer_size(text_.size());
        if (text_.size() > kMaxValue) emit_.fatal(text_line_, pending_.empty() ? "text" : pending_, "A value is longer than 64 KB, which no OFX value is");
        return;
      case State::Tag:
        if (c == '>') { state_ = State::Text; tag(); text_.clear(); text_line_ = line_; return; }
        tag_.push_back(c);
        if (tag_.size() > 64) emit_.fatal(tag_line_, "tag", "A tag is longer than 64 characters: this is not OFX");
        return;
    }
  }

  bool read_header() {
    // OFXHEADER:100 / DATA:OFXSGML / VERSION:102 / ENCODING:USASCII / CHARSET:1252 …
    // A file that starts at <OFX> with no header is read as UTF-8.
    if (trim(header_).empty()) encoding_ = "UTF-8";
    for (const auto& raw : split(header_, '\n')) {
      std::string l = trim(raw);
      if (l.empty()) continue;
      auto colon = l.find(':');
      if (colon == std::string::npos) { emit_.fatal(line_, "header", "The OFX header line '" + clip_utf8(l, 40) + "' is not KEY:VALUE"); return false; }
      std::string key = l.substr(0, colon), value = trim(l.substr(colon + 1));
      if (key == "DATA" && value != "OFXSGML") { emit_.fatal(line_, "DATA", "The OFX header says DATA:" + clip_utf8(value, 20) + "; OFX 1 files are OFXSGML"); return false; }
      if (key == "ENCODING") encoding_ = value;
      if (key == "CHARSET") charset_ = value;
      if (key == "VERSION" && value.size() == 3) version_ = value.substr(0, 1) + "." + value.substr(1);
    }
    bool known = encoding_ == "UTF-8" ||
                 (encoding_ == "USASCII" && (charset_ == "NONE" || charset_ == "1252" || charset_ == "ISO-8859-1" || charset_ == "8859-1"));
    if (!known) {
      emit_.fatal(line_, "CHARSET", "The file declares ENCODING:" + clip_utf8(encoding_, 20) + " and CHARSET:" + clip_utf8(charset_, 20) +
                                       ". Patchwork reads OFX in UTF-8, US-ASCII (CHARSET:NONE), windows-1252 (CHARSET:1252) and ISO-8859-1");
      return false;
    }
    return true;
  }

  // The value as UTF-8, or why it cannot be.
  std::string decode(const std::string& raw, std::string& problem) {
    std::string out;
    if (encoding_ == "UTF-8") {
      if (auto p = text_problem(raw)) problem = "is not UTF-8 text (" + *p + "), though the file's header says it is";
      out = raw;
    } else if (charset_ == "1252") {
      std::size_t bad = 0;
      if (!windows_1252_to_utf8(raw, out, bad)) problem = "has a byte that windows-1252, the file's declared charset, does not define";
    } else if (charset_ == "ISO-8859-1" || charset_ == "8859-1") {
      latin1_to_utf8(raw, out);
    } else {
      for (char c : raw)
        if (static_cast<unsigned char>(c) > 0x7F) { problem = "has a byte that is not US-ASCII, which the file's header declares (CHARSET:NONE)"; break; }
      out = raw;
    }
    return unescape(out);
  }

  static std::string unescape(const std::string& s) {
    if (s.find('&') == std::string::npos) return s;
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '&') {
        auto semi = s.find(';', i);
        if (semi != std::string::npos && semi - i <= 6) {
          std::string e = s.substr(i + 1, semi - i - 1);
          const char* r = e == "amp" ? "&" : e == "lt" ? "<" : e == "gt" ? ">" : e == "quot" ? "\"" : e == "apos" ? "'" : e == "nbsp" ? " " : nullptr;
          if (r) { out += r; i = semi; continue; }
        }
      }
      out.push_back(s[i]);
    }
    return out;
  }

  void tag() {
    std::string t = trim(tag_);
    if (t.empty()) { emit_.fatal(tag_line_, "tag", "An empty tag <> is not OFX"); return; }
    bool closing = t[0] == '/';
    std::string name = closing ? trim(t.substr(1)) : t;
    for (char c : name)
      if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_')) {
        emit_.fatal(tag_line_, "tag", "<" + clip_utf8(t, 40) + "> is not an OFX tag");
        return;
      }
    std::string value = trim(text_);
    if (!pending_.empty()) {
      if (!value.empty()) {
        // "<TRNAMT>-12.50": a leaf, whose value ends at this tag.
        std::string problem;
        std::string decoded = decode(value, problem);
        reader_.leaf(pending_, decoded, pending_line_, problem);
        last_leaf_ = pending_;
        pending_.clear();
        if (closing && name == last_leaf_) { last_leaf_.clear(); return; }  // "<NAME>x</NAME>"
      } else if (closing && name == pending_) {
        reader_.leaf(pending_, "", pending_line_, "");  // "<MEMO></MEMO>"
        pending_.clear();
        last_leaf_.clear();
        return;
      } else {
        reader_.open(pending_, pending_line_);
        pending_.clear();
      }
    } else if (!value.empty()) {
      emit_.fatal(text_line_, "text", "Text '" + clip_utf8(value, 40) + "' stands outside any element");
      return;
    }
    if (emit_.failed()) return;
    if (closing) {
      if (name == last_leaf_) { last_leaf_.clear(); return; }
      last_leaf_.clear();
      reader_.close(name, tag_line_);
    } else {
      last_leaf_.clear();
      pending_ = name;
      pending_line_ = tag_line_;
    }
  }

  void finish() {
    if (state_ == State::Header) { emit_.fatal(line_, "file", "The file has an OFX header but no <OFX> element: it is cut short or not OFX"); return; }
    if (state_ == State::Tag) { emit_.fatal(tag_line_, "tag", "The file ends inside a tag: it looks cut short. Download it again"); return; }
    if (!pending_.empty()) {
      std::string value = trim(text_);
      if (value.empty()) reader_.open(pending_, pending_line_);
      else { std::string problem; reader_.leaf(pending_, decode(value, problem), pending_line_, problem); }
      pending_.clear();
    }
    reader_.finish(line_);
  }
};

// OFX 2.x: XML. An element with no child elements is a leaf.
class XmlOfx : public XmlEvents {
 public:
  XmlOfx(Emitter& emit) : emit_(emit), reader_(emit), xml_(*this, false) {}

  void feed(std::string_view data, bool last) {
    if (!xml_.feed(data, last)) {
      emit_.fatal(xml_.line(), "file", xml_.error());
      return;
    }
    if (last && !emit_.failed()) reader_.finish(xml_.line());
  }

  void start(std::string_view name, const char**) override {
    if (emit_.failed()) { xml_.stop("stopped"); return; }
    if (!pending_.empty()) reader_.open(pending_, pending_line_);
    pending_ = std::string(name);
    pending_line_ = xml_.line();
    text_.clear();
    stop_if_failed();
  }
  void text(std::string_view t) override {
    if (pending_.empty()) return;  // whitespace between elements
    text_.append(t);
    emit_.buffer_size(text_.size());
    if (text_.size() > kMaxValue) xml_.stop("A value is longer than 64 KB, which no OFX value is");
  }
  void end(std::string_view name) override {
    if (!pending_.empty() && pending_ == name) {
      reader_.leaf(pending_, trim(text_), pending_line_, "");
      pending_.clear();
    } else {
      if (!pending_.empty()) { reader_.open(pending_, pending_line_); pending_.clear(); }
      reader_.close(std::string(name), xml_.line());
    }
    text_.clear();
    stop_if_failed();
  }

 private:
  Emitter& emit_;
  OfxReader reader_;
  XmlReader xml_;
  std::string pending_, text_;
  std::uint64_t pending_line_ = 0;

  void stop_if_failed() {
    if (emit_.failed()) xml_.stop("stopped");
  }
};

}  // namespace

ParseReport parse_ofx(const ByteSource& source, const Handlers& handlers, const ParseOptions& options) {
  ParseReport report;
  report.format = Format::Ofx;
  Emitter emit(report, handlers, options);
  // Which syntax: the first bytes, after any byte-order mark and white space.
  std::string head;
  std::unique_ptr<SgmlOfx> sgml;
  std::unique_ptr<XmlOfx> xml;
  auto feed = [&](std::string_view data, bool last) {
    if (!sgml && !xml) {
      head.append(data);
      std::size_t at = head.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
      while (at < head.size() && (head[at] == ' ' || head[at] == '\t' || head[at] == '\r' || head[at] == '\n')) ++at;
      if (head.size() - at < 10 && !last) return;
      std::string_view start = std::string_view(head).substr(at);
      if (start.substr(0, 5) == "<?xml") {
        xml = std::make_unique<XmlOfx>(emit);
        report.format_detail = "OFX 2.x (XML)";
      } else if (start.substr(0, 10) == "OFXHEADER:" || start.substr(0, 5) == "<OFX>") {
        sgml = std::make_unique<SgmlOfx>(emit);
      } else {
        emit.fatal(1, "file", "This is not an OFX file: it does not start with an OFX header or <?xml");
        return;
      }
      std::string held = std::move(head);
      if (xml) xml->feed(held, last);
      else sgml->feed(std::string_view(held).substr(at), last);
      return;
    }
    if (xml) xml->feed(data, last);
    else sgml->feed(data, last);
  };
  read_all(source, options, emit, feed, [&] { return emit.failed(); });
  if (sgml) report.format_detail = sgml->detail();
  return report;
}

}  // namespace patchwork::io::statements
