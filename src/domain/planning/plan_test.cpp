#include "domain/planning/plan.hpp"

#include <gtest/gtest.h>

namespace patchwork::planning {
namespace {

const CivilDate kToday(2026, 12, 1);

bool names(const FieldErrors& errors, std::string_view field) {
  for (const auto& e : errors) if (e.field == field) return true;
  return false;
}

template <typename T>
FieldErrors errors_of(const Result<T>& r) { return r ? FieldErrors{} : r.error(); }

budgets::Part part(std::string key, budgets::Mechanism m) {
  budgets::Part p;
  p.key = std::move(key);
  p.mechanism = m;
  if (m == budgets::Mechanism::DirectPayment) p.direct_payment = budgets::DirectPaymentDetails{};
  return p;
}

// A draft for someone with two eligible needs, one outcome about both, and two parts.
SupportPlan draft() {
  SupportPlan p;
  p.id = 7;
  p.eligible_needs = {"nutrition", "personal_hygiene"};
  p.drafted_by_kind = "council_worker";
  p.helped_by = "family_or_friends";
  p.views_included = "fully";
  p.backup_cover = "Her son comes in";
  p.who_to_call = "The council's duty line";
  p.wellbeing = "Staying in my own home with my cat";
  p.prevention_advice = "Ask the GP for a falls check; the leaflet on staying steady was given";
  p.outcomes.push_back({1, "I want to eat hot meals and stay clean", "change", {"nutrition", "personal_hygiene"}});
  p.parts.push_back(part("A", budgets::Mechanism::DirectPayment));
  p.parts.push_back(part("B", budgets::Mechanism::CouncilManaged));
  p.involved.push_back({1, "person", "Margaret Ellis", "At home, with her son"});
  return p;
}

people::Fields line(std::string part_key, std::string unit_cost = "21.50", std::string frequency = "Hourly", std::string units = "10.25") {
  return {{"description", "Help to wash and dress each morning"}, {"supplier_kind", "personal_assistant"}, {"supplier_name", "Ann"},
          {"unit_cost", unit_cost}, {"cost_frequency", frequency}, {"planned_units_per_week", units},
          {"service_type", "Long Term Support: Community"}, {"service_component", "Home Care"}, {"part", part_key}, {"outcomes", "1"},
          {"payee_relationship", "not_related"}};
}

TEST(Plan, DirectPaymentComponentOnlyOnADirectPaymentPart) {
  auto dp = line("B");
  dp["service_component"] = "Direct Payment";
  EXPECT_TRUE(names(errors_of(with_line(draft(), dp, kToday)), "service_component")) << "B is council-managed";
  dp["part"] = "A";
  EXPECT_TRUE(with_line(draft(), dp, kToday));
}

TEST(Plan, ReablementIsNotPaidFromAPersonalBudget) {
  auto st = line("B");
  st["service_type"] = "Short Term Support: ST-Max";
  EXPECT_TRUE(names(errors_of(with_line(draft(), st, kToday)), "service_type"));
  auto component = line("B");
  component["service_component"] = "Reablement";
  EXPECT_TRUE(names(errors_of(with_line(draft(), component, kToday)), "service_component"));
}

TEST(Plan, StartDateWithinAYearBackAndTwoYearsOn) {
  EXPECT_TRUE(with_details(draft(), {{"effective_from", "2025-12-01"}}, kToday));
  EXPECT_TRUE(names(errors_of(with_details(draft(), {{"effective_from", "2025-11-30"}}, kToday)), "effective_from"));
  EXPECT_TRUE(names(errors_of(with_details(draft(), {{"effective_from", "1800-01-01"}}, kToday)), "effective_from"));
  EXPECT_TRUE(with_details(draft(), {{"effective_from", "2028-12-01"}}, kToday));
  EXPECT_TRUE(names(errors_of(with_details(draft(), {{"effective_from", "2029-01-01"}}, kToday)), "effective_from"));
}

TEST(Plan, LineIsCostedAndTotalsArePerPart) {
  auto p = with_line(draft(), line("A"), kToday);
  ASSERT_TRUE(p) << p.error()[0].field << ": " << p.error()[0].message;
  auto month = line("B", "100.00", "Monthly", "");
  p = with_line(*p, month, kToday);
  ASSERT_TRUE(p) << p.error()[0].message;
  auto t = plan_totals(*p);
  ASSERT_TRUE(t);
  // £21.50 x 10.25 = £220.375 -> £220.38; £100 a month -> £23.08 a week, £1,200 a year.
  EXPECT_EQ(t->plan.weekly.pence(), 22038 + 2308);
  EXPECT_EQ(t->plan.yearly.pence(), 1145950 + 120000);
  ASSERT_EQ(t->parts.size(), 2u);
  EXPECT_EQ(t->parts[0].key, "A");
  EXPECT_EQ(t->parts[0].cost.weekly.pence(), 22038);
  EXPECT_EQ(t->parts[1].cost.weekly.pence(), 2308);
  EXPECT_EQ(p->lines[1].number, 2);
}

TEST(Plan, ReleaseTwoSpellingOfServiceTypeIsStoredAsTheNationalValue) {
  auto f = line("A");
  f["service_type"] = "long term support: community";
  auto p = with_line(draft(), f, kToday);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->lines[0].service_type, "Long Term Support: Community");
}

TEST(Plan, BadLinesAreRefusedNamingTheField) {
  EXPECT_TRUE(names(errors_of(with_line(draft(), line("Z"), kToday)), "part"));
  EXPECT_TRUE(names(errors_of(with_line(draft(), line("A", "-5.00"), kToday)), "unit_cost"));
  EXPECT_TRUE(names(errors_of(with_line(draft(), line("A", "21.50", "", "10"), kToday)), "cost_frequency"));
  EXPECT_TRUE(names(errors_of(with_line(draft(), line("A", "21.50", "Weekly", "10"), kToday)), "planned_units_per_week"));
  EXPECT_TRUE(names(errors_of(with_line(draft(), line("A", "999999999.00", "Weekly", ""), kToday)), "unit_cost"));
  auto f = line("A");
  f["outcomes"] = "4";
  EXPECT_TRUE(names(errors_of(with_line(draft(), f, kToday)), "outcomes"));
  f["service_component"] = "Gardening";
  EXPECT_TRUE(names(errors_of(with_line(draft(), f, kToday)), "service_component"));
}

// The Care and Support (Direct Payments) Regulations 2014, reg. 3.
TEST(Plan, WhoALineIsPaidToIsAskedOfEveryPersonADirectPaymentPays) {
  // A personal assistant paid by the direct payment: who they are to the person must be said.
  auto f = line("A");
  f.erase("payee_relationship");
  EXPECT_TRUE(names(errors_of(with_line(draft(), f, kToday)), "payee_relationship"));
  // Paid by the council-managed part, reg. 3 does not apply and nothing is asked.
  f["part"] = "B";
  EXPECT_TRUE(with_line(draft(), f, kToday));
  // An agency on the register is not asked either.
  auto agency = line("A");
  agency.erase("payee_relationship");
  agency["supplier_kind"] = "community_group";
  EXPECT_TRUE(with_line(draft(), agency, kToday));
  // A paid family member is related.
  auto family = line("A");
  family["supplier_kind"] = "family_member";
  EXPECT_TRUE(names(errors_of(with_line(draft(), family, kToday)), "payee_relationship"));
  family["payee_relationship"] = "wizard";
  EXPECT_TRUE(names(errors_of(with_line(draft(), family, kToday)), "payee_relationship"));
  // An unfinished line from before the question was asked is named at submission.
  auto plan = with_line(draft(), line("A"), kToday);
  ASSERT_TRUE(plan);
  plan->lines[0].payee.reset();
  EXPECT_TRUE(names(submission_problems(*plan), "payee_relationship"));
}

TEST(Plan, APartnerIsPaidFromADirectPaymentOnlyByTheCouncilsDecisionWhereverTheyLive) {
  auto f = line("A");
  f["supplier_name"] = "Her husband";
  f["payee_relationship"] = "spouse_or_partner";
  // Not in the same household, and still caught (reg. 3(3)(a)).
  EXPECT_TRUE(names(errors_of(with_line(draft(), f, kToday)), "necessity_reason"));
  f["necessity_reason"] = "No one else can support her at night";
  f["necessity_decided_by"] = "Team manager";
  f["necessity_decided_on"] = "2026-11-30";
  auto p = with_line(draft(), f, kToday);
  ASSERT_TRUE(p) << p.error()[0].message;
  EXPECT_TRUE(p->lines[0].necessity.has_value());
  EXPECT_EQ(p->lines[0].payee, budgets::PayeeRelationship::SpouseOrPartner);
  EXPECT_FALSE(names(submission_problems(*p), "necessity_reason"));
  // A decision half recorded is named, not ignored.
  f.erase("necessity_decided_by");
  EXPECT_TRUE(names(errors_of(with_line(draft(), f, kToday)), "necessity_decided_by"));
}

TEST(Plan, ACloseRelativeIsCaughtOnlyInTheSameHousehold) {
  auto f = line("A");
  f["supplier_kind"] = "family_member";
  f["supplier_name"] = "Her daughter";
  f["payee_relationship"] = "close_relative";
  // Where they live must be said for a close relative (reg. 3(3)(c)).
  EXPECT_TRUE(names(errors_of(with_line(draft(), f, kToday)), "family_in_household"));
  f["family_in_household"] = "no";
  EXPECT_TRUE(with_line(draft(), f, kToday));
  f["family_in_household"] = "yes";
  EXPECT_TRUE(names(errors_of(with_line(draft(), f, kToday)), "necessity_reason"));
  // Paid by the council-managed part, the rule does not apply.
  f["part"] = "B";
  EXPECT_TRUE(with_line(draft(), f, kToday));
  // A grandchild in the household is not one reg. 3 names.
  f["part"] = "A";
  f["payee_relationship"] = "other_relative";
  EXPECT_TRUE(with_line(draft(), f, kToday));
}

TEST(Plan, ADirectPaymentPartIsCheckedAgainstTheRecordAndTheContribution) {
  people::Fields to_person{{"key", "C"}, {"mechanism", "direct_payment"}, {"recipient", "person"}, {"held_in", "bank_account"},
                           {"manages", "by_themself"}, {"manages_decided_by", "Sam Patel"}, {"manages_decided_on", "2026-11-30"}};
  budgets::DirectPaymentRecord lacks;
  lacks.requesting.capacity = people::Capacity::Lacks;
  lacks.person_name = "Edna";
  EXPECT_TRUE(names(errors_of(with_part(draft(), to_person, lacks, kToday)), "recipient"));
  auto assumed = with_part(draft(), to_person, budgets::DirectPaymentRecord{}, kToday);
  ASSERT_TRUE(assumed) << assumed.error()[0].message;
  EXPECT_EQ(assumed->parts.back().key, "C");
  // No direct payment when the financial assessment found the person pays the full cost.
  EXPECT_TRUE(names(errors_of(with_part(draft(), to_person, budgets::DirectPaymentRecord{}, kToday, true)), "mechanism"));
  EXPECT_TRUE(with_part(draft(), {{"key", "C"}, {"mechanism", "council_managed"}}, budgets::DirectPaymentRecord{}, kToday, true));
  // Keys name one part each.
  EXPECT_TRUE(names(errors_of(with_part(draft(), {{"key", "A"}, {"mechanism", "council_managed"}}, budgets::DirectPaymentRecord{}, kToday)), "key"));
}

TEST(Plan, OutcomesLinkOnlyToThePlansEligibleNeeds) {
  people::Fields f{{"words", "I want to see my friends"}, {"aim", "keep"}, {"needs", "relationships"}};
  EXPECT_TRUE(names(errors_of(with_outcome(draft(), f)), "needs"));
  f["needs"] = "nutrition";
  auto p = with_outcome(draft(), f);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->outcomes.back().number, 2);
  f["needs"] = "";
  EXPECT_TRUE(names(errors_of(with_outcome(draft(), f)), "needs"));
}

TEST(Plan, EveryEligibleNeedIsMetOrHasAReason) {
  auto p = draft();
  p.outcomes[0].needs = {"nutrition"};
  auto with = with_line(p, line("A"), kToday);
  ASSERT_TRUE(with);
  EXPECT_EQ(needs_without_lines(*with), std::vector<std::string>{"personal_hygiene"});
  EXPECT_TRUE(names(submission_problems(*with), "needs"));
  auto reasoned = with_unmet_reason(*with, {{"need", "personal_hygiene"}, {"reason", "Her husband helps and wants to go on"}});
  ASSERT_TRUE(reasoned);
  auto agreed = with_agreement(*reasoned, {{"agreed_by_kind", "person"}, {"agreed_by_name", "Margaret Ellis"}}, kToday);
  ASSERT_TRUE(agreed);
  EXPECT_TRUE(submission_problems(*agreed).empty()) << submission_problems(*agreed)[0].message;
  EXPECT_TRUE(names(errors_of(with_unmet_reason(*with, {{"need", "relationships"}, {"reason", "x"}})), "need"));
}

TEST(Plan, AnEmptyPlanCannotBeSubmitted) {
  auto p = draft();
  p.outcomes.clear();
  p.backup_cover.clear();
  auto problems = submission_problems(p);
  EXPECT_TRUE(names(problems, "outcomes"));
  EXPECT_TRUE(names(problems, "lines"));
  EXPECT_TRUE(names(problems, "backup_cover"));
}

TEST(Plan, InterimNeedsAReasonAndAnEndDate) {
  auto p = with_details(draft(), {{"interim", "yes"}}, kToday);
  ASSERT_TRUE(p);
  auto problems = submission_problems(*p);
  EXPECT_TRUE(names(problems, "interim_reason"));
  EXPECT_TRUE(names(problems, "interim_ends_on"));
  EXPECT_TRUE(names(errors_of(with_details(draft(), {{"interim", "yes"}, {"interim_ends_on", "2026-01-01"}}, kToday)), "interim_ends_on"));
  auto ok = with_details(draft(), {{"interim", "yes"}, {"interim_reason", "crisis"}, {"interim_ends_on", "2027-02-01"}}, kToday);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->interim_reason, "crisis");
}

TEST(Plan, ContingencyAmountIsPenceAndNotAbsurd) {
  EXPECT_TRUE(names(errors_of(with_details(draft(), {{"contingency_amount", "-1"}}, kToday)), "contingency_amount"));
  EXPECT_TRUE(names(errors_of(with_details(draft(), {{"contingency_amount", "100000.01"}}, kToday)), "contingency_amount"));
  EXPECT_TRUE(names(errors_of(with_details(draft(), {{"contingency_amount", "12.345"}}, kToday)), "contingency_amount"));
  auto p = with_details(draft(), {{"contingency_amount", "150.00"}}, kToday);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->contingency_amount.pence(), 15000);
}

TEST(Plan, ASubmittedPlanIsFrozenAndSaysWhy) {
  auto p = draft();
  p.status = "submitted";
  for (const auto& errors : {errors_of(with_line(p, line("A"), kToday)), errors_of(with_details(p, {{"helped_by", "nobody"}}, kToday)),
                             errors_of(with_outcome(p, {{"words", "x"}, {"aim", "keep"}, {"needs", "nutrition"}})),
                             errors_of(without(p, "outcomes", "1"))}) {
    ASSERT_TRUE(names(errors, "status"));
    EXPECT_NE(errors[0].message.find("sent for approval"), std::string::npos);
  }
  // Returned with questions, it is a draft again.
  p.status = "returned";
  EXPECT_TRUE(with_details(p, {{"helped_by", "nobody"}}, kToday));
}

TEST(Plan, AChangeClearsAgreement) {
  auto p = with_agreement(draft(), {{"agreed_by_kind", "person"}, {"agreed_by_name", "Margaret Ellis"}}, kToday);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->agreed_on, kToday);
  auto changed = with_details(*p, {{"helped_by", "council"}}, kToday);
  ASSERT_TRUE(changed);
  EXPECT_TRUE(changed->agreed_by_name.empty());
  EXPECT_TRUE(names(errors_of(with_agreement(draft(), {{"agreed_by_kind", "neighbour"}, {"agreed_by_name", "x"}}, kToday)), "agreed_by_kind"));
}

TEST(Plan, RemovingRefusesWhatALineStillUses) {
  auto p = with_line(draft(), line("A"), kToday);
  ASSERT_TRUE(p);
  EXPECT_TRUE(names(errors_of(without(*p, "outcomes", "1")), "outcomes"));
  EXPECT_TRUE(names(errors_of(without(*p, "parts", "A")), "parts"));
  EXPECT_TRUE(without(*p, "parts", "B"));
  auto removed = without(*p, "lines", "1");
  ASSERT_TRUE(removed);
  EXPECT_TRUE(removed->lines.empty());
  EXPECT_TRUE(names(errors_of(without(*p, "lines", "9")), "lines"));
}

TEST(PlanVersions, ANewVersionComesOnlyFromADecidedPlanAndStartsLater) {
  auto p = with_line(draft(), line("A"), kToday);
  ASSERT_TRUE(p);
  EXPECT_TRUE(names(errors_of(next_version(*p, {{"effective_from", "2027-01-01"}}, kToday)), "status"));
  p->status = "submitted";
  auto approved = decided(*p, "approved", CivilDate(2026, 12, 7));
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->effective_from, CivilDate(2026, 12, 7));
  EXPECT_TRUE(names(errors_of(next_version(*approved, {}, kToday)), "effective_from"));
  EXPECT_TRUE(names(errors_of(next_version(*approved, {{"effective_from", "2026-12-07"}}, kToday)), "effective_from"));
  auto next = next_version(*approved, {{"effective_from", "2027-01-04"}}, kToday);
  ASSERT_TRUE(next);
  EXPECT_EQ(next->version, approved->version + 1);
  EXPECT_EQ(next->status, "draft");
  EXPECT_EQ(next->previous_version_id, approved->id);
  EXPECT_EQ(next->lines.size(), approved->lines.size());
  EXPECT_TRUE(next->editable());
}

TEST(PlanVersions, OnlyASubmittedPlanIsDecided) {
  auto p = draft();
  EXPECT_TRUE(names(errors_of(decided(p, "approved", kToday)), "status"));
  p.status = "submitted";
  EXPECT_TRUE(names(errors_of(decided(p, "approved", std::nullopt)), "effective_from"));
  EXPECT_TRUE(names(errors_of(decided(p, "maybe", kToday)), "status"));
  auto returned = decided(p, "returned", std::nullopt);
  ASSERT_TRUE(returned);
  EXPECT_TRUE(returned->editable());
  auto refused = decided(p, "refused", std::nullopt);
  ASSERT_TRUE(refused);
  EXPECT_FALSE(refused->editable());
}

}  // namespace
}  // namespace patchwork::planning

namespace patchwork::planning {
namespace {

// s.25(1)(c) and (2)(a): under each eligible need, the lines that meet it; for
// each part, the needs its lines meet.
TEST(PlanNeeds, EachNeedNamesTheLinesThatMeetIt) {
  auto p = draft();
  p.outcomes.push_back({2, "I want to keep clean", "change", {"personal_hygiene"}});
  auto a = with_line(p, line("A"), CivilDate(2026, 11, 27));
  ASSERT_TRUE(a);
  auto f = line("B", "120.00", "Weekly", "");
  f["outcomes"] = "2";
  auto b = with_line(*a, f, CivilDate(2026, 11, 27));
  ASSERT_TRUE(b);
  auto nutrition = lines_meeting(*b, "nutrition");
  ASSERT_EQ(nutrition.size(), 1u);
  EXPECT_EQ(nutrition[0]->number, 1);
  EXPECT_EQ(lines_meeting(*b, "personal_hygiene").size(), 2u);
  EXPECT_TRUE(lines_meeting(*b, "relationships").empty());
  EXPECT_EQ(needs_met_by_part(*b, "A"), (std::vector<std::string>{"nutrition", "personal_hygiene"}));
  EXPECT_EQ(needs_met_by_part(*b, "B"), (std::vector<std::string>{"personal_hygiene"}));
}

// s.25(1)(d) and (f): well-being in the person's words and advice on
// preventing or delaying needs are part of the plan, so it is not sent without them.
TEST(PlanNeeds, WellbeingAndPreventionAdviceAreNeededToSubmit) {
  auto p = with_line(draft(), line("A"), CivilDate(2026, 11, 27));
  ASSERT_TRUE(p);
  // Agreed after the last change (a change clears agreement: s.25(5)).
  auto agreed = [](SupportPlan plan) {
    plan.agreed_by_kind = "person";
    plan.agreed_by_name = "Margaret Ellis";
    return plan;
  };
  EXPECT_TRUE(submission_problems(agreed(*p)).empty());
  auto without = agreed(*p);
  without.wellbeing = "  ";
  without.prevention_advice.clear();
  auto problems = submission_problems(without);
  EXPECT_TRUE(names(problems, "wellbeing"));
  EXPECT_TRUE(names(problems, "prevention_advice"));
  auto given = with_details(without, {{"wellbeing", "Seeing my grandchildren"}, {"prevention_advice", "A falls check at the GP"}},
                            CivilDate(2026, 11, 27));
  ASSERT_TRUE(given);
  EXPECT_EQ(given->wellbeing, "Seeing my grandchildren");
  EXPECT_TRUE(submission_problems(agreed(*given)).empty());
  EXPECT_TRUE(names(errors_of(with_details(without, {{"wellbeing", std::string(4001, 'x')}}, CivilDate(2026, 11, 27))), "wellbeing"));
}

// A returned plan, or a refused one with no newer version, waits on its
// author; a refused plan followed by a new version no longer does.
TEST(PlanNeeds, RefusedAndReturnedPlansWaitOnTheirAuthorUntilActedOn) {
  EXPECT_TRUE(waits_on_author("returned", 1, 1));
  EXPECT_TRUE(waits_on_author("refused", 2, 2));
  EXPECT_FALSE(waits_on_author("refused", 1, 2)) << "a new version was made from it";
  for (auto s : {"draft", "submitted", "approved", "superseded"}) EXPECT_FALSE(waits_on_author(s, 1, 1)) << s;
}

}  // namespace
}  // namespace patchwork::planning
