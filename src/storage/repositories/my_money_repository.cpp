#include "storage/repositories/my_money_repository.hpp"

namespace patchwork::storage {
namespace {

constexpr Statement kLines{"bank_lines_between",
    "SELECT booking_date, amount_pence, payee, description, cash FROM statement_lines "
    "WHERE council_id = $1 AND account_id = $2 AND booking_date >= $3 AND booking_date <= $4 ORDER BY booking_date, id"};

}  // namespace

std::vector<BankLine> bank_lines_between(Connection& c, CouncilId council_id, ledger::AccountId account, CivilDate from, CivilDate to) {
  std::vector<BankLine> out;
  for (const auto& r : c.query(kLines, {council_id, account, from, to}))
    out.push_back({r.date(0), Money::from_pence(r.int64(1)), r.text(2), r.text(3), r.int64(4) != 0});
  return out;
}

}  // namespace patchwork::storage
