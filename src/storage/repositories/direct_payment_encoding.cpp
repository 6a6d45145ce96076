#include "storage/repositories/direct_payment_encoding.hpp"

#include <string>

namespace patchwork::storage {

void append_direct_payment_values(Params& params, const std::optional<budgets::DirectPaymentDetails>& dp) {
  if (!dp) {
    for (std::size_t i = 0; i < kDirectPaymentConditionColumns; ++i) params.emplace_back(Null{});
    return;
  }
  const auto& m = dp->managing;
  params.emplace_back(m ? Value(std::string(budgets::manages_code(m->manages))) : Value(Null{}));
  params.emplace_back(m ? Value(m->help) : Value(Null{}));
  params.emplace_back(m ? Value(m->decided_by) : Value(Null{}));
  params.emplace_back(m && m->decided_on.ok() ? Value(m->decided_on.iso()) : Value(Null{}));
  params.emplace_back(opt(dp->recipient_agreed_on));
  const auto& a = dp->authorised;
  params.emplace_back(a ? Value(std::string(budgets::authorised_as_code(a->as))) : Value(Null{}));
  params.emplace_back(a ? opt(a->representative_id) : Value(Null{}));
  params.emplace_back(a && !a->suitable_decided_by.empty() ? Value(a->suitable_decided_by) : Value(Null{}));
  params.emplace_back(a ? opt(a->suitable_decided_on) : Value(Null{}));
  params.emplace_back(a ? opt(a->supported_by_id) : Value(Null{}));
}

void read_direct_payment_conditions(const Row& r, std::size_t first, budgets::DirectPaymentDetails& dp) {
  if (!r.is_null(first)) {
    budgets::ManagingFinding m;
    m.manages = r.text(first) == "with_help" ? budgets::Manages::WithHelp : budgets::Manages::ByThemself;
    m.help = r.text(first + 1);
    m.decided_by = r.text(first + 2);
    if (auto d = r.opt_date(first + 3)) m.decided_on = *d;
    dp.managing = m;
  }
  dp.recipient_agreed_on = r.opt_date(first + 4);
  if (!r.is_null(first + 5)) {
    budgets::AuthorisedConditions a;
    a.as = r.text(first + 5) == "suitable" ? budgets::AuthorisedAs::Suitable : budgets::AuthorisedAs::AttorneyOrDeputy;
    a.representative_id = r.opt_int64(first + 6);
    a.suitable_decided_by = r.text(first + 7);
    a.suitable_decided_on = r.opt_date(first + 8);
    a.supported_by_id = r.opt_int64(first + 9);
    dp.authorised = a;
  }
}

}  // namespace patchwork::storage
