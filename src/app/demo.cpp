// `patchwork demo`: two fictional councils, the first with one account of every
// role and a handful of people, so that every screen can be tried straight away,
// the second small, so that one council's isolation from another can be seen.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "domain/accounts/passwords.hpp"
#include "services/approvals_service.hpp"
#include "services/assessment_service.hpp"
#include "services/plan_approval_service.hpp"
#include "services/plans_service.hpp"
#include "services/reviews_service.hpp"
#include "services/review_requests_service.hpp"
#include "storage/repositories/approvals_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/plans_repository.hpp"
#include "services/budgets_service.hpp"
#include "services/ledger_service.hpp"
#include "services/invoices_service.hpp"
#include "services/monitoring_service.hpp"
#include "services/payments_service.hpp"
#include "services/statements_service.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/statements_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
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
    // A second finance officer (#16): whoever prepares a payment run cannot approve it.
    {"finance.checker", "Dev Kaur", access::Role::FinanceOfficer},
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

// Each council's register of providers (docs/providers.md). Northshire's holds
// one of each common kind, and its `provider` account belongs to the home care
// agency; Southvale's one provider shows that a register is the council's own.
// The CQC location ids have the real form ("1-" and nine digits) but begin
// with zeros, which no real location id does.
std::int64_t load_demo_providers(storage::Connection& c, const LoadedCouncil& north, const LoadedCouncil& south) {
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
  auto meadow_view = add(north.id, "Meadow View Day Service", "day_service", "1-000000102", "01632 960 310", "", "Meadow View\nStation Road\nNorthtown\nNS2 3BB");
  add(north.id, "Green Fingers Garden Help", "micro_enterprise", std::nullopt, "07700 900 123", "", "");
  add(north.id, "Tuesday Lunch Club", "community_group", std::nullopt, "", "", "St Anne's Church Hall\nNorthtown");
  add(south.id, "Southvale Home Support", "home_care_agency", "1-000000201", "01632 960 500", "", "");
  storage::set_user_provider(c, north.id, north.users.at("provider"), brightside);
  return meadow_view.value();
}

// Approval by delegated authority (#15): each council's thresholds (Northshire
// two versions, the older with lower limits; Southvale with a panel).
void load_demo_thresholds(storage::Connection& c, const LoadedCouncil& north, const LoadedCouncil& south, const std::string& config_dir) {
  auto load = [&c, &config_dir](CouncilId council, const char* file) {
    auto loaded = services::load_approval_thresholds(c, council, read_file(config_dir + "/" + file), std::nullopt);
    if (!loaded) throw std::runtime_error(std::string(file) + ": " + loaded.error().front().field + " " + loaded.error().front().message);
  };
  load(north.id, "approval-thresholds-2025.json");
  load(north.id, "approval-thresholds.json");
  load(south.id, "southvale-approval-thresholds.json");
  storage::set_finance_acknowledgement(c, north.id, true);
}

template <typename R>
void demo_check(const R& r, const std::string& what) {
  if (!r) throw std::runtime_error("demo " + what + ": " + r.error().front().field + " " + r.error().front().message);
}

// What the demo's plans stand on. A plan answers to an eligibility decision
// that found eligible needs (Care Act 2014 s.24(1): where the authority is
// required to meet needs it must "prepare a care and support plan") and
// records the person's indicative allocation. The demo people have answered no
// questionnaire, so assessment_service has nothing to decide from: as set-up,
// each gets a confirmed assessment, a decision finding the named outcomes not
// achieved, and, where given, an indicative allocation, stored directly.
// Everything after (the plans, their submission, the decisions and the
// budgets) goes through the services the pages and the API use.
void demo_eligible_needs(storage::Connection& c, CouncilId council, PersonId person, UserId worker, CivilDate on,
                         std::initializer_list<assessment::Outcome> needs, std::optional<std::int64_t> indicative_pence) {
  const std::string at = on.iso() + "T10:00:00Z";
  assessment::AssessmentRecord a;
  a.council_id = council;
  a.person_id = person;
  a.questionnaire_id = storage::latest_questionnaire(c, council).value().id;
  a.status = assessment::AssessmentStatus::Confirmed;
  a.completed_with = "with their social worker, at home (demo)";
  a.worker_answers = assessment::Answers{};
  a.started_by = worker;
  a.started_at = at;
  a.updated_at = at;
  a.submitted_at = at;
  a.confirmed_by = worker;
  a.confirmed_at = at;
  a.id = storage::insert_assessment(c, a);
  assessment::EligibilityRecord e;
  e.council_id = council;
  e.person_id = person;
  e.assessment_id = a.id;
  e.eligible = true;
  e.findings.impairment_or_illness = true;
  e.findings.significant_impact_on_wellbeing = true;
  e.findings.method_of_assessment = "Service user only";
  e.findings.impact_note = "Recorded for the demo: the needs below have a significant impact on their well-being.";
  for (auto outcome : assessment::all_outcomes()) {
    assessment::OutcomeFinding f;
    if (std::find(needs.begin(), needs.end(), outcome) != needs.end()) {
      f.achieved = false;
      f.reasons = {assessment::UnableReason::NeedsAssistance};
      f.note = "Needs help with this every day.";
    }
    e.findings.outcomes[outcome] = f;
  }
  e.reasoning = {"Recorded for the demo: eligible needs found in " + std::to_string(needs.size()) + " of the ten outcomes."};
  e.decided_by = worker;
  e.decided_on = on;
  storage::insert_eligibility(c, e);
  if (!indicative_pence) return;
  assessment::AllocationRecord al;
  al.council_id = council;
  al.person_id = person;
  al.assessment_id = a.id;
  al.ras_configuration_id = storage::active_ras_configuration(c, council).value().id;
  al.weekly = Money::from_pence(*indicative_pence);
  al.explanation = {al.weekly.display() + " a week, set when the demo was made: the demo keeps no answers to the questionnaire to work it out from."};
  al.created_by = worker;
  al.created_at = at;
  storage::insert_allocation(c, al);
}

// One demo plan, built through plans_service as the pages build it: started
// from the person's decision, one outcome in their words over every eligible
// need, its parts, costed lines, then sent for approval. `written_on` is the
// day the plan was written (its dates are checked against that day).
struct DemoLine {
  const char* part; const char* description; const char* supplier_kind; const char* supplier_name;
  const char* unit_cost; const char* cost_frequency; const char* units; const char* service_component;
  std::optional<std::int64_t> provider_id = std::nullopt;
  // Who the one paid is to the person (Direct Payments Regulations 2014 reg. 3),
  // asked of a person or small firm a direct payment may pay: none of the demo's is related.
  const char* payee_relationship = "not_related";
};

struct DemoPlans {
  storage::Connection& c;
  const LoadedCouncil& north;

  people::Person person(int i) { return storage::find_person(c, north.id, north.people[std::size_t(i)]).value(); }
  accounts::User user(const char* username) { return storage::find_user(c, north.id, north.users.at(username)).value(); }

  planning::SupportPlan change(const people::Person& p, planning::SupportPlan plan, const char* what, const people::Fields& f,
                               CivilDate written_on) {
    auto changed = services::change_plan(c, p, plan, what, f, written_on);
    demo_check(changed, std::string("plan ") + what);
    return *changed;
  }
  planning::SupportPlan add_line(const people::Person& p, planning::SupportPlan plan, const DemoLine& l, CivilDate written_on) {
    people::Fields f{{"description", l.description}, {"supplier_kind", l.supplier_kind}, {"supplier_name", l.supplier_name},
                     {"unit_cost", l.unit_cost}, {"cost_frequency", l.cost_frequency}, {"planned_units_per_week", l.units},
                     {"service_type", "Long Term Support: Community"}, {"service_component", l.service_component},
                     {"part", l.part}, {"outcomes", "1"}};
    if (l.provider_id) f["provider_id"] = std::to_string(*l.provider_id);
    if (planning::may_be_relative(l.supplier_kind)) f["payee_relationship"] = l.payee_relationship;
    return change(p, std::move(plan), "lines", f, written_on);
  }

  planning::SupportPlan draft(const people::Person& p, const char* author, people::Fields details, const char* words,
                              const std::vector<people::Fields>& parts, const std::vector<DemoLine>& lines, CivilDate written_on) {
    const auto who = user(author);
    auto plan = services::start_plan(c, p, details, services::drafted_by_for(who.role), who.id, written_on);
    demo_check(plan, "plan");
    std::string needs;
    for (const auto& n : plan->eligible_needs) needs += (needs.empty() ? "" : ",") + n;
    auto built = change(p, *plan, "outcomes", {{"words", words}, {"aim", "change"}, {"needs", needs}}, written_on);
    for (const auto& part : parts) built = change(p, built, "parts", part, written_on);
    for (const auto& l : lines) built = add_line(p, built, l, written_on);
    return built;
  }

  std::int64_t submit(const people::Person& p, const planning::SupportPlan& given, const char* author, const std::string& at,
                      std::optional<std::string> variance = std::nullopt, std::string variance_text = "") {
    // Care Act 2014 s.25(3) and s.25(5): the person took part, and they (or,
    // for a plan their representative wrote, the representative) agreed it
    // on the day it was sent.
    auto plan = given;
    const auto on = CivilDate::parse_iso(at.substr(0, 10)).value();
    const auto who = user(author);
    if (std::none_of(plan.involved.begin(), plan.involved.end(), [](const auto& i) { return i.kind == "person"; }))
      plan = change(p, plan, "involved", {{"from_record", "person"}, {"how", "At home, talking through each part of the plan"}}, on);
    if (plan.agreed_by_name.empty() && plan.no_agreement_reason.empty()) {
      const bool rep = who.role == access::Role::Representative;
      auto agreed = services::record_plan_agreement(c, plan,
                                                    {{"agreed_by_kind", rep ? "representative" : "person"},
                                                     {"agreed_by_name", rep ? who.display_name : p.full_name()}, {"agreed_on", on.iso()}},
                                                    who.id, on);
      demo_check(agreed, "plan agreement");
      plan = *agreed;
    }
    auto s = services::submit_plan_for_approval(c, p, plan, who.id, std::move(variance), std::move(variance_text), at);
    demo_check(s, "plan submission");
    return s->request.id;
  }

  services::DecidedPlan decide(std::int64_t request, const char* who, const char* decision, const char* reasons, const std::string& at,
                               std::optional<std::string> variance = std::nullopt, std::string variance_text = "") {
    services::DecisionInput in;
    in.decision = decision;
    in.reasons = reasons;
    in.variance_reason = std::move(variance);
    in.variance_text = std::move(variance_text);
    auto d = services::decide_plan(c, user(who), request, in, at);
    if (!d) throw std::runtime_error("demo approval decision: " + d.error().errors.front().field + " " + d.error().errors.front().message);
    return *d;
  }
};

const people::Fields kCouncilPart{{"key", "A"}, {"mechanism", "council_managed"}};
// Every plan says what matters to the person's well-being, in their words, and
// the advice given on staying well (Care Act 2014 s.25(1)(d) and (f)).
people::Fields plan_details(const char* helped_by, const std::string& effective_from,
                            const char* wellbeing = "Staying in my own home, seeing my family and friends, and feeling safe.") {
  return {{"helped_by", helped_by}, {"views_included", "fully"}, {"effective_from", effective_from},
          {"backup_cover", "The agency sends another carer; if none can come, the council's emergency team arranges cover the same day."},
          {"who_to_call", "The social work team on 01632 960 100 (out of hours 01632 960 999)"},
          {"wellbeing", wellbeing},
          {"prevention_advice", "Ask your GP for a falls check once a year. The council's handyperson service fits grab rails for free: "
                                "call 01632 960 150. Age UK Northshire runs a lunch club on Wednesdays."}};
}

// Decided plans for the decision-time report (Aisha's under the 2025 limits,
// Peter's under 2026's, Grace's returned with questions) and plans waiting in
// each approver's queue now, each a real support plan with its costed lines.
void load_demo_plans(storage::Connection& c, const LoadedCouncil& north) {
  using O = assessment::Outcome;
  DemoPlans d{c, north};
  const auto today = CivilDate::today_utc();
  const auto now = std::chrono::system_clock::now();
  auto days_ago = [&now](int n) { return utc_timestamp(now - std::chrono::hours(24 * n)); };
  const auto worker = north.users.at("social.worker");

  // Aisha Rahman: approved in October 2025 after 2 days 6 hours 30 minutes.
  demo_eligible_needs(c, north.id, north.people[3], worker, CivilDate{2025, 9, 29}, {O::CommunityFacilities, O::Relationships, O::HabitableHome}, 220'00);
  {
    auto p = d.person(3);
    auto plan = d.draft(p, "social.worker", plan_details("family_or_friends", "2025-10-13"),
                        "I want to go to the library and the Friday disco, and keep my flat nice.", {kCouncilPart},
                        {{"A", "A support worker for outings, shopping and the flat", "micro_enterprise", "Northshire Wellbeing Ltd", "22.00", "Hourly", "10.00", "Home Care"}},
                        CivilDate{2025, 10, 6});
    d.decide(d.submit(p, plan, "social.worker", "2025-10-06T09:00:00Z"), "team.manager", "approve", "", "2025-10-08T15:30:00Z");
  }
  // Peter Novak: costs more than his indicative budget, for a reason the author gave.
  demo_eligible_needs(c, north.id, north.people[4], worker, CivilDate{2026, 4, 27}, {O::Relationships, O::WorkTrainingVolunteering, O::CommunityFacilities}, 600'00);
  {
    auto p = d.person(4);
    auto plan = d.draft(p, "social.worker", plan_details("support_organisation", "2026-05-25"),
                        "I want to get back to volunteering at the allotments and see my brother again.", {kCouncilPart},
                        {{"A", "A specialist mental health support worker", "micro_enterprise", "Northshire Wellbeing Ltd", "640.00", "Weekly", "", "Home Care"}},
                        CivilDate{2026, 5, 11});
    d.decide(d.submit(p, plan, "social.worker", "2026-05-11T10:00:00Z", "local_costs",
                      "The specialist mental health support worker costs more than the model assumes."),
             "team.manager", "approve", "", "2026-05-20T11:00:00Z");
  }
  // Grace Williams: returned in June with questions; answered now as an
  // interim plan while a personal assistant is found, reworked and sent by the
  // team manager. The social worker started it, so she is its author and, over
  // an author's own limit, cannot decide it: the team manager can.
  demo_eligible_needs(c, north.id, north.people[5], worker, CivilDate{2026, 5, 26}, {O::UseHomeSafely, O::HabitableHome, O::CommunityFacilities}, std::nullopt);
  {
    auto p = d.person(5);
    auto plan = d.draft(p, "social.worker", plan_details("nobody", "2026-06-15"), "I want to keep reading my post and get to church on Sundays.",
                        {kCouncilPart}, {{"A", "A reading and escort service", "community_group", "Northshire Sight Support", "150.00", "Weekly", "", "Home Care"}},
                        CivilDate{2026, 6, 1});
    auto returned = d.decide(d.submit(p, plan, "social.worker", "2026-06-01T09:00:00Z"), "team.manager", "return",
                             "Which days does the reading service visit, and who covers when it cannot?", "2026-06-03T09:00:00Z");
    auto again = returned.plan;
    auto removed = services::remove_from_plan(c, again, "lines", "1");
    demo_check(removed, "plan line removed");
    again = d.change(p, *removed, "details",
                     {{"interim", "yes"}, {"interim_reason", "recruiting_personal_assistant"}, {"interim_ends_on", today.plus_days(70).iso()},
                      {"effective_from", today.plus_days(7).iso()}},
                     today);
    again = d.add_line(p, again, {"A", "The reading service on Mondays and Thursdays, and an escort to church on Sundays", "community_group",
                                  "Northshire Sight Support", "180.00", "Weekly", "", "Home Care"}, today);
    d.submit(p, again, "team.manager", days_ago(2));
  }
  // Dorothy Hughes: in the team manager's queue, over a social worker's limit,
  // and costing more than her indicative budget with no reason given yet.
  demo_eligible_needs(c, north.id, north.people[2], worker, today.plus_days(-20), {O::PersonalHygiene, O::ToiletNeeds, O::AppropriatelyClothed, O::Nutrition}, 380'00);
  {
    auto p = d.person(2);
    auto plan = d.draft(p, "social.worker", plan_details("family_or_friends", today.plus_days(14).iso()),
                        "I want to stay in my own home and be washed and dressed by people I know.", {kCouncilPart},
                        {{"A", "Home care morning and evening, to wash, dress and make meals", "personal_assistant", "Ann Bright", "25.00", "Hourly", "16.50", "Home Care"},
                         // A one-off cost, kept apart from the weekly cost (docs/budgets.md, "One-off costs").
                         {"A", "A riser recliner chair, so she can stand up safely", "micro_enterprise", "Northshire Mobility", "520.00", "One-off", "",
                          "Equipment and Adaptations"}},
                        today.plus_days(-3));
    d.submit(p, plan, "social.worker", days_ago(3));
  }
}

// Margaret Ellis (#15): an approved plan and the budget it made, with a
// direct-payment part and a council-managed part, and the next version of her
// plan waiting above the team manager's limit. She lacks capacity to ask for a
// direct payment, so it is paid to Sarah, her health and welfare attorney, as
// her authorised person (Care Act 2014 s.32(4)(a)); Sarah asked for it, and the
// council found she can manage it; the rest the council arranges. Her financial assessment comes
// first, so the budget takes her contribution.
void load_demo_margaret(storage::Connection& c, const LoadedCouncil& north) {
  using O = assessment::Outcome;
  DemoPlans d{c, north};
  const auto council = north.id;
  const auto worker = north.users.at("social.worker");
  const auto finance = north.users.at("finance");
  const auto margaret = north.people[0];
  // Care Act 2014 s.32(1)(b): she "lacks capacity to request" a direct payment,
  // so Sarah, her health and welfare attorney (s.32(4)(a)), asks for it and receives it.
  people::CapacityAssessment requesting;
  requesting.council_id = council;
  requesting.person_id = margaret;
  requesting.decision_kind = "requesting_direct_payment";
  requesting.decision = "Whether to ask the council to pay her a direct payment instead of arranging her care";
  requesting.assessed_on = CivilDate{2026, 10, 14};
  requesting.outcome = "lacks_capacity";
  requesting.assessed_by = "Sam Patel, social worker";
  requesting.notes = "Could not follow what a direct payment is for, or weigh it against the council arranging her care, "
                     "even with the leaflet in large print, on two visits.";
  storage::insert_capacity(c, requesting, worker);
  std::int64_t sarah_attorney = 0;
  for (const auto& r : storage::list_relationships(c, council, margaret))
    if (r.role == "lpa_health_welfare") sarah_attorney = r.id;
  demo_eligible_needs(c, council, margaret, worker, CivilDate{2026, 10, 12},
                      {O::PersonalHygiene, O::ToiletNeeds, O::AppropriatelyClothed, O::Nutrition, O::UseHomeSafely}, 850'00);
  auto p = d.person(0);
  demo_check(services::record_financial_assessment(c, p, {{"contribution", "weekly_amount"}, {"weekly_contribution", "42.30"},
                                                          {"assessed_on", "2026-10-20"}, {"assessed_by", "Northshire financial assessment team"}},
                                                   CivilDate{2026, 10, 20}, finance),
             "financial assessment");
  // Brightside Care, the demo `provider` account's agency, makes the tea-time
  // call, so that account sees Margaret (contact details and plan) while the plan is in force.
  std::int64_t brightside = 0;
  for (const auto& provider : storage::list_providers(c, council))
    if (provider.name == "Brightside Care") brightside = provider.id.value();
  const CivilDate written{2026, 10, 21};
  auto details = plan_details("family_or_friends", "2026-11-02",
                              "Mum says: \"My home, my cat Sooty, and Sarah coming on Sundays. I don't want to be frightened at night.\"");
  details.merge(people::Fields{{"interim", "yes"}, {"interim_reason", "crisis"}, {"interim_ends_on", "2027-02-01"}});
  auto plan = d.draft(p, "representative", details, "Mum wants to stay in her own home, with her cat, and be safe at night.",
                      {{{"key", "A"}, {"mechanism", "direct_payment"}, {"recipient", "authorised_person"}, {"recipient_name", "Sarah Ellis"},
                        {"held_in", "bank_account"}, {"manages", "by_themself"}, {"manages_decided_by", "Sam Patel, social worker"},
                        {"manages_decided_on", "2026-10-21"}, {"recipient_agreed_on", "2026-10-21"}, {"authorised_as", "attorney_or_deputy"},
                        {"representative_id", std::to_string(sarah_attorney)}},
                       {{"key", "B"}, {"mechanism", "council_managed"}}},
                      {{"A", "A personal assistant Mum knows, for washing, dressing and lunch", "personal_assistant", "Ann Bright", "20.00", "Hourly",
                        "9.00", "Home Care"},
                       {"B", "A tea-time call to make a meal and check she is safe", "provider", "Brightside Care", "95.50", "Weekly", "",
                        "Home Care", brightside}},
                      written);
  d.decide(d.submit(p, plan, "representative", "2026-10-22T10:00:00Z"), "team.manager", "approve", "", "2026-10-28T14:00:00Z", "other",
           "An interim plan after her falls, while the occupational therapist has still to visit about equipment for the bathroom.");
  demo_check(services::record_direct_payment_agreement(c, p, 1, {{"part_key", "A"}, {"signed_on", "2026-11-02"}, {"signed_by", "Sarah Ellis"},
                                                               {"first_payment_on", "2026-11-09"}, {"review_on", "2027-05-07"}},
                                                      CivilDate{2026, 11, 2}, finance),
             "direct payment agreement");
  // The next version: night care since her falls, over the team manager's limit.
  const auto today = CivilDate::today_utc();
  auto approved = storage::find_plan_in_council(c, council, plan.id).value();
  auto next = services::new_plan_version(c, p, approved, {{"effective_from", today.plus_days(14).iso()}},
                                         north.users.at("representative"), today);
  demo_check(next, "plan version");
  auto v2 = d.change(p, *next, "details", {{"interim", "no"}}, today);
  v2 = d.add_line(p, v2, {"B", "Two carers overnight, to help her to the toilet safely", "micro_enterprise", "Northshire Home Help", "637.00", "Weekly", "",
                          "Home Care"}, today);
  const auto now = std::chrono::system_clock::now();
  d.submit(p, v2, "representative", utc_timestamp(now - std::chrono::hours(24 * 5)), "needs_not_reflected",
           "Margaret needs two carers at night since her falls; the questionnaire has no question about nights.");
}

// Reviews (docs/planning.md, "Reviews"): every approval above scheduled its
// plan's first review. Aisha's plan (approved October 2025) had its first
// review on 20 December 2025 and is due its yearly one by 20 December 2026; the
// others' first reviews stay due, some overdue, as on a real caseload.
// The budget holder's pages (#17): Sarah, who may act on her mother's care,
// asked for a review because the night carers keep coming late; it is on the
// social worker's home page, due within the council's days for that reason.
void load_demo_review_requests(storage::Connection& c, const LoadedCouncil& north) {
  auto margaret = storage::find_person(c, north.id, north.people[0]).value();
  auto sarah = storage::find_user(c, north.id, north.users.at("representative")).value();
  demo_check(services::ask_for_review(c, margaret,
                                      {{"reason", "support_not_working"},
                                       {"details", "The night carers came late three times this week. Mum was frightened."}},
                                      sarah, CivilDate::today_utc()),
             "demo review request");
}

void load_demo_reviews(storage::Connection& c, const LoadedCouncil& north) {
  auto aisha = storage::find_person(c, north.id, north.people[3]).value();
  for (const auto& r : services::person_reviews(c, aisha, CivilDate{2025, 12, 22}, false).due) {
    if (!r.key.starts_with("plan:")) continue;
    demo_check(services::record_review(c, aisha,
                                       {{"review", r.key}, {"done_on", "2025-12-20"}, {"done_by", "Sam Patel, social worker"},
                                        {"outcome", "no_change"},
                                        {"notes", "Aisha goes to the library each week and to the disco most Fridays; the flat is kept well."}},
                                       north.users.at("social.worker"), CivilDate{2025, 12, 22}),
               "demo review");
  }
}

// Joseph Okafor, the demo's budget holder: a plan he wrote himself, approved
// with a direct payment to him, so his home page shows his plan and budget;
// and its next version, moving part of it to a day service the council
// arranges, waiting in the team manager's queue (within his limit, and the
// same as his indicative budget, so no reason for a difference is needed).
void load_demo_joseph(storage::Connection& c, const LoadedCouncil& north, std::int64_t day_service) {
  using O = assessment::Outcome;
  DemoPlans d{c, north};
  demo_eligible_needs(c, north.id, north.people[1], north.users.at("social.worker"), CivilDate{2026, 8, 17},
                      {O::HabitableHome, O::CommunityFacilities, O::WorkTrainingVolunteering}, 240'00);
  auto p = d.person(1);
  auto plan = d.draft(p, "budget.holder", plan_details("nobody", "2026-09-07"), "I want to get out and about again and keep my house in order.",
                      {{{"key", "A"}, {"mechanism", "direct_payment"}, {"recipient", "person"}, {"held_in", "bank_account"},
                        {"manages", "by_themself"}, {"manages_decided_by", "Sam Patel, social worker"}, {"manages_decided_on", "2026-08-24"}}},
                      {{"A", "A personal assistant I employ, to drive me out and help in the house", "personal_assistant", "Kofi Mensah", "24.00",
                        "Hourly", "10.00", "Home Care"}},
                      CivilDate{2026, 8, 24});
  d.decide(d.submit(p, plan, "budget.holder", "2026-08-24T12:00:00Z"), "team.manager", "approve", "", "2026-08-27T10:15:00Z");
  const auto today = CivilDate::today_utc();
  auto approved = storage::find_plan_in_council(c, north.id, plan.id).value();
  auto next = services::new_plan_version(c, p, approved, {{"effective_from", today.plus_days(14).iso()}}, north.users.at("budget.holder"), today);
  demo_check(next, "plan version");
  auto removed = services::remove_from_plan(c, *next, "lines", "1");
  demo_check(removed, "plan line removed");
  auto v2 = d.change(p, *removed, "parts", {{"key", "B"}, {"mechanism", "council_managed"}}, today);
  v2 = d.add_line(p, v2, {"A", "A personal assistant I employ, to help in the house", "personal_assistant", "Kofi Mensah", "24.00", "Hourly", "6.50",
                          "Home Care"}, today);
  v2 = d.add_line(p, v2, {"B", "Wednesdays at Meadow View, with the woodwork group", "provider", "Meadow View Day Service", "84.00", "Weekly", "",
                          "Day Care", day_service}, today);
  const auto now = std::chrono::system_clock::now();
  d.submit(p, v2, "budget.holder", utc_timestamp(now - std::chrono::hours(24)));
}

// The ledger (#16): Joseph's direct payment, paid to him four-weekly in
// advance from his budget's start, with his personal assistant's wages paid
// from it, so his budget page, his account and finance's pages have money to
// show. Margaret's direct payment is paid by the demo payment run instead
// (docs/money.md). Ids say what each transfer is, as every creator's must.
void load_demo_ledger(storage::Connection& c, const LoadedCouncil& north) {
  const PersonId joseph = north.people[1];
  auto funding = services::council_account(c, north.id, ledger::AccountKind::CouncilFunding);
  auto dp = services::holding_account(c, north.id, joseph, "A", budgets::Mechanism::DirectPayment);
  auto wages = services::spending_account(c, north.id, ledger::SpendingCategory::PaWages);
  demo_check(funding, "ledger funding account");
  demo_check(dp, "ledger holding account");
  demo_check(wages, "ledger spending account");
  std::vector<ledger::Transfer> transfers;
  auto add = [&](std::string id, ledger::AccountId debit, ledger::AccountId credit, std::int64_t pence, CivilDate on,
                 std::string reason) {
    transfers.push_back({std::move(id), debit, credit, Money::from_pence(pence), on, std::move(reason), std::nullopt});
  };
  for (auto [y, m, d] : {std::tuple{2026, 9u, 7u}, std::tuple{2026, 10u, 5u}, std::tuple{2026, 11u, 2u}}) {
    const CivilDate on(y, m, d);
    add("demo:payment:joseph:A:" + on.iso(), *funding, *dp, 960'00, on, "Direct payment for four weeks from " + on.display());
  }
  add("demo:wages:joseph:2026-10-02", *dp, *wages, 960'00, CivilDate(2026, 10, 2), "Kofi Mensah's wages, four weeks to 2 October");
  add("demo:wages:joseph:2026-10-30", *dp, *wages, 960'00, CivilDate(2026, 10, 30), "Kofi Mensah's wages, four weeks to 30 October");
  demo_check(services::post(c, north.id, transfers), "ledger transfers");
}

// Provider invoices (#16, docs/money.md "Provider invoices"): Brightside Care
// invoices Margaret's council-managed tea-time calls. BC-1041, for the week
// before her direct payment starts, matches the plan: sent by the `provider`
// account, approved by `finance.checker`, and paid in the first payment run
// (called from load_demo_payments before that run is prepared). BC-1042 adds
// an extra visit the plan does not pay for, so it is held, and `finance` has
// asked Brightside about it: the thread waits for the provider.
void load_demo_invoices(storage::Connection& c, const LoadedCouncil& north) {
  const auto council = north.id;
  const auto provider_user = north.users.at("provider");
  const auto finance = north.users.at("finance");
  DemoPlans d{c, north};
  auto margaret = d.person(0);
  std::optional<ProviderId> brightside;
  for (const auto& p : storage::list_providers(c, council))
    if (p.name == "Brightside Care") brightside = p.id;
  int tea_time = 0;
  for (const auto& plan : storage::plans_in_force(c, council, margaret.id, CivilDate{2026, 11, 9}))
    for (const auto& l : plan.lines)
      if (l.provider_id && brightside && *l.provider_id == brightside->value()) tea_time = l.number;
  if (!brightside || tea_time == 0) throw std::runtime_error("demo: Brightside's line on Margaret's plan is missing");
  demo_check(services::record_provider_bank_details(c, council, *brightside, {{"account_name", "Brightside Care Ltd"}, {"sort_code", "30-94-57"},
                                                                              {"account_number", "20418833"}}, finance),
             "Brightside's bank details");
  const auto line = std::to_string(tea_time);
  auto send = [&](people::Fields f) {
    auto s = invoices::submission_from_fields(f, CivilDate::today_utc());
    demo_check(s, "invoice");
    auto inv = services::submit_invoice(c, margaret, *brightside, *s, provider_user);
    demo_check(inv, "invoice");
    return *inv;
  };
  auto paid = send({{"number", "BC-1041"}, {"person_id", margaret.id.text()}, {"part_key", "B"}, {"period_from", "2026-11-02"},
                    {"period_to", "2026-11-08"}, {"lines[0].plan_line", line}, {"lines[0].units", "1"}, {"lines[0].unit_cost", "95.50"},
                    {"lines[0].description", "Tea-time calls, 2 to 8 November"}});
  demo_check(services::approve_invoice(c, council, paid.id, north.users.at("finance.checker")), "invoice approved");
  auto held = send({{"number", "BC-1042"}, {"person_id", margaret.id.text()}, {"part_key", "B"}, {"period_from", "2026-11-09"},
                    {"period_to", "2026-11-15"}, {"lines[0].plan_line", line}, {"lines[0].units", "1"}, {"lines[0].unit_cost", "95.50"},
                    {"lines[0].description", "Tea-time calls, 9 to 15 November"}, {"lines[1].plan_line", line}, {"lines[1].units", "1"},
                    {"lines[1].unit_cost", "25.00"}, {"lines[1].description", "Extra evening visit on 12 November after a fall"}});
  demo_check(services::write_invoice_message(
                 c, council, held.id,
                 {{"message", "Margaret's plan pays for the tea-time calls, £95.50 a week, not for extra visits. Who asked for the visit on "
                              "12 November, and what happened? Please send the care notes for that evening. If Margaret needs more visits, "
                              "her social worker must change her plan first."},
                  {"must_act", "provider"}},
                 invoices::Side::Council, finance),
             "invoice thread");
}

// Payments (#16): Northshire deducts the person's contribution from the
// direct payment, and has a (made-up, valid-format) BACS originator. Margaret's
// direct payment is paid four-weekly from 9 November 2026 (the first payment
// on her agreement) into Sarah's account (made-up, valid-format details). The
// first four weeks went in a run prepared by `finance`, approved by
// `finance.checker` and exported; the next is in a draft run `finance`
// prepared, waiting for someone else to approve it.
void load_demo_payments(storage::Connection& c, const LoadedCouncil& north) {
  const auto finance = north.users.at("finance");
  const auto checker = north.users.at("finance.checker");
  payments::PaymentSettings settings;
  settings.deduct_contribution = true;
  settings.originator_name = "Northshire Council";
  settings.originator_sort_code = "204577";
  settings.originator_account_number = "83456712";
  settings.service_user_number = "912345";
  storage::set_payment_settings(c, north.id, settings, north.users.at("admin"));
  DemoPlans d{c, north};
  auto margaret = d.person(0);
  demo_check(services::set_payment_schedule(c, margaret, {{"part_key", "A"}, {"frequency", "four_weekly"}, {"starts_on", "2026-11-09"}}, finance),
             "payment schedule");
  demo_check(services::record_bank_details(c, margaret, {{"part_key", "A"}, {"account_name", "Sarah Ellis"}, {"sort_code", "60-70-80"},
                                                         {"account_number", "41762935"}}, finance),
             "bank details");
  load_demo_invoices(c, north);  // Brightside's invoice BC-1041 is paid in the first run
  auto first = services::prepare_payment_run(c, north.id, CivilDate{2026, 11, 9}, finance);
  demo_check(first, "first payment run");
  demo_check(services::approve_payment_run(c, north.id, first->run.id, checker), "payment run approved");
  demo_check(services::export_payment_run(c, north.id, first->run.id, services::FileFormat::Bacs18, finance), "payment run exported");
  // The next four weeks, due within a fortnight of today.
  demo_check(services::prepare_payment_run(c, north.id, std::max(CivilDate::today_utc().plus_days(14), CivilDate{2026, 12, 7}), finance),
             "draft payment run");
}


// Monitoring (#16, docs/money.md "Monitoring and flags"). Margaret's account:
// Sarah moved the money left from Margaret's earlier direct payment into it
// and pays in her mother's contribution, so after the council's first payment
// and the spending on her statement it holds £1,913.00 where the plan allows
// £1,101.60 (8 weeks of the £137.70 the council pays); and a £10.00
// card payment to the National Lottery (merchant category 7800, which
// Margaret's plan, from the council's defaults, does not allow). The check
// raises both; the social worker looked at the lottery one and gave advice,
// and the surplus waits for finance.
//
// The lottery line is written here directly, with its spending posted as the
// import would post it: it comes from the card issuer's file, and the import
// refuses a card file for an account whose recorded bank details are Sarah's
// bank account (docs/statements.md "Account"), which is right for a real
// file but leaves no real file for the demo to import. Sarah's bank statement
// (load_demo_statement, loaded before this) goes through the real import.
constexpr storage::Statement kDemoStatementImport{"demo_statement_import",
    "INSERT INTO statement_imports (council_id, account_id, format, file_name, file_sha256, imported_by, imported_at, lines_read, lines_added) "
    "VALUES ($1, $2, 'card', 'margaret-ellis-card.csv', 'demo', $3, $4, 1, 1) RETURNING id"};
constexpr storage::Statement kDemoStatementLine{"demo_statement_line",
    "INSERT INTO statement_lines (council_id, account_id, import_id, line_identity, booking_date, amount_pence, payee, description, "
    "merchant_category_code, cash, category, transfer_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, 'other', $10)"};

void load_demo_monitoring(storage::Connection& c, const LoadedCouncil& north) {
  const PersonId margaret = north.people[0];
  const auto today = CivilDate::today_utc();
  auto dp = services::holding_account(c, north.id, margaret, "A", budgets::Mechanism::DirectPayment);
  auto funding = services::council_account(c, north.id, ledger::AccountKind::CouncilFunding);
  auto contribution = services::contribution_account(c, north.id, margaret);
  demo_check(dp, "Margaret's holding account");
  demo_check(funding, "funding account");
  demo_check(contribution, "Margaret's contribution account");
  const CivilDate opened{2026, 11, 9};
  const std::vector<ledger::Transfer> in{
      {"demo:carried-over:margaret:A", *funding, *dp, Money::from_pence(1590'40), opened,
       "Left from Margaret's earlier direct payment, moved to this account when it opened", std::nullopt},
      {"demo:contribution:margaret:" + opened.iso(), *contribution, *dp, Money::from_pence(169'20), opened,
       "Margaret's contribution for four weeks, paid in by Sarah", std::nullopt}};
  demo_check(services::post(c, north.id, in), "Margaret's money in");
  auto other = services::spending_account(c, north.id, ledger::SpendingCategory::Other);
  demo_check(other, "spending account");
  const std::string lottery_transfer = "stmt:" + std::to_string(*dp) + ":demo:lottery";
  const std::vector<ledger::Transfer> spent{{lottery_transfer, *dp, *other, Money::from_pence(10'00), today.plus_days(-5),
                                             "Card payment: NATIONAL LOTTERY", std::nullopt}};
  demo_check(services::post(c, north.id, spent), "Margaret's card payment");
  const auto import = c.query(kDemoStatementImport, {north.id, *dp, north.users.at("finance"), utc_timestamp_now()}).at(0).int64(0);
  c.execute(kDemoStatementLine, {north.id, *dp, import, "demo:lottery", today.plus_days(-5), std::int64_t(-10'00), "NATIONAL LOTTERY",
                                 "CARD PAYMENT NATIONAL LOTTERY", std::int64_t(7800), lottery_transfer});
  demo_check(services::run_monitoring_check(c, north.id, today), "monitoring check");
  people::Person person;
  person.id = margaret;
  person.council_id = north.id;
  const auto worker = north.users.at("social.worker");
  for (const auto& flag : storage::list_flags(c, north.id, {})) {
    if (flag.person_id != margaret || flag.kind != monitoring::FlagKind::MerchantCategory) continue;
    auto looked = services::work_flag(c, person, flag, {{"step", "looked_at"}, {"note", "Rang Sarah: she bought Margaret's usual lottery ticket with the wrong card."}}, worker);
    demo_check(looked, "flag looked at");
    demo_check(services::work_flag(c, person, looked->flag, {{"step", "outcome"}, {"outcome", "advice_given"},
                                                             {"note", "Explained the card is for Margaret's support only; Sarah will use her own card for the lottery."}}, worker),
               "flag outcome");
  }
}
// Statements (#16, docs/statements.md "Importing a statement"): Sarah's bank
// statement for Margaret's direct payment account, imported by `finance`: the
// council's first payment in (matched to the run's transfer, not posted
// again), Ann Bright's wages (finance taught "A BRIGHT" is a PA's wages
// before, so the rule is learned), HMRC and the employer's insurance (council
// defaults), and a shop the rules do not know: one exception to work. Every
// line is dated the day the payment arrived (the run's processing day, which
// is the day the demo is loaded).
void load_demo_statement(storage::Connection& c, const LoadedCouncil& north) {
  const auto finance = north.users.at("finance");
  const PersonId margaret = north.people[0];
  auto dp = services::holding_account(c, north.id, margaret, "A", budgets::Mechanism::DirectPayment);
  demo_check(dp, "Margaret's holding account");
  std::optional<ledger::Transfer> paid;
  for (const auto& l : storage::list_account_transfers(c, north.id, *dp, CivilDate{2026, 11, 1}, CivilDate::today_utc().plus_days(30)))
    if (l.transfer.id.starts_with("pay:") && l.transfer.credit == *dp && !paid) paid = l.transfer;
  if (!paid) throw std::runtime_error("demo: Margaret's first payment is not in the ledger");
  storage::insert_learned_category_rule(c, north.id, "pa_wages payee=\"a bright\"", "learned from finance on 2026-11-20", finance);
  const std::string on = paid->value_date.iso();
  const std::string csv = "Id,Date,Payee,Description,Reference,Amount,Balance\n"
                          "SE-0001," + on + ",NORTHSHIRE COUNCIL,Direct payment,PB" + std::to_string(margaret.value()) + " A 09NOV26," +
                          paid->amount.decimal() + ",\n"
                          "SE-0002," + on + ",A BRIGHT,Wages two weeks,,-360.00,\n"
                          "SE-0003," + on + ",HMRC,PAYE for Ann Bright,,-12.40,\n"
                          "SE-0004," + on + ",FISH INSURANCE,Employer's liability insurance,,-15.00,\n"
                          "SE-0005," + on + ",HOMEWARE DIRECT,Card purchase,,-34.99,\n";
  services::StatementImportRequest req;
  req.council = north.id;
  req.account = *dp;
  req.format = statements::Format::Csv;
  req.mapping = "patchwork";
  req.file_name = "sarah-ellis-statement.csv";
  req.by = finance;
  auto imported = services::import_statement(c, req, io::statements::source_from_text(csv));
  demo_check(imported, "Margaret's statement");
  if (imported->outcome != services::StatementImportResult::Outcome::Imported)
    throw std::runtime_error("demo: Margaret's statement was refused: " + imported->refusal);
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

    // A second, small council with a banded model of its own, so that one
    // council's staff can be seen not to reach another's people.
    const auto southvale_ras = (std::filesystem::path(ras_file).parent_path() / "southvale-ras.json").string();
    auto south = load_council(c, kSouthvaleCode, "Southvale Council", kSouthvalePeople, kSouthvaleUsers, questionnaire_file,
                              southvale_ras, hash);
    for (auto person : south.people) storage::allocate_worker(c, south.id, person, south.users["southvale.worker"]);
    load_demo_thresholds(c, north, south, std::filesystem::path(ras_file).parent_path().string());
    const auto day_service = load_demo_providers(c, north, south);
    // Every demo plan, approval request and budget comes from a real support
    // plan, through the services (#15).
    load_demo_plans(c, north);
    load_demo_margaret(c, north);
    load_demo_joseph(c, north, day_service);
    load_demo_reviews(c, north);
    load_demo_ledger(c, north);
    load_demo_payments(c, north);
    load_demo_statement(c, north);
    load_demo_monitoring(c, north);
    load_demo_review_requests(c, north);
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
