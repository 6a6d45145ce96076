// `patchwork demo`: two fictional councils, the first with one account of every
// role and a handful of people, so that every screen can be tried straight away,
// the second small, so that one council's isolation from another can be seen.
#include <filesystem>
#include <fstream>
#include <map>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "domain/accounts/passwords.hpp"
#include "services/approvals_service.hpp"
#include "services/assessment_service.hpp"
#include "storage/repositories/approvals_repository.hpp"
#include "services/budgets_service.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/carers_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/providers_repository.hpp"

namespace patchwork::app {

namespace {

constexpr const char* kDemoPassword = "patchwork-demo";

// The codes have the shape of real ones (a county council and a unitary
// authority) but no council has them. An older demo used E99999999.
constexpr const char* kNorthshireCode = "E10999901";
constexpr const char* kSouthvaleCode = "E06999902";
constexpr const char* kOldDemoCode = "E99999999";

struct DemoPerson {
  const char* given; const char* family; const char* dob; const char* nhs; const char* postcode;
  const char* support_reason; const char* dementia; const char* carer; const char* town;
};

// NHS numbers in the 999 range are set aside for testing and never issued.
constexpr DemoPerson kNorthshirePeople[] = {
    {"Margaret", "Ellis", "1941-03-14", "9991234500", "NS1 4AB", "Support with Memory & Cognition", "Diagnosed", "Yes", "Northshire"},
    {"Joseph", "Okafor", "1958-07-02", "9991234519", "NS2 7QT", "Physical Support: Access & mobility only", "No", "No", "Northshire"},
    {"Dorothy", "Hughes", "1936-11-30", "9991234527", "NS1 9LD", "Physical Support: Personal care support", "Suspected", "Yes", "Northshire"},
    {"Aisha", "Rahman", "1990-05-21", "9991234535", "NS4 2HG", "Learning Disability Support", "No", "Yes", "Northshire"},
    {"Peter", "Novak", "1972-01-09", "9991234543", "NS3 6PJ", "Mental Health Support", "No", "No", "Northshire"},
    {"Grace", "Williams", "1947-09-17", "9991234551", "NS2 1XY", "Sensory Support: Support for visual impairment", "No", "Unknown", "Northshire"},
};
constexpr DemoPerson kSouthvalePeople[] = {
    {"Harold", "Bennett", "1938-02-11", "9991234578", "SV1 2AB", "Support with Memory & Cognition", "Diagnosed", "Yes", "Southvale"},
    {"Mary", "Ellison", "1944-06-25", "9991234586", "SV2 5CD", "Physical Support: Personal care support", "No", "No", "Southvale"},
};

struct DemoUser { const char* username; const char* name; access::Role role; };
constexpr DemoUser kNorthshireUsers[] = {
    {"admin", "Alex Morgan", access::Role::Administrator},
    {"social.worker", "Sam Patel", access::Role::SocialWorker},
    {"team.manager", "Jo Fraser", access::Role::TeamManager},
    {"finance", "Chris Lee", access::Role::FinanceOfficer},
    {"commissioner", "Robin Shaw", access::Role::Commissioner},
    {"safeguarding", "Nia Evans", access::Role::SafeguardingLead},
    {"provider", "Brightside Care", access::Role::Provider},
    {"budget.holder", "Joseph Okafor", access::Role::BudgetHolder},
    {"representative", "Sarah Ellis", access::Role::Representative},
    {"head.of.service", "Morgan Blake", access::Role::HeadOfService},
};
// Usernames are unique across the whole installation (docs/architecture.md), so
// the second council's staff have names of their own.
constexpr DemoUser kSouthvaleUsers[] = {
    {"southvale.admin", "Priya Shah", access::Role::Administrator},
    {"southvale.worker", "Tom Price", access::Role::SocialWorker},
    {"southvale.manager", "Helen Carter", access::Role::TeamManager},
};

void print_sign_ins() {
  std::cout << "Demo sign-ins (password for all: " << kDemoPassword << "):\n  Northshire Council (" << kNorthshireCode << "):\n";
  for (const auto& u : kNorthshireUsers) std::cout << "    " << u.username << "  (" << access::role_name(u.role) << ", " << u.name << ")\n";
  std::cout << "  Southvale Council (" << kSouthvaleCode << "):\n";
  for (const auto& u : kSouthvaleUsers) std::cout << "    " << u.username << "  (" << access::role_name(u.role) << ", " << u.name << ")\n";
}

std::string read_file(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

struct LoadedCouncil {
  CouncilId id;
  std::vector<PersonId> people;
  std::map<std::string, UserId> users;
};

// One demo council: its people, its questionnaire and RAS model, its staff.
template <std::size_t NP, std::size_t NU>
LoadedCouncil load_council(storage::Connection& c, const char* code, const char* name, const DemoPerson (&people)[NP],
                           const DemoUser (&users)[NU], const std::string& questionnaire_file, const std::string& ras_file,
                           const std::string& password_hash) {
  LoadedCouncil out;
  out.id = storage::insert_council(c, code, name);
  for (const auto& p : people) {
    people::Person person{PersonId(), out.id, p.given, p.family, CivilDate::parse_iso(p.dob).value(), std::string(p.nhs), std::string(p.postcode)};
    person.primary_support_reason = p.support_reason;
    person.dementia = p.dementia;
    person.has_unpaid_carer = p.carer;
    person.town = p.town;
    out.people.push_back(storage::insert_person(c, person));
  }
  for (auto [file, load] : {std::pair{questionnaire_file, &services::load_questionnaire},
                            std::pair{ras_file, &services::load_ras_configuration}}) {
    auto loaded = load(c, out.id, read_file(file), std::nullopt);
    if (!loaded) throw std::runtime_error(file + ": " + loaded.error().front().field + " " + loaded.error().front().message);
  }
  for (const auto& u : users) {
    accounts::User user;
    user.council_id = out.id;
    user.username = u.username;
    user.display_name = u.name;
    user.role = u.role;
    user.password_hash = password_hash;
    if (u.role == access::Role::BudgetHolder) user.person_id = out.people[1];  // Joseph Okafor
    out.users[u.username] = storage::insert_user(c, user);
  }
  return out;
}

// Approval by delegated authority (#15): each council's thresholds (Northshire
// two versions, the older with lower limits; Southvale with a panel), decided
// requests for the decision-time report, and plans waiting in each approver's
// queue. Until support plans are joined in, the requests name plan ids of
// their own (9001...): there is no foreign key to plans yet.
void load_demo_approvals(storage::Connection& c, LoadedCouncil& north, LoadedCouncil& south, const std::string& config_dir) {
  auto load = [&c, &config_dir](CouncilId council, const char* file) {
    auto loaded = services::load_approval_thresholds(c, council, read_file(config_dir + "/" + file), std::nullopt);
    if (!loaded) throw std::runtime_error(std::string(file) + ": " + loaded.error().front().field + " " + loaded.error().front().message);
  };
  load(north.id, "approval-thresholds-2025.json");
  load(north.id, "approval-thresholds.json");
  load(south.id, "southvale-approval-thresholds.json");
  storage::set_finance_acknowledgement(c, north.id, true);

  auto user = [&c, &north](const char* username) { return storage::find_user(c, north.id, north.users.at(username)).value(); };
  auto pence = [](std::int64_t p) { return Money::from_pence(p); };
  auto submit = [&](int person, std::int64_t plan, int version, std::int64_t weekly, std::optional<std::int64_t> indicative, bool interim,
                    const char* author, const std::string& at, std::optional<std::string> variance = std::nullopt, std::string variance_text = "") {
    services::ApprovalSubmission s;
    s.person_id = north.people[std::size_t(person)];
    s.plan_id = plan;
    s.plan_version = version;
    s.weekly_cost = pence(weekly);
    if (indicative) s.indicative_weekly = pence(*indicative);
    s.interim = interim;
    s.author_id = north.users.at(author);
    s.variance_reason = std::move(variance);
    s.variance_text = std::move(variance_text);
    auto r = services::submit(c, north.id, s, at);
    if (!r) throw std::runtime_error("demo approval request: " + r.error().front().field + " " + r.error().front().message);
    return r->id;
  };
  auto decide = [&](std::int64_t id, const char* who, const char* decision, const char* reasons, const std::string& at) {
    services::DecisionInput in;
    in.decision = decision;
    in.reasons = reasons;
    auto d = services::decide(c, user(who), id, in, at);
    if (!d) throw std::runtime_error("demo approval decision: " + d.error().errors.front().message);
  };
  // Decided: Aisha's under the 2025 limits, Peter's and Grace's under 2026's.
  decide(submit(3, 9001, 1, 220'00, 220'00, false, "social.worker", "2025-10-06T09:00:00Z"), "team.manager", "approve", "",
         "2025-10-08T15:30:00Z");
  decide(submit(4, 9002, 1, 640'00, 600'00, false, "social.worker", "2026-05-11T10:00:00Z", "local_costs",
                "The specialist mental health support worker costs more than the model assumes."),
         "team.manager", "approve", "", "2026-05-20T11:00:00Z");
  decide(submit(5, 9003, 1, 150'00, std::nullopt, false, "social.worker", "2026-06-01T09:00:00Z"), "team.manager", "return",
         "Which days does the reading service visit, and who covers when it cannot?", "2026-06-03T09:00:00Z");
  // Waiting now. Dorothy's is in the team manager's queue (over a social
  // worker's limit, and the cost differs from her indicative budget with no
  // reason yet); Margaret's, planned with her daughter, is over the team
  // manager's limit; Joseph planned his own; Grace's is an interim budget.
  const auto now = std::chrono::system_clock::now();
  auto days_ago = [&now](int d) { return utc_timestamp(now - std::chrono::hours(24 * d)); };
  submit(2, 9101, 1, 412'50, 380'00, false, "social.worker", days_ago(3));
  submit(0, 9102, 1, 912'50, 850'00, false, "representative", days_ago(5), "needs_not_reflected",
         "Margaret needs two carers at night since her falls; the questionnaire has no question about nights.");
  submit(1, 9103, 1, 240'00, 240'00, false, "budget.holder", days_ago(1));
  submit(5, 9104, 1, 180'00, std::nullopt, true, "team.manager", days_ago(2));
}

// Each council's register of providers (docs/providers.md). Northshire's holds
// one of each common kind, and its `provider` account belongs to the home care
// agency; Southvale's one provider shows that a register is the council's own.
// The CQC location ids have the real form ("1-" and nine digits) but begin
// with zeros, which no real location id does.
void load_demo_providers(storage::Connection& c, const LoadedCouncil& north, const LoadedCouncil& south) {
  auto add = [&c](CouncilId council, const char* name, const char* kind, std::optional<std::string> cqc, const char* phone,
                  const char* email, const char* address) {
    providers::Provider p;
    p.council_id = council;
    p.name = name;
    p.kind = kind;
    p.cqc_location_id = std::move(cqc);
    p.phone = phone;
    p.email = email;
    p.address = address;
    return storage::insert_provider(c, p);
  };
  auto brightside = add(north.id, "Brightside Care", "home_care_agency", "1-000000101", "01632 960 200", "office@brightside.example",
                        "4 Mill Lane\nNorthtown\nNS1 2AA");
  add(north.id, "Meadow View Day Service", "day_service", "1-000000102", "01632 960 310", "", "Meadow View\nStation Road\nNorthtown\nNS2 3BB");
  add(north.id, "Green Fingers Garden Help", "micro_enterprise", std::nullopt, "07700 900 123", "", "");
  add(north.id, "Tuesday Lunch Club", "community_group", std::nullopt, "", "", "St Anne's Church Hall\nNorthtown");
  add(south.id, "Southvale Home Support", "home_care_agency", "1-000000201", "01632 960 500", "", "");
  storage::set_user_provider(c, north.id, north.users.at("provider"), brightside);
}

// Margaret's personal budget (#15), seeded through the budgets service until
// support plans exist; the lead re-seeds it through an approved plan. She lacks
// capacity to manage a direct payment, so it is paid to Sarah as her
// authorised person (Care Act 2014 s.32); the rest the council arranges. Her
// financial assessment comes first, so the budget takes her contribution.
void seed_demo_budget(storage::Connection& c, CouncilId council, PersonId margaret, UserId worker, UserId finance) {
  people::CapacityAssessment managing;
  managing.council_id = council;
  managing.person_id = margaret;
  managing.decision_kind = "managing_direct_payment";
  managing.decision = "Whether she can manage a direct payment";
  managing.assessed_on = CivilDate{2026, 10, 14};
  managing.outcome = "lacks_capacity";
  managing.assessed_by = "Sam Patel, social worker";
  managing.notes = "Could not follow what the money was for or keep track of it, even with the statements in large print.";
  storage::insert_capacity(c, managing, worker);
  auto person = storage::find_person(c, council, margaret).value();
  auto check = [](const auto& r, const char* what) {
    if (!r) throw std::runtime_error(std::string("demo ") + what + ": " + r.error().front().field + " " + r.error().front().message);
  };
  check(services::record_financial_assessment(c, person, {{"contribution", "weekly_amount"}, {"weekly_contribution", "42.30"},
                                                          {"assessed_on", "2026-10-20"}, {"assessed_by", "Northshire financial assessment team"}},
                                              CivilDate::today_utc(), finance),
        "financial assessment");
  budgets::Part dp;
  dp.key = "A";
  dp.mechanism = budgets::Mechanism::DirectPayment;
  dp.direct_payment = budgets::DirectPaymentDetails{budgets::Recipient::AuthorisedPerson, "Sarah Ellis", budgets::HeldIn::BankAccount, ""};
  dp.weekly = Money::from_pence(180'00);
  budgets::Part council_part;
  council_part.key = "B";
  council_part.mechanism = budgets::Mechanism::CouncilManaged;
  council_part.weekly = Money::from_pence(95'50);
  services::NewBudget nb{std::nullopt, CivilDate{2026, 11, 2}, {dp, council_part},
                         budgets::Interim{"the occupational therapist has still to visit about equipment for the bathroom",
                                          CivilDate{2027, 2, 1}, CivilDate{2027, 1, 18}},
                         "Set by the team manager before support plans were in Patchwork (demo)"};
  check(services::create_budget(c, person, nb, worker), "budget");
  check(services::record_direct_payment_agreement(c, person, 1, {{"part_key", "A"}, {"signed_on", "2026-11-02"}, {"signed_by", "Sarah Ellis"},
                                                                 {"first_payment_on", "2026-11-09"}, {"review_on", "2027-05-07"}},
                                                  CivilDate::today_utc(), finance),
        "direct payment agreement");
}

}  // namespace

int load_demo(const std::string& target, const accounts::HashStrength& strength, const std::string& questionnaire_file,
              const std::string& ras_file) {
  try {
    auto db = storage::open_database(target, {1, false});
    auto lease = db->acquire();
    auto status = storage::inspect_schema(*lease);
    if (status.state != storage::SchemaState::Current) {
      std::cerr << "patchwork: " << (status.state == storage::SchemaState::Empty ? "the database is empty; run `patchwork init` first" : status.message) << "\n";
      return 1;
    }
    auto& c = *lease;
    storage::Transaction tx(c, storage::TxMode::Write);
    if (storage::find_council_by_code(c, kNorthshireCode) || storage::find_council_by_code(c, kOldDemoCode)) {
      std::cout << "The demo councils are already loaded.\n";
      print_sign_ins();
      return 0;
    }
    // One hash for every demo account: hashing is slow by design.
    const std::string hash = accounts::hash_password(kDemoPassword, strength);
    auto north = load_council(c, kNorthshireCode, "Northshire Council", kNorthshirePeople, kNorthshireUsers, questionnaire_file,
                              ras_file, hash);
    // The social worker holds four of the six; Aisha Rahman and Peter Novak are
    // with other teams, so a refusal can be seen too.
    for (int i : {0, 1, 2, 5}) storage::allocate_worker(c, north.id, north.people[i], north.users["social.worker"]);
    // Sarah Ellis holds a registered lasting power of attorney for her mother's
    // health and welfare. She may act on care and support because an assessment
    // found Margaret lacks capacity for those decisions (Mental Capacity Act
    // 2005, s.11(7)(a)): both are on Margaret's record, where anyone can see why.
    people::CapacityAssessment finding;
    finding.council_id = north.id;
    finding.person_id = north.people[0];
    finding.decision_kind = "care_and_support";
    finding.decision = "Whether to have carers visit her at home";
    finding.assessed_on = CivilDate{2026, 3, 12};
    finding.outcome = "lacks_capacity";
    finding.assessed_by = "Sam Patel, social worker";
    finding.notes = "Could not retain the information about the options long enough to weigh them, on two visits.";
    storage::insert_capacity(c, finding, north.users["social.worker"]);
    people::Relationship sarah;
    sarah.council_id = north.id;
    sarah.person_id = north.people[0];
    sarah.name = "Sarah Ellis (daughter)";
    sarah.role = "lpa_health_welfare";
    sarah.basis = "registered_lpa";
    sarah.recorded_on = CivilDate{2025, 6, 1};
    sarah.phone = "01632 960 114";
    sarah.user_id = north.users["representative"];
    storage::insert_relationship(c, sarah, north.users["social.worker"]);
    storage::link_representative(c, sarah, north.users["representative"]);
    // She is also Margaret's unpaid carer, offered a carer's assessment (Care Act s.10) and not yet answered.
    {
      people::Carer sarah;
      sarah.council_id = north.id;
      sarah.person_id = north.people[0];
      sarah.name = "Sarah Ellis";
      sarah.relationship = "daughter";
      sarah.hours_per_week = 20;
      sarah.assessment_offered_on = CivilDate(2025, 6, 1);
      storage::insert_carer(c, sarah, std::nullopt);
    }

    seed_demo_budget(c, north.id, north.people[0], north.users["social.worker"], north.users["finance"]);

    // A second, small council with a banded model of its own, so that one
    // council's staff can be seen not to reach another's people.
    const auto southvale_ras = (std::filesystem::path(ras_file).parent_path() / "southvale-ras.json").string();
    auto south = load_council(c, kSouthvaleCode, "Southvale Council", kSouthvalePeople, kSouthvaleUsers, questionnaire_file,
                              southvale_ras, hash);
    for (auto person : south.people) storage::allocate_worker(c, south.id, person, south.users["southvale.worker"]);
    load_demo_approvals(c, north, south, std::filesystem::path(ras_file).parent_path().string());
    load_demo_providers(c, north, south);
    tx.commit();
    std::cout << "Loaded the demo councils: Northshire Council with " << north.people.size() << " people and Southvale Council with "
              << south.people.size() << ".\n";
    print_sign_ins();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "patchwork: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace patchwork::app
