#include "services/statements_service.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "domain/ledger/ledger.hpp"
#include "domain/ledger/closing.hpp"
#include "domain/statements/identity.hpp"
#include "domain/statements/normalise.hpp"
#include "domain/statements/plan_match.hpp"
#include "services/ledger_service.hpp"
#include "storage/large_write.hpp"
#include "storage/repositories/account_closures_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "storage/repositories/plans_repository.hpp"

namespace patchwork::services {
namespace {

namespace st = patchwork::statements;
namespace io = patchwork::io::statements;

// Ledger posts of spending are made this many lines at a time: each post sums
// the account's balance once (ledger::plan_post), so a post a line would make
// a million-line import sum a million times. A batch is a bounded number of
// transfers, so memory stays bounded too.
constexpr std::size_t kPostBatch = 5000;
// Lines read from the file are handled this many at a time (Importer::drain):
// one look-up of their identities, then their spending posted together.
constexpr std::size_t kImportBatch = kPostBatch;
// The most SQLite page cache an import may take (storage::LargeWriteCache).
constexpr std::size_t kImportCacheMegabytes = 512;
// The exceptions an import hands back to show (all are stored).
constexpr std::size_t kExceptionsShown = 200;
// A payment's value date (the processing day) against the day the bank
// booked it: BACS credits arrive on the value date, and a bank may book one a
// few days later over a weekend or bank holiday, or show one earlier when the
// council pays ahead of its schedule.
constexpr int kPaymentDaysBefore = 7;
constexpr int kPaymentDaysAfter = 3;
// Learned rules sort after the council's defaults (whose order is their line).
constexpr std::uint64_t kLearnedOrderBase = 1'000'000;

std::string one_line(std::string_view text, std::size_t limit) {
  std::string out;
  for (char ch : text) {
    if (out.size() >= limit) break;
    out.push_back(ch == '\n' || ch == '\r' || ch == '\t' ? ' ' : ch);
  }
  return trim(out);
}

std::string line_words_shown(const st::Line& l) {
  std::string s = !l.payee.empty() ? l.payee : l.description;
  return s.empty() ? std::string("(no payee)") : one_line(s, 120);
}

std::string mask_account(const st::AccountRef& a) {
  auto last4 = [](const std::string& s) { return s.size() <= 4 ? s : "ending " + s.substr(s.size() - 4); };
  if (!a.masked_card.empty()) return "card " + last4(a.masked_card);
  if (!a.iban.empty()) return "IBAN " + last4(a.iban);
  if (!a.account_number.empty()) return "account " + last4(a.account_number);
  if (!a.other_id.empty()) return "account " + last4(a.other_id);
  return "no account";
}

std::optional<ledger::SpendingCategory> to_ledger(st::Category c) {
  return ledger::spending_category_from_code(st::category_code(c));
}

// A payment's own reference, as the payment run wrote it for the bank
// (payments::payment_reference): found in the line's words, it picks the
// payment among several of the same amount.
bool reference_in(const ledger::Transfer& payment, const st::Line& l) {
  // "pay:<person>:<part>:<period start>" -> "PB<person> <part> <DDMMMYY>"
  std::vector<std::string> parts;
  std::string_view id = payment.id;
  for (std::size_t start = 0;;) {
    auto colon = id.find(':', start);
    parts.emplace_back(id.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  if (parts.size() != 4) return false;
  const std::string person = "pb" + parts[1];
  const std::string words = st::normalise_text(l.reference + " " + l.description + " " + l.payee);
  const std::string part = st::normalise_text(parts[2]);
  return words.find(person + " " + part) != std::string::npos;
}

st::Line line_of(const storage::StatementLineRow& r) {
  st::Line l;
  l.booking_date = r.booking_date;
  l.value_date = r.value_date;
  l.amount_pence = r.amount_pence;
  l.payee = r.payee;
  l.description = r.description;
  l.reference = r.reference;
  l.merchant_category = r.merchant_category_code;
  l.reversal = r.reversal;
  return l;
}

// What the import is doing, kept between the parser's calls.
class Importer {
 public:
  Importer(storage::Connection& c, const StatementImportRequest& req, ledger::Account account, std::vector<st::Rule> rules,
           std::optional<st::AccountRef> held)
      : c_(c), req_(req), account_(std::move(account)), rules_(std::move(rules)), held_(std::move(held)) {
    if (account_.person_id) {
      for (const auto& plan : storage::plans_in_force(c_, req_.council, *account_.person_id, CivilDate::today_utc()))
        for (const auto& line : plan.lines)
          if (line.part_key == account_.part_key) plan_lines_.push_back({plan.id, line});
    }
  }

  StatementImportResult result;
  bool aborted = false;   // the source reports the end of the file from now on

  void start_import(const std::string& format_code) {
    result.totals.council_id = req_.council;
    result.totals.account_id = account_.id;
    result.totals.format = format_code;
    result.totals.file_name = req_.file_name;
    result.totals.imported_by = req_.by;
    result.totals.imported_at = utc_timestamp_now();
    result.totals.choice =
        req_.choice == io::ImportChoice::AllOrNothing ? "all_or_nothing" : "without_rejected_lines";
    result.totals.id = storage::insert_statement_import(c_, result.totals);
    earlier_lines_ = storage::last_statement_line(c_, req_.council, account_.id);
  }

  void statement_start(const st::StatementInfo& info) {
    if (aborted) return;
    drain();  // the lines of the statement before, first
    if (aborted) return;
    if (!info.account.empty() && held_ && !st::same_account(info.account, *held_)) {
      result.outcome = StatementImportResult::Outcome::WrongAccount;
      result.stated_account = mask_account(info.account);
      result.refusal = fmt::format(
          "This statement is for {}, but this budget part is paid into account ending {}: nothing was imported. Check you chose "
          "the right person's account.",
          result.stated_account, held_->account_number.size() >= 4 ? held_->account_number.substr(held_->account_number.size() - 4) : "");
      aborted = true;
      return;
    }
    if (!info.currency.empty() && info.currency != "GBP") {
      result.refusal = fmt::format("This statement is in {}; a budget's money is in pounds (GBP): nothing was imported.", info.currency);
      aborted = true;
      return;
    }
    if (info.period_from && (!result.totals.period_from || *info.period_from < *result.totals.period_from))
      result.totals.period_from = info.period_from;
    if (info.period_to && (!result.totals.period_to || *result.totals.period_to < *info.period_to))
      result.totals.period_to = info.period_to;
    last_line_date_.reset();
  }

  // The parser's lines wait here, kImportBatch at a time, so that their
  // identities are looked up in one query for the batch (storage::
  // known_statement_lines) instead of one a line; each is then handled in the
  // file's order, as if it had been handled on arrival.
  void line(const st::Line& l) {
    if (aborted) return;
    waiting_.push_back(l);
    if (waiting_.size() >= kImportBatch) drain();
  }

  // Handles the waiting lines, then posts what they spent (flush): the lines
  // of every earlier batch are in the database before the next batch's
  // identities are looked up.
  void drain() {
    if (!waiting_.empty() && !aborted) {
      identities_.clear();
      identities_.reserve(waiting_.size());
      for (const auto& l : waiting_) identities_.push_back(st::line_identity(l));
      std::vector<std::string> asked = identities_;
      std::sort(asked.begin(), asked.end());
      asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
      known_ = storage::known_statement_lines(c_, req_.council, account_.id, asked);
      batch_ids_.clear();
      for (std::size_t i = 0; i < waiting_.size() && !aborted; ++i) handle(waiting_[i], identities_[i]);
    }
    waiting_.clear();
    if (!aborted) flush();
  }

  void handle(const st::Line& l, const std::string& identity) {
    // A closed account takes nothing dated after its closing date: the whole
    // statement is refused, naming the date (docs/statements.md "A closed account").
    if (ledger::closed_for(closed_on, l.booking_date)) {
      result.refusal = fmt::format("{} (line {} is dated {}). Nothing was imported.", ledger::statement_after_closing(*closed_on),
                                   l.source_line, l.booking_date.display());
      aborted = true;
      return;
    }
    ++result.totals.lines_read;
    if (!last_line_date_ || *last_line_date_ < l.booking_date) last_line_date_ = l.booking_date;
    if (!first_line_date_ || l.booking_date < *first_line_date_) first_line_date_ = l.booking_date;
    if (!max_line_date_ || *max_line_date_ < l.booking_date) max_line_date_ = l.booking_date;
    if (!l.currency.empty() && l.currency != "GBP") {
      reject(l.source_line, "currency", "is in " + l.currency + "; a budget's money is in pounds (GBP)");
      return;
    }
    ledger::Transfer t;
    t.id = "stmt:" + std::to_string(account_.id) + ":" + identity;  // st::transfer_id, without a second identity
    if (!ledger::transfer_problems(ledger::Transfer{t.id, 1, 2, Money::from_pence(1), CivilDate(2026, 1, 1), "x", std::nullopt}).empty()) {
      reject(l.source_line, "bank_id",
             "the bank's id for this line is too long or not plain text, so the ledger cannot record it once and once only");
      return;
    }
    // Stored by an earlier import or batch, or already by this batch.
    if (known_.contains(identity) || batch_ids_.contains(identity)) {
      ++result.totals.lines_already;
      return;
    }
    batch_ids_.insert(identity);
    storage::StatementLineRow row = row_of(l, identity);
    if (l.reversal) {
      flush();
      reversal(l, row);
    } else if (l.amount_pence > 0) {
      money_in(l, row);
    } else {
      money_out(l, row, std::move(t));
    }
  }

  void statement_end(const st::StatementInfo& info) {
    if (aborted) return;
    drain();
    if (aborted) return;
    if (!info.closing) return;
    result.totals.closing_balance_pence = info.closing->pence;
    std::optional<CivilDate> on = info.closing->date ? info.closing->date : info.period_to ? info.period_to : last_line_date_;
    if (!on) return;
    const Money held = storage::ledger_balance(c_, req_.council, account_.id, *on);
    const std::int64_t difference = info.closing->pence - held.pence();
    if (difference == 0) return;
    const std::string detail = fmt::format(
        "The bank says the account held {} at the end of {}; the ledger holds {} for it on that day, {} {}. Work the other "
        "exceptions first; what is left is money the ledger does not know about.",
        Money::from_pence(info.closing->pence).display(), on->display(), held.display(),
        Money::from_pence(difference < 0 ? -difference : difference).display(), difference > 0 ? "more at the bank" : "less at the bank");
    // The same difference on the same day, still open from an earlier import
    // of this statement, is not raised twice.
    for (const auto& e : storage::account_statement_exceptions(c_, req_.council, account_.id))
      if (e.state == "open" && e.kind == "balance_mismatch" && e.detail == detail) return;
    raise("balance_mismatch", std::nullopt, 0, detail, difference);
  }

  void finish_rejections(const io::ParseReport& report) {
    if (req_.choice != io::ImportChoice::WithoutRejectedLines) return;
    for (const auto& r : report.rejections)
      raise("rejected_line", std::nullopt, r.line,
            fmt::format("Line {} of the file was not imported: {} {}", r.line, r.field, r.reason), std::nullopt);
    for (const auto& r : result.rejections)
      raise("rejected_line", std::nullopt, r.line,
            fmt::format("Line {} of the file was not imported: {} {}", r.line, r.field, r.reason), std::nullopt);
  }

  void flush() {
    if (pending_.empty()) return;
    std::vector<ledger::Transfer> transfers;
    transfers.reserve(pending_.size());
    for (auto& p : pending_) transfers.push_back(std::move(p.transfer));
    auto posted = post(c_, req_.council, transfers);
    if (posted) {
      // Their ids are not needed (no exception names them): inserted together.
      std::vector<storage::StatementLineRow> rows;
      rows.reserve(pending_.size());
      for (auto& p : pending_) rows.push_back(std::move(p.row));
      storage::insert_statement_lines(c_, rows);
      result.totals.lines_added += std::int64_t(rows.size());
    } else {
      // One of them cannot be recorded (the ledger holds less than the
      // spending, on that day): each on its own, so the rest still post.
      for (std::size_t i = 0; i < pending_.size(); ++i) {
        auto& p = pending_[i];
        const std::vector<ledger::Transfer> one{transfers[i]};
        auto alone = post(c_, req_.council, one);
        if (alone) {
          keep(p.row);
          continue;
        }
        p.row.transfer_id.reset();
        const std::string why = alone.error().front().message;
        const auto id = keep(p.row);
        raise("not_enough_money", id, p.row.source_line,
              fmt::format("{} paid to {} on {} could not be recorded: {}. A payment into the account may be missing: match "
                          "it, then categorise this line again.",
                          Money::from_pence(-p.row.amount_pence).display(), p.row.payee.empty() ? p.row.description : p.row.payee,
                          p.row.booking_date.display(), why),
              std::nullopt);
      }
    }
    pending_.clear();
  }

  std::optional<CivilDate> first_line_date_, max_line_date_;

 private:
  struct Pending {
    storage::StatementLineRow row;
    ledger::Transfer transfer;
  };

  storage::StatementLineRow row_of(const st::Line& l, const std::string& identity) {
    storage::StatementLineRow r;
    r.council_id = req_.council;
    r.account_id = account_.id;
    r.import_id = result.totals.id;
    r.line_identity = identity;
    r.booking_date = l.booking_date;
    r.value_date = l.value_date;
    r.amount_pence = l.amount_pence;
    r.payee = one_line(l.payee, 500);
    r.description = one_line(l.description, 1000);
    r.reference = one_line(l.reference, 500);
    r.merchant_category_code = l.merchant_category;
    // A cash machine (ISO 18245 6010 manual cash, 6011 ATM): monitoring reads it.
    r.cash = l.merchant_category && (*l.merchant_category == 6010 || *l.merchant_category == 6011);
    r.reversal = l.reversal;
    r.source_line = l.source_line;
    return r;
  }

  std::int64_t keep(storage::StatementLineRow& row) {
    row.id = storage::insert_statement_line(c_, row);
    ++result.totals.lines_added;
    return row.id;
  }

  void reject(std::uint64_t source_line, std::string field, std::string reason) {
    ++result.totals.lines_rejected;
    if (result.rejections.size() < 1000) result.rejections.push_back({source_line, std::move(field), std::move(reason)});
  }

  void raise(std::string kind, std::optional<std::int64_t> line_id, std::uint64_t source_line, std::string detail,
             std::optional<std::int64_t> amount) {
    storage::StatementExceptionRow e;
    e.council_id = req_.council;
    e.account_id = account_.id;
    e.import_id = result.totals.id;
    e.line_id = line_id;
    e.source_line = source_line;
    e.kind = std::move(kind);
    e.detail = std::move(detail);
    e.amount_pence = amount;
    e.raised_at = utc_timestamp_now();
    e.id = storage::insert_statement_exception(c_, e);
    ++result.totals.exceptions;
    if (result.exceptions.size() < kExceptionsShown) result.exceptions.push_back(std::move(e));
  }

  void money_in(const st::Line& l, storage::StatementLineRow& row) {
    auto candidates = storage::unmatched_payments(c_, req_.council, account_.id, l.amount_pence,
                                                  l.booking_date.plus_days(-kPaymentDaysBefore), l.booking_date.plus_days(kPaymentDaysAfter));
    // A payment already matched by a line earlier in this batch is not free.
    std::erase_if(candidates, [&](const ledger::Transfer& t) { return matched_now_.contains(t.id); });
    if (!candidates.empty()) {
      auto by_reference = std::find_if(candidates.begin(), candidates.end(), [&](const ledger::Transfer& t) { return reference_in(t, l); });
      const ledger::Transfer* pick = by_reference != candidates.end() ? &*by_reference : nullptr;
      if (!pick) {
        // The nearest in date.
        pick = &*std::min_element(candidates.begin(), candidates.end(), [&](const auto& a, const auto& b) {
          return std::abs((a.value_date.days() - l.booking_date.days()).count()) <
                 std::abs((b.value_date.days() - l.booking_date.days()).count());
        });
      }
      row.transfer_id = pick->id;
      row.category_why = "the council's payment " + pick->id + (by_reference != candidates.end() ? ", by its reference" : ", by amount and date");
      matched_now_.insert(pick->id);
      keep(row);
      ++result.totals.lines_matched;
      return;
    }
    const auto id = keep(row);
    raise("unknown_reference", id, l.source_line,
          fmt::format("{} came in on {} from {}, and no payment of the council's of that amount into this account from {} to {} is "
                      "waiting to be matched. Match it to a payment, or close it saying where the money came from.",
                      Money::from_pence(l.amount_pence).display(), l.booking_date.display(), line_words_shown(l),
                      l.booking_date.plus_days(-kPaymentDaysBefore).display(), l.booking_date.plus_days(kPaymentDaysAfter).display()),
          std::nullopt);
  }

  void money_out(const st::Line& l, storage::StatementLineRow& row, ledger::Transfer t) {
    // The plan line it pays for, when one fits (for a finance officer to see).
    int best = 0;
    for (const auto& [plan_id, support] : plan_lines_) {
      auto found = st::match_plan_lines(l, std::vector<planning::SupportLine>{support});
      if (!found.empty() && found.front().score > best) {
        best = found.front().score;
        row.plan_id = plan_id;
        row.plan_line_number = found.front().line_number;
        row.plan_match_why = found.front().why;
      }
    }
    // Only an account with lines from earlier imports can hold a similar one.
    if (auto similar = !earlier_lines_ ? std::nullopt
                                       : storage::similar_statement_line(c_, req_.council, account_.id, *earlier_lines_, l.booking_date,
                                                                         l.amount_pence, row.payee, row.description)) {
      const auto id = keep(row);
      raise("duplicate", id, l.source_line,
            fmt::format("{} to {} on {} looks like a line already imported from another statement (line {}), with a different id "
                        "from the bank. If it really was paid twice, categorise it; otherwise close it as a duplicate.",
                        Money::from_pence(-l.amount_pence).display(), line_words_shown(l), l.booking_date.display(), *similar),
            std::nullopt);
      return;
    }
    auto decided = st::categorise(l, rules_);
    std::optional<ledger::SpendingCategory> category = decided.category ? to_ledger(*decided.category) : std::nullopt;
    if (!category) {
      const auto id = keep(row);
      raise("uncategorised", id, l.source_line,
            fmt::format("{} to {} on {}: no rule says what this spending is for. Choose its category; the choice is remembered for "
                        "this payee.",
                        Money::from_pence(-l.amount_pence).display(), line_words_shown(l), l.booking_date.display()),
            std::nullopt);
      return;
    }
    auto spending = spending_account_for(*category);
    t.debit = account_.id;
    t.credit = spending;
    t.amount = Money::from_pence(-l.amount_pence);
    t.value_date = l.booking_date;
    t.reason = one_line("Statement: " + line_words_shown(l), ledger::kMaxReasonLength);
    row.transfer_id = t.id;
    row.category = std::string(ledger::spending_category_code(*category));
    row.category_why = one_line(decided.why, 500);
    pending_.push_back({std::move(row), std::move(t)});
    if (pending_.size() >= kPostBatch) flush();
  }

  void reversal(const st::Line& l, storage::StatementLineRow& row) {
    for (const auto& original : storage::reversible_statement_lines(c_, req_.council, account_.id, -l.amount_pence, l.booking_date)) {
      // The same payee when both name one; the newest such line first.
      if (!original.payee.empty() && !l.payee.empty() && st::normalise_text(original.payee) != st::normalise_text(l.payee)) continue;
      auto reversed = reverse(c_, req_.council, *original.transfer_id,
                              one_line("Reversed by the bank: " + line_words_shown(l), ledger::kMaxReasonLength), l.booking_date);
      if (!reversed) continue;
      row.transfer_id = reversed->transfer.id;
      row.category = original.category;
      row.category_why = fmt::format("reverses statement line {} ({})", original.id, *original.transfer_id);
      keep(row);
      return;
    }
    const auto id = keep(row);
    raise("reversal_without_original", id, l.source_line,
          fmt::format("The bank reversed {} on {} ({}), but no line of this account that it undoes has been imported. Import the "
                      "earlier statement, or close this saying what it was.",
                      Money::from_pence(l.amount_pence < 0 ? -l.amount_pence : l.amount_pence).display(), l.booking_date.display(),
                      line_words_shown(l)),
          std::nullopt);
  }

  ledger::AccountId spending_account_for(ledger::SpendingCategory category) {
    auto it = spending_.find(category);
    if (it != spending_.end()) return it->second;
    auto id = spending_account(c_, req_.council, category);
    if (!id) throw std::runtime_error("the spending account could not be opened");
    spending_.emplace(category, *id);
    return *id;
  }

  storage::Connection& c_;
  const StatementImportRequest& req_;
  ledger::Account account_;
  std::vector<st::Rule> rules_;
  std::optional<st::AccountRef> held_;

 public:
  std::optional<CivilDate> closed_on;  // the account's closing date, when it is closed
  std::vector<std::pair<std::int64_t, planning::SupportLine>> plan_lines_;
  std::map<ledger::SpendingCategory, ledger::AccountId> spending_;
  std::vector<Pending> pending_;
  std::vector<st::Line> waiting_;             // read, not yet handled (drain)
  std::vector<std::string> identities_;       // theirs, in the same order
  std::set<std::string, std::less<>> known_;  // those of them already stored
  std::set<std::string, std::less<>> batch_ids_;  // stored or pending from this batch
  std::set<std::string> matched_now_;
  std::optional<CivilDate> last_line_date_;
  // The account's newest line before this import (none: no earlier lines).
  std::optional<std::int64_t> earlier_lines_;
};

std::string hex(const unsigned char* data, std::size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(kHex[data[i] >> 4]);
    out.push_back(kHex[data[i] & 15]);
  }
  return out;
}

std::string mapping_names(storage::Connection& c, CouncilId council) {
  std::string names;
  for (const auto& m : statement_mappings(c, council)) names += (names.empty() ? "" : ", ") + m.mapping.name;
  return names;
}

// A name a person can type on the command line and read in a list.
bool mapping_name_ok(std::string_view name) {
  if (name.empty() || name.size() > 40) return false;
  for (char ch : name)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-')) return false;
  return true;
}

}  // namespace

std::vector<MappingChoice> statement_mappings(storage::Connection& c, CouncilId council) {
  std::vector<MappingChoice> out;
  std::set<std::string> own;
  for (const auto& row : storage::saved_statement_mappings(c, council)) {
    // The council's name hides the built-in one even if its text no longer
    // reads (saved only after parse_mapping accepted it; a later, stricter
    // parser would refuse it, naming why, when it is used): the list then
    // never offers a mapping the import would not use.
    own.insert(row.name);
    auto parsed = io::parse_mapping(row.text);
    if (!parsed.mapping) continue;
    out.push_back({std::move(*parsed.mapping), true, row.saved_by_name, row.saved_at, row.text});
  }
  for (const auto& m : io::builtin_mappings())
    if (!own.contains(m.name)) out.push_back({m, false, "", "", io::write_mapping(m)});
  return out;
}

Result<MappingChoice> save_statement_mapping(storage::Connection& c, CouncilId council, std::string_view text, UserId by) {
  if (text.size() > 20000) return fail("mapping", "A mapping is a few lines of text; this is too long to be one");
  auto parsed = io::parse_mapping(text);
  if (!parsed.mapping) {
    FieldErrors errors;
    for (const auto& e : parsed.errors) errors.push_back({"mapping", e});
    if (errors.empty()) errors.push_back({"mapping", "The mapping cannot be read"});
    return std::unexpected(errors);
  }
  auto& m = *parsed.mapping;
  if (m.name == "auto")
    return fail("mapping", "name: auto means working the layout out from the file's first line; give the mapping another name");
  if (!mapping_name_ok(m.name))
    return fail("mapping", "name: give the mapping a name of small letters, digits and hyphens, at most 40, such as nationwide");
  const std::string normalised = io::write_mapping(m);
  storage::insert_statement_mapping(c, council, m.name, normalised, by);
  auto row = storage::saved_statement_mapping(c, council, m.name);
  return MappingChoice{std::move(m), true, row ? row->saved_by_name : "", row ? row->saved_at : "", normalised};
}

std::vector<st::Rule> council_category_rules(storage::Connection& c, CouncilId council) {
  std::vector<st::Rule> rules = st::default_rules();
  for (const auto& r : storage::learned_category_rules(c, council)) {
    auto parsed = st::parse_rules(r.rule, r.source);
    for (auto& rule : parsed.rules) {
      rule.order = kLearnedOrderBase + std::uint64_t(r.id);
      rules.push_back(std::move(rule));
    }
  }
  return rules;
}

Result<StatementImportResult> import_statement(storage::Connection& c, const StatementImportRequest& req, const io::ByteSource& source) {
  // Not locked here: post() locks the accounts it touches in ascending id
  // order, and taking this one first would break that order. A closure
  // committed while this import runs is still caught: post() reads closures
  // after its locks and refuses any line dated after the closing day, and the
  // whole import is rolled back.
  auto account = storage::find_ledger_account(c, req.council, req.account);
  if (!account) return fail("account", "There is no such account in this council");
  // A million-line statement changes some 400 MB of SQLite pages, scattered
  // over the lines' and transfers' indexes: with the usual 64 MB cache they
  // were written to the WAL and read back many times before the commit
  // (docs/performance.md). A statement of a month's lines takes a few pages.
  storage::LargeWriteCache cache(c, kImportCacheMegabytes);
  if (!ledger::is_holding(account->kind))
    return fail("account", "A statement is imported into the account that holds a budget part's money (a direct payment or an "
                           "individual service fund), not into " + ledger::account_label(*account));
  const io::CsvMapping* mapping = nullptr;
  std::optional<io::CsvMapping> saved;  // the council's own, used before a built-in one of the same name
  std::string saved_version;            // which of its versions, for the import's record
  if (!req.mapping.empty()) {
    if (auto row = storage::saved_statement_mapping(c, req.council, req.mapping)) {
      auto parsed = io::parse_mapping(row->text);
      if (!parsed.mapping) return fail("mapping", "The saved mapping " + req.mapping + " cannot be read: " + parsed.errors.front());
      saved = std::move(*parsed.mapping);
      mapping = &*saved;
      saved_version = " (the council's own, saved by " + row->saved_by_name + " at " + row->saved_at + ")";
    } else {
      mapping = io::builtin_mapping(req.mapping);
    }
    if (!mapping) return fail("mapping", "There is no mapping called " + req.mapping + "; the mappings are " + mapping_names(c, req.council));
  }
  std::optional<st::AccountRef> held;
  if (account->person_id) {
    if (auto bank = storage::latest_bank_details(c, req.council, *account->person_id, account->part_key)) {
      st::AccountRef ref;
      ref.sort_code = bank->sort_code;
      ref.account_number = bank->account_number;
      held = ref;
    }
  }

  Importer importer(c, req, *account, council_category_rules(c, req.council), held);
  if (auto closure = storage::find_account_closure(c, req.council, account->id)) importer.closed_on = closure->closed_on;
  importer.result.account = *account;
  // The import's row first, so its lines can name it; its format and totals
  // are written at the end.
  importer.start_import(req.format ? std::string(io::format_code(*req.format)) : "csv");

  crypto_hash_sha256_state sha;
  crypto_hash_sha256_init(&sha);
  io::ByteSource hashed = [&](char* buffer, std::size_t size) -> std::size_t {
    if (importer.aborted) return 0;
    const std::size_t n = source(buffer, size);
    crypto_hash_sha256_update(&sha, reinterpret_cast<const unsigned char*>(buffer), n);
    return n;
  };
  io::Handlers handlers;
  handlers.statement_start = [&](const st::StatementInfo& info) { importer.statement_start(info); };
  handlers.line = [&](const st::Line& l) { importer.line(l); };
  handlers.statement_end = [&](const st::StatementInfo& info) { importer.statement_end(info); };
  handlers.progress = [&](std::uint64_t bytes) {
    if (req.progress) req.progress(bytes);
  };
  auto report = io::parse_statement(hashed, req.format, mapping, handlers);
  importer.drain();
  auto& result = importer.result;
  result.report = report;
  if (result.outcome == StatementImportResult::Outcome::WrongAccount) return std::move(result);
  if (importer.aborted) {
    result.outcome = StatementImportResult::Outcome::Refused;
    return std::move(result);
  }
  if (report.fatal) {
    result.outcome = StatementImportResult::Outcome::Refused;
    result.refusal = report.fatal->line > 0 ? fmt::format("Line {}: {} {}. Nothing was imported.", report.fatal->line,
                                                          report.fatal->field, report.fatal->reason)
                                            : fmt::format("{} {}. Nothing was imported.", report.fatal->field, report.fatal->reason);
    return std::move(result);
  }
  result.totals.lines_rejected += report.lines_rejected;
  const bool any_rejected = result.totals.lines_rejected > 0;
  if (any_rejected && req.choice == io::ImportChoice::AllOrNothing) {
    result.outcome = StatementImportResult::Outcome::Refused;
    const auto& first = !report.rejections.empty() ? report.rejections.front() : result.rejections.front();
    result.refusal = fmt::format("{} line{} of the file cannot be imported, so nothing was (you chose all or nothing). The first: "
                                 "line {}, {}: {}.",
                                 result.totals.lines_rejected, result.totals.lines_rejected == 1 ? "" : "s", first.line, first.field,
                                 first.reason);
    return std::move(result);
  }
  if (result.totals.lines_read == 0 && report.statements == 0) {
    result.outcome = StatementImportResult::Outcome::Refused;
    result.refusal = "The file holds no statement lines: nothing was imported.";
    return std::move(result);
  }
  importer.finish_rejections(report);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&sha, digest);
  result.totals.file_sha256 = hex(digest, sizeof digest);
  result.totals.format = std::string(io::format_code(report.format));
  result.totals.format_detail = report.format_detail + saved_version;
  if (!result.totals.period_from) result.totals.period_from = importer.first_line_date_;
  if (!result.totals.period_to) result.totals.period_to = importer.max_line_date_;
  storage::finish_statement_import(c, result.totals);
  result.outcome = StatementImportResult::Outcome::Imported;
  return std::move(result);
}

std::int64_t record_wrong_account(storage::Connection& c, const StatementImportRequest& req, const StatementImportResult& result) {
  storage::StatementImportRow row;
  row.council_id = req.council;
  row.account_id = req.account;
  row.format = std::string(io::format_code(result.report.format));
  row.format_detail = result.report.format_detail;
  row.file_name = req.file_name;
  row.imported_by = req.by;
  row.imported_at = utc_timestamp_now();
  row.state = "refused";
  row.choice = req.choice == io::ImportChoice::AllOrNothing ? "all_or_nothing" : "without_rejected_lines";
  row.id = storage::insert_statement_import(c, row);
  storage::StatementExceptionRow e;
  e.council_id = req.council;
  e.account_id = req.account;
  e.import_id = row.id;
  e.kind = "wrong_account";
  e.detail = "The file " + req.file_name + " was refused: " + result.refusal;
  e.raised_at = row.imported_at;
  storage::insert_statement_exception(c, e);
  return row.id;
}

namespace {

Result<std::pair<storage::StatementExceptionRow, storage::StatementLineRow>> open_line_exception(storage::Connection& c, CouncilId council,
                                                                                                  std::int64_t exception_id) {
  auto e = storage::find_statement_exception(c, council, exception_id);
  if (!e) return fail("exception", "There is no such exception in this council");
  if (e->state != "open") return fail("exception", "This exception has already been worked (" + e->outcome + ")");
  if (!e->line_id) return fail("action", "This exception is about the whole statement, not one line: close it with a reason");
  auto line = storage::find_statement_line(c, council, *e->line_id);
  if (!line) return fail("exception", "The line of this exception is not found");
  return std::pair{*e, *line};
}

// Learns from a worker's choice: the rule learn() gives, stored for the next import.
std::string learn_from(storage::Connection& c, CouncilId council, const storage::StatementLineRow& line, st::Category chosen, UserId by,
                       std::string_view by_name) {
  auto rules = council_category_rules(c, council);
  auto learned = st::learn(rules, line_of(line), chosen, by_name, CivilDate::today_utc(), kLearnedOrderBase);
  if (!learned) return "";
  const std::string text = st::write_rule(*learned);
  storage::insert_learned_category_rule(c, council, text, learned->source, by);
  return text;
}

}  // namespace

Result<WorkedException> categorise_exception(storage::Connection& c, CouncilId council, std::int64_t exception_id,
                                             std::string_view category_code, UserId by, std::string_view by_name) {
  auto chosen = st::category_from_code(category_code);
  if (!chosen) return fail("category", "Choose one of the spending categories");
  auto found = open_line_exception(c, council, exception_id);
  if (!found) return std::unexpected(found.error());
  auto& [e, line] = *found;
  if (line.amount_pence >= 0 || line.reversal)
    return fail("action", "Only money going out is categorised; match money coming in to the council's payment, or close it");
  if (line.transfer_id) return fail("exception", "This line is already recorded in the ledger");
  auto category = to_ledger(*chosen);
  auto spending = spending_account(c, council, *category);
  if (!spending) return std::unexpected(spending.error());
  ledger::Transfer t;
  t.id = "stmt:" + std::to_string(line.account_id) + ":" + line.line_identity;
  t.debit = line.account_id;
  t.credit = *spending;
  t.amount = Money::from_pence(-line.amount_pence);
  t.value_date = line.booking_date;
  t.reason = one_line("Statement: " + (line.payee.empty() ? line.description : line.payee), ledger::kMaxReasonLength);
  const std::vector<ledger::Transfer> one{t};
  auto posted = post(c, council, one);
  if (!posted) return fail("category", "The ledger cannot record this spending: " + posted.error().front().message);
  const std::string why = fmt::format("chosen by {} on {}", by_name, CivilDate::today_utc().iso());
  storage::set_statement_line_transfer(c, council, line.id, t.id, std::string(ledger::spending_category_code(*category)), why);
  const std::string learned = learn_from(c, council, line, *chosen, by, by_name);
  WorkedException w;
  w.outcome = fmt::format("categorised as {}{}", ledger::spending_category_label(*category),
                          learned.empty() ? std::string() : "; learned: " + learned);
  if (!storage::work_statement_exception(c, council, e.id, "resolved", w.outcome, by))
    return fail("exception", "This exception has just been worked by someone else");
  w.exception = *storage::find_statement_exception(c, council, e.id);
  w.person_id = w.exception.person_id;
  return w;
}

Result<WorkedException> match_exception(storage::Connection& c, CouncilId council, std::int64_t exception_id,
                                        std::string_view payment_transfer_id, UserId by) {
  auto found = open_line_exception(c, council, exception_id);
  if (!found) return std::unexpected(found.error());
  auto& [e, line] = *found;
  if (line.amount_pence <= 0 || line.reversal) return fail("action", "Only money coming in is matched to a payment");
  const std::string id = trim(payment_transfer_id);
  auto payment = storage::find_transfer(c, council, id);
  if (!payment || !id.starts_with("pay:"))
    return fail("transfer_id", "There is no payment of the council's with that id (it starts pay:)");
  if (payment->credit != line.account_id) return fail("transfer_id", "That payment was made into another account");
  if (payment->amount.pence() != line.amount_pence)
    return fail("transfer_id", "That payment was " + payment->amount.display() + ", not " + Money::from_pence(line.amount_pence).display());
  if (storage::payment_matched(c, council, id)) return fail("transfer_id", "That payment is already matched to another line");
  if (storage::find_reversal_of(c, council, id)) return fail("transfer_id", "That payment has been reversed");
  storage::set_statement_line_transfer(c, council, line.id, id, std::nullopt, "matched to the council's payment " + id + " by a worker");
  WorkedException w;
  w.outcome = "matched to the council's payment " + id;
  if (!storage::work_statement_exception(c, council, e.id, "resolved", w.outcome, by))
    return fail("exception", "This exception has just been worked by someone else");
  w.exception = *storage::find_statement_exception(c, council, e.id);
  w.person_id = w.exception.person_id;
  return w;
}

Result<WorkedException> close_exception(storage::Connection& c, CouncilId council, std::int64_t exception_id, std::string_view reason,
                                        UserId by) {
  auto e = storage::find_statement_exception(c, council, exception_id);
  if (!e) return fail("exception", "There is no such exception in this council");
  if (e->state != "open") return fail("exception", "This exception has already been worked (" + e->outcome + ")");
  const std::string why = one_line(reason, 500);
  if (why.empty()) return fail("reason", "Say why nothing more is to be done about it");
  WorkedException w;
  w.outcome = "closed: " + why;
  if (!storage::work_statement_exception(c, council, e->id, "closed", w.outcome, by))
    return fail("exception", "This exception has just been worked by someone else");
  w.exception = *storage::find_statement_exception(c, council, e->id);
  w.person_id = w.exception.person_id;
  return w;
}

Result<CategoryChange> change_line_category(storage::Connection& c, CouncilId council, std::int64_t line_id, std::string_view category_code,
                                            UserId by, std::string_view by_name) {
  auto chosen = st::category_from_code(category_code);
  if (!chosen) return fail("category", "Choose one of the spending categories");
  auto line = storage::find_statement_line(c, council, line_id);
  if (!line) return fail("line", "There is no such statement line in this council");
  if (line->amount_pence >= 0 || line->reversal) return fail("line", "Only money going out has a spending category");
  if (!line->transfer_id || !line->category)
    return fail("line", "This line is not recorded in the ledger yet: work its exception to categorise it");
  auto from = ledger::spending_category_from_code(*line->category);
  auto to = to_ledger(*chosen);
  if (!from || !to) return fail("category", "Choose one of the spending categories");
  if (*from == *to) return fail("category", "The line is already in that category");
  auto from_account = spending_account(c, council, *from);
  auto to_account = spending_account(c, council, *to);
  if (!from_account || !to_account) return fail("category", "The spending accounts could not be opened");
  ledger::Transfer t;
  t.id = fmt::format("stmt-category:{}:{}", line->id, line->category_changes + 1);
  t.debit = *from_account;
  t.credit = *to_account;
  t.amount = Money::from_pence(-line->amount_pence);
  t.value_date = line->booking_date;
  t.reason = one_line(fmt::format("Statement line {} moved from {} to {} by {}", line->id, ledger::spending_category_label(*from),
                                  ledger::spending_category_label(*to), by_name),
                      ledger::kMaxReasonLength);
  const std::vector<ledger::Transfer> one{t};
  auto posted = post(c, council, one);
  if (!posted) return fail("category", "The ledger cannot record the move: " + posted.error().front().message);
  const std::string why = fmt::format("chosen by {} on {}", by_name, CivilDate::today_utc().iso());
  storage::set_statement_line_category(c, council, line->id, std::string(ledger::spending_category_code(*to)), why);
  const std::string learned = learn_from(c, council, *line, *chosen, by, by_name);
  CategoryChange change;
  change.line = *storage::find_statement_line(c, council, line->id);
  auto account = storage::find_ledger_account(c, council, line->account_id);
  if (account) change.person_id = account->person_id;
  change.outcome = fmt::format("statement line {} moved from {} to {}{}", line->id, ledger::spending_category_label(*from),
                               ledger::spending_category_label(*to), learned.empty() ? std::string() : "; learned: " + learned);
  return change;
}

std::string_view exception_kind_label(std::string_view kind) {
  if (kind == "unknown_reference") return "Money in with no matching payment";
  if (kind == "duplicate") return "Possible duplicate";
  if (kind == "reversal_without_original") return "Reversal without its original";
  if (kind == "balance_mismatch") return "Balance does not match";
  if (kind == "wrong_account") return "Statement for another account";
  if (kind == "uncategorised") return "Spending with no category";
  if (kind == "not_enough_money") return "More spent than the ledger holds";
  if (kind == "rejected_line") return "Line not imported";
  return "Exception";
}

}  // namespace patchwork::services
