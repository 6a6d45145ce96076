// ISO 20022 camt.053 (BankToCustomerStatement), versions .001.02 to .001.08,
// read with libexpat as it streams. Each Stmt is a statement; each booked
// entry (Ntry) a line, or, for a batched entry whose transactions (NtryDtls/
// TxDtls) each carry an amount, one line per transaction. The elements read
// are in docs/statements.md.
#include <vector>

#include "core/text.hpp"
#include "io/statements/common.hpp"
#include "io/statements/parse.hpp"
#include "io/statements/xml.hpp"

namespace patchwork::io::statements {
namespace {

constexpr std::string_view kNamespacePrefix = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.";
constexpr std::size_t kMaxValue = 64 * 1024;
constexpr std::size_t kMaxDepth = 40;
// The most transactions kept for one batched entry while its total is checked.
constexpr std::size_t kMaxBatch = 10'000;

std::optional<CivilDate> iso_date(std::string_view v) {
  std::string t = trim(v);
  if (t.size() < 10) return std::nullopt;
  if (t.size() > 10 && t[10] != 'T') return std::nullopt;
  return CivilDate::parse_iso(std::string_view(t).substr(0, 10));
}

bool provided(const std::string& ref) { return !ref.empty() && ref != "NOTPROVIDED"; }

class CamtReader : public XmlEvents {
 public:
  explicit CamtReader(Emitter& emit) : emit_(emit), xml_(*this, true) {}

  void feed(std::string_view data, bool last) {
    if (!xml_.feed(data, last)) {
      emit_.fatal(xml_.line(), "file", xml_.error());
      return;
    }
    if (last && !emit_.failed() && !saw_stmt_) {
      emit_.fatal(xml_.line(), "Stmt", "The file holds no statement (Stmt): it is not a camt.053 statement, or it is empty");
    }
  }

  void start(std::string_view name, const char** attributes) override {
    if (emit_.failed()) { xml_.stop("stopped"); return; }
    auto bar = name.find('|');
    std::string_view ns = bar == std::string_view::npos ? std::string_view() : name.substr(0, bar);
    std::string_view local = bar == std::string_view::npos ? name : name.substr(bar + 1);
    if (depth_.empty()) {
      if (!root(ns, local)) return;
    }
    if (depth_.size() >= kMaxDepth) { xml_.stop("The file nests elements more than 40 deep, which camt.053 does not"); return; }
    // Elements of other namespaces (supplementary data) are passed over.
    depth_.push_back(path_.size());
    if (!path_.empty()) path_.push_back('/');
    if (ns == namespace_) path_.append(local);
    else path_.push_back('~');
    text_.clear();
    ccy_attr_.clear();
    for (const char** a = attributes; a && *a; a += 2)
      if (std::string_view(a[0]) == "Ccy") ccy_attr_ = clip_utf8(a[1], 3);
    opened(xml_.line());
  }

  void text(std::string_view t) override {
    text_.append(t);
    emit_.buffer_size(text_.size());
    if (text_.size() > kMaxValue) xml_.stop("A value is longer than 64 KB, which no camt.053 value is");
  }

  void end(std::string_view) override {
    if (emit_.failed()) { xml_.stop("stopped"); return; }
    closed(xml_.line(), text_.empty() ? std::string() : trim(text_));
    text_.clear();
    path_.resize(depth_.back());
    depth_.pop_back();
    if (emit_.failed()) xml_.stop("stopped");
  }

  std::string version;

 private:
  Emitter& emit_;
  XmlReader xml_;
  std::string namespace_;
  std::string path_;                 // "Document/BkToCstmrStmt/Stmt/Ntry/Amt"
  std::vector<std::size_t> depth_;
  std::string text_, ccy_attr_;
  bool saw_stmt_ = false;

  struct Tx {
    std::uint64_t line = 0;
    std::string acct_svcr_ref, end_to_end, tx_id, instr_id, amount, ccy, cdi, debtor, creditor, unstructured, creditor_ref, info;
  };
  struct Entry {
    std::uint64_t line = 0;
    std::string ntry_ref, acct_svcr_ref, amount, ccy, cdi, reversal, status, booking, value, info;
    std::vector<Tx> txs;
    bool too_many = false;
  };
  struct Bal {
    std::string type, amount, cdi, date;
  };
  StatementInfo info_;
  bool in_stmt_ = false, started_ = false;
  Entry entry_;
  bool in_entry_ = false;
  Tx tx_;
  bool in_tx_ = false;
  Bal bal_;

  bool root(std::string_view ns, std::string_view local) {
    if (local != "Document" || ns.substr(0, kNamespacePrefix.size()) != kNamespacePrefix) {
      if (ns.find("camt.052") != std::string_view::npos || ns.find("camt.054") != std::string_view::npos)
        xml_.stop("This is an ISO 20022 " + std::string(ns.substr(ns.find("camt."), 8)) +
                  " report or notification, not a camt.053 statement: ask the bank for the end-of-day statement (camt.053)");
      else
        xml_.stop("This is not a camt.053 statement: its root element is " + std::string(local) +
                  (ns.empty() ? std::string(" with no namespace") : " in " + clip_utf8(ns, 80)));
      return false;
    }
    std::string_view v = ns.substr(kNamespacePrefix.size());
    if (!(v == "02" || v == "03" || v == "04" || v == "05" || v == "06" || v == "07" || v == "08")) {
      xml_.stop("This is camt.053.001." + clip_utf8(v, 8) + "; Patchwork reads camt.053.001.02 to camt.053.001.08");
      return false;
    }
    namespace_ = std::string(ns);
    version = "camt.053.001." + std::string(v);
    return true;
  }

  // The path below Stmt ("Ntry/NtryDtls/TxDtls/Refs/TxId"), or empty.
  std::string_view in_statement() const {
    static constexpr std::string_view stmt = "Document/BkToCstmrStmt/Stmt/";
    std::string_view p(path_);
    return p.substr(0, stmt.size()) == stmt ? p.substr(stmt.size()) : std::string_view();
  }

  void opened(std::uint64_t line) {
    if (path_ == "Document/BkToCstmrStmt/Stmt") {
      info_ = StatementInfo{};
      info_.source_line = line;
      in_stmt_ = true;
      started_ = false;
      saw_stmt_ = true;
      return;
    }
    std::string_view p = in_statement();
    if (p == "Ntry") {
      begin_statement();
      entry_ = Entry{};
      entry_.line = line;
      in_entry_ = true;
    } else if (p == "Ntry/NtryDtls/TxDtls") {
      tx_ = Tx{};
      tx_.line = line;
      in_tx_ = true;
    } else if (p == "Bal") {
      bal_ = Bal{};
    }
  }

  void begin_statement() {
    if (started_ || !in_stmt_) return;
    started_ = true;
    emit_.start_statement(info_);
  }

  void closed(std::uint64_t line, std::string value) {
    if (path_ == "Document/BkToCstmrStmt/Stmt") {
      begin_statement();
      in_stmt_ = false;
      emit_.end_statement(info_);
      return;
    }
    std::string_view p = in_statement();
    if (p.empty()) return;
    if (in_tx_) {
      constexpr std::string_view t = "Ntry/NtryDtls/TxDtls";
      if (p == t) {
        in_tx_ = false;
        if (entry_.txs.size() >= kMaxBatch) entry_.too_many = true;
        else entry_.txs.push_back(std::move(tx_));
        return;
      }
      std::string_view q = p.substr(t.size() + 1);
      if (q == "Refs/AcctSvcrRef") tx_.acct_svcr_ref = value;
      else if (q == "Refs/EndToEndId") tx_.end_to_end = value;
      else if (q == "Refs/TxId") tx_.tx_id = value;
      else if (q == "Refs/InstrId") tx_.instr_id = value;
      else if (q == "Amt" || q == "AmtDtls/TxAmt/Amt") { tx_.amount = value; tx_.ccy = ccy_attr_; }
      else if (q == "CdtDbtInd") tx_.cdi = value;
      // .02 to .07 name parties directly; .08 wraps them in Pty.
      else if (q == "RltdPties/Dbtr/Nm" || q == "RltdPties/Dbtr/Pty/Nm") tx_.debtor = value;
      else if (q == "RltdPties/Cdtr/Nm" || q == "RltdPties/Cdtr/Pty/Nm") tx_.creditor = value;
      else if (q == "RmtInf/Ustrd") { if (tx_.unstructured.empty()) tx_.unstructured = value; }
      else if (q == "RmtInf/Strd/CdtrRefInf/Ref") tx_.creditor_ref = value;
      else if (q == "AddtlTxInf") tx_.info = value;
      return;
    }
    if (in_entry_) {
      if (p == "Ntry") { in_entry_ = false; entry(); return; }
      if (p == "Ntry/NtryRef") entry_.ntry_ref = value;
      else if (p == "Ntry/AcctSvcrRef") entry_.acct_svcr_ref = value;
      else if (p == "Ntry/Amt") { entry_.amount = value; entry_.ccy = ccy_attr_; }
      else if (p == "Ntry/CdtDbtInd") entry_.cdi = value;
      else if (p == "Ntry/RvslInd") entry_.reversal = value;
      else if (p == "Ntry/Sts" || p == "Ntry/Sts/Cd") { if (!value.empty()) entry_.status = value; }  // .07 and .08 wrap it in Cd
      else if (p == "Ntry/BookgDt/Dt" || p == "Ntry/BookgDt/DtTm") entry_.booking = value;
      else if (p == "Ntry/ValDt/Dt" || p == "Ntry/ValDt/DtTm") entry_.value = value;
      else if (p == "Ntry/AddtlNtryInf") entry_.info = value;
      return;
    }
    if (p == "Id") info_.statement_id = clean_text(value);
    else if (p == "Acct/Id/IBAN") {
      std::string iban;
      for (char c : value) if (c != ' ') iban.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
      info_.account.iban = clip_utf8(iban, 34);
    } else if (p == "Acct/Id/Othr/Id") info_.account.other_id = clean_text(value);
    else if (p == "Acct/Ccy") info_.currency = clip_utf8(value, 3);
    else if (p == "FrToDt/FrDtTm") info_.period_from = iso_date(value);
    else if (p == "FrToDt/ToDtTm") info_.period_to = iso_date(value);
    else if (p == "Bal/Tp/CdOrPrtry/Cd") bal_.type = value;
    else if (p == "Bal/Amt") { bal_.amount = value; if (info_.currency.empty()) info_.currency = clip_utf8(ccy_attr_, 3); }
    else if (p == "Bal/CdtDbtInd") bal_.cdi = value;
    else if (p == "Bal/Dt/Dt" || p == "Bal/Dt/DtTm") bal_.date = value;
    else if (p == "Bal") balance(line);
  }

  void balance(std::uint64_t line) {
    bool opening = bal_.type == "OPBD" || bal_.type == "PRCD";
    bool closing = bal_.type == "CLBD";
    if (!opening && !closing) return;
    auto a = parse_amount(bal_.amount, DecimalStyle::Point);
    if (!a.pence) { emit_.fatal(line, "Bal/Amt", "The " + bal_.type + " balance '" + clip_utf8(bal_.amount, 40) + "' " + a.problem); return; }
    if (bal_.cdi != "CRDT" && bal_.cdi != "DBIT") { emit_.fatal(line, "Bal/CdtDbtInd", "The " + bal_.type + " balance has no CRDT or DBIT indicator"); return; }
    patchwork::statements::Balance b{bal_.cdi == "DBIT" ? -*a.pence : *a.pence, iso_date(bal_.date)};
    if (opening && !info_.opening) info_.opening = b;
    if (closing) info_.closing = b;
  }

  std::string entry_key() const { return provided(entry_.acct_svcr_ref) ? entry_.acct_svcr_ref : provided(entry_.ntry_ref) ? entry_.ntry_ref : ""; }

  static std::string tx_key(const Tx& t) {
    if (provided(t.acct_svcr_ref)) return t.acct_svcr_ref;
    if (provided(t.tx_id)) return t.tx_id;
    if (provided(t.end_to_end)) return t.end_to_end;
    if (provided(t.instr_id)) return t.instr_id;
    return "";
  }

  // Who: for money out, the creditor (who was paid); for money in, the debtor.
  static void words(Line& l, const Tx* t, const std::string& entry_info, bool debit) {
    if (t) {
      l.payee = clean_text(debit ? t->creditor : t->debtor);
      l.reference = clean_text(!t->creditor_ref.empty() ? t->creditor_ref : !t->unstructured.empty() ? t->unstructured : provided(t->end_to_end) ? t->end_to_end : "");
      l.description = clean_text(!entry_info.empty() ? entry_info : t->info);
    } else {
      l.description = clean_text(entry_info);
    }
  }

  void entry() {
    const Entry& e = entry_;
    std::uint64_t l = e.line;
    if (!e.status.empty() && e.status != "BOOK") return;  // pending or information only: not yet on the account
    if (e.cdi != "CRDT" && e.cdi != "DBIT") { emit_.reject(l, "CdtDbtInd", "the entry has no CRDT or DBIT indicator"); return; }
    auto amount = parse_amount(e.amount, DecimalStyle::Point);
    if (!amount.pence) { emit_.reject(l, "Amt", "'" + clip_utf8(e.amount, 40) + "' " + amount.problem); return; }
    if (*amount.pence < 0) { emit_.reject(l, "Amt", "is below zero; camt.053 gives the direction in CdtDbtInd"); return; }
    auto booking = iso_date(e.booking);
    if (!booking) { emit_.reject(l, "BookgDt", e.booking.empty() ? "the entry has no booking date" : "'" + clip_utf8(e.booking, 40) + "' is not a date"); return; }
    std::optional<CivilDate> value;
    if (!e.value.empty()) {
      value = iso_date(e.value);
      if (!value) { emit_.reject(l, "ValDt", "'" + clip_utf8(e.value, 40) + "' is not a date"); return; }
    }
    if (e.too_many) { emit_.reject(l, "NtryDtls", "the entry holds more than " + std::to_string(kMaxBatch) + " transactions"); return; }
    bool reversal = e.reversal == "true" || e.reversal == "1";
    bool debit = e.cdi == "DBIT";
    std::int64_t signed_total = debit ? -*amount.pence : *amount.pence;
    std::string key = entry_key();

    bool split = e.txs.size() > 1;
    for (const auto& t : e.txs) split = split && !t.amount.empty();
    if (!split) {
      Line out;
      out.source_line = l;
      out.booking_date = *booking;
      out.value_date = value;
      out.amount_pence = signed_total;
      out.currency = clip_utf8(e.ccy, 3);
      out.reversal = reversal;
      const Tx* t = e.txs.size() == 1 ? &e.txs[0] : nullptr;
      out.bank_id = clean_text(!key.empty() ? key : t ? tx_key(*t) : "");
      words(out, t, e.info, debit);
      if (e.txs.size() > 1 && out.description.empty())
        out.description = "Batch of " + std::to_string(e.txs.size()) + " transactions";
      emit_.line(out);
      return;
    }
    // A batch whose transactions each have an amount: one line each, and they
    // must add up to the entry.
    std::vector<Line> lines;
    __int128 sum = 0;  // 10,000 amounts of up to 13 digits of pounds pass 64 bits
    for (std::size_t i = 0; i < e.txs.size(); ++i) {
      const Tx& t = e.txs[i];
      auto a = parse_amount(t.amount, DecimalStyle::Point);
      if (!a.pence || *a.pence < 0) { emit_.reject(t.line, "TxDtls/Amt", "'" + clip_utf8(t.amount, 40) + "' " + (a.pence ? "is below zero" : a.problem) + "; the whole batched entry on line " + std::to_string(l) + " is refused"); return; }
      bool tx_debit = t.cdi.empty() ? debit : t.cdi == "DBIT";
      if (!t.cdi.empty() && t.cdi != "DBIT" && t.cdi != "CRDT") { emit_.reject(t.line, "TxDtls/CdtDbtInd", "is neither CRDT nor DBIT"); return; }
      Line out;
      out.source_line = t.line;
      out.booking_date = *booking;
      out.value_date = value;
      out.amount_pence = tx_debit ? -*a.pence : *a.pence;
      out.currency = clip_utf8(t.ccy.empty() ? e.ccy : t.ccy, 3);
      out.reversal = reversal;
      std::string own = tx_key(t);
      out.bank_id = clean_text(!key.empty() ? key + "/" + (own.empty() ? "#" + std::to_string(i + 1) : own) : own);
      words(out, &t, t.info.empty() ? e.info : t.info, tx_debit);
      sum += out.amount_pence;
      lines.push_back(std::move(out));
    }
    if (sum != signed_total) {
      emit_.reject(l, "NtryDtls", "the batched entry's " + std::to_string(e.txs.size()) + " transactions add up to " +
                                      (sum > kMaxAmountPence || sum < -kMaxAmountPence ? std::string("more than can be") : std::to_string(static_cast<std::int64_t>(sum))) + " pence, not the entry's " + std::to_string(signed_total) + " pence");
      return;
    }
    for (auto& out : lines) emit_.line(out);
  }
};

}  // namespace

ParseReport parse_camt053(const ByteSource& source, const Handlers& handlers, const ParseOptions& options) {
  ParseReport report;
  report.format = Format::Camt053;
  report.format_detail = "camt.053";
  Emitter emit(report, handlers, options);
  CamtReader reader(emit);
  read_all(source, options, emit, [&](std::string_view data, bool last) { reader.feed(data, last); },
           [&] { return emit.failed(); });
  if (!reader.version.empty()) report.format_detail = reader.version;
  return report;
}

}  // namespace patchwork::io::statements
