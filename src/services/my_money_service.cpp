#include "services/my_money_service.hpp"

#include <algorithm>

#include "services/ledger_service.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"

namespace patchwork::services {

std::vector<MoneyPart> money_parts(storage::Connection& c, const people::Person& person, CivilDate from, CivilDate to, CivilDate today) {
  std::vector<MoneyPart> out;
  auto b = storage::find_budget_on(c, person.council_id, person.id, today);
  if (!b) return out;
  for (const auto& p : b->parts) {
    auto kind = ledger::holding_kind(p.mechanism);
    if (!kind) continue;
    MoneyPart m;
    m.part = p;
    ledger::Account wanted;
    wanted.council_id = person.council_id;
    wanted.kind = *kind;
    wanted.person_id = person.id;
    wanted.part_key = p.key;
    // Looking never opens an account: one not yet opened has had nothing paid in.
    auto account = storage::find_ledger_account_like(c, wanted);
    if (!account) {
      out.push_back(std::move(m));
      continue;
    }
    m.account = account->id;
    if (auto s = part_summary(c, person.council_id, account->id, from, to, p.weekly)) m.summary = *s;
    for (const auto& l : storage::list_account_transfers(c, person.council_id, account->id, from, to)) {
      MoneyMove move{l.transfer.value_date, l.transfer.credit == account->id, l.transfer.amount, l.other_kind, std::nullopt, l.transfer.reason};
      if (!move.in && l.other_kind == ledger::AccountKind::Spending)
        if (auto other = storage::find_ledger_account(c, person.council_id, l.other_account)) move.category = other->category;
      // Sums of stored transfers fit: the ledger checked every sum when it
      // recorded them, and a period's spending is below the account's total.
      if (!move.in && move.category) {
        auto it = std::find_if(m.by_category.begin(), m.by_category.end(), [&](const CategorySpent& e) { return e.category == *move.category; });
        if (it == m.by_category.end()) m.by_category.push_back({*move.category, move.amount});
        else it->amount = it->amount.plus(move.amount).value_or(it->amount);
      } else if (!move.in && (l.other_kind == ledger::AccountKind::Spending || l.other_kind == ledger::AccountKind::ProviderPayable)) {
        m.other_spending = m.other_spending.plus(move.amount).value_or(m.other_spending);
      }
      m.moves.push_back(std::move(move));
    }
    m.bank = storage::bank_lines_between(c, person.council_id, account->id, from, to);
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace patchwork::services
