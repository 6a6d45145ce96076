#include "api/direct_payment_json.hpp"

#include "api/json.hpp"

namespace patchwork::api {

void add_direct_payment_json(json::object& o, const budgets::DirectPaymentDetails& dp) {
  o["recipient"] = budgets::recipient_code(dp.recipient);
  o["recipient_name"] = dp.recipient_name;
  o["held_in"] = budgets::held_in_code(dp.held_in);
  o["organisation"] = dp.organisation;
  const auto& m = dp.managing;
  o["manages"] = m ? json::value(budgets::manages_code(m->manages)) : json::value(nullptr);
  o["manages_help"] = m ? json::value(m->help) : json::value(nullptr);
  o["manages_decided_by"] = m ? json::value(m->decided_by) : json::value(nullptr);
  o["manages_decided_on"] = m && m->decided_on.ok() ? json::value(m->decided_on.iso()) : json::value(nullptr);
  o["recipient_agreed_on"] = optional_date(dp.recipient_agreed_on);
  const auto& a = dp.authorised;
  o["authorised_as"] = a ? json::value(budgets::authorised_as_code(a->as)) : json::value(nullptr);
  o["representative_id"] = a ? optional_id(a->representative_id) : json::value(nullptr);
  o["suitable_decided_by"] = a && !a->suitable_decided_by.empty() ? json::value(a->suitable_decided_by) : json::value(nullptr);
  o["suitable_decided_on"] = a ? optional_date(a->suitable_decided_on) : json::value(nullptr);
  o["supported_by"] = a ? optional_id(a->supported_by_id) : json::value(nullptr);
}

}  // namespace patchwork::api
