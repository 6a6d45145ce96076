#include "domain/planning/involvement.hpp"

#include <algorithm>
#include <charconv>

#include "core/text.hpp"
#include "domain/people/field_reader.hpp"

namespace patchwork::planning {

using people::CodeList;
using people::FieldReader;
using people::Fields;

// Care Act 2014 s.25(3): "In preparing a care and support plan, the local
// authority must involve— (a) the adult for whom it is being prepared, (b) any
// carer that the adult has, and (c) any person whom the adult asks the
// authority to involve or, where the adult lacks capacity to ask the authority
// to do that, any person who appears to the authority to be interested in the
// adult's welfare." An independent advocate (s.67) helps the person take part.
const CodeList& involvement_kinds() {
  static const CodeList list = {
      {"person", "The person themself"},
      {"carer", "A carer"},
      {"independent_advocate", "An independent advocate"},
      {"asked_for", "Someone the person asked us to involve"},
      {"interested_in_welfare", "Someone interested in their welfare (the person could not ask)"},
  };
  return list;
}

void clear_agreement(SupportPlan& plan) {
  plan.agreed_by_kind.clear();
  plan.agreed_by_name.clear();
  plan.agreed_on.reset();
  plan.no_agreement_reason.clear();
  plan.no_agreement_on.reset();
}

namespace {

Result<SupportPlan> fail(std::string field, std::string message) {
  return std::unexpected(FieldErrors{{std::move(field), std::move(message)}});
}

}  // namespace

Result<SupportPlan> with_involvement(SupportPlan plan, const Fields& f) {
  if (auto e = frozen(plan)) return std::unexpected(FieldErrors{*e});
  FieldErrors errors;
  FieldReader r{f, errors, CivilDate::today_utc()};
  Involvement i;
  i.kind = r.coded("kind", involvement_kinds(), "how they are involved", true, 60).value_or("");
  i.name = r.text("name", "their name", true, 200);
  i.how = r.text("how", "how they took part", false, 2000);
  if (!errors.empty()) return std::unexpected(errors);
  for (const auto& x : plan.involved)
    if (x.kind == i.kind && to_lower(x.name) == to_lower(i.name))
      return fail("name", i.name + " is already recorded as involved in this way");
  int next = 1;
  for (const auto& x : plan.involved) next = std::max(next, x.number + 1);
  i.number = next;
  plan.involved.push_back(std::move(i));
  return plan;
}

Result<SupportPlan> without_involvement(SupportPlan plan, std::string_view number) {
  if (auto e = frozen(plan)) return std::unexpected(FieldErrors{*e});
  int n = 0;
  auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
  const auto before = plan.involved.size();
  if (ec == std::errc{} && end == number.data() + number.size())
    std::erase_if(plan.involved, [&](const auto& x) { return x.number == n; });
  if (plan.involved.size() == before) return fail("involved", "There is no such person recorded as involved in this plan");
  return plan;
}

Result<SupportPlan> with_no_agreement(SupportPlan plan, const Fields& f, CivilDate today) {
  // Like agreement, it is about what the plan says: recorded before the plan is decided.
  if (plan.status != "draft" && plan.status != "returned" && plan.status != "submitted")
    return fail("status", "This can only be recorded before the plan is decided");
  FieldErrors errors;
  FieldReader r{f, errors, today};
  auto reason = r.text("reason", "what was done to reach agreement, and why it could not be reached", true, 2000);
  auto on = r.date("recorded_on", "date this was recorded", false, true, 40);
  if (!errors.empty()) return std::unexpected(errors);
  clear_agreement(plan);
  plan.no_agreement_reason = reason;
  plan.no_agreement_on = on.value_or(today);
  return plan;
}

FieldErrors involvement_problems(const SupportPlan& plan) {
  FieldErrors errors;
  // s.25(3)(a): the council "must involve ... the adult for whom it is being
  // prepared", whatever their capacity (support to take part is the point).
  if (std::none_of(plan.involved.begin(), plan.involved.end(), [](const auto& x) { return x.kind == "person"; }))
    errors.push_back({"involved", "Record how the person took part in preparing the plan: the law says they must be involved"});
  // s.25(5): "In performing the duty under subsection (3)(a) ... the local
  // authority must take all reasonable steps to reach agreement with the adult
  // ... for whom the plan is being prepared about how the authority should meet
  // the needs in question." Agreement cannot be forced, so a plan may go
  // forward without it, but only with the steps taken and why they failed.
  if (plan.agreed_by_name.empty() && plan.no_agreement_reason.empty())
    errors.push_back({"agreement", "Record that the person (or their representative) agrees with the plan, or why agreement could "
                                   "not be reached"});
  return errors;
}

}  // namespace patchwork::planning
