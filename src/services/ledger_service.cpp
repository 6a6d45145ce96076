#include "services/ledger_service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/text.hpp"
#include "storage/repositories/account_closures_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/providers_repository.hpp"

namespace patchwork::services {
namespace {

// The ledger as the database holds it, for ledger::plan_post. Accounts come
// from the rows post() has locked; the rest is read as asked.
class StoredLedger final : public ledger::LedgerView {
 public:
  StoredLedger(storage::Connection& c, CouncilId council, std::map<ledger::AccountId, ledger::Account> locked,
               std::vector<std::string> asked, std::map<std::string, ledger::Transfer, std::less<>> recorded)
      : c_(c), council_(council), locked_(std::move(locked)), asked_(std::move(asked)), recorded_(std::move(recorded)) {}
  std::optional<ledger::Account> account(ledger::AccountId id) override {
    auto it = locked_.find(id);
    if (it != locked_.end()) return it->second;
    return storage::find_ledger_account(c_, council_, id);
  }
  // The ids post() read in batches are answered from what it read (present or
  // not); any other is read as asked.
  std::optional<ledger::Transfer> transfer(std::string_view id) override {
    if (auto it = recorded_.find(id); it != recorded_.end()) return it->second;
    if (std::binary_search(asked_.begin(), asked_.end(), id, std::less<>())) return std::nullopt;
    return storage::find_transfer(c_, council_, id);
  }
  std::optional<std::string> reversed_by(std::string_view id) override { return storage::find_reversal_of(c_, council_, id); }
  Movements movements_from(ledger::AccountId account, CivilDate from) override {
    return storage::ledger_movements_from(c_, council_, account, from);
  }

 private:
  storage::Connection& c_;
  CouncilId council_;
  std::map<ledger::AccountId, ledger::Account> locked_;
  std::vector<std::string> asked_;  // sorted
  std::map<std::string, ledger::Transfer, std::less<>> recorded_;
};

// A budget part's key as budgets::Part keeps it ("A", "DP1"): short, letters
// and digits, so an account key made from it cannot be confused with another.
bool part_key_ok(std::string_view key) {
  return !key.empty() && key.size() <= 10 &&
         std::all_of(key.begin(), key.end(), [](char ch) {
           return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
         });
}

}  // namespace

Result<ledger::AccountId> holding_account(storage::Connection& c, CouncilId council, PersonId person,
                                          std::string_view part_key, budgets::Mechanism mechanism) {
  auto kind = ledger::holding_kind(mechanism);
  if (!kind) return fail("part_key", "A part the council arranges itself holds no money, so it has no account");
  if (!part_key_ok(part_key)) return fail("part_key", "Give the budget part's key, such as A");
  if (!storage::person_in_council(c, council, person)) return fail("person_id", "There is no such person in this council");
  ledger::Account a;
  a.council_id = council;
  a.kind = *kind;
  a.person_id = person;
  a.part_key = std::string(part_key);
  return storage::open_ledger_account(c, a);
}

Result<std::vector<ledger::AccountId>> holding_accounts(storage::Connection& c, CouncilId council, std::span<const HoldingPart> parts) {
  std::vector<ledger::Account> wanted;
  std::vector<PersonId> people;
  for (const auto& p : parts) {
    auto kind = ledger::holding_kind(p.mechanism);
    if (!kind) return fail("part_key", "A part the council arranges itself holds no money, so it has no account");
    if (!part_key_ok(p.part_key)) return fail("part_key", "Give the budget part's key, such as A");
    ledger::Account a;
    a.council_id = council;
    a.kind = *kind;
    a.person_id = p.person;
    a.part_key = p.part_key;
    wanted.push_back(std::move(a));
    people.push_back(p.person);
  }
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  if (storage::people_in_council(c, council, people) != people.size())
    return fail("person_id", "There is no such person in this council");
  storage::open_ledger_accounts(c, wanted);
  std::map<std::pair<std::string, std::string>, ledger::AccountId> by_key;  // (kind, account key) -> id
  for (const auto& a : storage::council_ledger_accounts(c, council))
    if (ledger::is_holding(a.kind)) by_key.emplace(std::pair{std::string(ledger::account_kind_code(a.kind)), ledger::account_key(a)}, a.id);
  std::vector<ledger::AccountId> out;
  out.reserve(wanted.size());
  for (const auto& a : wanted) out.push_back(by_key.at({std::string(ledger::account_kind_code(a.kind)), ledger::account_key(a)}));
  return out;
}

Result<ledger::AccountId> council_account(storage::Connection& c, CouncilId council, ledger::AccountKind kind) {
  if (kind != ledger::AccountKind::CouncilFunding && kind != ledger::AccountKind::SurplusRecovered &&
      kind != ledger::AccountKind::OverpaymentsDue)
    return fail("kind", fmt::format("A council has one {} account for each person, provider or category, not one of "
                                    "its own", ledger::account_kind_label(kind)));
  ledger::Account a;
  a.council_id = council;
  a.kind = kind;
  return storage::open_ledger_account(c, a);
}

Result<ledger::AccountId> spending_account(storage::Connection& c, CouncilId council, ledger::SpendingCategory category) {
  ledger::Account a;
  a.council_id = council;
  a.kind = ledger::AccountKind::Spending;
  a.category = category;
  return storage::open_ledger_account(c, a);
}

Result<ledger::AccountId> provider_payable_account(storage::Connection& c, CouncilId council, ProviderId provider) {
  ledger::Account a;
  a.council_id = council;
  a.kind = ledger::AccountKind::ProviderPayable;
  a.provider_id = provider;
  // Asked first so that a provider of another council is a field error, not
  // the key (council_id, provider_id) failing the caller's transaction.
  if (!storage::find_provider(c, council, provider)) return fail("provider_id", "There is no such provider on this council's register");
  return storage::open_ledger_account(c, a);
}

Result<ledger::AccountId> contribution_account(storage::Connection& c, CouncilId council, PersonId person) {
  if (!storage::person_in_council(c, council, person)) return fail("person_id", "There is no such person in this council");
  ledger::Account a;
  a.council_id = council;
  a.kind = ledger::AccountKind::PersonContribution;
  a.person_id = person;
  return storage::open_ledger_account(c, a);
}

Result<PostOutcome> post(storage::Connection& c, CouncilId council, std::span<const ledger::Transfer> transfers) {
  // Lock every account touched, in ascending id order, before reading any
  // balance or id: ledger::plan_post's answers then stay true until commit.
  std::vector<ledger::AccountId> ids;
  for (const auto& t : transfers) {
    if (t.debit > 0) ids.push_back(t.debit);
    if (t.credit > 0) ids.push_back(t.credit);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  // A few hundred rows per round trip (a payment run posts one transfer per
  // payment): the locks batch by batch in ascending id order, so the order
  // rule above holds across batches too.
  auto locked = storage::lock_ledger_accounts(c, council, ids);
  // No money moves in or out of a closed account after its closing date
  // (docs/money.md "Closing an account"), whoever posts it: a payment, a
  // statement line, a reversal or a recovery. The closures are read after the
  // locks, so a closure committed meanwhile is seen.
  const auto closures = storage::council_account_closures(c, council);
  if (!closures.empty())
    for (const auto& t : transfers)
      for (auto id : {t.debit, t.credit})
        if (auto shut = closures.find(id); shut != closures.end() && t.value_date > shut->second.closed_on) {
          auto a = locked.find(id);
          return fail("value_date", (a == locked.end() ? std::string("The account") : ledger::account_label(a->second)) + " was closed on " +
                                        shut->second.closed_on.display() + ", so no money moves in or out of it after that");
        }
  // Every id the rules will ask about (each transfer's own, for the replay
  // rule, and the one it reverses), read in batches after the locks are held.
  std::vector<std::string> asked;
  for (const auto& t : transfers) {
    asked.push_back(t.id);
    if (t.reverses) asked.push_back(*t.reverses);
  }
  std::sort(asked.begin(), asked.end());
  asked.erase(std::unique(asked.begin(), asked.end()), asked.end());
  auto recorded = storage::find_transfers(c, council, asked);

  StoredLedger view(c, council, std::move(locked), std::move(asked), std::move(recorded));
  auto plan = ledger::plan_post(view, council, transfers);
  if (!plan) return std::unexpected(plan.error());
  storage::insert_transfers(c, council, plan->to_record);
  return PostOutcome{int(plan->to_record.size()), plan->already_recorded};
}

Result<Money> balance(storage::Connection& c, CouncilId council, ledger::AccountId account, CivilDate as_at) {
  if (!storage::find_ledger_account(c, council, account)) return fail("account", "There is no such account in this council");
  if (!as_at.ok()) return fail("on", "Enter a real date");
  return storage::ledger_balance(c, council, account, as_at);
}

Result<ledger::PartSummary> part_summary(storage::Connection& c, CouncilId council, ledger::AccountId holding,
                                         CivilDate from, CivilDate to, Money weekly) {
  auto a = storage::find_ledger_account(c, council, holding);
  if (!a) return fail("account", "There is no such account in this council");
  if (!ledger::is_holding(a->kind)) return fail("account", "Only an account that holds a budget part's money has a summary");
  if (!from.ok() || !to.ok() || to < from) return fail("to", "The end of the period must be on or after its start");
  std::vector<ledger::HoldingMovement> movements;
  for (auto& l : storage::list_account_transfers(c, council, holding, from, to))
    movements.push_back({std::move(l.transfer), l.other_kind});
  const Money held = storage::ledger_balance(c, council, holding, to);
  return ledger::part_summary(holding, movements, from, to, held, weekly, storage::ledger_reserve_weeks(c, council));
}

Result<Reversal> reverse(storage::Connection& c, CouncilId council, std::string_view transfer_id, std::string reason,
                         CivilDate value_date) {
  auto original = storage::find_transfer(c, council, transfer_id);
  auto seq = storage::find_transfer_seq(c, council, transfer_id);
  if (!original || !seq) return fail("transfer_id", "There is no such transfer in this council's ledger");
  // A correction happens now or is back-dated, never put off: one dated in the
  // future (the year 9999) would use up the transfer's only reversal while
  // leaving the money where it is on every real date (an attacker review).
  if (value_date > CivilDate::today_utc()) return fail("value_date", "A correction cannot be dated after today");
  Reversal r;
  r.original = *original;
  r.transfer.id = "reversal:" + std::to_string(*seq);
  r.transfer.debit = original->credit;
  r.transfer.credit = original->debit;
  r.transfer.amount = original->amount;
  r.transfer.value_date = value_date;
  r.transfer.reason = trim(reason);
  r.transfer.reverses = original->id;
  // Which person's account it touches, for the audit trail.
  for (auto id : {original->debit, original->credit}) {
    auto a = storage::find_ledger_account(c, council, id);
    if (a && a->person_id && !r.person_id) r.person_id = a->person_id;
  }
  const std::vector<ledger::Transfer> one{r.transfer};
  auto posted = post(c, council, one);
  if (!posted) {
    // The rules name the fields of transfers[0]; a person correcting one
    // transfer sees the form's names.
    FieldErrors errors;
    for (auto e : posted.error()) {
      if (e.field == "transfers[0].reason") e.field = "reason";
      else if (e.field == "transfers[0].value_date") e.field = "value_date";
      else e.field = "transfer_id";
      errors.push_back(std::move(e));
    }
    return std::unexpected(errors);
  }
  r.already_recorded = posted->already_recorded > 0;
  return r;
}

Result<int> set_reserve_weeks(storage::Connection& c, CouncilId council, int weeks) {
  if (weeks < 1 || weeks > 52) return fail("reserve_weeks", "Enter a number of weeks from 1 to 52");
  storage::set_ledger_reserve_weeks(c, council, weeks);
  return weeks;
}

Result<ledger::Closure> close_account(storage::Connection& c, CouncilId council, ledger::AccountId account,
                                      const people::Fields& fields, UserId by, CivilDate today) {
  // The council's funding account is locked too (both in ascending id order,
  // as post() locks): preparing a payment run locks it first, so a run being
  // prepared at this moment (its payments not yet visible here) finishes
  // before this looks for payments waiting, on PostgreSQL as on SQLite.
  auto funding = council_account(c, council, ledger::AccountKind::CouncilFunding);
  if (!funding) return std::unexpected(funding.error());
  std::vector<ledger::AccountId> ids{*funding, account};
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto locked = storage::lock_ledger_accounts(c, council, ids);
  auto at = locked.find(account);
  if (at == locked.end()) return fail("account", "There is no such account in this council");
  const std::optional<ledger::Account> found = at->second;
  auto request = ledger::close_request_from_fields(fields, today);
  if (!request) return std::unexpected(request.error());
  ledger::ClosingFacts facts;
  if (auto already = storage::find_account_closure(c, council, account)) facts.already_closed_on = already->closed_on;
  facts.held_at_close = storage::ledger_balance(c, council, account, request->on);
  facts.last_movement = storage::last_account_movement(c, council, account);
  if (found->person_id) {
    facts.open_recovery_cases = storage::open_recovery_cases(c, council, *found->person_id);
    facts.payments_waiting = storage::payments_waiting(c, council, *found->person_id, found->part_key);
  }
  if (auto problems = ledger::closing_problems(*found, facts, request->on); !problems.empty()) return std::unexpected(problems);
  ledger::Closure k;
  k.council_id = council;
  k.account_id = account;
  k.closed_on = request->on;
  k.reason = request->reason;
  k.closed_by = by;
  k.closed_at = utc_timestamp_now();
  storage::insert_account_closure(c, k);
  return storage::find_account_closure(c, council, account).value_or(k);
}

}  // namespace patchwork::services
