// Routing by delegated authority: at, just below and just above each limit,
// the author's own plan, interim budgets, and the day a new version takes effect.
#include "domain/planning/authority.hpp"
#include "domain/planning/approval_request.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace patchwork::planning {
namespace {

using access::Role;

Money pounds(std::int64_t pence) { return Money::from_pence(pence); }

// Northshire's 2026 scheme from the demo: social worker £300, team manager
// £800, head of service above with no panel, authors £150, interim £500.
ApprovalThresholds northshire() {
  ApprovalThresholds t;
  t.version = 2;
  t.effective_from = CivilDate(2026, 4, 1);
  t.social_worker = pounds(300'00);
  t.team_manager = pounds(800'00);
  t.author_self_approval = pounds(150'00);
  t.interim = pounds(500'00);
  return t;
}

constexpr UserId kAuthor{10};
constexpr UserId kApprover{20};

bool may(const ApprovalThresholds& t, Role r, std::int64_t pence, bool interim = false, UserId who = kApprover) {
  return may_approve(t, r, who, kAuthor, pounds(pence), interim).allowed;
}

TEST(Authority, EachRoleAtJustBelowAndJustAboveItsLimit) {
  auto t = northshire();
  EXPECT_TRUE(may(t, Role::SocialWorker, 299'99));
  EXPECT_TRUE(may(t, Role::SocialWorker, 300'00)) << "a plan costing exactly the limit is within it";
  EXPECT_FALSE(may(t, Role::SocialWorker, 300'01));
  EXPECT_TRUE(may(t, Role::TeamManager, 799'99));
  EXPECT_TRUE(may(t, Role::TeamManager, 800'00));
  EXPECT_FALSE(may(t, Role::TeamManager, 800'01));
  EXPECT_TRUE(may(t, Role::HeadOfService, 800'01));
  EXPECT_TRUE(may(t, Role::HeadOfService, 100'000'00)) << "without a panel the head of service has no upper limit";
  for (Role r : {Role::Administrator, Role::FinanceOfficer, Role::Commissioner, Role::SafeguardingLead, Role::Provider,
                 Role::BudgetHolder, Role::Representative})
    EXPECT_FALSE(may(t, r, 1)) << access::role_code(r);
}

TEST(Authority, ARefusalNamesTheLimitInPlainWords) {
  auto a = may_approve(northshire(), Role::TeamManager, kApprover, kAuthor, pounds(912'50), false);
  EXPECT_FALSE(a.allowed);
  EXPECT_EQ(a.reason, "Your limit as a team manager is £800.00 a week; this plan costs £912.50 a week.");
  EXPECT_EQ(a.limit, pounds(800'00));
  auto sw = may_approve(northshire(), Role::SocialWorker, kApprover, kAuthor, pounds(300'01), false);
  EXPECT_EQ(sw.reason, "Your limit as a social worker is £300.00 a week; this plan costs £300.01 a week.");
  auto finance = may_approve(northshire(), Role::FinanceOfficer, kApprover, kAuthor, pounds(1), false);
  EXPECT_EQ(finance.reason, "A Finance officer does not approve support plans.");
}

TEST(Authority, TheAuthorApprovesTheirOwnPlanOnlyUpToTheAuthorsLimit) {
  auto t = northshire();
  EXPECT_TRUE(may(t, Role::SocialWorker, 150'00, false, kAuthor));
  EXPECT_FALSE(may(t, Role::SocialWorker, 150'01, false, kAuthor));
  // A team manager who wrote the plan is held to the author's limit too.
  EXPECT_FALSE(may(t, Role::TeamManager, 150'01, false, kAuthor));
  EXPECT_TRUE(may(t, Role::TeamManager, 150'01)) << "another team manager may";
  auto a = may_approve(t, Role::TeamManager, kAuthor, kAuthor, pounds(200'00), false);
  EXPECT_EQ(a.reason, "You wrote this plan: the author may approve their own plan only up to £150.00 a week; this plan costs £200.00 a week.");
  // A council that lets no author approve their own plan.
  t.author_self_approval.reset();
  auto none = may_approve(t, Role::HeadOfService, kAuthor, kAuthor, pounds(1), false);
  EXPECT_FALSE(none.allowed);
  EXPECT_EQ(none.reason, "You wrote this plan, and this council does not let the author of a plan approve it.");
}

TEST(Authority, AnAuthorsLimitAboveTheirRolesIsCappedByTheRole) {
  auto t = northshire();
  t.author_self_approval = pounds(400'00);
  EXPECT_TRUE(may(t, Role::SocialWorker, 300'00, false, kAuthor));
  EXPECT_FALSE(may(t, Role::SocialWorker, 300'01, false, kAuthor));
  EXPECT_TRUE(may(t, Role::TeamManager, 400'00, false, kAuthor));
}

TEST(Authority, InterimBudgetsHaveTheirOwnLimitBelowTheHeadOfService) {
  auto t = northshire();
  EXPECT_TRUE(may(t, Role::TeamManager, 500'00, true));
  EXPECT_FALSE(may(t, Role::TeamManager, 500'01, true));
  EXPECT_TRUE(may(t, Role::TeamManager, 500'01, false)) << "the same cost as a full plan";
  EXPECT_TRUE(may(t, Role::SocialWorker, 300'00, true)) << "the interim limit never raises a role's own";
  EXPECT_FALSE(may(t, Role::SocialWorker, 300'01, true));
  EXPECT_TRUE(may(t, Role::HeadOfService, 2000'00, true));
  auto a = may_approve(t, Role::TeamManager, kApprover, kAuthor, pounds(612'00), true);
  EXPECT_EQ(a.reason, "Your limit for interim budgets as a team manager is £500.00 a week; this interim budget costs £612.00 a week.");
  // The author's own interim budget: the lower of the two limits.
  t.author_self_approval = pounds(600'00);
  EXPECT_TRUE(may(t, Role::TeamManager, 500'00, true, kAuthor));
  EXPECT_FALSE(may(t, Role::TeamManager, 500'01, true, kAuthor));
}

TEST(Authority, AboveTheHeadOfServicesLimitThePanelDecides) {
  auto t = northshire();
  t.panel = true;
  t.head_of_service = pounds(1500'00);
  ASSERT_TRUE(check_thresholds(t).empty());
  auto within = may_approve(t, Role::HeadOfService, kApprover, kAuthor, pounds(1500'00), false);
  EXPECT_TRUE(within.allowed);
  EXPECT_FALSE(within.as_panel);
  auto panel = may_approve(t, Role::HeadOfService, kApprover, kAuthor, pounds(1500'01), false);
  EXPECT_TRUE(panel.allowed);
  EXPECT_TRUE(panel.as_panel);
  EXPECT_EQ(approvers_for(t, pounds(1500'00), false), Approver::HeadOfService);
  EXPECT_EQ(approvers_for(t, pounds(1500'01), false), Approver::Panel);
}

TEST(Authority, RequestsAreQueuedForTheLowestRoleThatMayApprove) {
  auto t = northshire();
  EXPECT_EQ(approvers_for(t, pounds(0), false), Approver::SocialWorker);
  EXPECT_EQ(approvers_for(t, pounds(300'00), false), Approver::SocialWorker);
  EXPECT_EQ(approvers_for(t, pounds(300'01), false), Approver::TeamManager);
  EXPECT_EQ(approvers_for(t, pounds(800'00), false), Approver::TeamManager);
  EXPECT_EQ(approvers_for(t, pounds(800'01), false), Approver::HeadOfService);
  EXPECT_EQ(approvers_for(t, pounds(500'00), true), Approver::TeamManager);
  EXPECT_EQ(approvers_for(t, pounds(500'01), true), Approver::HeadOfService);
  EXPECT_EQ(approvers_for(t, pounds(100'000'00), false), Approver::HeadOfService) << "no panel: nothing above the head of service";
}

// A one-off cost is weighed against the weekly limits spread over 52 weeks,
// rounded up: a plan within a limit on its weekly cost alone can be above it
// once its one-off cost is counted, and is queued and decided accordingly.
TEST(Authority, AOneOffCostIsSpreadOver52WeeksRoundedUp) {
  EXPECT_EQ(weighed_weekly_cost(pounds(300'00), pounds(520'00)), pounds(310'00));
  EXPECT_EQ(weighed_weekly_cost(pounds(0), pounds(1)), pounds(1)) << "a penny once is a penny a week, never nothing";
  EXPECT_EQ(weighed_weekly_cost(pounds(0), pounds(52'01)), pounds(1'01));
  EXPECT_EQ(weighed_weekly_cost(pounds(240'00), pounds(0)), pounds(240'00));
  EXPECT_EQ(weighed_weekly_cost(pounds(100'000'00), kOneOffCostLimit), pounds(200'000'00));

  ApprovalRequest r;
  r.weekly_cost = pounds(295'00);
  r.one_off_cost = pounds(520'00);
  auto t = northshire();
  EXPECT_TRUE(may(t, Role::SocialWorker, r.weekly_cost.pence())) << "the weekly cost alone is within a social worker's £300";
  EXPECT_FALSE(may(t, Role::SocialWorker, r.weighed_cost().pence())) << "£295 + £10 a week is not";
  EXPECT_EQ(approvers_for(t, r.weighed_cost(), false), Approver::TeamManager);
  EXPECT_EQ(weighed_note(r.weekly_cost, r.one_off_cost),
            " That counts its one-off cost of £520.00 as £10.00 a week (spread over 52 weeks) on top of £295.00 a week.");
  EXPECT_EQ(weighed_note(r.weekly_cost, pounds(0)), "");
  // A plan of only a one-off cost: £0.00 a week, so a social worker may approve a £15,600 adaptation (£300 a week).
  r.weekly_cost = pounds(0);
  r.one_off_cost = pounds(15'600'00);
  EXPECT_TRUE(may(t, Role::SocialWorker, r.weighed_cost().pence()));
  r.one_off_cost = pounds(15'600'01);
  EXPECT_FALSE(may(t, Role::SocialWorker, r.weighed_cost().pence()));
}

TEST(Authority, TheVersionInEffectSwitchesOnTheDayItTakesEffect) {
  auto older = northshire();
  older.version = 1;
  older.effective_from = CivilDate(2025, 4, 1);
  older.team_manager = pounds(700'00);
  std::vector<ApprovalThresholds> versions{northshire(), older};  // in any order
  EXPECT_EQ(thresholds_on(versions, CivilDate(2025, 3, 31)), nullptr) << "nothing before the first version";
  EXPECT_EQ(thresholds_on(versions, CivilDate(2025, 4, 1))->version, 1);
  EXPECT_EQ(thresholds_on(versions, CivilDate(2026, 3, 31))->version, 1) << "the day before";
  EXPECT_EQ(thresholds_on(versions, CivilDate(2026, 4, 1))->version, 2) << "the day it takes effect";
  // £750 a week: over the old team manager's limit, within the new one.
  EXPECT_FALSE(may(*thresholds_on(versions, CivilDate(2026, 3, 31)), Role::TeamManager, 750'00));
  EXPECT_TRUE(may(*thresholds_on(versions, CivilDate(2026, 4, 1)), Role::TeamManager, 750'00));
  // Two versions taking effect the same day: the later version wins.
  auto correction = northshire();
  correction.version = 3;
  versions.push_back(correction);
  EXPECT_EQ(thresholds_on(versions, CivilDate(2026, 4, 1))->version, 3);
}

TEST(Authority, ThresholdsThatDoNotFitTogetherAreRefusedNamingTheField) {
  auto t = northshire();
  EXPECT_TRUE(check_thresholds(t).empty());
  auto bad = t;
  bad.social_worker = pounds(900'00);
  ASSERT_FALSE(check_thresholds(bad).empty());
  EXPECT_EQ(check_thresholds(bad)[0].field, "social_worker");
  bad = t;
  bad.panel = true;
  EXPECT_EQ(check_thresholds(bad)[0].field, "head_of_service");
  bad = t;
  bad.head_of_service = pounds(2000'00);
  EXPECT_EQ(check_thresholds(bad)[0].field, "head_of_service") << "a limit without a panel would leave plans nobody may approve";
  bad = t;
  bad.interim = pounds(-1);
  EXPECT_EQ(check_thresholds(bad)[0].field, "interim");
  bad = t;
  bad.team_manager = pounds(100'000'01);
  EXPECT_EQ(check_thresholds(bad)[0].field, "team_manager");
}

TEST(VarianceReasons, CodesHaveLabels) {
  EXPECT_GE(variance_reasons().size(), 5u);
  for (const auto& r : variance_reasons()) EXPECT_EQ(variance_reason_label(r.code), r.label);
  EXPECT_FALSE(variance_reason_label("because"));
}

}  // namespace
}  // namespace patchwork::planning
