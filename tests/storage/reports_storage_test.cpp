// The self-directed support summary's one query on both back ends
// (docs/reports.md "Who counts"), with a handful of people, each there for one
// rule: under-18s left out, age from the 1st of the birth month, support that
// ended before the date, the deceased, a Service event without a budget, a
// direct-payment part of nothing, two budget versions of which the later is in
// force; and another council's people never in a council's figures.
#include <gtest/gtest.h>

#include "domain/people/codes.hpp"
#include "fresh_database.hpp"
#include "services/reports_service.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/providers_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/recovery_repository.hpp"
#include "storage/repositories/reports_repository.hpp"

namespace patchwork::storage {
namespace {

using reports::Band;

const CivilDate kOn(2026, 12, 2);

class ReportsStorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    fresh_ = std::make_unique<FreshDatabase>(GetParam());
    lease_ = std::make_unique<Database::Lease>(fresh_->db().acquire());
    migrate(c());
    north_ = insert_council(c(), "E06000001", "North");
    south_ = insert_council(c(), "E06000002", "South");
  }
  void TearDown() override {
    lease_.reset();
    fresh_.reset();
  }
  Connection& c() { return **lease_; }

  PersonId person(CouncilId council, const std::string& name, CivilDate born, const std::string& dementia = "Not known",
                  std::optional<CivilDate> died = std::nullopt) {
    people::Person p;
    p.council_id = council;
    p.given_name = name;
    p.family_name = "Test";
    p.date_of_birth = born;
    p.dementia = dementia;
    p.date_of_death = died;
    return insert_person(c(), p);
  }
  // A budget version from a date: one part per (mechanism, weekly pence).
  void budget(CouncilId council, PersonId who, int version, CivilDate from,
              std::vector<std::pair<budgets::Mechanism, std::int64_t>> parts) {
    budgets::BudgetVersion b;
    b.council_id = council;
    b.person_id = who;
    b.version = version;
    b.effective_from = from;
    b.weekly = Money::from_pence(10000);
    b.contribution = {budgets::ContributionKind::NotYetAssessed, Money::from_pence(0)};
    b.basis = "test";
    char key = 'A';
    for (auto [mechanism, pence] : parts) {
      budgets::Part p;
      p.key = std::string(1, key++);
      p.mechanism = mechanism;
      p.weekly = Money::from_pence(pence);
      if (mechanism == budgets::Mechanism::DirectPayment) p.direct_payment = budgets::DirectPaymentDetails{};
      if (mechanism == budgets::Mechanism::IndividualServiceFund) {
        providers::Provider provider;
        provider.council_id = council;
        provider.name = "Holds the fund";
        provider.kind = "home_care_agency";
        p.service_fund = budgets::IndividualServiceFundDetails{insert_provider(c(), provider).value(), "as agreed"};
      }
      b.parts.push_back(p);
    }
    insert_budget(c(), b, std::nullopt);
  }
  // A case event; a Service event of long-term community support unless another type or Service_Type is given
  // (std::nullopt: one recorded before Service events carried a Service_Type).
  void service(CouncilId council, PersonId who, CivilDate from, std::optional<CivilDate> to, const std::string& type = "Service",
               std::optional<std::string> service_type = std::string(people::kLongTermCommunity)) {
    people::CaseEvent e;
    e.council_id = council;
    e.person_id = who;
    e.event_type = type;
    if (type == "Service") e.service_type = service_type;
    e.start_date = from;
    e.end_date = to;
    e.description = "home care";
    insert_case_event(c(), e, std::nullopt);
  }
  void ended(CouncilId council, PersonId who, recovery::EndKind kind, CivilDate on) {
    recovery::SupportEnd e;
    e.council_id = council;
    e.person_id = who;
    e.kind = kind;
    e.on = on;
    if (kind == recovery::EndKind::MovedAway) e.moved_to = "South";
    insert_support_end(c(), e, std::nullopt);
  }
  static const reports::Counts& line(const reports::CouncilFigures& f, Band band, const std::string& dementia) {
    for (const auto& l : f.lines)
      if (l.band == band && l.dementia == dementia) return l.counts;
    throw std::logic_error("no line");
  }

  std::unique_ptr<FreshDatabase> fresh_;
  std::unique_ptr<Database::Lease> lease_;
  CouncilId north_, south_;
};

TEST_P(ReportsStorageTest, CountsEachRuleOnceAndNeverAnotherCouncilsPeople) {
  using M = budgets::Mechanism;
  const CivilDate before(2026, 1, 1);
  // Counted, 18 to 64: a council-managed budget.
  budget(north_, person(north_, "Managed", CivilDate(1980, 5, 5), "No"), 1, before, {{M::CouncilManaged, 10000}});
  // Counted, 18 to 64: 17 by birthday (born 20 December 2008) but 18 nationally, from 1 December 2008.
  budget(north_, person(north_, "Nearly", CivilDate(2008, 12, 20), "No"), 1, before, {{M::DirectPayment, 10000}});
  // Left out: 17 nationally too (born January 2009).
  budget(north_, person(north_, "Young", CivilDate(2009, 1, 1), "No"), 1, before, {{M::DirectPayment, 10000}});
  // Counted, 65+ (75 to 84), dementia diagnosed: part direct payment, part council-managed.
  budget(north_, person(north_, "Part", CivilDate(1948, 6, 1), "Diagnosed"), 1, before,
         {{M::DirectPayment, 4000}, {M::CouncilManaged, 6000}});
  // Counted, 65+ (85+), suspected: a direct-payment part of nothing is no direct payment.
  budget(north_, person(north_, "Zero", CivilDate(1935, 2, 2), "Suspected"), 1, before,
         {{M::DirectPayment, 0}, {M::IndividualServiceFund, 10000}});
  // Counted, 65+ (65 to 74): version 1 a direct payment, version 2 (in force) council-managed.
  auto later = person(north_, "Later", CivilDate(1958, 3, 3), "Diagnosed");
  budget(north_, later, 1, before, {{M::DirectPayment, 10000}});
  budget(north_, later, 2, CivilDate(2026, 6, 1), {{M::CouncilManaged, 10000}});
  // ... and the other way round, but the version with the direct payment starts after the date.
  auto future = person(north_, "Future", CivilDate(1958, 3, 3), "Diagnosed");
  budget(north_, future, 1, before, {{M::CouncilManaged, 10000}});
  budget(north_, future, 2, CivilDate(2026, 12, 3), {{M::DirectPayment, 10000}});
  // Counted, 65+ (65 to 74), no budget: an open Service event is commissioned support.
  service(north_, person(north_, "Commissioned", CivilDate(1958, 3, 3), "Diagnosed"), before, std::nullopt);
  // Counted once: a Service event that ends on the date, and a budget too.
  auto both = person(north_, "Both", CivilDate(1958, 3, 3), "Diagnosed");
  service(north_, both, before, kOn);
  service(north_, both, before, std::nullopt);
  budget(north_, both, 1, before, {{M::DirectPayment, 10000}});
  // Left out: a Service event that ended the day before; an Assessment event; a budget that starts after the date.
  service(north_, person(north_, "Closed", CivilDate(1958, 3, 3), "Diagnosed"), before, CivilDate(2026, 12, 1));
  service(north_, person(north_, "Assessed", CivilDate(1958, 3, 3), "Diagnosed"), before, std::nullopt, "Assessment");
  budget(north_, person(north_, "NotYet", CivilDate(1958, 3, 3), "Diagnosed"), 1, CivilDate(2026, 12, 3), {{M::CouncilManaged, 10000}});
  // Left out: support ended the day before; moved away on the date (the new council's from that day); died the day before.
  auto stopped = person(north_, "Stopped", CivilDate(1958, 3, 3), "Diagnosed");
  budget(north_, stopped, 1, before, {{M::DirectPayment, 10000}});
  ended(north_, stopped, recovery::EndKind::SupportEnded, CivilDate(2026, 12, 1));
  auto moved = person(north_, "Moved", CivilDate(1958, 3, 3), "Diagnosed");
  budget(north_, moved, 1, before, {{M::DirectPayment, 10000}});
  ended(north_, moved, recovery::EndKind::MovedAway, kOn);
  budget(north_, person(north_, "Died", CivilDate(1958, 3, 3), "Diagnosed", CivilDate(2026, 12, 1)), 1, before,
         {{M::DirectPayment, 10000}});
  // Counted: support ends on the date (its last day), and an end planned after it.
  auto last_day = person(north_, "LastDay", CivilDate(1958, 3, 3), "No");
  budget(north_, last_day, 1, before, {{M::CouncilManaged, 10000}});
  ended(north_, last_day, recovery::EndKind::SupportEnded, kOn);
  // Another council's person.
  budget(south_, person(south_, "Southern", CivilDate(1940, 1, 1), "No"), 1, before, {{M::DirectPayment, 10000}});

  auto s = services::self_directed_support(c(), kOn, north_);
  ASSERT_EQ(s.councils.size(), 1U);
  const auto& f = s.councils.front();
  EXPECT_EQ(f.code, "E06000001");
  EXPECT_EQ(f.under_18, 1);
  // Managed, Nearly, Part, Zero, Later, Future, Commissioned, Both, LastDay.
  EXPECT_EQ(f.total.people, 9);
  EXPECT_EQ(f.total.personal_budget, 8);
  EXPECT_EQ(f.total.direct_payment, 3);  // Nearly, Part, Both
  EXPECT_EQ(f.total.managed(), 5);
  EXPECT_EQ(reports::personal_budget_share(f.total).percent(), "88.9%");
  EXPECT_EQ(reports::direct_payment_share(f.total).percent(), "33.3%");

  const auto& young = line(f, Band::From18To64, "");
  EXPECT_EQ(young.people, 2);
  EXPECT_EQ(young.direct_payment, 1);
  const auto& dementia_65_74 = line(f, Band::From65To74, "Diagnosed");
  EXPECT_EQ(dementia_65_74.people, 4);           // Later, Future, Commissioned, Both
  EXPECT_EQ(dementia_65_74.personal_budget, 3);  // not Commissioned
  EXPECT_EQ(dementia_65_74.direct_payment, 1);   // Both only: Later's is version 1's, Future's not yet
  EXPECT_EQ(line(f, Band::From75To84, "Diagnosed").direct_payment, 1);
  EXPECT_EQ(line(f, Band::From85, "Suspected").people, 1);
  EXPECT_EQ(line(f, Band::From85, "Suspected").direct_payment, 0);
  EXPECT_EQ(line(f, Band::From65, "").people, 7);
  EXPECT_EQ(line(f, Band::From65, "No").people, 1);

  // Every council: South is there too, and the national total adds both.
  auto all = services::self_directed_support(c(), kOn, std::nullopt);
  ASSERT_EQ(all.councils.size(), 2U);
  EXPECT_EQ(all.councils[1].code, "E06000002");
  EXPECT_EQ(all.councils[1].total.people, 1);
  EXPECT_EQ(all.councils[1].total.direct_payment, 1);
  EXPECT_EQ(all.national.people, 10);
  EXPECT_EQ(all.national.direct_payment, 4);
  // South alone never sees North's people.
  auto south = services::self_directed_support(c(), kOn, south_);
  EXPECT_EQ(south.councils.front().total.people, 1);
  EXPECT_EQ(south.national.people, 1);

  // A day earlier Stopped, Moved and Died were still supported and Closed's
  // event was open; and Nearly was 17 nationally (6,574 days from 1 December
  // 2008 is 17.998 years of 365.25 days), so left out with Young.
  auto earlier = services::self_directed_support(c(), CivilDate(2026, 12, 1), north_);
  EXPECT_EQ(earlier.councils.front().total.people, 9 + 4 - 1);
  EXPECT_EQ(earlier.councils.front().under_18, 2);
}

// One end of support is kept per person (support_endings), so it must end
// only the support it came after: support that started again later counts,
// and an end recorded after the restart ends that.
TEST_P(ReportsStorageTest, AnEndOfSupportEndsOnlyTheSupportBeforeIt) {
  using M = budgets::Mechanism;
  const CivilDate start(2025, 1, 1), last_day(2025, 6, 30), again(2026, 1, 1);
  // Ended, then a new budget version from 2026: counted, with its direct payment.
  auto restarted = person(north_, "Restarted", CivilDate(1950, 4, 4), "No");
  budget(north_, restarted, 1, start, {{M::CouncilManaged, 10000}});
  ended(north_, restarted, recovery::EndKind::SupportEnded, last_day);
  budget(north_, restarted, 2, again, {{M::DirectPayment, 10000}});
  // Ended, then support the council commissions (a Service event from 2026):
  // counted, with no personal budget (the ended budget's version is still the
  // latest, but its support ended).
  auto commissioned = person(north_, "Commissioned", CivilDate(1950, 4, 4), "No");
  budget(north_, commissioned, 1, start, {{M::DirectPayment, 10000}});
  ended(north_, commissioned, recovery::EndKind::SupportEnded, last_day);
  service(north_, commissioned, CivilDate(2026, 2, 1), std::nullopt);
  // Moved away and came back: counted from the day their new support started.
  auto returned = person(north_, "Returned", CivilDate(1950, 4, 4), "No");
  budget(north_, returned, 1, start, {{M::CouncilManaged, 10000}});
  ended(north_, returned, recovery::EndKind::MovedAway, CivilDate(2025, 7, 1));
  budget(north_, returned, 2, again, {{M::CouncilManaged, 10000}});
  // Restarted in 2026 with a new version, and that support ended in June: not counted.
  auto ended_again = person(north_, "EndedAgain", CivilDate(1950, 4, 4), "No");
  budget(north_, ended_again, 1, start, {{M::CouncilManaged, 10000}});
  budget(north_, ended_again, 2, again, {{M::DirectPayment, 10000}});
  ended(north_, ended_again, recovery::EndKind::SupportEnded, CivilDate(2026, 6, 30));
  // Restarted with a Service event in 2026 that the end also came after: not counted.
  auto served_then_ended = person(north_, "ServedThenEnded", CivilDate(1950, 4, 4), "No");
  service(north_, served_then_ended, again, std::nullopt);
  ended(north_, served_then_ended, recovery::EndKind::SupportEnded, CivilDate(2026, 6, 30));

  auto on = [&](CivilDate d) { return services::self_directed_support(c(), d, north_).councils.front().total; };
  const auto now = on(kOn);
  EXPECT_EQ(now.people, 3);           // Restarted, Commissioned, Returned
  EXPECT_EQ(now.personal_budget, 2);  // Restarted, Returned
  EXPECT_EQ(now.direct_payment, 1);   // Restarted (version 2's)
  // Between the first ends and the restarts only ServedThenEnded has nothing
  // yet; EndedAgain's version 1 was never ended (the end is after version 2
  // began), and the others' ends had come.
  const auto gap = on(CivilDate(2025, 9, 1));
  EXPECT_EQ(gap.people, 1);  // EndedAgain
  // In the spring of 2026 everyone is in support: the later ends had not come.
  const auto spring = on(CivilDate(2026, 3, 1));
  EXPECT_EQ(spring.people, 5);
  EXPECT_EQ(spring.personal_budget, 3);  // Restarted, Returned, EndedAgain
  EXPECT_EQ(spring.direct_payment, 2);   // Restarted, EndedAgain
  // An end counts on the day after the last day paid, never on it.
  EXPECT_EQ(on(CivilDate(2026, 6, 30)).people, 5);
  EXPECT_EQ(on(CivilDate(2026, 7, 1)).people, 3);
}

// The report counts long-term community support only (ASCOF 3D's cohort):
// a Service event of short-term support, residential or nursing care, prison
// or carers' support is not it. One recorded before Service events carried a
// Service_Type counts as before.
TEST_P(ReportsStorageTest, OnlyLongTermCommunityServiceEventsCount) {
  using M = budgets::Mechanism;
  const CivilDate from(2026, 1, 1);
  const std::vector<std::pair<std::string, bool>> kinds = {
      {"Long Term Support: Community", true},
      {"Long Term Support: Residential Care", false},
      {"Long Term Support: Nursing Care", false},
      {"Long Term Support: Prison", false},
      {"Short Term Support: ST-Max", false},
      {"Short Term Support: Ongoing Low Level", false},
      {"Short Term Support: Other Short Term", false},
      {"Carer Support: Direct to Carer", false},
      {"Carer Support: Support involving the person cared-for", false},
  };
  // Every national value is among them, so none is left unchecked.
  ASSERT_EQ(kinds.size(), people::service_types().size());
  for (const auto& [type, _] : kinds) service(north_, person(north_, type, CivilDate(1950, 4, 4), "No"), from, std::nullopt, "Service", type);
  service(north_, person(north_, "Untyped", CivilDate(1950, 4, 4), "No"), from, std::nullopt, "Service", std::nullopt);
  // Reablement beside a personal budget: counted once, for the budget.
  auto both = person(north_, "BudgetAndReablement", CivilDate(1950, 4, 4), "No");
  budget(north_, both, 1, from, {{M::CouncilManaged, 10000}});
  service(north_, both, from, std::nullopt, "Service", "Short Term Support: ST-Max");
  // Reablement after long-term support ended: not counted.
  auto after = person(north_, "ReabledAfterEnd", CivilDate(1950, 4, 4), "No");
  budget(north_, after, 1, from, {{M::CouncilManaged, 10000}});
  ended(north_, after, recovery::EndKind::SupportEnded, CivilDate(2026, 6, 30));
  service(north_, after, CivilDate(2026, 8, 1), std::nullopt, "Service", "Short Term Support: ST-Max");

  const auto f = services::self_directed_support(c(), kOn, north_).councils.front();
  EXPECT_EQ(f.total.people, 3);  // Long Term Support: Community, Untyped, BudgetAndReablement
  EXPECT_EQ(f.total.personal_budget, 1);
  EXPECT_EQ(f.total.commissioned(), 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportsStorageTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return std::string(backend_name(info.param)); });

}  // namespace
}  // namespace patchwork::storage
