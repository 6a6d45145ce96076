#include "domain/planning/plan.hpp"

#include <algorithm>
#include <charconv>
#include <set>

#include "core/text.hpp"
#include "domain/assessment/eligibility.hpp"
#include "domain/budgets/budget.hpp"
#include "domain/people/field_reader.hpp"
#include "domain/planning/involvement.hpp"
#include "domain/planning/national.hpp"

namespace patchwork::planning {

using people::CodeList;
using people::Fields;
using people::FieldReader;

const CodeList& plan_statuses() {
  static const CodeList list = {
      {"draft", "Draft: being written"},
      {"submitted", "Sent for approval"},
      {"returned", "Returned with questions: being changed"},
      {"refused", "Refused"},
      {"approved", "Approved"},
      {"superseded", "Replaced by a later version"},
  };
  return list;
}

// Who drafted the plan and who helped predict how well it works out (self-planning
// is the point), so both are recorded from fixed lists the outcome analysis can count.
const CodeList& drafted_by_kinds() {
  static const CodeList list = {
      {"person", "The person themself"},
      {"representative", "Their representative"},
      {"council_worker", "A council worker"},
      {"support_organisation", "A support planning organisation"},
  };
  return list;
}

const CodeList& helped_by_kinds() {
  static const CodeList list = {
      {"family_or_friends", "Family or friends"},
      {"council", "The council"},
      {"support_organisation", "A support planning organisation"},
      {"nobody", "Nobody"},
  };
  return list;
}

const CodeList& views_included() {
  static const CodeList list = {
      {"fully", "Fully: the plan is in their own words"},
      {"mostly", "Mostly"},
      {"partly", "Partly"},
      {"not_at_all", "Not at all: they could not or did not want to say"},
  };
  return list;
}

const CodeList& interim_reasons() {
  static const CodeList list = {
      {"after_reablement", "After reablement"},
      {"crisis", "A crisis"},
      {"recruiting_personal_assistant", "While a personal assistant is recruited"},
  };
  return list;
}

const CodeList& outcome_aims() {
  static const CodeList list = {{"change", "Change something"}, {"keep", "Keep it as it is"}};
  return list;
}

const CodeList& supplier_kinds() {
  static const CodeList list = {
      {"provider", "A provider on the council's register"},
      {"personal_assistant", "A personal assistant"},
      {"micro_enterprise", "A micro-enterprise"},
      {"community_group", "A community group"},
      {"family_member", "A family member (paid)"},
      {"still_to_find", "Still to find"},
  };
  return list;
}

const CodeList& agreed_by_kinds() {
  static const CodeList list = {{"person", "The person themself"}, {"representative", "Their representative"}};
  return list;
}

const CodeList& service_components() {
  // The first six are spelled in DHSC's published code (8.DQ_Values_table.sql
  // via GetDQValues: 'Short Term Residential Care', 'Short Term Nursing Care',
  // 'Carer Respite'; Create_ASCOF_3D: 'Direct Payment'; the ST-Max linking
  // code: 'Reablement', 'Other Short Term Support'). The rest are our spellings
  // of the long-term components, to be checked against the CLD specification
  // before the first national return (docs/planning.md says so too).
  static const CodeList list = {
      {"Direct Payment", "Direct payment"},
      {"Reablement", "Reablement"},
      {"Short Term Residential Care", "Short-term residential care"},
      {"Short Term Nursing Care", "Short-term nursing care"},
      {"Other Short Term Support", "Other short-term support"},
      {"Carer Respite", "A break for a carer"},
      {"Home Care", "Help at home"},
      {"Day Care", "Day opportunities"},
      {"Supported Living", "Supported living"},
      {"Shared Lives", "Shared Lives"},
      {"Equipment and Adaptations", "Equipment and adaptations"},
      {"Other Long Term Support", "Other long-term support"},
  };
  return list;
}

bool editable_status(std::string_view status) { return status == "draft" || status == "returned"; }

const budgets::Part* SupportPlan::part(std::string_view key) const {
  for (const auto& p : parts) if (p.key == key) return &p;
  return nullptr;
}

const PlanOutcome* SupportPlan::outcome(int number) const {
  for (const auto& o : outcomes) if (o.number == number) return &o;
  return nullptr;
}

namespace {

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    auto item = trim(std::string(text.substr(start, comma - start)));
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

std::optional<int> whole(std::string_view s) {
  int n = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc{} || end != s.data() + s.size() || n < 1) return std::nullopt;
  return n;
}

bool has(const Fields& f, const std::string& key) { return f.contains(key); }

// A plan may start a little in the past (support often begins before the paper
// catches up) or some way ahead, but a start a year back or two years on is a
// typing mistake, and it would become the budget's start too.
std::optional<FieldError> start_out_of_range(const std::optional<CivilDate>& starts, CivilDate today) {
  if (!starts) return std::nullopt;
  if (*starts < today.plus_days(-365)) return FieldError{"effective_from", "The plan can start at most a year ago"};
  if (*starts > today.plus_days(2 * 366)) return FieldError{"effective_from", "The plan can start at most two years from today"};
  return std::nullopt;
}

std::string need_title(std::string_view code) {
  auto o = assessment::outcome_from_code(code);
  return o ? std::string(assessment::outcome_title(*o)) : std::string(code);
}

int next_number(const auto& items) {
  int n = 0;
  for (const auto& i : items) n = std::max(n, i.number);
  return n + 1;
}

// Refuses absurd money the same way costing does: pounds and pence, not negative,
// at most the weekly limit a line may have.
std::optional<Money> read_pounds(FieldReader& r, const std::string& key, const char* what) {
  auto text = r.text(key, what, false, 20);
  if (text.empty()) return Money{};
  auto m = Money::parse(text);
  if (!m) { r.errors.push_back({key, std::string("Enter the ") + what + " in pounds and pence, like 150.00"}); return std::nullopt; }
  if (m->pence() < 0) { r.errors.push_back({key, std::string("The ") + what + " cannot be less than £0.00"}); return std::nullopt; }
  // The largest weekly amount anything in Patchwork may have (allocation::kWeeklyAmountLimit,
  // £100,000): a contingency larger than that is a typing slip.
  if (m->pence() > 10'000'000) { r.errors.push_back({key, std::string("The ") + what + " must be at most £100,000.00"}); return std::nullopt; }
  return m;
}

}  // namespace

Result<PlanTotals> plan_totals(const SupportPlan& plan) {
  PlanTotals t;
  std::vector<LineCost> all;
  for (const auto& l : plan.lines) all.push_back(l.cost);
  auto sum = total(all);
  if (!sum) return std::unexpected(sum.error());
  t.plan = *sum;
  for (const auto& p : plan.parts) {
    std::vector<LineCost> mine;
    for (const auto& l : plan.lines) if (l.part_key == p.key) mine.push_back(l.cost);
    auto s = total(mine);
    if (!s) return std::unexpected(s.error());
    t.parts.push_back({p.key, *s});
  }
  return t;
}

std::optional<FieldError> frozen(const SupportPlan& plan) {
  if (plan.editable()) return std::nullopt;
  std::string why;
  if (plan.status == "submitted") why = "it has been sent for approval and is frozen until it is decided";
  else if (plan.status == "approved") why = "it has been approved: make a new version to change it";
  else if (plan.status == "refused") why = "it was refused: make a new version to change it";
  else why = "a later version has replaced it";
  return FieldError{"status", "This version of the plan cannot be changed: " + why};
}

Result<SupportPlan> with_details(SupportPlan plan, const Fields& f, CivilDate today) {
  if (auto e = frozen(plan)) return std::unexpected(FieldErrors{*e});
  FieldErrors errors;
  FieldReader r{f, errors, today};
  if (has(f, "drafted_by_kind")) plan.drafted_by_kind = r.coded("drafted_by_kind", drafted_by_kinds(), "who wrote the plan", true, 60).value_or(plan.drafted_by_kind);
  if (has(f, "helped_by")) plan.helped_by = r.coded("helped_by", helped_by_kinds(), "who helped", true, 60).value_or(plan.helped_by);
  if (has(f, "views_included")) plan.views_included = r.coded("views_included", views_included(), "how fully the person's own views are included", true, 80).value_or(plan.views_included);
  if (has(f, "interim")) plan.interim = r.yes_no("interim", "is this an interim plan?").value_or(plan.interim);
  if (has(f, "interim_reason")) plan.interim_reason = r.coded("interim_reason", interim_reasons(), "why the plan is interim", false, 60).value_or("");
  if (has(f, "interim_ends_on")) plan.interim_ends_on = r.date("interim_ends_on", "date the interim plan ends", false, false, 40);
  if (!plan.interim) { plan.interim_reason.clear(); plan.interim_ends_on.reset(); }
  else if (plan.interim_ends_on && *plan.interim_ends_on < today)
    errors.push_back({"interim_ends_on", "The date the interim plan ends must be today or later"});
  if (has(f, "backup_cover")) plan.backup_cover = r.text("backup_cover", "the back-up cover", false, 2000);
  if (has(f, "who_to_call")) plan.who_to_call = r.text("who_to_call", "who to call", false, 1000);
  if (has(f, "wellbeing")) plan.wellbeing = r.text("wellbeing", "What matters to the person's well-being", false, 4000);
  if (has(f, "prevention_advice")) plan.prevention_advice = r.text("prevention_advice", "The advice on preventing or delaying further needs", false, 4000);
  if (has(f, "contingency_amount")) if (auto m = read_pounds(r, "contingency_amount", "contingency amount")) plan.contingency_amount = *m;
  if (has(f, "effective_from")) {
    plan.effective_from = r.date("effective_from", "date the plan starts", false, false, 40);
    if (auto e = start_out_of_range(plan.effective_from, today)) errors.push_back(*e);
  }
  if (!errors.empty()) return std::unexpected(errors);
  // A change to what was agreed is no longer what was agreed.
  clear_agreement(plan);
  return plan;
}

Result<SupportPlan> with_outcome(SupportPlan plan, const Fields& f) {
  if (auto e = frozen(plan)) return std::unexpected(FieldErrors{*e});
  FieldErrors errors;
  FieldReader r{f, errors, CivilDate::today_utc()};
  PlanOutcome o;
  o.number = next_number(plan.outcomes);
  o.words = r.text("words", "the outcome in the person's own words", true, 1000);
  o.aim = r.coded("aim", outcome_aims(), "whether this is something to change or to keep as it is", true, 40).value_or("");
  auto it = f.find("needs");
  for (const auto& need : split_list(it == f.end() ? "" : it->second)) {
    if (std::find(plan.eligible_needs.begin(), plan.eligible_needs.end(), need) == plan.eligible_needs.end()) {
      errors.push_back({"needs", "\"" + need + "\" is not one of the eligible needs of this plan"});
      continue;
    }
    o.needs.push_back(need);
  }
  if (o.needs.empty() && std::none_of(errors.begin(), errors.end(), [](const auto& e) { return e.field == "needs"; }))
    errors.push_back({"needs", "Choose at least one eligible need this outcome is about"});
  if (!errors.empty()) return std::unexpected(errors);
  plan.outcomes.push_back(o);
  clear_agreement(plan);
  return plan;
}

Result<SupportPlan> with_part(SupportPlan plan, const Fields& f, const budgets::DirectPaymentRecord& record, CivilDate today,
                              bool pays_full_cost) {
  if (auto e = frozen(plan)) return std::unexpected(FieldErrors{*e});
  auto part = budgets::part_from_fields(f, "", today);
  if (!part) return std::unexpected(part.error());
  if (plan.part(part->key)) return fail("key", "The plan already has a part " + part->key + ": give this one another letter");
  if (part->direct_payment) {
    if (pays_full_cost) return fail("mechanism", std::string(budgets::kFullCostDirectPayment));
    auto refused = budgets::direct_payment_refused(*part->direct_payment, record);
    if (!refused.empty()) return std::unexpected(refused);
  }
  part->weekly = Money{};  // worked out from the lines, never typed
  plan.parts.push_back(*part);
  clear_agreement(plan);
  return plan;
}

bool may_be_relative(std::string_view supplier_kind) {
  return supplier_kind == "personal_assistant" || supplier_kind == "family_member" || supplier_kind == "micro_enterprise";
}

Result<SupportLine> line_from_fields(const Fields& given, CivilDate today) {
  Fields f = given;
  if (auto it = f.find("service_type"); it != f.end()) it->second = service_type_as_stored(it->second);
  FieldErrors errors;
  FieldReader r{f, errors, today};
  SupportLine l;
  l.description = r.text("description", "what the support is", true, 1000);
  l.supplier_kind = r.coded("supplier_kind", supplier_kinds(), "who will give the support", true, 60).value_or("");
  l.supplier_name = r.text("supplier_name", "the name of who will give it", l.supplier_kind != "still_to_find" && !l.supplier_kind.empty(), 200);
  auto pid = r.text("provider_id", "provider reference", false, 20);
  if (!pid.empty()) {
    if (auto n = whole(pid)) l.provider_id = *n;
    else errors.push_back({"provider_id", "The provider reference must be a whole number"});
  }
  if (l.supplier_kind == "provider" && !l.provider_id)
    errors.push_back({"provider_id", "Choose the provider from the council's register"});
  if (l.supplier_kind != "provider") l.provider_id.reset();
  auto get = [&f](const char* k) { auto it = f.find(k); return it == f.end() ? std::string() : it->second; };
  auto cost = read_line_cost(get("unit_cost"), get("cost_frequency"), get("planned_units_per_week"));
  if (!cost) for (const auto& e : cost.error()) errors.push_back(e);
  else {
    l.cost_input = *cost;
    auto worked = cost_line(*cost);
    if (!worked) for (const auto& e : worked.error()) errors.push_back(e);
    else l.cost = *worked;
  }
  l.service_type = r.coded("service_type", service_types(), "the kind of service (national Service_Type)", true, 100).value_or("");
  l.service_component = r.coded("service_component", service_components(), "what the service is (national Service_Component)", true, 100).value_or("");
  l.part_key = r.text("part", "which part of the budget pays for it", true, 10);
  for (const auto& n : split_list(get("outcomes"))) {
    if (auto v = whole(n)) l.outcomes.push_back(*v);
    else errors.push_back({"outcomes", "Outcomes are named by their numbers, like 1, 2"});
  }
  if (auto who = to_lower(trim(get("payee_relationship"))); !who.empty()) {
    if (auto code = budgets::payee_relationship_from_code(who)) l.payee = *code;
    else errors.push_back({"payee_relationship", "Choose who they are to the person from the list"});
  }
  // Where they live matters only for a close relative (reg. 3(3)(c)).
  if (l.payee == budgets::PayeeRelationship::CloseRelative)
    l.family_in_household = r.yes_no("family_in_household", "do they live in the same household as the person?").value_or(false);
  if (l.supplier_kind == "family_member" && l.payee == budgets::PayeeRelationship::NotRelated)
    errors.push_back({"payee_relationship", "A family member is related to the person: say how"});
  auto reason = r.text("necessity_reason", "why paying them is necessary", false, 2000);
  auto by = r.text("necessity_decided_by", "who decided it is necessary", false, 200);
  auto on = r.date("necessity_decided_on", "date it was decided", false, true, 40);
  if (!reason.empty() || !by.empty() || on) {
    if (reason.empty()) errors.push_back({"necessity_reason", "Enter why paying them is necessary"});
    if (by.empty()) errors.push_back({"necessity_decided_by", "Enter who decided it is necessary"});
    if (!on) errors.push_back({"necessity_decided_on", "Enter the date it was decided"});
    if (!reason.empty() && !by.empty() && on) l.necessity = budgets::NecessityDecision{reason, by, *on};
  }
  if (!errors.empty()) return std::unexpected(errors);
  return l;
}

Result<SupportPlan> with_line(SupportPlan plan, const Fields& f, CivilDate today) {
  if (auto e = frozen(plan)) return std::unexpected(FieldErrors{*e});
  auto line = line_from_fields(f, today);
  if (!line) return std::unexpected(line.error());
  FieldErrors errors;
  const auto* part = plan.part(line->part_key);
  if (!part) errors.push_back({"part", plan.parts.empty() ? "Add a part of the budget to the plan first: every line says which part pays for it"
                                                          : "The plan has no part " + line->part_key + ": choose one of its parts"});
  if (line->outcomes.empty()) errors.push_back({"outcomes", "Choose at least one outcome this support helps with"});
  for (int n : line->outcomes)
    if (!plan.outcome(n)) errors.push_back({"outcomes", "The plan has no outcome " + std::to_string(n)});
  // Care and Support (Direct Payments) Regulations 2014, reg. 3: a direct
  // payment may not pay the person's spouse or partner, or a close relative
  // living in the same household, unless the council decides it is necessary
  // (budgets::family_payee_refused). Who the one paid is to the person is asked
  // of every line a direct payment pays to someone who may be a relative, not
  // only of a "family member": a personal assistant is often one.
  if (part && part->mechanism == budgets::Mechanism::DirectPayment && may_be_relative(line->supplier_kind) && !line->payee)
    errors.push_back({"payee_relationship", "Say who " + (line->supplier_name.empty() ? std::string("they are") : line->supplier_name + " is") +
                                                " to the person: a direct payment may pay a partner, or a close relative in the same "
                                                "household, only when the council decides it is necessary"});
  if (part && line->payee)
    if (auto e = budgets::family_payee_refused(part->mechanism, *line->payee, line->family_in_household, line->necessity, "necessity_reason"))
      errors.push_back(*e);
  // The national ASCOF 3D code overwrites the delivery mechanism with "Direct
  // payment" wherever Service_Component is Direct payment
  // (Create_ASCOF_3D_2425_Onwards.sql), so on any other part it would count the
  // person as having a direct payment they do not have.
  if (part && line->service_component == "Direct Payment" && part->mechanism != budgets::Mechanism::DirectPayment)
    errors.push_back({"service_component", "Choose \"Direct payment\" only for support paid from a direct-payment part: the national "
                                           "return counts it as a direct payment"});
  // The Care and Support (Personal Budget: Exclusion of Costs) Regulations 2014
  // (SI 2014/2840), reg. 2(1): the costs of "intermediate care and reablement
  // support services" (reg. 1(2): "a programme of care and support ... for a
  // specified period of time ... to enable the adult to maintain or regain the
  // ability needed to live independently in their own home") "must be excluded
  // from a personal budget". Reablement is arranged outside the plan's budget.
  if (line->service_type == "Short Term Support: ST-Max" || line->service_component == "Reablement")
    errors.push_back({line->service_type == "Short Term Support: ST-Max" ? "service_type" : "service_component",
                      "Reablement is not paid from a personal budget (the law excludes its cost): arrange it outside the plan"});
  if (!errors.empty()) return std::unexpected(errors);
  line->number = next_number(plan.lines);
  plan.lines.push_back(*line);
  if (auto t = plan_totals(plan); !t) return std::unexpected(t.error());
  clear_agreement(plan);
  return plan;
}

Result<SupportPlan> with_unmet_reason(SupportPlan plan, const Fields& f) {
  if (auto e = frozen(plan)) return std::unexpected(FieldErrors{*e});
  FieldErrors errors;
  FieldReader r{f, errors, CivilDate::today_utc()};
  UnmetNeedReason u;
  u.need = r.text("need", "the eligible need", true, 60);
  u.reason = r.text("reason", "why no support line meets it", true, 2000);
  if (!u.need.empty() && std::find(plan.eligible_needs.begin(), plan.eligible_needs.end(), u.need) == plan.eligible_needs.end())
    errors.push_back({"need", "Choose one of the eligible needs of this plan"});
  if (!errors.empty()) return std::unexpected(errors);
  std::erase_if(plan.unmet, [&](const auto& x) { return x.need == u.need; });
  plan.unmet.push_back(u);
  clear_agreement(plan);
  return plan;
}

Result<SupportPlan> with_risk(SupportPlan plan, const Fields& f) {
  if (auto e = frozen(plan)) return std::unexpected(FieldErrors{*e});
  FieldErrors errors;
  FieldReader r{f, errors, CivilDate::today_utc()};
  RiskAgreement k;
  k.number = next_number(plan.risks);
  k.risk = r.text("risk", "the risk", true, 2000);
  k.agreed = r.text("agreed", "what was agreed", true, 2000);
  k.agreed_by = r.text("agreed_by", "who agreed it", true, 500);
  if (!errors.empty()) return std::unexpected(errors);
  plan.risks.push_back(k);
  clear_agreement(plan);
  return plan;
}

Result<SupportPlan> without(SupportPlan plan, std::string_view what, std::string_view key) {
  if (auto e = frozen(plan)) return std::unexpected(FieldErrors{*e});
  auto n = whole(key);
  std::size_t before = 0, after = 0;
  if (what == "lines") {
    before = plan.lines.size();
    if (n) std::erase_if(plan.lines, [&](const auto& l) { return l.number == *n; });
    after = plan.lines.size();
  } else if (what == "outcomes") {
    if (n)
      for (const auto& l : plan.lines)
        if (std::find(l.outcomes.begin(), l.outcomes.end(), *n) != l.outcomes.end())
          return fail("outcomes", "Support line " + std::to_string(l.number) + " helps with this outcome: remove or change the line first");
    before = plan.outcomes.size();
    if (n) std::erase_if(plan.outcomes, [&](const auto& o) { return o.number == *n; });
    after = plan.outcomes.size();
  } else if (what == "parts") {
    for (const auto& l : plan.lines)
      if (l.part_key == key) return fail("parts", "Support line " + std::to_string(l.number) + " is paid by this part: remove the line first");
    before = plan.parts.size();
    std::erase_if(plan.parts, [&](const auto& p) { return p.key == key; });
    after = plan.parts.size();
  } else if (what == "unmet-needs") {
    before = plan.unmet.size();
    std::erase_if(plan.unmet, [&](const auto& u) { return u.need == key; });
    after = plan.unmet.size();
  } else if (what == "risks") {
    before = plan.risks.size();
    if (n) std::erase_if(plan.risks, [&](const auto& k) { return k.number == *n; });
    after = plan.risks.size();
  }
  if (before == after) return fail(std::string(what), "There is no such item in this plan");
  clear_agreement(plan);
  return plan;
}

std::vector<std::string> needs_without_lines(const SupportPlan& plan) {
  std::set<std::string> met;
  for (const auto& l : plan.lines)
    for (int n : l.outcomes)
      if (const auto* o = plan.outcome(n)) met.insert(o->needs.begin(), o->needs.end());
  for (const auto& u : plan.unmet) met.insert(u.need);
  std::vector<std::string> out;
  for (const auto& need : plan.eligible_needs) if (!met.contains(need)) out.push_back(need);
  return out;
}

std::vector<const SupportLine*> lines_meeting(const SupportPlan& plan, std::string_view need) {
  std::vector<const SupportLine*> out;
  for (const auto& l : plan.lines) {
    bool meets = false;
    for (int n : l.outcomes)
      if (const auto* o = plan.outcome(n); o && std::find(o->needs.begin(), o->needs.end(), need) != o->needs.end()) meets = true;
    if (meets) out.push_back(&l);
  }
  return out;
}

std::vector<std::string> needs_met_by_part(const SupportPlan& plan, std::string_view part_key) {
  std::vector<std::string> out;
  for (const auto& need : plan.eligible_needs)
    for (const auto* l : lines_meeting(plan, need))
      if (l->part_key == part_key) {
        out.push_back(need);
        break;
      }
  return out;
}

bool waits_on_author(std::string_view status, int version, int latest_version) {
  if (status == "returned") return true;
  return status == "refused" && version >= latest_version;
}

FieldErrors submission_problems(const SupportPlan& plan) {
  FieldErrors errors;
  if (auto e = frozen(plan)) { errors.push_back(*e); return errors; }
  if (plan.drafted_by_kind.empty()) errors.push_back({"drafted_by_kind", "Say who wrote the plan"});
  if (plan.helped_by.empty()) errors.push_back({"helped_by", "Say who helped write the plan"});
  if (plan.views_included.empty()) errors.push_back({"views_included", "Say how fully the person's own views are included"});
  if (plan.outcomes.empty()) errors.push_back({"outcomes", "Add at least one outcome in the person's own words"});
  if (plan.lines.empty()) errors.push_back({"lines", "Add at least one support line"});
  // Care Act 2014 s.25(1)(c): the plan "specifies the needs that the local
  // authority is going to meet and how it is going to meet them". Every
  // eligible need is met by a line, or the plan says why not.
  for (const auto& need : needs_without_lines(plan))
    errors.push_back({"needs", "No support line meets the eligible need \"" + need_title(need) + "\": add a line for it or record why not"});
  for (const auto& l : plan.lines) {
    if (!plan.part(l.part_key)) errors.push_back({"part", "Support line " + std::to_string(l.number) + " is paid by a part the plan does not have"});
    // A line written before who is paid was asked (migration 0014) is asked now:
    // the Direct Payments Regulations 2014, reg. 3, apply to it all the same.
    if (const auto* part = plan.part(l.part_key); part && part->mechanism == budgets::Mechanism::DirectPayment) {
      if (may_be_relative(l.supplier_kind) && !l.payee)
        errors.push_back({"payee_relationship", "Support line " + std::to_string(l.number) +
                                                    " is paid by a direct payment: say who is paid, by their relationship to the person"});
      if (l.payee)
        if (auto e = budgets::family_payee_refused(part->mechanism, *l.payee, l.family_in_household, l.necessity, "necessity_reason"))
          errors.push_back({e->field, "Support line " + std::to_string(l.number) + ": " + e->message});
    }
    for (int n : l.outcomes)
      if (!plan.outcome(n)) errors.push_back({"outcomes", "Support line " + std::to_string(l.number) + " names an outcome the plan does not have"});
  }
  if (plan.interim) {
    if (plan.interim_reason.empty()) errors.push_back({"interim_reason", "Say why the plan is interim"});
    if (!plan.interim_ends_on) errors.push_back({"interim_ends_on", "Enter the date the interim plan ends"});
  }
  if (plan.backup_cover.empty()) errors.push_back({"backup_cover", "Say what happens if the support cannot come (the back-up cover)"});
  if (plan.who_to_call.empty()) errors.push_back({"who_to_call", "Say who to call if things go wrong"});
  // Care Act 2014 s.25(1)(d) and (f) (plan.hpp quotes them): a plan says what
  // matters to the person's well-being and gives advice on preventing or
  // delaying further needs, so it cannot go for approval without them.
  if (trim(plan.wellbeing).empty())
    errors.push_back({"wellbeing", "Say what matters most to the person's well-being, in their own words"});
  if (trim(plan.prevention_advice).empty())
    errors.push_back({"prevention_advice", "Write the advice given on staying well and preventing or delaying further needs"});
  if (auto t = plan_totals(plan); !t) for (const auto& e : t.error()) errors.push_back(e);
  for (auto& e : involvement_problems(plan)) errors.push_back(std::move(e));
  return errors;
}

Result<SupportPlan> with_agreement(SupportPlan plan, const Fields& f, CivilDate today) {
  // Agreement is about what the plan says; it can be recorded on a draft or a
  // plan waiting for approval, but not on a decided or replaced version.
  if (plan.status != "draft" && plan.status != "returned" && plan.status != "submitted")
    return fail("status", "Agreement can only be recorded before the plan is decided");
  FieldErrors errors;
  FieldReader r{f, errors, today};
  auto kind = r.coded("agreed_by_kind", agreed_by_kinds(), "who agreed the plan", true, 40);
  auto name = r.text("agreed_by_name", "the name of who agreed", true, 200);
  auto on = r.date("agreed_on", "date they agreed", false, true, 40);
  if (!errors.empty()) return std::unexpected(errors);
  plan.agreed_by_kind = *kind;
  plan.agreed_by_name = name;
  plan.agreed_on = on.value_or(today);
  plan.no_agreement_reason.clear();  // agreement reached: the earlier reason no longer holds
  plan.no_agreement_on.reset();
  return plan;
}

Result<SupportPlan> next_version(const SupportPlan& latest, const Fields& f, CivilDate today) {
  if (latest.status != "approved" && latest.status != "refused")
    return fail("status", latest.editable() ? "This version is still a draft: change it instead of making a new version"
                                            : "A new version can be made only from an approved or refused plan");
  FieldErrors errors;
  FieldReader r{f, errors, today};
  auto from = r.date("effective_from", "date the new version starts", latest.status == "approved", false, 40);
  if (from && latest.effective_from && *from <= *latest.effective_from)
    errors.push_back({"effective_from", "The new version must start after the version it changes (" + latest.effective_from->display() + ")"});
  else if (auto e = start_out_of_range(from, today)) errors.push_back(*e);
  if (!errors.empty()) return std::unexpected(errors);
  SupportPlan next = latest;
  next.id = 0;
  next.version = latest.version + 1;
  next.status = "draft";
  next.effective_from = from;
  next.previous_version_id = latest.id;
  next.agreed_by_kind.clear(); next.agreed_by_name.clear(); next.agreed_on.reset();
  // Revising a plan involves the person and the others again (s.27(2)(b)):
  // the new version records its own involvement and agreement.
  next.involved.clear(); next.no_agreement_reason.clear(); next.no_agreement_on.reset();
  next.submitted_at.clear(); next.decided_at.clear(); next.created_at.clear();
  return next;
}

Result<SupportPlan> decided(SupportPlan plan, std::string_view status, std::optional<CivilDate> effective_from) {
  if (plan.status != "submitted") return fail("status", "Only a plan sent for approval can be decided");
  if (status != "approved" && status != "refused" && status != "returned")
    return fail("status", "A decision is approved, refused or returned");
  plan.status = std::string(status);
  if (status == "approved") {
    if (effective_from) plan.effective_from = effective_from;
    if (!plan.effective_from) return fail("effective_from", "An approved plan needs the date it starts");
  }
  return plan;
}

}  // namespace patchwork::planning
