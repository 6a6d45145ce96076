#include "domain/planning/reviews.hpp"

#include <gtest/gtest.h>

#include <set>

namespace patchwork::planning {
namespace {

const CivilDate kToday(2026, 12, 1);

TEST(Reviews, TheFirstReviewIsSixToEightWeeksAfterSignOffOrTheStartIfLater) {
  // Signed off and starting on 2 November: window 14 December, due 28 December.
  auto r = first_review(5, 1, CouncilId(1), PersonId(2), CivilDate(2026, 11, 2), CivilDate(2026, 11, 2));
  EXPECT_EQ(r.kind, "first");
  EXPECT_EQ(r.earliest_on, CivilDate(2026, 12, 14));
  EXPECT_EQ(r.due_on, CivilDate(2026, 12, 28));
  EXPECT_EQ(r.plan_id, 5);
  // Signed off today to start on 4 January: counted from the start.
  auto later = first_review(5, 1, CouncilId(1), PersonId(2), kToday, CivilDate(2027, 1, 4));
  EXPECT_EQ(later.due_on, CivilDate(2027, 3, 1));
  // A version that started before it was signed off (an approved change with an
  // earlier date): counted from the sign-off.
  auto earlier = first_review(5, 1, CouncilId(1), PersonId(2), kToday, CivilDate(2026, 10, 1));
  EXPECT_EQ(earlier.due_on, CivilDate(2027, 1, 26));
}

TEST(Reviews, AReviewDoneSchedulesTheNextTwelveMonthsLater) {
  auto first = first_review(5, 1, CouncilId(1), PersonId(2), CivilDate(2026, 11, 2), CivilDate(2026, 11, 2));
  auto next = yearly_review_after(first, CivilDate(2026, 12, 20));
  EXPECT_EQ(next.kind, "yearly");
  EXPECT_EQ(next.due_on, CivilDate(2027, 12, 20));
  EXPECT_FALSE(next.earliest_on);
  EXPECT_EQ(next.plan_number, 1);
  // 29 February reviewed: due on 28 February the next year.
  EXPECT_EQ(yearly_review_after(first, CivilDate(2028, 2, 29)).due_on, CivilDate(2029, 2, 28));
  PlanReview dp;
  dp.kind = "direct_payment";
  dp.part_key = "A";
  auto dp_next = yearly_review_after(dp, CivilDate(2027, 4, 30));
  EXPECT_EQ(dp_next.kind, "direct_payment");
  EXPECT_EQ(dp_next.part_key, "A");
}

TEST(Reviews, ARecordedReviewNeedsDateWhoAndOutcome) {
  auto ok = review_done_from_fields({{"done_on", "2026-11-30"}, {"done_by", "Sam Patel"}, {"outcome", "no_change"}}, kToday);
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->done_on, CivilDate(2026, 11, 30));
  auto bad = review_done_from_fields({{"done_on", "2026-12-25"}, {"outcome", "fine"}}, kToday);
  ASSERT_FALSE(bad);
  std::set<std::string> fields;
  for (const auto& e : bad.error()) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"done_on", "done_by", "outcome"}));
}

TEST(Reviews, DirectPaymentReviewsAfterTheFirstAreYearly) {
  budgets::DirectPaymentAgreement a;
  a.signed_on = CivilDate(2026, 11, 2);
  a.review_on = CivilDate(2027, 4, 30);
  EXPECT_EQ(direct_payment_review_due(a, std::nullopt), CivilDate(2027, 4, 30));
  EXPECT_EQ(direct_payment_review_due(a, CivilDate(2027, 4, 20)), CivilDate(2028, 4, 20));
  // A review recorded before this agreement was signed was of another arrangement.
  EXPECT_EQ(direct_payment_review_due(a, CivilDate(2026, 1, 5)), CivilDate(2027, 4, 30));
}

TEST(Reviews, AnInterimPeriodEndsTheDayAfterItsEndDate) {
  budgets::Interim i{"A crisis", CivilDate(2026, 11, 30), CivilDate(2026, 11, 16)};
  EXPECT_FALSE(interim_period_ended(i, CivilDate(2026, 11, 30)));
  EXPECT_TRUE(interim_period_ended(i, kToday));
  EXPECT_FALSE(interim_period_ended(std::nullopt, kToday));
}

TEST(Reviews, OverdueReviewsComeFirst) {
  std::vector<ReviewDue> rows = {
      {PersonId(1), "a", "", CivilDate(2027, 1, 10), {}},
      {PersonId(2), "b", "", CivilDate(2026, 11, 20), {}},
      {PersonId(3), "c", "", CivilDate(2026, 12, 5), {}},
      {PersonId(4), "d", "", CivilDate(2026, 10, 1), {}},
  };
  order_reviews_due(rows, kToday);
  std::vector<std::string> order;
  for (const auto& r : rows) order.push_back(r.what);
  EXPECT_EQ(order, (std::vector<std::string>{"d", "b", "c", "a"}));
}

}  // namespace
}  // namespace patchwork::planning
