#include "domain/ledger/memory_ledger.hpp"

namespace patchwork::ledger {

AccountId MemoryLedger::open(Account a) {
  a.id = next_id_++;
  accounts_.emplace(a.id, a);
  return a.id;
}

Result<MemoryLedger::Outcome> MemoryLedger::post(std::span<const Transfer> transfers) {
  auto plan = plan_post(*this, council_, transfers);
  if (!plan) return std::unexpected(plan.error());
  for (const auto& t : plan->to_record) {
    by_id_.emplace(t.id, recorded_.size());
    if (t.reverses) reversals_.emplace(*t.reverses, t.id);
    recorded_.push_back(t);
  }
  return Outcome{int(plan->to_record.size()), plan->already_recorded};
}

Money MemoryLedger::balance(AccountId account, CivilDate as_at) const {
  // Checked sums: .value() throws rather than wrap (amounts here are a test's).
  Money total;
  for (const auto& t : recorded_) {
    if (as_at < t.value_date) continue;
    if (t.credit == account) total = total.plus(t.amount).value();
    if (t.debit == account) total = total.minus(t.amount).value();
  }
  return total;
}

std::optional<Account> MemoryLedger::account(AccountId id) {
  auto it = accounts_.find(id);
  if (it == accounts_.end() || it->second.council_id != council_) return std::nullopt;
  return it->second;
}

std::optional<Transfer> MemoryLedger::transfer(std::string_view id) {
  auto it = by_id_.find(id);
  if (it == by_id_.end()) return std::nullopt;
  return recorded_[it->second];
}

std::optional<std::string> MemoryLedger::reversed_by(std::string_view id) {
  auto it = reversals_.find(id);
  if (it == reversals_.end()) return std::nullopt;
  return it->second;
}

LedgerView::Movements MemoryLedger::movements_from(AccountId account, CivilDate from) {
  Movements m;
  std::map<CivilDate, Money> days;
  for (const auto& t : recorded_) {
    if (t.credit != account && t.debit != account) continue;
    const Money in = t.credit == account ? t.amount : t.amount.negated().value();
    Money& slot = t.value_date < from ? m.opening : days[t.value_date];
    slot = slot.plus(in).value();
  }
  for (const auto& [day, net] : days) m.days.push_back({day, net});
  return m;
}

}  // namespace patchwork::ledger
