// Repository and migration tests, run on both back ends: SQLite in a temporary
// file and PostgreSQL on the test server (PATCHWORK_PG_ENV names its details).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "core/date.hpp"
#include "core/text.hpp"
#include "domain/people/codes.hpp"
#include "storage/db.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/audit_repository.hpp"
#include "io/config/ras_file.hpp"
#include "storage/repositories/characteristics_repository.hpp"
#include "services/assessment_service.hpp"
#include "services/payments_service.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "services/budgets_service.hpp"
#include "storage/repositories/budgets_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/carers_repository.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "services/plans_service.hpp"
#include "services/reviews_service.hpp"
#include "storage/repositories/reviews_repository.hpp"
#include "storage/repositories/approvals_repository.hpp"
#include "services/approvals_service.hpp"
#include "storage/repositories/recalibration_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/providers_repository.hpp"
#include "services/accounts_service.hpp"
#include "services/learning_service.hpp"
#include "services/providers_service.hpp"
#include "storage/sqlite/sqlite_database.hpp"
#include "fresh_database.hpp"

namespace patchwork::storage {
namespace {

class StorageTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    fresh_ = std::make_unique<FreshDatabase>(GetParam());
    lease_ = std::make_unique<Database::Lease>(fresh_->db().acquire());
    migrate(c());
  }
  void TearDown() override {
    lease_.reset();
    fresh_.reset();
  }
  Connection& c() { return **lease_; }

  CouncilId council() {
    Transaction tx(c(), TxMode::Write);
    // The count goes up before the call: arguments are evaluated in no set order.
    const int n = ++councils_;
    auto id = insert_council(c(), "E0000000" + std::to_string(n), "Council " + std::to_string(n));
    tx.commit();
    return id;
  }

  std::unique_ptr<FreshDatabase> fresh_;
  std::unique_ptr<Database::Lease> lease_;
  int councils_ = 0;
};

TEST_P(StorageTest, MigrationsAreRecordedAndRepeatable) {
  auto status = inspect_schema(c());
  EXPECT_EQ(status.state, SchemaState::Current);
  EXPECT_EQ(status.version, latest_schema_version());
  EXPECT_TRUE(migrate(c()).empty());
}

TEST_P(StorageTest, UsersSessionsAndSignInAttempts) {
  auto council_id = council();
  Transaction tx(c(), TxMode::Write);
  accounts::User u;
  u.council_id = council_id;
  u.username = "sam";
  u.display_name = "Sam";
  u.role = access::Role::SocialWorker;
  u.password_hash = "$argon2id$fake";
  u.id = insert_user(c(), u);
  auto found = find_user_by_username(c(), "sam");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, u.id);
  EXPECT_EQ(found->role, access::Role::SocialWorker);
  EXPECT_FALSE(found->person_id);
  tx.commit();
  {
    // A refused write spoils its transaction on PostgreSQL, so it gets its own.
    Transaction duplicate(c(), TxMode::Write);
    EXPECT_THROW(insert_user(c(), u), ConstraintViolation);
    EXPECT_THROW(duplicate.commit(), DatabaseError) << "committing after a failed statement must not look like success";
  }

  Transaction tx2(c(), TxMode::Write);
  accounts::Session s{"hash1", council_id, u.id, "csrf", utc_timestamp_now(), utc_timestamp_now()};
  insert_session(c(), s, "127.0.0.1");
  touch_session(c(), "hash1", "2030-01-01T00:00:00Z");
  auto signed_in = find_signed_in(c(), "hash1");
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->session.last_seen_at, "2030-01-01T00:00:00Z");
  EXPECT_EQ(signed_in->user.username, "sam");
  EXPECT_EQ(signed_in->council.id, council_id);
  delete_session(c(), "hash1");
  EXPECT_FALSE(find_signed_in(c(), "hash1"));
  record_sign_in_attempt(c(), "sam", "10.0.0.1", false);
  record_sign_in_attempt(c(), "sam", "10.0.0.2", false);
  record_sign_in_attempt(c(), "sam", "10.0.0.1", true);
  EXPECT_EQ(failures_for_username_since(c(), "sam", "2000-01-01T00:00:00Z"), 2);
  EXPECT_EQ(failures_from_address_since(c(), "10.0.0.1", "2000-01-01T00:00:00Z"), 1);
  EXPECT_EQ(failures_for_username_since(c(), "sam", "2999-01-01T00:00:00Z"), 0);
  tx2.commit();
}

TEST_P(StorageTest, RolledBackTransactionsLeaveNothing) {
  auto council_id = council();
  {
    Transaction tx(c(), TxMode::Write);
    insert_person(c(), {PersonId(), council_id, "Ann", "Lee", *CivilDate::parse_iso("1950-01-01"), std::nullopt, std::nullopt});
  }
  Transaction tx(c(), TxMode::Read);
  EXPECT_TRUE(recent_people(c(), council_id, 10).empty());
}

TEST_P(StorageTest, RelationshipsDecideWhatTheActorMaySee) {
  auto council_id = council();
  Transaction tx(c(), TxMode::Write);
  auto margaret = insert_person(c(), {PersonId(), council_id, "Margaret", "Ellis", *CivilDate::parse_iso("1941-03-14"), std::string("9991234500"), std::string("NS1 4AB")});
  auto aisha = insert_person(c(), {PersonId(), council_id, "Aisha", "Rahman", *CivilDate::parse_iso("1990-05-21"), std::nullopt, std::nullopt});
  accounts::User worker{UserId(), council_id, "w", "W", access::Role::SocialWorker, std::nullopt, true, "x", std::nullopt};
  worker.id = insert_user(c(), worker);
  accounts::User rep{UserId(), council_id, "r", "R", access::Role::Representative, std::nullopt, true, "x", std::nullopt};
  rep.id = insert_user(c(), rep);
  allocate_worker(c(), council_id, margaret, worker.id);
  allocate_worker(c(), council_id, margaret, worker.id);  // repeating an allocation changes nothing
  // Her daughter, health and welfare attorney, linked to the account: what she
  // may do is derived at each request from the role and Margaret's capacity.
  people::Relationship attorney;
  attorney.council_id = council_id;
  attorney.person_id = margaret;
  attorney.name = "Sarah Ellis";
  attorney.role = "lpa_health_welfare";
  attorney.basis = "registered_lpa";
  attorney.recorded_on = *CivilDate::parse_iso("2026-01-01");
  attorney.user_id = rep.id;
  insert_relationship(c(), attorney, worker.id);
  link_representative(c(), attorney, rep.id);
  link_representative(c(), attorney, rep.id);  // repeating a link changes nothing

  auto m = *find_person(c(), council_id, margaret);
  auto a = *find_person(c(), council_id, aisha);
  EXPECT_EQ(m.nhs_number, "9991234500");
  EXPECT_FALSE(a.nhs_number);
  EXPECT_TRUE(relation_between(c(), worker.actor(), m).allocated_worker);
  EXPECT_FALSE(relation_between(c(), worker.actor(), a).allocated_worker);
  // Margaret is assumed to have capacity: her attorney may see, not act on care.
  EXPECT_EQ(relation_between(c(), rep.actor(), m).representative, (access::RepresentativeScope{true, false, false}));
  people::CapacityAssessment finding;
  finding.council_id = council_id;
  finding.person_id = margaret;
  finding.decision_kind = "care_and_support";
  finding.assessed_on = *CivilDate::parse_iso("2026-03-12");
  finding.outcome = "lacks_capacity";
  finding.assessed_by = "W";
  insert_capacity(c(), finding, worker.id);
  EXPECT_EQ(relation_between(c(), rep.actor(), m).representative, (access::RepresentativeScope{true, true, false}))
      << "an assessment finding she lacks capacity lets the attorney act at once";
  finding.assessed_on = *CivilDate::parse_iso("2026-04-01");
  finding.outcome = "has_capacity";
  insert_capacity(c(), finding, worker.id);
  EXPECT_EQ(relation_between(c(), rep.actor(), m).representative, (access::RepresentativeScope{true, false, false}));
  EXPECT_FALSE(relation_between(c(), rep.actor(), a).representative.any());
  EXPECT_EQ(caseload(c(), council_id, worker.id).size(), 1u);
  EXPECT_EQ(represented_people(c(), council_id, rep.id).size(), 1u);
  EXPECT_EQ(search_people(c(), council_id, {"ELL"}).size(), 1u);
  EXPECT_EQ(search_people(c(), council_id, {"margaret ellis"}).size(), 1u);
  EXPECT_EQ(search_people(c(), council_id, {"%"}).size(), 2u);  // a typed % is not a wildcard trick
  EXPECT_EQ(search_people(c(), council_id, {"rahman", "", "", "", worker.id}).size(), 0u);
  auto bands = count_people_by_age_band(c(), council_id, *CivilDate::parse_iso("2026-11-27"));
  EXPECT_EQ(bands.older_65_plus, 1);
  EXPECT_EQ(bands.adults_18_64, 1);
  tx.commit();
}

TEST_P(StorageTest, ASetupCodeIsKeptAsAHashAndWorksOnce) {
  auto council_id = council();
  Transaction tx(c(), TxMode::Write);
  auto ivy = insert_person(c(), {PersonId(), council_id, "Ivy", "Green", *CivilDate::parse_iso("1940-01-01"), std::nullopt, std::nullopt});
  accounts::User worker{UserId(), council_id, "w2", "W", access::Role::SocialWorker, std::nullopt, true, "x", std::nullopt};
  worker.id = insert_user(c(), worker);
  accounts::User holder{UserId(), council_id, "ivy.green", "Ivy Green", access::Role::BudgetHolder, ivy, true, "x", std::nullopt};
  holder.id = insert_user(c(), holder);
  EXPECT_EQ(budget_holder_of(c(), council_id, ivy), "ivy.green");
  SetupCode first{"hash-one", council_id, holder.id, ivy, worker.id, "2026-11-01T10:00:00Z", "2026-11-15T10:00:00Z", std::nullopt};
  insert_setup_code(c(), first);
  ASSERT_TRUE(find_setup_code(c(), "hash-one"));
  // A second letter replaces the first, unused code.
  SetupCode second = first;
  second.code_hash = "hash-two";
  insert_setup_code(c(), second);
  EXPECT_FALSE(find_setup_code(c(), "hash-one"));
  EXPECT_TRUE(use_setup_code(c(), "hash-two", "2026-11-02T10:00:00Z"));
  EXPECT_FALSE(use_setup_code(c(), "hash-two", "2026-11-02T10:00:01Z")) << "a code works once";
  auto used = find_setup_code(c(), "hash-two");
  ASSERT_TRUE(used);
  EXPECT_EQ(used->used_at, "2026-11-02T10:00:00Z");
  EXPECT_EQ(used->person_id, ivy);
  tx.commit();
}

TEST_P(StorageTest, TheAuditTrailIsAppendOnlyAndSearchable) {
  auto council_id = council();
  {
    Transaction tx(c(), TxMode::Write);
    for (int i = 0; i < 3; ++i) {
      audit::AuditEntry e;
      e.council_id = council_id.value();
      e.occurred_at = "2026-11-2" + std::to_string(i + 5) + "T10:00:00Z";
      e.username = i == 0 ? "sam" : "jo";
      e.action = "view_person_record";
      e.person_id = 40 + i;
      e.outcome = i == 2 ? "refused" : "allowed";
      e.reason = "test";
      e.request_id = "r";
      e.address = "127.0.0.1";
      append_audit(c(), e);
    }
    tx.commit();
  }
  Transaction tx(c(), TxMode::Write);
  EXPECT_EQ(search_audit(c(), {council_id}).size(), 3u);
  EXPECT_EQ(search_audit(c(), {council_id, 41}).size(), 1u);
  EXPECT_EQ(search_audit(c(), {council_id, std::nullopt, std::string("jo")}).size(), 2u);
  EXPECT_EQ(search_audit(c(), {council_id, std::nullopt, std::nullopt, std::string("2026-11-26"), std::string("2026-11-26")}).size(), 1u);
  EXPECT_EQ(search_audit(c(), {CouncilId(council_id.value() + 1000)}).size(), 0u);
  // Newest first.
  EXPECT_EQ(search_audit(c(), {council_id}).front().occurred_at, "2026-11-27T10:00:00Z");
  tx.commit();

  for (const char* sql : {"UPDATE audit_log SET outcome = 'allowed'", "DELETE FROM audit_log"}) {
    Transaction attempt(c(), TxMode::Write);
    EXPECT_ANY_THROW(c().execute_script(sql)) << sql;
  }
  Transaction check(c(), TxMode::Read);
  EXPECT_EQ(search_audit(c(), {council_id}).size(), 3u);
}

TEST_P(StorageTest, BoundValuesAreNeverReadAsSql) {
  auto council_id = council();
  Transaction tx(c(), TxMode::Write);
  std::string hostile = "Robert'); DROP TABLE people; --";
  auto id = insert_person(c(), {PersonId(), council_id, hostile, "O'Brien", *CivilDate::parse_iso("1950-01-01"), std::nullopt, std::nullopt});
  EXPECT_EQ(find_person(c(), council_id, id)->given_name, hostile);
  EXPECT_EQ(search_people(c(), council_id, {"o'brien"}).size(), 1u);
  tx.commit();
}

TEST_P(StorageTest, PersonRecordsRoundTrip) {
  auto council_id = council();
  Transaction tx(c(), TxMode::Write);
  people::Person p{PersonId(), council_id, "Edith", "Barnes", *CivilDate::parse_iso("1939-06-02"), std::string("9434765919"), std::string("NS3 1AB")};
  p.dementia = "Diagnosed";
  p.interpreter_needed = true;
  p.languages = "Welsh";
  p.id = insert_person(c(), p);
  auto back = *find_person(c(), council_id, p.id);
  EXPECT_EQ(back.dementia, "Diagnosed");
  EXPECT_TRUE(back.interpreter_needed);
  back.postcode = "NS3 2CD";
  back.dementia = "No";  // not written by update_person: characteristics change only through their history
  back.client_type = "Carer";
  back.gp_practice_code = "A81001";
  update_person(c(), back);
  EXPECT_EQ(find_person(c(), council_id, p.id)->postcode, "NS3 2CD");
  EXPECT_EQ(find_person(c(), council_id, p.id)->dementia, "Diagnosed");
  EXPECT_EQ(find_person(c(), council_id, p.id)->client_type, "Carer");
  EXPECT_EQ(find_person(c(), council_id, p.id)->gp_practice_code, "A81001");
  people::CharacteristicChange death;
  death.council_id = council_id;
  death.person_id = p.id;
  death.characteristic = people::Characteristic::DateOfDeath;
  death.value = "2026-11-01";
  death.effective_from = *CivilDate::parse_iso("2026-11-01");
  record_characteristic_change(c(), death);
  EXPECT_EQ(find_person(c(), council_id, p.id)->date_of_death, CivilDate::parse_iso("2026-11-01"));
  // The history began when she was recorded, and holds the death too.
  auto history = characteristic_history(c(), council_id, p.id);
  ASSERT_EQ(history.size(), 5u);
  EXPECT_EQ(std::count_if(history.begin(), history.end(), [](const auto& h) { return h.characteristic == people::Characteristic::DateOfDeath; }), 1);
  EXPECT_EQ(characteristics_as_at(c(), council_id, p.id, *CivilDate::parse_iso("2026-11-02"))->date_of_death, CivilDate::parse_iso("2026-11-01"));
  EXPECT_EQ(characteristics_as_at(c(), council_id, p.id, CivilDate::today_utc())->dementia, "Diagnosed");
  EXPECT_FALSE(characteristics_as_at(c(), council_id, p.id, *CivilDate::parse_iso("2000-01-01")));
  EXPECT_EQ(find_person_by_nhs_number(c(), council_id, "9434765919")->id, p.id);
  EXPECT_EQ(search_people(c(), council_id, {"", "1939-06-02", "", "NS3 2CD"}).size(), 1u);
  EXPECT_EQ(search_people(c(), council_id, {"", "1939-06-03"}).size(), 0u);

  insert_capacity(c(), {0, council_id, p.id, "Managing money", *CivilDate::parse_iso("2026-11-02"), "lacks_capacity", "Sam", CivilDate::parse_iso("2027-05-02"), "", "property_and_finance"}, std::nullopt);
  insert_relationship(c(), {0, council_id, p.id, "Ruth", "lpa_property_financial", "registered_lpa", *CivilDate::parse_iso("2026-11-02"), "", std::nullopt, "none"}, std::nullopt);
  insert_case_event(c(), {0, council_id, p.id, "Request", *CivilDate::parse_iso("2026-11-01"), std::nullopt, "Call", std::string("Progress to Assessment"),
                          std::string("Community / other route"), std::string("family"), ""}, std::nullopt);
  EXPECT_EQ(list_capacity(c(), council_id, p.id).at(0).review_on, CivilDate::parse_iso("2027-05-02"));
  EXPECT_EQ(list_capacity(c(), council_id, p.id).at(0).decision_kind, "property_and_finance");
  EXPECT_EQ(list_relationships(c(), council_id, p.id).at(0).role, "lpa_property_financial");
  EXPECT_EQ(list_case_events(c(), council_id, p.id).at(0).route_of_access, "Community / other route");
  tx.commit();
}

// Migration 0006 rewrites every release 1 Event_Outcome a database held into
// the release 2 value the code maps it to, on both back ends.
TEST_P(StorageTest, ReleaseOneOutcomesAreRewrittenToReleaseTwo) {
  auto council_id = council();
  Transaction tx(c(), TxMode::Write);
  auto p = insert_person(c(), {PersonId(), council_id, "Old", "Outcomes", *CivilDate::parse_iso("1940-01-01"), std::nullopt, std::nullopt});
  for (const auto& alias : people::release_1_event_outcomes())
    insert_case_event(c(), {0, council_id, p, "Review", *CivilDate::parse_iso("2026-11-01"), std::nullopt, std::string(alias.release_1),
                            std::string(alias.release_1), std::nullopt, std::nullopt, ""}, std::nullopt);
  // The migration's data step, replayed over rows written in release 1 spelling.
  const Migration* m = nullptr;
  for (const auto& candidate : all_migrations()) if (candidate.version == 6) m = &candidate;
  ASSERT_NE(m, nullptr);
  std::string sql = migration_sql(*m, GetParam());
  std::string updates;
  for (std::size_t at = 0; (at = sql.find("UPDATE case_events SET outcome", at)) != std::string::npos;) {
    auto end = sql.find(";\n", at);
    updates += sql.substr(at, end - at + 1) + "\n";
    at = end;
  }
  c().execute_script(updates);
  auto events = list_case_events(c(), council_id, p);
  ASSERT_EQ(events.size(), people::release_1_event_outcomes().size());
  for (const auto& e : events) {
    EXPECT_TRUE(people::canonical(people::event_outcomes(), *e.outcome)) << e.description << " -> " << *e.outcome;
    EXPECT_EQ(e.outcome, people::event_outcome(e.description)) << e.description;
  }
  tx.commit();
}

// Versioned configuration: a version is loaded once, a newer one after it, and
// an assessment keeps the questionnaire version it was started on.
TEST_P(StorageTest, ConfigurationIsVersionedAndAssessmentsKeepTheirVersion) {
  auto council_id = council();
  std::string q1 = R"({"name":"Q","version":1,"domains":[{"id":"d","title":"D","questions":[{"id":"q","text":"Q?",
    "answers":[{"value":"a","text":"A","points":0},{"value":"b","text":"B","points":4}]}]}]})";
  std::string q2 = q1;
  q2.replace(q2.find("\"version\":1"), 11, "\"version\":2");
  Transaction tx(c(), TxMode::Write);
  ASSERT_TRUE(services::load_questionnaire(c(), council_id, q1, std::nullopt));
  EXPECT_FALSE(services::load_questionnaire(c(), council_id, q1, std::nullopt)) << "the same version twice";
  auto person_id = insert_person(c(), {PersonId(), council_id, "A", "B", *CivilDate::parse_iso("1950-01-01"), std::nullopt, std::nullopt});
  auto person = *find_person(c(), council_id, person_id);
  auto a = services::start_assessment(c(), person, "the person", std::nullopt);
  ASSERT_TRUE(a);
  auto v1 = a->questionnaire_id;
  ASSERT_TRUE(services::load_questionnaire(c(), council_id, q2, std::nullopt));
  EXPECT_EQ(latest_questionnaire(c(), council_id)->version, 2);
  EXPECT_EQ(find_assessment(c(), council_id, person_id, a->id)->questionnaire_id, v1);
  auto saved = services::save_answers(c(), *a, {{"q", "b"}}, services::Submit::Yes);
  ASSERT_TRUE(saved);
  EXPECT_EQ(find_assessment(c(), council_id, person_id, a->id)->status, assessment::AssessmentStatus::Submitted);
  EXPECT_EQ(find_assessment(c(), council_id, person_id, a->id)->person_answers.at("q"), "b");

  std::string ras1 = R"({"name":"R","version":1,"method":"price_per_point","price_per_point":"5.00"})";
  std::string ras2 = R"({"name":"R","version":2,"method":"price_per_point","price_per_point":"6.00"})";
  auto r1 = services::load_ras_configuration(c(), council_id, ras1, std::nullopt);
  auto r2 = services::load_ras_configuration(c(), council_id, ras2, std::nullopt);
  ASSERT_TRUE(r1 && r2);
  EXPECT_EQ(active_ras_configuration(c(), council_id)->id, *r1) << "the first is in use; later ones wait";
  activate_ras_configuration(c(), council_id, *r2);
  EXPECT_EQ(active_ras_configuration(c(), council_id)->id, *r2);
  EXPECT_EQ(list_ras_configurations(c(), council_id).size(), 2u);
  tx.commit();
}

TEST_P(StorageTest, AllocationsKeepOneCurrentAndRecalibrationComparesThem) {
  auto council_id = council();
  Transaction tx(c(), TxMode::Write);
  auto qid = *services::load_questionnaire(c(), council_id, R"({"name":"Q","version":1,"domains":[{"id":"d","title":"D","questions":[
    {"id":"q","text":"Q?","answers":[{"value":"a","text":"A","points":0},{"value":"b","text":"B","points":4}]}]}]})", std::nullopt);
  auto r1 = *services::load_ras_configuration(c(), council_id, R"({"name":"R","version":1,"method":"price_per_point","price_per_point":"5.00"})", std::nullopt);
  auto r2 = *services::load_ras_configuration(c(), council_id, R"({"name":"R","version":2,"method":"price_per_point","price_per_point":"6.00"})", std::nullopt);
  auto person = insert_person(c(), {PersonId(), council_id, "A", "B", *CivilDate::parse_iso("1950-01-01"), std::nullopt, std::nullopt});
  assessment::AssessmentRecord a;
  a.council_id = council_id;
  a.person_id = person;
  a.questionnaire_id = qid;
  a.status = assessment::AssessmentStatus::Confirmed;
  a.completed_with = "x";
  a.id = insert_assessment(c(), a);
  assessment::AllocationRecord first{0, council_id, person, a.id, r1, 40, std::nullopt, Money::from_pence(20000), {"line"}, true, std::nullopt, ""};
  insert_allocation(c(), first);
  first.weekly = Money::from_pence(21000);
  insert_allocation(c(), first);
  auto all = list_allocations(c(), council_id, person);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(all[0].is_current);
  EXPECT_FALSE(all[1].is_current);
  EXPECT_EQ(all[0].explanation, std::vector<std::string>{"line"});
  auto summary = services::recalibrate(c(), council_id, r2, std::nullopt);
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->allocations, 1);
  auto rows = recalibration_results(c(), council_id, summary->recalibration_id, 10, 0);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].old_weekly_pence, 21000);
  EXPECT_EQ(rows[0].new_weekly_pence, 24000);  // 40 points x £6.00
  tx.commit();
}

// Unpaid carers and willing-and-able statements, read within the council and
// person; an allocation keeps its carer-met points, and a new model's effect
// applies the rule to them and groups each person by carer status.
TEST_P(StorageTest, CarersAndTheWillingAndAbleRuleRoundTrip) {
  auto council_id = council();
  auto other = council();
  Transaction tx(c(), TxMode::Write);
  auto qid = *services::load_questionnaire(c(), council_id, R"({"name":"Q","version":1,"domains":[
    {"id":"meals","title":"Meals","questions":[{"id":"m","text":"M?","answers":[{"value":"a","text":"A","points":0},{"value":"b","text":"B","points":10}]}]},
    {"id":"washing","title":"Washing","questions":[{"id":"w","text":"W?","answers":[{"value":"a","text":"A","points":0},{"value":"b","text":"B","points":30}]}]}]})", std::nullopt);
  auto r1 = *services::load_ras_configuration(c(), council_id, R"({"name":"R","version":1,"method":"price_per_point","price_per_point":"5.00",
    "carer_adjustment":{"percent_of_needs_share":100}})", std::nullopt);
  auto r2 = *services::load_ras_configuration(c(), council_id, R"({"name":"R","version":2,"method":"price_per_point","price_per_point":"6.00",
    "carer_adjustment":{"percent_of_needs_share":50}})", std::nullopt);
  auto person = insert_person(c(), {PersonId(), council_id, "Edith", "B", *CivilDate::parse_iso("1940-01-01"), std::nullopt, std::nullopt});
  people::Carer ruth;
  ruth.council_id = council_id;
  ruth.person_id = person;
  ruth.name = "Ruth";
  ruth.relationship = "daughter";
  ruth.hours_per_week = 20;
  ruth.assessment_offered_on = CivilDate(2026, 11, 1);
  ruth.id = insert_carer(c(), ruth, std::nullopt);
  EXPECT_FALSE(find_carer(c(), other, person, ruth.id)) << "never found from another council";
  ruth.assessment_answer = "accepted";
  ruth.assessment_answered_on = CivilDate(2026, 11, 2);
  update_carer_assessment_answer(c(), ruth);
  auto found = find_carer(c(), council_id, person, ruth.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->hours_per_week, 20);
  EXPECT_TRUE(found->assessment_to_arrange());
  EXPECT_EQ(found->assessment_answered_on, CivilDate(2026, 11, 2));
  EXPECT_EQ(list_carers(c(), council_id, person).size(), 1u);
  EXPECT_TRUE(list_carers(c(), other, person).empty());

  assessment::AssessmentRecord a;
  a.council_id = council_id;
  a.person_id = person;
  a.questionnaire_id = qid;
  a.status = assessment::AssessmentStatus::Submitted;
  a.completed_with = "x";
  a.person_answers = {{"m", "b"}, {"w", "b"}};
  a.id = insert_assessment(c(), a);
  accounts::User worker;
  worker.council_id = council_id;
  worker.username = "carers.worker";
  worker.display_name = "Worker";
  worker.role = access::Role::SocialWorker;
  worker.password_hash = "$argon2id$fake";
  worker.id = insert_user(c(), worker);
  // A statement for a carer this person does not have is refused, naming the field, and nothing is stored.
  auto refused = services::confirm_assessment(c(), a, {}, worker.id, {{ruth.id + 1000, {"meals"}, "2026-11-02"}}, CivilDate(2026, 11, 30));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error()[0].field, "willing_and_able[0].carer_id");
  EXPECT_TRUE(list_willing_and_able(c(), council_id, person, a.id).empty());
  auto confirmed = services::confirm_assessment(c(), a, {}, worker.id, {{ruth.id, {"meals"}, "2026-11-02"}}, CivilDate(2026, 11, 30));
  ASSERT_TRUE(confirmed) << confirmed.error()[0].field;
  auto statements = list_willing_and_able(c(), council_id, person, a.id);
  ASSERT_EQ(statements.size(), 1u);
  EXPECT_EQ(statements[0].needs, std::vector<std::string>{"meals"});
  EXPECT_TRUE(list_willing_and_able(c(), other, person, a.id).empty());

  // 40 points x £5.00 = £200.00; meals are 10 of them: a £50.00 share, met by Ruth.
  auto input = services::ras_input(c(), *services::questionnaire_for(c(), council_id, qid), *confirmed);
  EXPECT_EQ(input.carer_points, 10);
  auto config = *io::parse_ras_configuration(find_ras_configuration(c(), council_id, r1)->definition);
  auto result = *allocation::allocate(config, input);
  EXPECT_EQ(result.weekly.pence(), 15000);
  assessment::AllocationRecord record{0, council_id, person, a.id, r1, 40, std::nullopt, result.weekly, result.explanation, true, std::nullopt, ""};
  record.carer_points = input.carer_points;
  insert_allocation(c(), record);
  EXPECT_EQ(list_allocations(c(), council_id, person).front().carer_points, 10);

  // Under version 2: 40 x £6.00 = £240.00, less half of the £60.00 meals share = £210.00.
  auto summary = services::recalibrate(c(), council_id, r2, std::nullopt);
  ASSERT_TRUE(summary);
  ASSERT_TRUE(latest_recalibration(c(), council_id, r2));
  EXPECT_FALSE(latest_recalibration(c(), other, r2));
  std::vector<allocation::EffectRow> rows;
  for_each_effect_row(c(), council_id, summary->recalibration_id, [&rows](const allocation::EffectRow& r) { rows.push_back(r); });
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].old_weekly.pence(), 15000);
  EXPECT_EQ(rows[0].new_weekly.pence(), 21000);
  EXPECT_EQ(rows[0].carer, allocation::CarerStatus::Counted);
  EXPECT_EQ(rows[0].dementia, "Not known");
  tx.commit();
}

// Approval thresholds and requests: versions by effective date, the queue, a
// decision recorded once under the version in effect, finance's
// acknowledgement, the decision-time rows; nothing crosses councils.
TEST_P(StorageTest, ApprovalThresholdsAndRequestsRoundTrip) {
  auto council_id = council();
  auto other = council();
  Transaction tx(c(), TxMode::Write);
  const std::string v1 = R"({"name":"2025","version":1,"effective_from":"2025-04-01","social_worker":"250.00","team_manager":"700.00",
    "head_of_service":null,"panel":false,"author_self_approval":"100.00","interim":"400.00"})";
  const std::string v2 = R"({"name":"2026","version":2,"effective_from":"2026-04-01","social_worker":"300.00","team_manager":"800.00",
    "head_of_service":null,"panel":false,"author_self_approval":null,"interim":"500.00"})";
  auto id1 = services::load_approval_thresholds(c(), council_id, v1, std::nullopt);
  ASSERT_TRUE(id1) << id1.error()[0].field;
  ASSERT_TRUE(services::load_approval_thresholds(c(), council_id, v2, std::nullopt));
  auto again = services::load_approval_thresholds(c(), council_id, v2, std::nullopt);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error()[0].field, "version");
  auto versions = list_approval_thresholds(c(), council_id);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 2);
  EXPECT_EQ(versions[0].team_manager.pence(), 80000);
  EXPECT_FALSE(versions[0].author_self_approval);
  EXPECT_EQ(versions[1].author_self_approval, Money::from_pence(10000));
  EXPECT_TRUE(list_approval_thresholds(c(), other).empty());
  EXPECT_FALSE(find_approval_thresholds(c(), other, *id1));

  auto person = insert_person(c(), {PersonId(), council_id, "Edith", "B", *CivilDate::parse_iso("1940-01-01"), std::nullopt, std::nullopt});
  accounts::User author, manager;
  for (auto* u : {&author, &manager}) {
    u->council_id = council_id;
    u->password_hash = "$argon2id$fake";
  }
  author.username = "approvals.author";
  author.role = access::Role::SocialWorker;
  author.id = insert_user(c(), author);
  manager.username = "approvals.manager";
  manager.role = access::Role::TeamManager;
  manager.id = insert_user(c(), manager);

  // The request names a real plan version of this council (the foreign key
  // (council_id, plan_id) refuses any other).
  planning::SupportPlan plan;
  plan.council_id = council_id;
  plan.person_id = person;
  plan.drafted_by_kind = "council_worker";
  const auto plan_id = insert_plan(c(), plan, author.id);
  services::ApprovalSubmission s;
  s.person_id = person;
  s.plan_id = plan_id;
  s.plan_version = 1;
  s.weekly_cost = Money::from_pence(75000);
  s.indicative_weekly = Money::from_pence(75000);
  s.author_id = author.id;
  // Submitted the day before version 2 took effect; decided on the day it did.
  auto r = services::submit(c(), council_id, s, "2026-03-31T10:00:00Z");
  ASSERT_TRUE(r) << r.error()[0].field;
  EXPECT_EQ(r->queued_for, "head_of_service") << "over the 2025 team manager's £700";
  auto twice = services::submit(c(), council_id, s, "2026-03-31T11:00:00Z");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error()[0].field, "plan_id");
  EXPECT_FALSE(services::submit(c(), other, s, "2026-03-31T10:00:00Z")) << "another council has no such person, and no thresholds";
  EXPECT_FALSE(find_approval_request(c(), other, r->id));
  EXPECT_EQ(list_pending_approval_requests(c(), council_id).size(), 1u);
  EXPECT_TRUE(list_pending_approval_requests(c(), other).empty());

  services::DecisionInput approve{"approve", "", std::nullopt, ""};
  auto refused = services::decide(c(), manager, r->id, approve, "2026-03-31T16:00:00Z");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, services::ApprovalProblem::Kind::NotAllowed);
  EXPECT_EQ(refused.error().errors[0].message, "Your limit as a team manager is £700.00 a week; this plan costs £750.00 a week.");
  EXPECT_EQ(find_approval_request(c(), council_id, r->id)->status, planning::ApprovalStatus::Pending);
  EXPECT_EQ(services::queue_for(c(), manager, CivilDate(2026, 3, 31)).size(), 0u);
  EXPECT_EQ(services::queue_for(c(), manager, CivilDate(2026, 4, 1)).size(), 1u);
  auto decided = services::decide(c(), manager, r->id, approve, "2026-04-01T09:30:00Z");
  ASSERT_TRUE(decided) << decided.error().errors[0].message;
  auto stored = find_approval_request(c(), council_id, r->id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, planning::ApprovalStatus::Approved);
  EXPECT_EQ(stored->decided_by, manager.id);
  EXPECT_EQ(stored->decided_as, "team_manager");
  EXPECT_EQ(stored->thresholds_id, versions[0].id) << "version 2, in effect on the decision date";
  EXPECT_EQ(stored->decided_at, "2026-04-01T09:30:00Z");
  auto conflict = services::decide(c(), manager, r->id, approve, "2026-04-01T09:31:00Z");
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().kind, services::ApprovalProblem::Kind::Conflict);
  EXPECT_EQ(list_approval_requests_for_person(c(), council_id, person).size(), 1u);
  EXPECT_TRUE(list_approval_requests_for_person(c(), other, person).empty());

  // Finance acknowledges only where the council asks for it, and once.
  accounts::User finance;
  finance.council_id = council_id;
  finance.username = "approvals.finance";
  finance.role = access::Role::FinanceOfficer;
  finance.password_hash = "$argon2id$fake";
  finance.id = insert_user(c(), finance);
  EXPECT_FALSE(services::acknowledge(c(), finance, r->id, "2026-04-02T09:00:00Z"));
  EXPECT_TRUE(services::queue_for(c(), finance).empty());
  set_finance_acknowledgement(c(), council_id, true);
  EXPECT_TRUE(finance_acknowledgement(c(), council_id));
  EXPECT_FALSE(finance_acknowledgement(c(), other));
  EXPECT_EQ(list_awaiting_acknowledgement(c(), council_id).size(), 1u);
  auto ack = services::acknowledge(c(), finance, r->id, "2026-04-02T09:00:00Z");
  ASSERT_TRUE(ack);
  EXPECT_EQ(find_approval_request(c(), council_id, r->id)->finance_acknowledged_by, finance.id);
  EXPECT_FALSE(services::acknowledge(c(), finance, r->id, "2026-04-02T09:01:00Z"));
  EXPECT_TRUE(list_awaiting_acknowledgement(c(), council_id).empty());

  // 23 hours 30 minutes from submission to decision, for someone 86 on the day.
  auto report = services::decision_times(c(), council_id);
  EXPECT_EQ(report.all.decisions, 1);
  EXPECT_EQ(report.all.median_seconds, 23 * 3600 + 30 * 60);
  EXPECT_EQ(report.by_age[2].decisions, 1);
  EXPECT_EQ(report.by_amount[2].decisions, 1) << "£750 is in the £500.01 to £1,000 band";
  EXPECT_EQ(services::decision_times(c(), other).all.decisions, 0);
  tx.commit();
}

// A council's rows are read within that council, in the SQL itself.
// A support plan round-trips with its outcomes, parts, lines (costs and the
// family necessity decision), reasons and risks; versions are found within the
// council and person only; a decision on the new version supersedes the old.
TEST_P(StorageTest, SupportPlansRoundTripWithTheirVersions) {
  auto council_id = council();
  auto other = council();
  Transaction tx(c(), TxMode::Write);
  auto person = insert_person(c(), {PersonId(), council_id, "Edna", "P", *CivilDate::parse_iso("1941-01-01"), std::nullopt, std::nullopt});
  planning::SupportPlan plan;
  plan.council_id = council_id;
  plan.person_id = person;
  plan.plan_number = next_plan_number(c(), council_id, person);
  EXPECT_EQ(plan.plan_number, 1);
  plan.drafted_by_kind = "person";
  plan.helped_by = "family_or_friends";
  plan.views_included = "fully";
  plan.eligible_needs = {"nutrition", "personal_hygiene"};
  plan.indicative_weekly = Money::from_pence(25000);
  plan.backup_cover = "Her son";
  plan.who_to_call = "Mark";
  plan.contingency_amount = Money::from_pence(15000);
  plan.outcomes.push_back({1, "Hot meals and a bath", "change", {"nutrition", "personal_hygiene"}});
  budgets::Part dp;
  dp.key = "A";
  dp.mechanism = budgets::Mechanism::DirectPayment;
  dp.direct_payment = budgets::DirectPaymentDetails{budgets::Recipient::NominatedPerson, "Sarah", budgets::HeldIn::ManagedAccount, "Acme Accounts"};
  dp.direct_payment->managing = budgets::ManagingFinding{budgets::Manages::WithHelp, "Acme keeps the accounts", "S. Patel", CivilDate(2026, 11, 20)};
  dp.direct_payment->recipient_agreed_on = CivilDate(2026, 11, 21);
  plan.parts.push_back(dp);
  budgets::Part cm;
  cm.key = "B";
  plan.parts.push_back(cm);
  const CivilDate today(2026, 12, 1);
  auto with = planning::with_line(plan, {{"description", "Evening help"}, {"supplier_kind", "family_member"}, {"supplier_name", "Her son"},
                                         {"payee_relationship", "close_relative"}, {"family_in_household", "yes"},
                                         {"necessity_reason", "Nobody else at night"},
                                         {"necessity_decided_by", "T. Manager"}, {"necessity_decided_on", "2026-11-30"},
                                         {"unit_cost", "21.50"}, {"cost_frequency", "Hourly"}, {"planned_units_per_week", "10.25"},
                                         {"service_type", "Long Term Support: Community"}, {"service_component", "Home Care"},
                                         {"part", "A"}, {"outcomes", "1"}}, today);
  ASSERT_TRUE(with) << with.error()[0].message;
  with->unmet.push_back({"personal_hygiene", "Her husband helps"});
  with->risks.push_back({1, "Walks alone", "She carries a phone", "Edna and Sarah"});
  with->id = insert_plan(c(), *with, std::nullopt);
  EXPECT_FALSE(find_plan(c(), other, person, with->id));
  auto back = find_plan(c(), council_id, person, with->id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, "draft");
  EXPECT_EQ(back->eligible_needs, plan.eligible_needs);
  EXPECT_EQ(back->indicative_weekly, Money::from_pence(25000));
  EXPECT_EQ(back->contingency_amount, Money::from_pence(15000));
  ASSERT_EQ(back->parts.size(), 2u);
  ASSERT_TRUE(back->parts[0].direct_payment);
  EXPECT_EQ(back->parts[0].direct_payment->recipient, budgets::Recipient::NominatedPerson);
  EXPECT_EQ(back->parts[0].direct_payment->organisation, "Acme Accounts");
  // The conditions the law asks of a direct payment (migration 0014) come back as written.
  ASSERT_TRUE(back->parts[0].direct_payment->managing);
  EXPECT_EQ(back->parts[0].direct_payment->managing->manages, budgets::Manages::WithHelp);
  EXPECT_EQ(back->parts[0].direct_payment->managing->help, "Acme keeps the accounts");
  EXPECT_EQ(back->parts[0].direct_payment->managing->decided_on, CivilDate(2026, 11, 20));
  EXPECT_EQ(back->parts[0].direct_payment->recipient_agreed_on, CivilDate(2026, 11, 21));
  EXPECT_FALSE(back->parts[0].direct_payment->authorised);
  EXPECT_EQ(back->parts[1].mechanism, budgets::Mechanism::CouncilManaged);
  ASSERT_EQ(back->lines.size(), 1u);
  const auto& line = back->lines[0];
  EXPECT_EQ(line.cost.weekly.pence(), 22038);
  EXPECT_EQ(line.cost_input.units_per_week->quarters(), 41);
  EXPECT_EQ(line.cost_input.frequency, planning::CostFrequency::Hourly);
  EXPECT_EQ(line.outcomes, std::vector<int>{1});
  ASSERT_TRUE(line.necessity);
  EXPECT_EQ(line.necessity->decided_on, CivilDate(2026, 11, 30));
  EXPECT_EQ(line.payee, budgets::PayeeRelationship::CloseRelative);
  EXPECT_TRUE(line.family_in_household);
  EXPECT_EQ(back->unmet.size(), 1u);
  EXPECT_EQ(back->risks[0].agreed_by, "Edna and Sarah");
  // Removing a line rewrites the children; the totals follow.
  auto fewer = services::remove_from_plan(c(), *back, "lines", "1");
  ASSERT_TRUE(fewer);
  EXPECT_TRUE(find_plan(c(), council_id, person, with->id)->lines.empty());
  EXPECT_EQ(find_plan(c(), council_id, person, with->id)->outcomes.size(), 1u);
  // Decided through the service: approved, then a new version approved supersedes it.
  accounts::User worker{UserId(), council_id, "plans.worker", "W", access::Role::SocialWorker, std::nullopt, true, "x"};
  worker.id = insert_user(c(), worker);
  set_plan_submitted(c(), council_id, with->id, worker.id, "2026-12-01T10:00:00Z");
  EXPECT_FALSE(services::mark_plan_decided(c(), other, with->id, "approved", today));
  auto approved = services::mark_plan_decided(c(), council_id, with->id, "approved", today);
  ASSERT_TRUE(approved) << approved.error()[0].message;
  auto v2 = services::new_plan_version(c(), people::Person{person, council_id}, *approved, {{"effective_from", "2027-01-04"}}, std::nullopt, today);
  ASSERT_TRUE(v2) << v2.error()[0].message;
  EXPECT_EQ(v2->version, 2);
  providers::Provider oak;
  oak.council_id = council_id;
  oak.name = "Oak Day Centre";
  oak.kind = "day_service";
  const std::int64_t oak_id = insert_provider(c(), oak).value();
  auto with_provider = services::change_plan(c(), people::Person{person, council_id}, *v2, "lines",
                                            {{"description", "Day centre"}, {"supplier_kind", "provider"}, {"supplier_name", "Oak Day Centre"},
                                             {"provider_id", std::to_string(oak_id)}, {"unit_cost", "40.00"}, {"cost_frequency", "Per session"},
                                             {"planned_units_per_week", "2"}, {"service_type", "Long Term Support: Community"},
                                             {"service_component", "Day Care"}, {"part", "B"}, {"outcomes", "1"}}, today);
  ASSERT_TRUE(with_provider) << with_provider.error()[0].message;
  // A provider not on the council's register (here another council's) is
  // refused naming provider_id, and nothing is stored.
  providers::Provider elsewhere;
  elsewhere.council_id = other;
  elsewhere.name = "Elsewhere Care";
  elsewhere.kind = "home_care_agency";
  const std::int64_t elsewhere_id = insert_provider(c(), elsewhere).value();
  auto unknown = services::change_plan(c(), people::Person{person, council_id}, *with_provider, "lines",
                                       {{"description", "Home care"}, {"supplier_kind", "provider"}, {"supplier_name", "Elsewhere Care"},
                                        {"provider_id", std::to_string(elsewhere_id)}, {"unit_cost", "20.00"}, {"cost_frequency", "Hourly"},
                                        {"planned_units_per_week", "2"}, {"service_type", "Long Term Support: Community"},
                                        {"service_component", "Home Care"}, {"part", "B"}, {"outcomes", "1"}}, today);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error()[0].field, "provider_id");
  EXPECT_EQ(find_plan(c(), council_id, person, v2->id)->lines.size(), with_provider->lines.size());
  set_plan_submitted(c(), council_id, v2->id, worker.id, "2026-12-02T10:00:00Z");
  ASSERT_TRUE(services::mark_plan_decided(c(), council_id, v2->id, "approved", std::nullopt));
  auto versions = list_plans(c(), council_id, person);
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].version, 2);
  EXPECT_EQ(versions[0].status, "approved");
  EXPECT_EQ(versions[0].effective_from, CivilDate(2027, 1, 4));
  EXPECT_EQ(versions[1].status, "superseded");
  EXPECT_TRUE(list_plans(c(), other, person).empty());
  // In force: version 1 until version 2 starts, though version 2 was approved first.
  ASSERT_EQ(plans_in_force(c(), council_id, person, CivilDate(2027, 1, 3)).size(), 1u);
  EXPECT_EQ(plans_in_force(c(), council_id, person, CivilDate(2027, 1, 3))[0].version, 1);
  EXPECT_EQ(plans_in_force(c(), council_id, person, CivilDate(2027, 1, 4))[0].version, 2);
  EXPECT_TRUE(plans_in_force(c(), council_id, person, CivilDate(2026, 11, 30)).empty());
  EXPECT_TRUE(plans_in_force(c(), other, person, CivilDate(2027, 1, 4)).empty());
  EXPECT_FALSE(provider_named_in_force(c(), council_id, person, oak_id, CivilDate(2027, 1, 3)));
  EXPECT_TRUE(provider_named_in_force(c(), council_id, person, oak_id, CivilDate(2027, 1, 4)));
  EXPECT_FALSE(provider_named_in_force(c(), council_id, person, 78, CivilDate(2027, 1, 4)));
  // The provider's "People you support", by the same rule; never another council's.
  EXPECT_EQ(people_naming_provider_in_force(c(), council_id, oak_id, CivilDate(2027, 1, 4)), std::vector<PersonId>{person});
  EXPECT_TRUE(people_naming_provider_in_force(c(), council_id, oak_id, CivilDate(2027, 1, 3)).empty());
  EXPECT_TRUE(people_naming_provider_in_force(c(), other, oak_id, CivilDate(2027, 1, 4)).empty());
  // The RAS learning's rows: the version in force, with its weekly cost (two £40 sessions).
  auto agreed = agreed_plans_in_force(c(), council_id, CivilDate(2027, 1, 4));
  ASSERT_EQ(agreed.size(), 1u);
  EXPECT_EQ(agreed[0].plan_id, v2->id);
  EXPECT_EQ(agreed[0].person_id, person);
  EXPECT_EQ(agreed[0].effective_from, CivilDate(2027, 1, 4));
  EXPECT_EQ(agreed[0].weekly_cost, Money::from_pence(8000));
  EXPECT_EQ(agreed_plans_in_force(c(), council_id, CivilDate(2027, 1, 3))[0].plan_id, approved->id);
  EXPECT_TRUE(agreed_plans_in_force(c(), other, CivilDate(2027, 1, 4)).empty());
  tx.commit();
}

TEST_P(StorageTest, AnotherCouncilsPersonAndAssessmentAreNeverFound) {
  auto north = council(), south = council();
  Transaction tx(c(), TxMode::Write);
  auto theirs = insert_person(c(), {PersonId(), south, "Harold", "Bennett", *CivilDate::parse_iso("1938-02-11"), std::nullopt, std::nullopt});
  EXPECT_TRUE(find_person(c(), south, theirs));
  EXPECT_FALSE(find_person(c(), north, theirs));
  assessment::AssessmentRecord a;
  a.council_id = south;
  a.person_id = theirs;
  a.questionnaire_id = 0;
  a.completed_with = "Harold";
  ASSERT_TRUE(services::load_questionnaire(c(), south, R"({"name":"Q","version":1,"domains":[{"id":"d","title":"D","questions":[
    {"id":"q","text":"Q?","answers":[{"value":"a","text":"A","points":0},{"value":"b","text":"B","points":1}]}]}]})", std::nullopt));
  a.questionnaire_id = latest_questionnaire(c(), south)->id;
  a.id = insert_assessment(c(), a);
  EXPECT_TRUE(find_assessment(c(), south, theirs, a.id));
  EXPECT_FALSE(find_assessment(c(), north, theirs, a.id));
  auto other = insert_person(c(), {PersonId(), south, "Mary", "Ellison", *CivilDate::parse_iso("1944-06-25"), std::nullopt, std::nullopt});
  EXPECT_FALSE(find_assessment(c(), south, other, a.id)) << "another person's assessment";
}

// Personal budgets as dated versions: the one on a date is read back with its
// parts, a financial assessment makes a new version, a refused budget stores
// nothing, another council never finds one, and interim reviews list by worker.
// Migration 0015: a budget of £0.00 a week (a plan of only one-off or free
// support) is stored on both back ends with its one-off amount, per version and
// per part; a later version for a new contribution does not state the one-off
// cost again; a negative weekly amount is still refused by the database.
TEST_P(StorageTest, OneOffCostsAndABudgetOfNothingAWeekAreKept) {
  auto council_id = council();
  Transaction tx(c(), TxMode::Write);
  auto person = insert_person(c(), {PersonId(), council_id, "Ottilie", "B", *CivilDate::parse_iso("1940-01-01"), std::nullopt, std::nullopt});
  auto found = *find_person(c(), council_id, person);
  budgets::Part chair;
  chair.key = "A";
  chair.mechanism = budgets::Mechanism::CouncilManaged;
  chair.one_off = Money::from_pence(520'00);
  auto first = services::create_budget(c(), found, {std::nullopt, CivilDate(2026, 11, 2), {chair}, std::nullopt, "a riser chair"}, std::nullopt);
  ASSERT_TRUE(first) << first.error()[0].field << ": " << first.error()[0].message;
  EXPECT_EQ(first->weekly.pence(), 0);
  EXPECT_EQ(first->one_off.pence(), 520'00);
  auto read = find_budget_version(c(), council_id, person, 1);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->weekly.pence(), 0);
  EXPECT_EQ(read->one_off.pence(), 520'00);
  ASSERT_EQ(read->parts.size(), 1u);
  EXPECT_EQ(read->parts[0].one_off.pence(), 520'00);
  auto recorded = services::record_financial_assessment(
      c(), found, {{"contribution", "weekly_amount"}, {"weekly_contribution", "0.00"}, {"assessed_on", "2026-11-20"},
                   {"assessed_by", "Finance"}, {"effective_from", "2026-12-07"}}, CivilDate(2026, 11, 27), std::nullopt);
  ASSERT_TRUE(recorded) << recorded.error()[0].field;
  ASSERT_TRUE(recorded->new_version);
  EXPECT_EQ(recorded->new_version->one_off.pence(), 0) << "the chair is bought once, with the version its plan made";
  EXPECT_EQ(find_budget_version(c(), council_id, person, 2)->parts.at(0).one_off.pence(), 0);
  // The database's own rule, below the domain's: never less than £0.00 a week.
  EXPECT_ANY_THROW(c().execute_script("UPDATE personal_budgets SET weekly_pence = -1 WHERE council_id = " + std::to_string(council_id.value())));
}

// Migration 0015: the plan's well-being words and prevention advice round trip;
// returned and refused versions are found for the worker they are allocated to.
TEST_P(StorageTest, PlanWellbeingAndPlansSentBackRoundTrip) {
  auto council_id = council();
  Transaction tx(c(), TxMode::Write);
  auto person = insert_person(c(), {PersonId(), council_id, "Rosalind", "B", *CivilDate::parse_iso("1940-01-01"), std::nullopt, std::nullopt});
  planning::SupportPlan plan;
  plan.council_id = council_id;
  plan.person_id = person;
  plan.drafted_by_kind = "council_worker";
  plan.wellbeing = "My garden";
  plan.prevention_advice = "A falls check";
  plan.id = insert_plan(c(), plan, std::nullopt);
  auto read = find_plan(c(), council_id, person, plan.id);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->wellbeing, "My garden");
  EXPECT_EQ(read->prevention_advice, "A falls check");
  read->wellbeing = "My garden and my dog";
  save_plan(c(), *read);
  EXPECT_EQ(find_plan(c(), council_id, person, plan.id)->wellbeing, "My garden and my dog");
  EXPECT_TRUE(plans_returned_or_refused(c(), council_id, std::nullopt).empty());
  set_plan_status(c(), council_id, plan.id, "refused", std::nullopt, "2026-11-20T10:00:00Z");
  auto back = plans_returned_or_refused(c(), council_id, std::nullopt);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].plan_id, plan.id);
  EXPECT_EQ(back[0].status, "refused");
  EXPECT_EQ(back[0].latest_version, 1);
  EXPECT_EQ(back[0].decided_at, "2026-11-20T10:00:00Z");
}

TEST_P(StorageTest, BudgetVersionsAreReadBackAsAtADate) {
  auto council_id = council();
  auto other = council();
  Transaction tx(c(), TxMode::Write);
  auto person = insert_person(c(), {PersonId(), council_id, "Edith", "B", *CivilDate::parse_iso("1940-01-01"), std::nullopt, std::nullopt});
  auto found = *find_person(c(), council_id, person);
  budgets::Part dp;
  dp.key = "A";
  dp.mechanism = budgets::Mechanism::DirectPayment;
  dp.direct_payment = budgets::DirectPaymentDetails{budgets::Recipient::Person, "", budgets::HeldIn::ManagedAccount, "Choice Accounts Ltd"};
  dp.weekly = Money::from_pence(100'00);
  // Without the council's finding that she can manage it (Care Act s.31(6)), refused below.
  auto unfound = dp;
  dp.direct_payment->managing = budgets::ManagingFinding{budgets::Manages::ByThemself, "", "S. Patel", CivilDate(2026, 11, 1)};
  budgets::Part isf;
  isf.key = "B";
  isf.mechanism = budgets::Mechanism::IndividualServiceFund;
  // The plan the budget came from and the provider holding the fund are real
  // rows of this council: the foreign keys refuse anything else.
  planning::SupportPlan plan;
  plan.council_id = council_id;
  plan.person_id = person;
  plan.drafted_by_kind = "council_worker";
  const auto plan_id = insert_plan(c(), plan, std::nullopt);
  providers::Provider holder;
  holder.council_id = council_id;
  holder.name = "Morning Care";
  holder.kind = "home_care_agency";
  const std::int64_t holder_id = insert_provider(c(), holder).value();
  isf.service_fund = budgets::IndividualServiceFundDetails{holder_id, "Mornings, as Edith chooses"};
  isf.weekly = Money::from_pence(50'25);
  const CivilDate today(2026, 11, 27);

  // Refused (a part's amount is negative): nothing is stored.
  auto bad_part = isf;
  bad_part.weekly = Money::from_pence(-1);
  auto refused = services::create_budget(c(), found, {std::nullopt, CivilDate(2026, 11, 2), {dp, bad_part}, std::nullopt, "test"}, std::nullopt);
  ASSERT_FALSE(refused);
  EXPECT_EQ(latest_budget_version(c(), council_id, person), 0);
  auto unmanaged = services::create_budget(c(), found, {std::nullopt, CivilDate(2026, 11, 2), {unfound, isf}, std::nullopt, "test"}, std::nullopt);
  ASSERT_FALSE(unmanaged);
  EXPECT_EQ(unmanaged.error()[0].field, "parts[0].manages");
  EXPECT_EQ(latest_budget_version(c(), council_id, person), 0);

  auto first = services::create_budget(c(), found, {plan_id, CivilDate(2026, 11, 2), {dp, isf},
                                                    budgets::Interim{"Waiting for equipment", CivilDate(2027, 2, 1), CivilDate(2027, 1, 18)}, "plan 5"},
                                       std::nullopt);
  ASSERT_TRUE(first) << first.error()[0].field;
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->weekly.pence(), 150'25);
  EXPECT_EQ(first->contribution.kind, budgets::ContributionKind::NotYetAssessed);
  // Signed for version 1, the agreement carries to the version a new contribution makes.
  auto agreement = services::record_direct_payment_agreement(
      c(), found, 1, {{"part_key", "A"}, {"signed_on", "2026-11-02"}, {"signed_by", "Edith B"}, {"review_on", "2027-05-02"}}, today, std::nullopt);
  ASSERT_TRUE(agreement) << agreement.error()[0].field;

  auto recorded = services::record_financial_assessment(
      c(), found, {{"contribution", "weekly_amount"}, {"weekly_contribution", "20.00"}, {"assessed_on", "2026-11-20"},
                   {"assessed_by", "Finance"}, {"effective_from", "2026-12-07"}}, today, std::nullopt);
  ASSERT_TRUE(recorded) << recorded.error()[0].field;
  ASSERT_TRUE(recorded->new_version);
  EXPECT_EQ(recorded->new_version->version, 2);

  EXPECT_FALSE(find_budget_on(c(), council_id, person, CivilDate(2026, 11, 1)));
  auto v1 = find_budget_on(c(), council_id, person, CivilDate(2026, 12, 6));
  ASSERT_TRUE(v1);
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v1->plan_id, std::optional<std::int64_t>(plan_id));
  ASSERT_EQ(v1->parts.size(), 2u);
  EXPECT_EQ(v1->parts[0].direct_payment->organisation, "Choice Accounts Ltd");
  EXPECT_EQ(v1->parts[0].direct_payment->held_in, budgets::HeldIn::ManagedAccount);
  EXPECT_EQ(v1->parts[1].service_fund->provider_id, holder_id);
  EXPECT_EQ(v1->parts[1].service_fund->terms, "Mornings, as Edith chooses");
  ASSERT_TRUE(v1->interim);
  EXPECT_EQ(v1->interim->review_on, CivilDate(2027, 1, 18));
  auto v2 = find_budget_on(c(), council_id, person, CivilDate(2026, 12, 7));
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(budgets::council_share(*v2), Money::from_pence(130'25));
  EXPECT_EQ(v2->parts.size(), 2u);
  EXPECT_EQ(list_budgets(c(), council_id, person).size(), 2u);
  EXPECT_FALSE(find_budget_on(c(), other, person, CivilDate(2026, 12, 7))) << "never found from another council";
  EXPECT_TRUE(list_budgets(c(), other, person).empty());

  auto agreements = list_direct_payment_agreements(c(), council_id, person);
  ASSERT_EQ(agreements.size(), 2u);
  EXPECT_EQ(agreements[0].budget_id, v1->id);
  EXPECT_FALSE(agreements[0].first_payment_on);
  EXPECT_FALSE(agreements[0].carried_from);
  EXPECT_EQ(agreements[1].budget_id, v2->id);
  EXPECT_EQ(agreements[1].carried_from, agreements[0].id);
  EXPECT_EQ(agreements[1].review_on, CivilDate(2027, 5, 2)) << "its review date unchanged";

  // Interim reviews: the budget in effect on the day, by worker or council-wide.
  auto worker = insert_user(c(), [&] {
    accounts::User u;
    u.council_id = council_id;
    u.username = "budget.worker";
    u.display_name = "W";
    u.role = access::Role::SocialWorker;
    u.password_hash = "x";
    return u;
  }());
  EXPECT_TRUE(interim_reviews(c(), council_id, worker, today).empty());
  allocate_worker(c(), council_id, person, worker);
  auto reviews = interim_reviews(c(), council_id, worker, today);
  ASSERT_EQ(reviews.size(), 1u);
  EXPECT_EQ(reviews[0].review_on, CivilDate(2027, 1, 18));
  EXPECT_EQ(reviews[0].version, 1);
  EXPECT_EQ(interim_reviews(c(), council_id, std::nullopt, CivilDate(2026, 12, 7)).at(0).version, 2);
  EXPECT_TRUE(interim_reviews(c(), council_id, std::nullopt, CivilDate(2026, 11, 1)).empty());
  EXPECT_TRUE(interim_reviews(c(), other, std::nullopt, today).empty());
}

// A refused write says which rule, table and columns, the same on both back ends.
TEST_P(StorageTest, ConstraintViolationsNameTheirColumns) {
  auto id = council();
  {
    Transaction tx(c(), TxMode::Write);
    insert_person(c(), {PersonId(), id, "A", "B", *CivilDate::parse_iso("1950-01-01"), std::string("9434765919"), std::nullopt});
    try {
      insert_person(c(), {PersonId(), id, "C", "D", *CivilDate::parse_iso("1950-01-01"), std::string("9434765919"), std::nullopt});
      FAIL() << "a duplicate NHS number in one council was stored";
    } catch (const ConstraintViolation& e) {
      EXPECT_EQ(e.kind, ConstraintViolation::Kind::Unique);
      EXPECT_EQ(e.table, "people");
      EXPECT_EQ(e.field(), "nhs_number");
    }
  }
  Transaction tx(c(), TxMode::Write);
  try {
    insert_person(c(), {PersonId(), CouncilId(999999), "A", "B", *CivilDate::parse_iso("1950-01-01"), std::nullopt, std::nullopt});
    FAIL() << "a person of a council that does not exist was stored";
  } catch (const ConstraintViolation& e) {
    EXPECT_EQ(e.kind, ConstraintViolation::Kind::ForeignKey);
  }
}

// The register of providers is each council's own, and a provider account
// belongs to a provider of its own council: the service refuses another's, and
// so does the database itself (a key on PostgreSQL, a trigger on SQLite).
TEST_P(StorageTest, ProvidersAreTheCouncilsOwnAndAccountsBelongToOne) {
  auto north = council(), south = council();
  ProviderId agency, theirs;
  {
    Transaction tx(c(), TxMode::Write);
    auto added = services::add_provider(c(), north, {{"name", "Brightside Care"}, {"kind", "home_care_agency"},
                                                    {"cqc_location_id", "1-000000101"}, {"phone", "01632 960 200"}});
    ASSERT_TRUE(added) << added.error().front().message;
    agency = *added;
    ASSERT_TRUE(services::add_provider(c(), north, {{"name", "Tuesday Lunch Club"}, {"kind", "community_group"}}));
    // The same CQC location twice in one council is refused, naming the field...
    auto twice = services::add_provider(c(), north, {{"name", "Brightside again"}, {"kind", "home_care_agency"}, {"cqc_location_id", "1-000000101"}});
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().front().field, "cqc_location_id");
    // ...but another council may register the same location on its own register.
    auto south_added = services::add_provider(c(), south, {{"name", "Brightside Care"}, {"kind", "home_care_agency"}, {"cqc_location_id", "1-000000101"}});
    ASSERT_TRUE(south_added);
    theirs = *south_added;
    tx.commit();
  }
  Transaction tx(c(), TxMode::Write);
  auto listed = list_providers(c(), north);
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].name, "Brightside Care");  // by name
  EXPECT_EQ(listed[0].cqc_location_id, "1-000000101");
  EXPECT_EQ(listed[0].phone, "01632 960 200");
  EXPECT_FALSE(listed[1].cqc_location_id);
  EXPECT_FALSE(find_provider(c(), north, theirs)) << "another council's provider is never found";
  EXPECT_FALSE(services::change_provider(c(), north, theirs, {{"name", "X"}, {"kind", "other"}}));
  EXPECT_EQ(find_provider(c(), south, theirs)->name, "Brightside Care");

  auto changed = services::change_provider(c(), north, agency, {{"name", "Brightside Home Care"}, {"kind", "home_care_agency"},
                                                                {"cqc_location_id", "1-000000101"}, {"email", "office@brightside.example"}});
  ASSERT_TRUE(changed) << changed.error().front().message;  // keeping its own CQC id is no clash
  EXPECT_EQ(find_provider(c(), north, agency)->name, "Brightside Home Care");
  EXPECT_EQ(find_provider(c(), north, agency)->email, "office@brightside.example");
  EXPECT_EQ(find_provider(c(), north, agency)->phone, "");

  accounts::User u;
  u.council_id = north;
  u.username = "brightside";
  u.role = access::Role::Provider;
  u.password_hash = "$argon2id$fake";
  EXPECT_EQ(services::add_account(c(), u).error().front().field, "provider_id") << "a provider account needs its provider";
  u.provider_id = theirs;
  EXPECT_EQ(services::add_account(c(), u).error().front().field, "provider_id") << "another council's provider";
  u.provider_id = agency;
  auto id = services::add_account(c(), u);
  ASSERT_TRUE(id);
  EXPECT_EQ(find_user(c(), north, *id)->provider_id, agency);
  EXPECT_EQ(provider_account_count(c(), north, agency), 1);
  accounts::User worker = u;
  worker.username = "worker";
  worker.role = access::Role::SocialWorker;
  EXPECT_EQ(services::add_account(c(), worker).error().front().field, "provider_id") << "only a provider account belongs to a provider";
  worker.provider_id.reset();
  auto worker_id = services::add_account(c(), worker);
  ASSERT_TRUE(worker_id);
  EXPECT_FALSE(find_user(c(), north, *worker_id)->provider_id);
  tx.commit();
  {
    // Past the service, the database refuses an account of one council
    // belonging to another council's provider.
    Transaction bad(c(), TxMode::Write);
    accounts::User stray = u;
    stray.username = "stray";
    stray.provider_id = theirs;
    EXPECT_THROW(insert_user(c(), stray), ConstraintViolation);
  }
  {
    Transaction bad(c(), TxMode::Write);
    EXPECT_THROW(set_user_provider(c(), north, *id, theirs), ConstraintViolation);
  }
  Transaction after(c(), TxMode::Read);
  EXPECT_EQ(find_user(c(), north, *id)->provider_id, agency);
}

// The RAS learns from agreed plans: the report and the proposal, from rows the
// plans part will supply, against the council's model in use; the proposal is
// a next version the loader accepts.
TEST_P(StorageTest, AProposalFromAgreedPlansLoadsAsTheNextVersion) {
  auto id = council();
  Transaction tx(c(), TxMode::Write);
  using people::AgeBand;
  std::vector<allocation::AgreedRow> rows = {
      {1, 10, Money::from_pence(5200), Money::from_pence(6000), AgeBand::Older65Plus, "Diagnosed", true},
      {1, 20, Money::from_pence(10400), Money::from_pence(10000), AgeBand::Older65Plus, "No", false},
      {1, 30, Money::from_pence(15600), Money::from_pence(18000), AgeBand::Adult18To64, "No", true}};
  auto none = services::learn_from_agreed_plans(c(), id, rows);
  EXPECT_FALSE(none.proposal);
  ASSERT_FALSE(none.no_proposal.empty());
  EXPECT_EQ(none.no_proposal.front().field, "model");
  EXPECT_FALSE(none.groups.empty()) << "the report needs no model";

  ASSERT_TRUE(services::load_ras_configuration(c(), id, R"({"name":"R","version":1,"method":"price_per_point","price_per_point":"5.20"})", std::nullopt));
  ASSERT_TRUE(services::load_ras_configuration(c(), id, R"({"name":"R","version":4,"method":"price_per_point","price_per_point":"9.00"})", std::nullopt));
  // Version 1 is in use (the first loaded); version 4 waits. The proposal
  // learns from version 1's plans and comes above every loaded version.
  auto learned = services::learn_from_agreed_plans(c(), id, rows);
  ASSERT_TRUE(learned.proposal) << learned.no_proposal.front().message;
  EXPECT_EQ(learned.plans_under_model_in_use, 3);
  EXPECT_EQ(learned.proposal->model.version, 5);
  EXPECT_EQ(learned.proposal->model.price_per_point, Money::from_pence(571));  // 800,000 ÷ 1,400, as in learning_test.cpp
  auto loaded = services::load_ras_configuration(c(), id, learned.proposal_file, std::nullopt);
  ASSERT_TRUE(loaded) << loaded.error().front().message;
  EXPECT_EQ(find_ras_configuration(c(), id, *loaded)->version, 5);
  EXPECT_FALSE(find_ras_configuration(c(), id, *loaded)->active) << "loaded, not applied: its effect is seen first";
  tx.commit();
}

// Involvement and agreement (s.25), interim plans after their end date, and
// reviews (s.27, reg. 7): migration 0016 on both back ends.
TEST_P(StorageTest, InvolvementAgreementInterimEndAndReviews) {
  auto council_id = council();
  auto other = council();
  Transaction tx(c(), TxMode::Write);
  auto person_id = insert_person(c(), {PersonId(), council_id, "Ivy", "Q", *CivilDate::parse_iso("1939-03-03"), std::nullopt, std::nullopt});
  const auto person = *find_person(c(), council_id, person_id);
  const CivilDate today(2026, 12, 1);
  planning::SupportPlan plan;
  plan.council_id = council_id;
  plan.person_id = person_id;
  plan.plan_number = 1;
  plan.drafted_by_kind = "council_worker";
  plan.interim = true;
  plan.interim_reason = "crisis";
  plan.interim_ends_on = CivilDate(2027, 2, 1);
  plan.id = insert_plan(c(), plan, std::nullopt);
  // Involvement from the record (the person), and typed; agreement not reached.
  auto involved = services::change_plan(c(), person, plan, "involved", {{"from_record", "person"}, {"how", "At home"}}, today);
  ASSERT_TRUE(involved) << involved.error()[0].message;
  involved = services::change_plan(c(), person, *involved, "involved", {{"kind", "independent_advocate"}, {"name", "Ravi Shah"}}, today);
  ASSERT_TRUE(involved) << involved.error()[0].message;
  auto not_on_record = services::change_plan(c(), person, *involved, "involved", {{"from_record", "carer:999"}}, today);
  ASSERT_FALSE(not_on_record);
  EXPECT_EQ(not_on_record.error()[0].field, "from_record");
  auto no = services::record_no_agreement(c(), *involved, {{"reason", "Two visits; she wants to wait"}}, std::nullopt, today);
  ASSERT_TRUE(no);
  auto back = find_plan(c(), council_id, person_id, plan.id);
  ASSERT_TRUE(back);
  ASSERT_EQ(back->involved.size(), 2u);
  EXPECT_EQ(back->involved[0].kind, "person");
  EXPECT_EQ(back->involved[0].name, "Ivy Q");
  EXPECT_EQ(back->involved[1].name, "Ravi Shah");
  EXPECT_EQ(back->no_agreement_reason, "Two visits; she wants to wait");
  EXPECT_EQ(back->no_agreement_on, today);
  // Agreement reached later replaces the reason, in the database too.
  auto agreed = services::record_plan_agreement(c(), *back, {{"agreed_by_kind", "person"}, {"agreed_by_name", "Ivy Q"}}, std::nullopt, today);
  ASSERT_TRUE(agreed);
  back = find_plan(c(), council_id, person_id, plan.id);
  EXPECT_TRUE(back->no_agreement_reason.empty());
  EXPECT_FALSE(back->no_agreement_on);
  EXPECT_EQ(back->agreed_by_name, "Ivy Q");
  // A change to the draft clears the agreement; who was involved stays.
  auto changed = services::change_plan(c(), person, *back, "details", {{"helped_by", "council"}}, today);
  ASSERT_TRUE(changed);
  back = find_plan(c(), council_id, person_id, plan.id);
  EXPECT_TRUE(back->agreed_by_name.empty());
  EXPECT_EQ(back->involved.size(), 2u);
  auto removed = services::remove_from_plan(c(), *back, "involved", "2");
  ASSERT_TRUE(removed);
  EXPECT_EQ(find_plan(c(), council_id, person_id, plan.id)->involved.size(), 1u);

  // Approved from 2 November 2026: in force until the interim end date, and not after.
  set_plan_submitted(c(), council_id, plan.id, insert_user(c(), [&] {
    accounts::User u;
    u.council_id = council_id;
    u.username = "review.worker";
    u.display_name = "Sam";
    u.role = access::Role::SocialWorker;
    u.password_hash = "x";
    return u;
  }()), "2026-10-30T10:00:00Z");
  auto approved = services::mark_plan_decided(c(), council_id, plan.id, "approved", CivilDate(2026, 11, 2));
  ASSERT_TRUE(approved);
  EXPECT_EQ(plans_in_force(c(), council_id, person_id, CivilDate(2027, 2, 1)).size(), 1u);
  EXPECT_TRUE(plans_in_force(c(), council_id, person_id, CivilDate(2027, 2, 2)).empty());
  EXPECT_EQ(agreed_plans_in_force(c(), council_id, CivilDate(2027, 2, 1)).size(), 1u);
  EXPECT_TRUE(agreed_plans_in_force(c(), council_id, CivilDate(2027, 2, 2)).empty());

  // Reviews: the first scheduled on approval, due by 8 weeks after the start.
  auto first = services::schedule_first_review(c(), *approved, CivilDate(2026, 10, 30));
  EXPECT_EQ(first.due_on, CivilDate(2026, 12, 28));
  auto worker = find_user_by_username(c(), "review.worker")->id;
  EXPECT_TRUE(plan_reviews_due(c(), council_id, worker).empty()) << "not allocated yet";
  allocate_worker(c(), council_id, person_id, worker);
  ASSERT_EQ(plan_reviews_due(c(), council_id, worker).size(), 1u);
  ASSERT_EQ(plan_reviews_due(c(), council_id, std::nullopt).size(), 1u);
  EXPECT_TRUE(plan_reviews_due(c(), other, std::nullopt).empty());
  EXPECT_FALSE(find_review(c(), other, person_id, first.id));
  // Recording it schedules the next, 12 months on; recording it twice is refused.
  const people::Fields done{{"review", "plan:" + std::to_string(first.id)}, {"done_on", "2026-12-20"}, {"done_by", "Sam Patel"},
                            {"outcome", "no_change"}};
  auto recorded = services::record_review(c(), person, done, worker, CivilDate(2026, 12, 21));
  ASSERT_TRUE(recorded) << recorded.error()[0].message;
  EXPECT_EQ(recorded->next_due, CivilDate(2027, 12, 20));
  auto again = services::record_review(c(), person, done, worker, CivilDate(2026, 12, 21));
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error()[0].field, "review");
  auto due = plan_reviews_due(c(), council_id, std::nullopt);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind, "yearly");
  EXPECT_EQ(due[0].due_on, CivilDate(2027, 12, 20));
  auto all = list_reviews(c(), council_id, person_id);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].status, "due");
  EXPECT_EQ(all[1].status, "done");
  EXPECT_EQ(all[1].done_by, "Sam Patel");
  // A newer approved version replaces the review still due with its own first one.
  replace_due_reviews(c(), council_id, person_id, 1);
  EXPECT_TRUE(plan_reviews_due(c(), council_id, std::nullopt).empty());

  // A direct payment's reviews: from its agreement, then 12 months after each recorded.
  budgets::Part dp;
  dp.key = "A";
  dp.mechanism = budgets::Mechanism::DirectPayment;
  dp.direct_payment = budgets::DirectPaymentDetails{budgets::Recipient::Person, "", budgets::HeldIn::BankAccount, ""};
  dp.weekly = Money::from_pence(100'00);
  dp.direct_payment->managing = budgets::ManagingFinding{budgets::Manages::ByThemself, "", "Sam Patel", CivilDate(2026, 11, 1)};
  ASSERT_TRUE(services::create_budget(c(), person, {plan.id, CivilDate(2026, 11, 2), {dp}, std::nullopt, "plan 1"}, std::nullopt));
  ASSERT_TRUE(services::record_direct_payment_agreement(
      c(), person, 1, {{"part_key", "A"}, {"signed_on", "2026-11-02"}, {"signed_by", "Ivy Q"}, {"review_on", "2027-05-01"}}, today, std::nullopt));
  auto dps = direct_payment_reviews(c(), council_id, worker, today);
  ASSERT_EQ(dps.size(), 1u);
  EXPECT_EQ(planning::direct_payment_review_due(dps[0].agreement, dps[0].last_done), CivilDate(2027, 5, 1));
  EXPECT_TRUE(direct_payment_reviews(c(), other, std::nullopt, today).empty());
  auto dp_done = services::record_review(c(), person, {{"review", "direct_payment:A"}, {"done_on", "2027-04-20"}, {"done_by", "Sam"},
                                                       {"outcome", "no_change"}}, worker, CivilDate(2027, 4, 21));
  ASSERT_TRUE(dp_done) << dp_done.error()[0].message;
  EXPECT_EQ(dp_done->next_due, CivilDate(2028, 4, 20));
  dps = direct_payment_reviews(c(), council_id, std::nullopt, CivilDate(2027, 4, 21));
  ASSERT_EQ(dps.size(), 1u);
  EXPECT_EQ(planning::direct_payment_review_due(dps[0].agreement, dps[0].last_done), CivilDate(2028, 4, 20));
  auto no_part = services::record_review(c(), person, {{"review", "direct_payment:Z"}, {"done_on", "2027-04-20"}, {"done_by", "Sam"},
                                                       {"outcome", "no_change"}}, worker, CivilDate(2027, 4, 21));
  ASSERT_FALSE(no_part);
  EXPECT_EQ(no_part.error()[0].field, "review");
  // The whole caseload list, overdue first.
  auto rows = services::reviews_due(c(), council_id, worker, CivilDate(2027, 4, 21));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].due_on, CivilDate(2028, 4, 20));

  // People read together, in the order asked, each once, never another council's.
  auto someone = insert_person(c(), {PersonId(), council_id, "Jack", "R", *CivilDate::parse_iso("1950-01-01"), std::nullopt, std::nullopt});
  auto elsewhere = insert_person(c(), {PersonId(), other, "Kay", "S", *CivilDate::parse_iso("1950-01-01"), std::nullopt, std::nullopt});
  std::vector<PersonId> ids{someone, person_id, someone, elsewhere};
  for (int i = 0; i < 60; ++i) ids.push_back(PersonId(1'000'000 + i));  // past one batch of 50
  auto found = find_people(c(), council_id, ids);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].id, someone);
  EXPECT_EQ(found[1].id, person_id);
  EXPECT_EQ(found[1].given_name, "Ivy");
  tx.commit();
}

TEST_P(StorageTest, PaymentRunsPayEachPeriodOnceAndKeepMakerAndCheckerApart) {
  auto council_id = council();
  auto other = council();
  UserId maker, checker;
  PersonId person;
  {
    Transaction tx(c(), TxMode::Write);
    accounts::User u;
    u.council_id = council_id;
    u.role = access::Role::FinanceOfficer;
    u.password_hash = "$argon2id$fake";
    u.username = "maker";
    u.display_name = "Maker";
    maker = insert_user(c(), u);
    u.username = "checker";
    u.display_name = "Checker";
    checker = insert_user(c(), u);
    person = insert_person(c(), {PersonId(), council_id, "Ivy", "Stone", *CivilDate::parse_iso("1939-05-01"), std::nullopt, std::nullopt});
    auto found = *find_person(c(), council_id, person);
    budgets::Part dp;
    dp.key = "A";
    dp.mechanism = budgets::Mechanism::DirectPayment;
    dp.direct_payment = budgets::DirectPaymentDetails{budgets::Recipient::Person, "", budgets::HeldIn::BankAccount, ""};
    dp.weekly = Money::from_pence(70'00);
    dp.direct_payment->managing = budgets::ManagingFinding{budgets::Manages::ByThemself, "", "Sam Patel", CivilDate(2026, 10, 1)};
    ASSERT_TRUE(services::create_budget(c(), found, {std::nullopt, CivilDate(2026, 10, 5), {dp}, std::nullopt, "test"}, std::nullopt));
    // A budget change in the middle of the second period: £140 a week from 9 November.
    dp.weekly = Money::from_pence(140'00);
    auto changed = services::change_budget(c(), found, {CivilDate(2026, 11, 9), std::vector<budgets::Part>{dp}, std::nullopt, std::nullopt, false,
                                                        "more support"}, std::nullopt);
    ASSERT_TRUE(changed) << changed.error()[0].message;
    tx.commit();
  }
  Transaction tx(c(), TxMode::Write);
  auto found = *find_person(c(), council_id, person);
  ASSERT_TRUE(services::set_payment_schedule(c(), found, {{"part_key", "A"}, {"starts_on", "2026-10-05"}}, maker));
  ASSERT_TRUE(services::record_bank_details(c(), found, {{"part_key", "A"}, {"account_name", "Ivy Stone"}, {"sort_code", "11-22-33"},
                                                          {"account_number", "44556677"}}, maker));
  // Another council's run sees none of it.
  EXPECT_FALSE(services::prepare_payment_run(c(), other, CivilDate(2026, 12, 31), maker));
  auto schedules = list_schedules(c(), council_id, person);
  ASSERT_EQ(schedules.size(), 1u);
  EXPECT_EQ(schedules[0].frequency, payments::Frequency::FourWeekly);
  EXPECT_EQ(latest_bank_details(c(), council_id, person, "A")->account_number, "44556677");
  EXPECT_FALSE(latest_bank_details(c(), other, person, "A"));

  auto first = services::prepare_payment_run(c(), council_id, CivilDate(2026, 11, 2), maker);
  ASSERT_TRUE(first) << first.error()[0].message;
  auto items = run_items(c(), council_id, first->run.id);
  ASSERT_EQ(items.size(), 2u);  // 5 October and 2 November
  EXPECT_EQ(items[0].transfer_id, "pay:" + person.text() + ":A:2026-10-05");
  EXPECT_EQ(items[0].amount.pence(), 280'00);
  EXPECT_EQ(items[0].person_name, "Ivy Stone");
  // The second period straddles the change: 7 days at £10 and 21 at £20.
  EXPECT_EQ(items[1].amount.pence(), 7 * 10'00 + 21 * 20'00);
  EXPECT_EQ(first->run.total.pence(), 280'00 + 490'00);
  EXPECT_EQ(paid_through(c(), council_id, person, "A"), CivilDate(2026, 11, 2));
  // The same dates again: nothing due, nothing stored.
  EXPECT_FALSE(services::prepare_payment_run(c(), council_id, CivilDate(2026, 11, 2), maker));
  EXPECT_EQ(list_runs(c(), council_id).size(), 1u);
  // Maker-checker, and the state machine, in the service.
  auto self = services::approve_payment_run(c(), council_id, first->run.id, maker);
  ASSERT_FALSE(self);
  EXPECT_EQ(self.error()[0].field, "approved_by");
  auto approved = services::approve_payment_run(c(), council_id, first->run.id, checker);
  ASSERT_TRUE(approved);
  EXPECT_EQ(approved->state, payments::RunState::Approved);
  EXPECT_EQ(approved->approved_by_name, "Checker");
  EXPECT_FALSE(services::approve_payment_run(c(), council_id, first->run.id, checker));
  EXPECT_FALSE(move_run(c(), council_id, first->run.id, payments::RunState::Draft, payments::RunState::Approved, checker, "x"));
  EXPECT_FALSE(find_run(c(), other, first->run.id));
  tx.commit();

  // The database itself: a run approved by whoever prepared it, and a second
  // item with the same transfer id, are refused.
  {
    Transaction t(c(), TxMode::Write);
    auto draft = services::prepare_payment_run(c(), council_id, CivilDate(2026, 11, 30), maker);
    ASSERT_TRUE(draft);
    EXPECT_THROW(c().execute({"approve_own_run", "UPDATE payment_runs SET approved_by = prepared_by WHERE id = $1"}, {draft->run.id}),
                 ConstraintViolation);
  }
  {
    Transaction t(c(), TxMode::Write);
    auto draft = services::prepare_payment_run(c(), council_id, CivilDate(2026, 11, 30), maker);
    ASSERT_TRUE(draft);
    auto again = run_items(c(), council_id, draft->run.id).at(0);
    EXPECT_THROW(insert_run_item(c(), council_id, draft->run.id, again), ConstraintViolation);
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StorageTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return std::string(backend_name(info.param)); });

// Migration 0007 on a database that already holds people and decisions: the
// history begins with each person's values, from the day they were recorded,
// and earlier decisions keep those values as their snapshot.
class CharacteristicsMigrationTest : public ::testing::TestWithParam<Backend> {};

TEST_P(CharacteristicsMigrationTest, HistoryBeginsWithEachPersonsValuesAndEarlierDecisionsKeepThem) {
  FreshDatabase fresh(GetParam());
  auto lease = fresh.db().acquire();
  Connection& c = *lease;
  {
    Transaction tx(c, TxMode::Write);
    c.execute_script("CREATE TABLE patchwork_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
                     "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"
                     "INSERT INTO patchwork_meta (key, value) VALUES ('application', 'patchwork');");
    for (const auto& m : all_migrations()) {
      if (m.version >= 7) break;
      c.execute_script(migration_sql(m, c.backend()));
      c.execute_script("INSERT INTO schema_migrations (version, name, applied_at) VALUES (" + std::to_string(m.version) +
                       ", 'before', '2026-01-01T00:00:00Z')");
    }
    c.execute_script(
        "INSERT INTO councils (code, name, created_at) VALUES ('E06999999', 'Test', '2026-01-01T00:00:00Z');"
        "INSERT INTO people (council_id, given_name, family_name, date_of_birth, created_at, updated_at, dementia, "
        "accommodation_status, primary_support_reason, has_unpaid_carer, date_of_death) VALUES (1, 'Edith', 'Barnes', '1939-06-02', "
        "'2026-03-01T10:00:00Z', '2026-04-01T10:00:00Z', 'Suspected', 'Registered care home', 'Support with Memory & Cognition', 'Yes', "
        "'2026-10-01');"
        "INSERT INTO questionnaires (council_id, version, name, definition, loaded_at) VALUES (1, 1, 'q', '{}', '2026-01-01T00:00:00Z');"
        "INSERT INTO assessments (council_id, person_id, questionnaire_id, status, completed_with, person_answers, started_at, updated_at) "
        "VALUES (1, 1, 1, 'confirmed', 'alone', '{}', '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');"
        "INSERT INTO eligibility_decisions (council_id, person_id, assessment_id, eligible, findings, reasoning, decided_on, recorded_at) "
        "VALUES (1, 1, 1, 1, '{}', '[]', '2026-05-01', '2026-05-01T00:00:00Z');");
    tx.commit();
  }
  // 7 and every later migration, which must leave the backfill alone.
  const auto applied = migrate(c);
  ASSERT_FALSE(applied.empty());
  EXPECT_EQ(applied.front(), 7);
  Transaction tx(c, TxMode::Read);
  const CouncilId council(1);
  const PersonId edith(1);
  EXPECT_EQ(characteristic_history(c, council, edith).size(), 5u);
  EXPECT_FALSE(characteristics_as_at(c, council, edith, *CivilDate::parse_iso("2026-02-28")));
  auto march = characteristics_as_at(c, council, edith, *CivilDate::parse_iso("2026-03-01"));
  ASSERT_TRUE(march);
  EXPECT_EQ(march->dementia, "Suspected");
  EXPECT_EQ(march->accommodation_status, "Registered care home");
  EXPECT_EQ(march->primary_support_reason, "Support with Memory & Cognition");
  EXPECT_EQ(march->has_unpaid_carer, "Yes");
  EXPECT_FALSE(march->date_of_death);
  EXPECT_EQ(characteristics_as_at(c, council, edith, *CivilDate::parse_iso("2026-10-02"))->date_of_death, CivilDate::parse_iso("2026-10-01"));
  auto decision = list_eligibility(c, council, edith).at(0);
  ASSERT_TRUE(decision.characteristics);
  EXPECT_EQ(decision.characteristics->dementia, "Suspected");
  EXPECT_EQ(decision.characteristics->primary_support_reason, "Support with Memory & Cognition");
  EXPECT_EQ(decision.characteristics->date_of_death, CivilDate::parse_iso("2026-10-01"));
  auto person = *find_person(c, council, edith);
  EXPECT_EQ(person.client_type, "Service User");
  EXPECT_EQ(person.employment_status, "Unknown");
  EXPECT_FALSE(person.gp_practice_code);
}

INSTANTIATE_TEST_SUITE_P(Backends, CharacteristicsMigrationTest, ::testing::Values(Backend::Sqlite, Backend::Postgres),
                         [](const auto& info) { return std::string(backend_name(info.param)); });

// Both back ends hold the same tables, columns (and their NOT NULL rules) and indexes.
TEST(SchemaParity, SqliteAndPostgresDescribeTheSameSchema) {
  FreshDatabase sqlite(Backend::Sqlite), postgres(Backend::Postgres);
  auto a = sqlite.db().acquire();
  auto b = postgres.db().acquire();
  migrate(*a);
  migrate(*b);
  auto left = describe_schema(*a);
  auto right = describe_schema(*b);
  EXPECT_GT(left.size(), 40u);
  EXPECT_EQ(left, right);
}

TEST(PostgresAdapter, ReportsAnUnreachableServerAsUnavailable) {
  auto db = open_database("postgresql://patchwork@127.0.0.1:1/none", {1, false});
  EXPECT_THROW(db->acquire(), DatabaseUnavailable);
}

// copy-database's source: read, never written, not even a write transaction
// that would change nothing.
TEST(SqliteAdapter, AFileOpenedReadOnlyIsReadAndNeverWritten) {
  FreshDatabase fresh(Backend::Sqlite);
  migrate(*fresh.db().acquire());
  auto reader = open_database(fresh.target(), {.pool_size = 1, .create_if_missing = false, .read_only = true});
  auto c = reader->acquire();
  {
    Transaction read(*c, TxMode::Read);
    EXPECT_FALSE(c->query(Statement{"t_ro_tables", "SELECT name FROM sqlite_master WHERE type = 'table'"}).empty());
  }
  try {
    Transaction write(*c, TxMode::Write);
    FAIL() << "a write transaction began on a read-only file";
  } catch (const DatabaseError& e) {
    EXPECT_NE(std::string(e.what()).find("read-only"), std::string::npos) << e.what();
  }
  EXPECT_THROW(c->execute_script("CREATE TABLE t_ro (x INTEGER)"), DatabaseError);
}

TEST(SqliteAdapter, MapsPostgresPlaceholders) {
  EXPECT_EQ(sqlite_placeholders("SELECT $1, '$2', $10"), "SELECT ?1, '$2', ?10");
}

}  // namespace
}  // namespace patchwork::storage
