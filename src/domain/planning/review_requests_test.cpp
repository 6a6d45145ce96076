#include "domain/planning/review_requests.hpp"

#include <gtest/gtest.h>

namespace patchwork::planning {
namespace {

TEST(ReviewRequests, TheFourReasonsOfTheIssueEachWithDaysInRange) {
  ASSERT_EQ(review_request_reasons().size(), 4u);
  for (const auto& r : review_request_reasons()) {
    EXPECT_GE(r.default_days, kMinReviewRequestDays);
    EXPECT_LE(r.default_days, kMaxReviewRequestDays);
  }
  EXPECT_TRUE(review_request_reason("money_problems"));
  EXPECT_FALSE(review_request_reason("bored"));
}

TEST(ReviewRequests, AReasonIsRequiredAndFromTheList) {
  auto none = review_request_from_fields({{"details", "x"}});
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().front().field, "reason");
  auto wrong = review_request_from_fields({{"reason", "bored"}});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().front().field, "reason");
  auto ok = review_request_from_fields({{"reason", " support_not_working "}, {"details", "  The carer did not come  "}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->reason, "support_not_working");
  EXPECT_EQ(ok->details, "The carer did not come");
}

TEST(ReviewRequests, DetailsAreLimited) {
  auto long_text = review_request_from_fields({{"reason", "needs_changed"}, {"details", std::string(2001, 'a')}});
  ASSERT_FALSE(long_text);
  EXPECT_EQ(long_text.error().front().field, "details");
}

TEST(ReviewRequests, DueAndProgress) {
  const auto asked = *CivilDate::parse_iso("2026-12-01");
  EXPECT_EQ(review_request_due(asked, 7).iso(), "2026-12-08");
  EXPECT_NE(review_request_progress("due", std::nullopt, asked.plus_days(7), asked).find("by 8 December 2026"), std::string::npos);
  EXPECT_NE(review_request_progress("due", std::nullopt, asked, asked.plus_days(1)).find("Late"), std::string::npos);
  EXPECT_NE(review_request_progress("done", asked, asked, asked).find("Done"), std::string::npos);
}

}  // namespace
}  // namespace patchwork::planning
