// /api/v1/people/{id}/characteristics: the history of the characteristics the
// council's figures are split by, or (with ?as_at=) what held on one date.
// The look is decided by the policy (the person's care record) and audited.
#include "api/characteristics_api.hpp"

#include "core/text.hpp"
#include "domain/people/national.hpp"
#include "storage/repositories/characteristics_repository.hpp"

namespace patchwork::api {

json::value characteristics_json(const std::optional<people::Characteristics>& c) {
  if (!c) return nullptr;
  const auto cld = people::cld_characteristics(*c);
  return json::object{{"dementia", c->dementia},
                      {"primary_support_reason", c->primary_support_reason},
                      {"accommodation_status", c->accommodation_status},
                      {"has_unpaid_carer", c->has_unpaid_carer},
                      {"date_of_death", optional_date(c->date_of_death)},
                      {"national", json::object{{"Dementia", cld.dementia},
                                                {"Primary_Support_Reason", cld.primary_support_reason},
                                                {"Accommodation_Status", cld.accommodation_status},
                                                {"Has_Unpaid_Carer", cld.has_unpaid_carer},
                                                {"Date_of_Death", cld.date_of_death.empty() ? json::value(nullptr)
                                                                                            : json::value(cld.date_of_death)}}}};
}

http::Response person_characteristics(http::Context& ctx) {
  // Only those who see the whole care record see these: they are part of it
  // (a finance officer sees who the person is, a provider how to reach them).
  auto seen = ctx.person_to_show();
  if (!seen) return http::Response::problem(seen.error().status, seen.error().title, seen.error().detail);
  if (seen->view != access::PersonView::CareRecord) {
    ctx.audit(audit::AuditAction::ViewCharacteristics, seen->person.id, access::Outcome::Refused, "does not see the care record");
    return http::Response::problem(403, "Forbidden", "Only those who see the person's care record see these.");
  }
  const auto* person = &seen->person;
  const auto as_at_text = trim(ctx.request.query_value("as_at"));
  auto history = storage::characteristic_history(ctx.db(), person->council_id, person->id);
  if (!as_at_text.empty()) {
    auto as_at = CivilDate::parse_iso(as_at_text);
    if (!as_at) return validation_problem({{"as_at", "as_at must be a real date, like 2026-11-27"}});
    auto held = people::characteristics_as_at(history, *as_at);
    ctx.audit(audit::AuditAction::ViewCharacteristics, person->id, access::Outcome::Allowed, "what held on " + as_at->iso());
    json::object out{{"person_id", person->id.value()}, {"as_at", as_at->iso()}, {"characteristics", characteristics_json(held)}};
    if (!held) out["detail"] = "Nothing was recorded about this person on or before that date.";
    return json_response(out);
  }
  json::array entries;
  for (const auto& h : history)
    entries.push_back(json::object{{"id", h.id},
                                   {"characteristic", people::characteristic_code(h.characteristic)},
                                   {"value", h.characteristic == people::Characteristic::DateOfDeath && h.value.empty()
                                                 ? json::value(nullptr) : json::value(h.value)},
                                   {"effective_from", h.effective_from.iso()},
                                   {"recorded_by", optional_id(h.recorded_by)},
                                   {"recorded_by_name", h.recorded_by ? json::value(h.recorded_by_name) : json::value(nullptr)},
                                   {"recorded_at", h.recorded_at}});
  ctx.audit(audit::AuditAction::ViewCharacteristics, person->id, access::Outcome::Allowed, "the history");
  return json_response(json::object{{"person_id", person->id.value()},
                                    {"current", characteristics_json(people::characteristics_of(*person))},
                                    {"history", std::move(entries)}});
}

}  // namespace patchwork::api
