#include "domain/planning/involvement.hpp"

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

// A plan complete in everything but involvement and agreement.
SupportPlan complete() {
  SupportPlan p;
  p.eligible_needs = {"nutrition"};
  p.drafted_by_kind = "council_worker";
  p.helped_by = "family_or_friends";
  p.views_included = "fully";
  p.backup_cover = "Her son comes in";
  p.who_to_call = "The duty line";
  p.wellbeing = "Staying at home with my cat";
  p.prevention_advice = "A falls check at the GP";
  p.outcomes.push_back({1, "I want hot meals", "change", {"nutrition"}});
  budgets::Part part;
  part.key = "A";
  part.mechanism = budgets::Mechanism::CouncilManaged;
  p.parts.push_back(part);
  SupportLine l;
  l.number = 1;
  l.part_key = "A";
  l.outcomes = {1};
  p.lines.push_back(l);
  return p;
}

TEST(Involvement, ThePersonMustBeRecordedAsInvolvedBeforeSubmission) {
  auto p = complete();
  p.agreed_by_kind = "person";
  p.agreed_by_name = "Margaret Ellis";
  EXPECT_TRUE(names(submission_problems(p), "involved"));
  // A carer alone is not the person (s.25(3)(a) and (b) are both duties).
  auto carer = with_involvement(p, {{"kind", "carer"}, {"name", "Sarah Ellis"}});
  ASSERT_TRUE(carer);
  EXPECT_TRUE(names(submission_problems(*carer), "involved"));
  auto person = with_involvement(*carer, {{"kind", "person"}, {"name", "Margaret Ellis"}, {"how", "At home, with Sarah"}});
  ASSERT_TRUE(person);
  EXPECT_TRUE(submission_problems(*person).empty()) << submission_problems(*person)[0].message;
  EXPECT_EQ(person->involved.size(), 2u);
  EXPECT_EQ(person->involved[1].number, 2);
}

TEST(Involvement, AgreementOrWhyNotIsNeededBeforeSubmission) {
  auto p = with_involvement(complete(), {{"kind", "person"}, {"name", "Margaret Ellis"}});
  ASSERT_TRUE(p);
  EXPECT_TRUE(names(submission_problems(*p), "agreement"));
  auto no = with_no_agreement(*p, {{"reason", "We met twice and talked through three options; she does not want any help yet"}}, kToday);
  ASSERT_TRUE(no);
  EXPECT_EQ(no->no_agreement_on, kToday);
  EXPECT_TRUE(submission_problems(*no).empty());
  // The reason is required, and names its field.
  EXPECT_TRUE(names(errors_of(with_no_agreement(*p, {{"reason", "  "}}, kToday)), "reason"));
  // Agreement reached later replaces the reason.
  auto agreed = with_agreement(*no, {{"agreed_by_kind", "person"}, {"agreed_by_name", "Margaret Ellis"}}, kToday);
  ASSERT_TRUE(agreed);
  EXPECT_TRUE(agreed->no_agreement_reason.empty());
  // And recording no agreement clears an agreement.
  auto again = with_no_agreement(*agreed, {{"reason", "She changed her mind"}}, kToday);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->agreed_by_name.empty());
}

TEST(Involvement, AChangeToTheDraftClearsTheReasonAgreementWasNotReached) {
  auto p = with_involvement(complete(), {{"kind", "person"}, {"name", "Margaret Ellis"}});
  ASSERT_TRUE(p);
  auto no = with_no_agreement(*p, {{"reason", "She would not discuss it"}}, kToday);
  ASSERT_TRUE(no);
  auto changed = with_details(*no, {{"helped_by", "council"}}, kToday);
  ASSERT_TRUE(changed);
  EXPECT_TRUE(changed->no_agreement_reason.empty());
  EXPECT_TRUE(names(submission_problems(*changed), "agreement"));
  // Who was involved is not what the plan says: it stays.
  EXPECT_EQ(changed->involved.size(), 1u);
}

TEST(Involvement, BadInputIsRefusedNamingTheField) {
  auto p = complete();
  EXPECT_TRUE(names(errors_of(with_involvement(p, {{"kind", "neighbour"}, {"name", "Ann"}})), "kind"));
  EXPECT_TRUE(names(errors_of(with_involvement(p, {{"kind", "carer"}})), "name"));
  auto once = with_involvement(p, {{"kind", "carer"}, {"name", "Sarah Ellis"}});
  ASSERT_TRUE(once);
  EXPECT_TRUE(names(errors_of(with_involvement(*once, {{"kind", "carer"}, {"name", "sarah ellis"}})), "name"));
  EXPECT_TRUE(names(errors_of(without_involvement(*once, "7")), "involved"));
  auto removed = without_involvement(*once, "1");
  ASSERT_TRUE(removed);
  EXPECT_TRUE(removed->involved.empty());
  // A submitted plan is frozen.
  once->status = "submitted";
  EXPECT_TRUE(names(errors_of(with_involvement(*once, {{"kind", "person"}, {"name", "Margaret Ellis"}})), "status"));
  // A decided plan takes no agreement or reason.
  once->status = "approved";
  EXPECT_TRUE(names(errors_of(with_no_agreement(*once, {{"reason", "x"}}, kToday)), "status"));
}

TEST(Involvement, ANewVersionRecordsItsOwnInvolvementAndAgreement) {
  auto p = with_involvement(complete(), {{"kind", "person"}, {"name", "Margaret Ellis"}});
  ASSERT_TRUE(p);
  p->status = "approved";
  p->effective_from = CivilDate(2026, 11, 2);
  p->no_agreement_reason = "She would not discuss it";
  auto next = next_version(*p, {{"effective_from", "2027-01-04"}}, kToday);
  ASSERT_TRUE(next);
  EXPECT_TRUE(next->involved.empty());
  EXPECT_TRUE(next->no_agreement_reason.empty());
}

}  // namespace
}  // namespace patchwork::planning
