#include "storage/repositories/ledger_repository.hpp"

#include "core/date.hpp"
#include "storage/batch.hpp"

namespace patchwork::storage {
namespace {

#define PW_ACCOUNT_COLUMNS "id, council_id, kind, person_id, part_key, provider_id, category"
constexpr Statement kOpenAccount{"ledger_open_account",
    "INSERT INTO ledger_accounts (council_id, kind, account_key, person_id, part_key, provider_id, category, opened_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (council_id, kind, account_key) DO NOTHING"};
constexpr Statement kFindAccountByKey{"ledger_find_account_by_key",
    "SELECT id FROM ledger_accounts WHERE council_id = $1 AND kind = $2 AND account_key = $3"};
constexpr Statement kFindAccountLike{"ledger_find_account_like",
    "SELECT " PW_ACCOUNT_COLUMNS " FROM ledger_accounts WHERE council_id = $1 AND kind = $2 AND account_key = $3"};
constexpr Statement kFindAccount{"ledger_find_account",
    "SELECT " PW_ACCOUNT_COLUMNS " FROM ledger_accounts WHERE council_id = $1 AND id = $2"};
// The one statement that differs by back end: row locks exist only on PostgreSQL.
constexpr Statement kLockAccountPostgres{"ledger_lock_account_postgres",
    "SELECT " PW_ACCOUNT_COLUMNS " FROM ledger_accounts WHERE council_id = $1 AND id = $2 FOR UPDATE"};
constexpr Statement kLockAccountSqlite{"ledger_lock_account_sqlite",
    "SELECT " PW_ACCOUNT_COLUMNS " FROM ledger_accounts WHERE council_id = $1 AND id = $2"};
constexpr Statement kPersonAccounts{"ledger_person_accounts",
    "SELECT " PW_ACCOUNT_COLUMNS " FROM ledger_accounts WHERE council_id = $1 AND person_id = $2 ORDER BY part_key, id"};
constexpr Statement kCouncilAccounts{"ledger_council_accounts",
    "SELECT " PW_ACCOUNT_COLUMNS " FROM ledger_accounts WHERE council_id = $1 ORDER BY id"};
#undef PW_ACCOUNT_COLUMNS
constexpr Statement kPersonInCouncil{"ledger_person_in_council",
    "SELECT count(*) FROM people WHERE council_id = $1 AND id = $2"};

#define PW_TRANSFER_COLUMNS "transfer_id, debit_account, credit_account, amount_pence, value_date, reason, reverses"
constexpr Statement kFindTransfer{"ledger_find_transfer",
    "SELECT " PW_TRANSFER_COLUMNS " FROM ledger_transfers WHERE council_id = $1 AND transfer_id = $2"};
constexpr Statement kFindTransferSeq{"ledger_find_transfer_seq",
    "SELECT seq FROM ledger_transfers WHERE council_id = $1 AND transfer_id = $2"};
constexpr Statement kFindReversal{"ledger_find_reversal",
    "SELECT transfer_id FROM ledger_transfers WHERE council_id = $1 AND reverses = $2"};
constexpr Statement kInsertTransfer{"ledger_insert_transfer",
    "INSERT INTO ledger_transfers (council_id, transfer_id, debit_account, credit_account, amount_pence, value_date, "
    "reason, reverses, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"};
constexpr Statement kAllTransfers{"ledger_all_transfers",
    "SELECT " PW_TRANSFER_COLUMNS " FROM ledger_transfers WHERE council_id = $1 ORDER BY seq"};
constexpr Statement kAccountTransfers{"ledger_account_transfers",
    "SELECT t.transfer_id, t.debit_account, t.credit_account, t.amount_pence, t.value_date, t.reason, t.reverses, "
    "a.id, a.kind, t.recorded_at FROM ledger_transfers t JOIN ledger_accounts a ON a.council_id = t.council_id "
    "AND a.id = CASE WHEN t.debit_account = $2 THEN t.credit_account ELSE t.debit_account END "
    "WHERE t.council_id = $1 AND (t.debit_account = $2 OR t.credit_account = $2) AND t.value_date >= $3 "
    "AND t.value_date <= $4 ORDER BY t.value_date, t.seq"};
constexpr std::string_view kFindTransfersHead =
    "SELECT " PW_TRANSFER_COLUMNS " FROM ledger_transfers WHERE council_id = $1 AND transfer_id IN (";
#undef PW_TRANSFER_COLUMNS

// Each sum reads one covering index (ledger_transfers_credit / _debit).
constexpr Statement kBalance{"ledger_balance",
    "SELECT CAST(coalesce((SELECT sum(amount_pence) FROM ledger_transfers WHERE council_id = $1 AND credit_account = $2 "
    "AND value_date <= $3), 0) - coalesce((SELECT sum(amount_pence) FROM ledger_transfers WHERE council_id = $1 "
    "AND debit_account = $2 AND value_date <= $3), 0) AS BIGINT)"};
constexpr Statement kDailyMovements{"ledger_daily_movements",
    "SELECT value_date, CAST(sum(amount) AS BIGINT) FROM ("
    "SELECT value_date, amount_pence AS amount FROM ledger_transfers WHERE council_id = $1 AND credit_account = $2 "
    "AND value_date >= $3 UNION ALL "
    "SELECT value_date, -amount_pence AS amount FROM ledger_transfers WHERE council_id = $1 AND debit_account = $2 "
    "AND value_date >= $3) m GROUP BY value_date ORDER BY value_date"};

constexpr Statement kReserveWeeks{"ledger_reserve_weeks",
    "SELECT reserve_weeks FROM ledger_settings WHERE council_id = $1"};
constexpr Statement kSetReserveWeeks{"ledger_set_reserve_weeks",
    "INSERT INTO ledger_settings (council_id, reserve_weeks, updated_at) VALUES ($1, $2, $3) "
    "ON CONFLICT (council_id) DO UPDATE SET reserve_weeks = excluded.reserve_weeks, updated_at = excluded.updated_at"};

ledger::Account account_from(const Row& r) {
  ledger::Account a;
  a.id = r.int64(0);
  a.council_id = r.id<CouncilId>(1);
  // The schema's CHECK allows only known kinds and categories.
  a.kind = ledger::account_kind_from_code(r.text(2)).value_or(ledger::AccountKind::CouncilFunding);
  a.person_id = r.opt_id<PersonId>(3);
  a.part_key = r.text(4);
  a.provider_id = r.opt_id<ProviderId>(5);
  if (auto cat = r.opt_text(6)) a.category = ledger::spending_category_from_code(*cat);
  return a;
}

ledger::Transfer transfer_from(const Row& r) {
  ledger::Transfer t;
  t.id = r.text(0);
  t.debit = r.int64(1);
  t.credit = r.int64(2);
  t.amount = Money::from_pence(r.int64(3));
  t.value_date = r.date(4);
  t.reason = r.text(5);
  t.reverses = r.opt_text(6);
  return t;
}

// The batched statements' parts (storage/batch.hpp repeats the groups).
constexpr std::string_view kOpenAccountsHead =
    "INSERT INTO ledger_accounts (council_id, kind, account_key, person_id, part_key, provider_id, category, opened_at) VALUES ";
constexpr std::string_view kOpenAccountsTail = " ON CONFLICT (council_id, kind, account_key) DO NOTHING";
// `council_id + 0`: the ids are keys, so each is one look-up in the primary
// key whatever the planner knows. Said as `council_id = $1`, PostgreSQL
// without statistics for accounts opened in this very transaction (a
// council's first payment run opens one per budget part) walked all the
// council's accounts for every batch of 256: 5 of the 12 s of exporting a
// run of 100,000 payments (bench/payments, pg_stat_statements).
constexpr std::string_view kLockAccountsHead =
    "SELECT id, council_id, kind, person_id, part_key, provider_id, category FROM ledger_accounts WHERE council_id + 0 = $1 AND id IN (";
constexpr std::string_view kLockAccountsTailPostgres = ") ORDER BY id FOR UPDATE";
constexpr std::string_view kLockAccountsTailSqlite = ") ORDER BY id";
constexpr std::string_view kInsertTransfersHead =
    "INSERT INTO ledger_transfers (council_id, transfer_id, debit_account, credit_account, amount_pence, value_date, "
    "reason, reverses, recorded_at) VALUES ";

std::optional<ledger::Account> first_account(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return account_from(rows.front());
}

}  // namespace

void open_ledger_accounts(Connection& c, std::span<const ledger::Account> accounts) {
  const std::string now = utc_timestamp_now();
  std::size_t at = 0;
  for (auto n : batch_sizes(accounts.size())) {
    Params params;
    params.reserve(n * 8);
    for (const auto& a : accounts.subspan(at, n)) {
      params.emplace_back(a.council_id);
      params.emplace_back(std::string(ledger::account_kind_code(a.kind)));
      params.emplace_back(ledger::account_key(a));
      params.emplace_back(opt(a.person_id));
      params.emplace_back(ledger::is_holding(a.kind) ? Param(a.part_key) : Param(Null{}));
      params.emplace_back(opt(a.provider_id));
      params.emplace_back(a.category ? Param(std::string(ledger::spending_category_code(*a.category))) : Param(Null{}));
      params.emplace_back(now);
    }
    c.execute(batched("ledger_open_accounts", kOpenAccountsHead, 8, n, kOpenAccountsTail), params);
    at += n;
  }
}

std::map<ledger::AccountId, ledger::Account> lock_ledger_accounts(Connection& c, CouncilId council_id,
                                                                  std::span<const ledger::AccountId> ids) {
  std::map<ledger::AccountId, ledger::Account> out;
  const bool pg = c.backend() == Backend::Postgres;
  std::size_t at = 0;
  for (auto n : batch_sizes(ids.size())) {
    Params params{council_id};
    for (auto id : ids.subspan(at, n)) params.emplace_back(id);
    const auto& s = pg ? batched("ledger_lock_accounts_postgres", kLockAccountsHead, 1, n, kLockAccountsTailPostgres, 1, false)
                       : batched("ledger_lock_accounts_sqlite", kLockAccountsHead, 1, n, kLockAccountsTailSqlite, 1, false);
    for (const auto& r : c.query(s, params)) {
      auto a = account_from(r);
      out.emplace(a.id, std::move(a));
    }
    at += n;
  }
  return out;
}

std::map<std::string, ledger::Transfer, std::less<>> find_transfers(Connection& c, CouncilId council_id,
                                                                    std::span<const std::string> ids) {
  std::map<std::string, ledger::Transfer, std::less<>> out;
  std::size_t at = 0;
  for (auto n : batch_sizes(ids.size())) {
    Params params{council_id};
    for (const auto& id : ids.subspan(at, n)) params.emplace_back(id);
    for (const auto& r : c.query(batched("ledger_find_transfers", kFindTransfersHead, 1, n, ")", 1, false), params)) {
      auto t = transfer_from(r);
      out.emplace(t.id, std::move(t));
    }
    at += n;
  }
  return out;
}

std::size_t people_in_council(Connection& c, CouncilId council_id, std::span<const PersonId> people) {
  std::size_t found = 0;
  std::size_t at = 0;
  for (auto n : batch_sizes(people.size())) {
    Params params{council_id};
    for (auto p : people.subspan(at, n)) params.emplace_back(p);
    found += std::size_t(
        // "+council_id": SQLite would otherwise walk the council's index (every
        // person in the council, for each batch) instead of looking each id up.
        c.query(batched("ledger_people_in_council", "SELECT count(*) FROM people WHERE +council_id = $1 AND id IN (", 1, n, ")", 1, false),
                params)
            .at(0)
            .int64(0));
    at += n;
  }
  return found;
}

void insert_transfers(Connection& c, CouncilId council_id, std::span<const ledger::Transfer> transfers) {
  const std::string now = utc_timestamp_now();
  std::size_t at = 0;
  for (auto n : batch_sizes(transfers.size())) {
    Params params;
    params.reserve(n * 9);
    for (const auto& t : transfers.subspan(at, n)) {
      params.emplace_back(council_id);
      params.emplace_back(t.id);
      params.emplace_back(t.debit);
      params.emplace_back(t.credit);
      params.emplace_back(t.amount.pence());
      params.emplace_back(t.value_date);
      params.emplace_back(t.reason);
      params.emplace_back(opt(t.reverses));
      params.emplace_back(now);
    }
    c.execute(batched("ledger_insert_transfers", kInsertTransfersHead, 9, n), params);
    at += n;
  }
}

ledger::AccountId open_ledger_account(Connection& c, const ledger::Account& a) {
  const std::string key = ledger::account_key(a);
  const std::string kind(ledger::account_kind_code(a.kind));
  Param category = a.category ? Param(std::string(ledger::spending_category_code(*a.category))) : Param(Null{});
  Param part = ledger::is_holding(a.kind) ? Param(a.part_key) : Param(Null{});
  c.execute(kOpenAccount, {a.council_id, kind, key, opt(a.person_id), part, opt(a.provider_id), category,
                           utc_timestamp_now()});
  return c.query(kFindAccountByKey, {a.council_id, kind, key}).at(0).int64(0);
}

std::optional<ledger::Account> find_ledger_account(Connection& c, CouncilId council_id, ledger::AccountId id) {
  return first_account(c.query(kFindAccount, {council_id, id}));
}

std::optional<ledger::Account> find_ledger_account_like(Connection& c, const ledger::Account& a) {
  return first_account(c.query(kFindAccountLike, {a.council_id, std::string(ledger::account_kind_code(a.kind)),
                                                  ledger::account_key(a)}));
}

std::optional<std::int64_t> find_transfer_seq(Connection& c, CouncilId council_id, std::string_view id) {
  auto rows = c.query(kFindTransferSeq, {council_id, std::string(id)});
  if (rows.empty()) return std::nullopt;
  return rows.front().int64(0);
}

std::optional<ledger::Account> lock_ledger_account(Connection& c, CouncilId council_id, ledger::AccountId id) {
  const Statement& s = c.backend() == Backend::Postgres ? kLockAccountPostgres : kLockAccountSqlite;
  return first_account(c.query(s, {council_id, id}));
}

std::vector<ledger::Account> person_ledger_accounts(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<ledger::Account> out;
  for (const auto& r : c.query(kPersonAccounts, {council_id, person_id})) out.push_back(account_from(r));
  return out;
}

std::vector<ledger::Account> council_ledger_accounts(Connection& c, CouncilId council_id) {
  std::vector<ledger::Account> out;
  for (const auto& r : c.query(kCouncilAccounts, {council_id})) out.push_back(account_from(r));
  return out;
}

bool person_in_council(Connection& c, CouncilId council_id, PersonId person_id) {
  return c.query(kPersonInCouncil, {council_id, person_id}).at(0).int64(0) > 0;
}

std::optional<ledger::Transfer> find_transfer(Connection& c, CouncilId council_id, std::string_view id) {
  auto rows = c.query(kFindTransfer, {council_id, std::string(id)});
  if (rows.empty()) return std::nullopt;
  return transfer_from(rows.front());
}

std::optional<std::string> find_reversal_of(Connection& c, CouncilId council_id, std::string_view id) {
  auto rows = c.query(kFindReversal, {council_id, std::string(id)});
  if (rows.empty()) return std::nullopt;
  return rows.front().text(0);
}

void insert_transfer(Connection& c, CouncilId council_id, const ledger::Transfer& t) {
  c.execute(kInsertTransfer, {council_id, t.id, t.debit, t.credit, t.amount.pence(), t.value_date, t.reason,
                              opt(t.reverses), utc_timestamp_now()});
}

Money ledger_balance(Connection& c, CouncilId council_id, ledger::AccountId account, CivilDate as_at) {
  return Money::from_pence(c.query(kBalance, {council_id, account, as_at}).at(0).int64(0));
}

ledger::LedgerView::Movements ledger_movements_from(Connection& c, CouncilId council_id, ledger::AccountId account,
                                                    CivilDate from) {
  ledger::LedgerView::Movements m;
  m.opening = ledger_balance(c, council_id, account, from.plus_days(-1));
  for (const auto& r : c.query(kDailyMovements, {council_id, account, from}))
    m.days.push_back({r.date(0), Money::from_pence(r.int64(1))});
  return m;
}

std::vector<ListedTransfer> list_account_transfers(Connection& c, CouncilId council_id, ledger::AccountId account,
                                                   CivilDate from, CivilDate to) {
  std::vector<ListedTransfer> out;
  for (const auto& r : c.query(kAccountTransfers, {council_id, account, from, to})) {
    ListedTransfer l;
    l.transfer = transfer_from(r);
    l.other_account = r.int64(7);
    l.other_kind = ledger::account_kind_from_code(r.text(8)).value_or(ledger::AccountKind::CouncilFunding);
    l.recorded_at = r.text(9);
    out.push_back(std::move(l));
  }
  return out;
}

std::vector<ledger::Transfer> all_council_transfers(Connection& c, CouncilId council_id) {
  std::vector<ledger::Transfer> out;
  for (const auto& r : c.query(kAllTransfers, {council_id})) out.push_back(transfer_from(r));
  return out;
}

int ledger_reserve_weeks(Connection& c, CouncilId council_id) {
  auto rows = c.query(kReserveWeeks, {council_id});
  return rows.empty() ? ledger::kDefaultReserveWeeks : int(rows.front().int64(0));
}

void set_ledger_reserve_weeks(Connection& c, CouncilId council_id, int weeks) {
  c.execute(kSetReserveWeeks, {council_id, weeks, utc_timestamp_now()});
}

}  // namespace patchwork::storage
