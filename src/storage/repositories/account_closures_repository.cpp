#include "storage/repositories/account_closures_repository.hpp"

namespace patchwork::storage {
namespace {

constexpr Statement kFindClosure{"closure_find",
    "SELECT k.council_id, k.account_id, k.closed_on, k.reason, k.closed_by, coalesce(u.display_name, ''), k.closed_at "
    "FROM ledger_account_closures k LEFT JOIN users u ON u.id = k.closed_by WHERE k.council_id = $1 AND k.account_id = $2"};
constexpr Statement kCouncilClosures{"closure_council",
    "SELECT k.council_id, k.account_id, k.closed_on, k.reason, k.closed_by, coalesce(u.display_name, ''), k.closed_at "
    "FROM ledger_account_closures k LEFT JOIN users u ON u.id = k.closed_by WHERE k.council_id = $1"};
constexpr Statement kClosedParts{"closure_parts",
    "SELECT a.person_id, a.part_key, k.closed_on, a.kind FROM ledger_account_closures k "
    "JOIN ledger_accounts a ON a.council_id = k.council_id AND a.id = k.account_id "
    "WHERE k.council_id = $1 AND a.person_id IS NOT NULL AND a.part_key IS NOT NULL"};
constexpr Statement kInsertClosure{"closure_insert",
    "INSERT INTO ledger_account_closures (council_id, account_id, closed_on, reason, closed_by, closed_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)"};
constexpr Statement kLastMovement{"closure_last_movement",
    "SELECT max(value_date) FROM ledger_transfers WHERE council_id = $1 AND (debit_account = $2 OR credit_account = $2)"};
constexpr Statement kOpenCases{"closure_open_cases",
    "SELECT count(*) FROM recovery_cases WHERE council_id = $1 AND person_id = $2 AND state IN ('open', 'write_off_proposed')"};

constexpr Statement kPaymentsWaiting{"closure_payments_waiting",
    "SELECT count(*) FROM payment_run_items i JOIN payment_runs r ON r.council_id = i.council_id AND r.id = i.run_id "
    "WHERE i.council_id = $1 AND i.person_id = $2 AND i.part_key = $3 AND r.state IN ('draft', 'approved')"};

ledger::Closure closure_from(const Row& r) {
  ledger::Closure k;
  k.council_id = r.id<CouncilId>(0);
  k.account_id = r.int64(1);
  k.closed_on = r.date(2);
  k.reason = r.text(3);
  k.closed_by = r.opt_id<UserId>(4);
  k.closed_by_name = r.text(5);
  k.closed_at = r.text(6);
  return k;
}

}  // namespace

std::optional<ledger::Closure> find_account_closure(Connection& c, CouncilId council_id, ledger::AccountId account) {
  auto rows = c.query(kFindClosure, {council_id, account});
  if (rows.empty()) return std::nullopt;
  return closure_from(rows.front());
}

std::map<ledger::AccountId, ledger::Closure> council_account_closures(Connection& c, CouncilId council_id) {
  std::map<ledger::AccountId, ledger::Closure> out;
  for (const auto& r : c.query(kCouncilClosures, {council_id})) {
    auto k = closure_from(r);
    out.emplace(k.account_id, std::move(k));
  }
  return out;
}

std::map<ClosedPart, CivilDate> closed_holding_parts(Connection& c, CouncilId council_id) {
  std::map<ClosedPart, CivilDate> out;
  for (const auto& r : c.query(kClosedParts, {council_id}))
    if (auto kind = ledger::account_kind_from_code(r.text(3))) out[{r.id<PersonId>(0), r.text(1), *kind}] = r.date(2);
  return out;
}

void insert_account_closure(Connection& c, const ledger::Closure& k) {
  c.execute(kInsertClosure, {k.council_id, k.account_id, k.closed_on, k.reason,
                             opt(k.closed_by), k.closed_at});
}

std::optional<CivilDate> last_account_movement(Connection& c, CouncilId council_id, ledger::AccountId account) {
  auto rows = c.query(kLastMovement, {council_id, account});
  if (rows.empty() || rows.front().is_null(0)) return std::nullopt;
  return rows.front().opt_date(0);
}

int open_recovery_cases(Connection& c, CouncilId council_id, PersonId person) {
  return int(c.query(kOpenCases, {council_id, person}).at(0).int64(0));
}

int payments_waiting(Connection& c, CouncilId council_id, PersonId person, const std::string& part_key) {
  return int(c.query(kPaymentsWaiting, {council_id, person, part_key}).at(0).int64(0));
}

}  // namespace patchwork::storage
