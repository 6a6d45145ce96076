#pragma once
// "Your money" (docs/my-pages.md): each part of the person's budget in effect
// today that holds money, over a period: the ledger's summary (what came in,
// was spent, was taken back, is left, is held, and the reserve allowed),
// spending by category, every movement, and what the bank said. Shared by the
// /my pages and /api/v1/me. The caller has asked the policy (view_ledger).
#include <optional>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "core/money.hpp"
#include "domain/budgets/parts.hpp"
#include "domain/ledger/accounts.hpp"
#include "domain/ledger/ledger.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"
#include "storage/repositories/my_money_repository.hpp"

namespace patchwork::services {

struct MoneyMove {
  CivilDate date;
  bool in = false;
  Money amount;
  ledger::AccountKind other_kind = ledger::AccountKind::CouncilFunding;
  std::optional<ledger::SpendingCategory> category;  // spending: what on
  std::string reason;
};
struct CategorySpent {
  ledger::SpendingCategory category;
  Money amount;
};
struct MoneyPart {
  budgets::Part part;
  std::optional<ledger::AccountId> account;       // nothing: no money paid in yet
  std::optional<ledger::PartSummary> summary;
  std::vector<CategorySpent> by_category;         // in the order first spent
  Money other_spending;                           // to providers, and spending of no category
  std::vector<MoneyMove> moves;
  std::vector<storage::BankLine> bank;
};
// Empty when there is no budget in effect today, or no part holds money.
std::vector<MoneyPart> money_parts(storage::Connection& c, const people::Person& person, CivilDate from, CivilDate to, CivilDate today);

}  // namespace patchwork::services
