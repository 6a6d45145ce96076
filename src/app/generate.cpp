// `patchwork generate` (#18): a synthetic data set of any size, up to the
// national one, for measuring Patchwork as the data grows (bench/scale) and for
// trying it with realistic numbers of people.
//
// Everything is recorded through the services the pages and the API use, so
// each row passes the checks a row typed by hand passes, and the schema is
// written down once (in the migrations): people and their carers and
// representatives, a self-assessment answered and confirmed, the eligibility
// decision and the indicative budget the RAS works out, a support plan written,
// agreed, sent and approved, which sets the personal budget; for direct
// payments a schedule and bank details; then, council by council, every
// four-weekly payment run over the years (prepared by one finance officer,
// approved by another, exported), a bank statement for each direct-payment
// account imported and categorised, and the monitoring check with its flags,
// some of them worked.
//
// What each person is like is drawn by domain/synthetic (the shares and their
// sources are written there); the draws for a council or a person depend only
// on the seed and their numbers, so a seed always gives the same data.
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include <fmt/format.h>

#include "app/commands.hpp"
#include "core/text.hpp"
#include "domain/accounts/passwords.hpp"
#include "domain/accounts/tokens.hpp"
#include "domain/payments/run.hpp"
#include "domain/synthetic/population.hpp"
#include "io/statements/parse.hpp"
#include "services/accounts_service.hpp"
#include "services/approvals_service.hpp"
#include "services/assessment_service.hpp"
#include "services/carers_service.hpp"
#include "services/councils_service.hpp"
#include "services/ledger_service.hpp"
#include "services/monitoring_service.hpp"
#include "services/payments_service.hpp"
#include "services/people_service.hpp"
#include "services/plan_approval_service.hpp"
#include "services/plans_service.hpp"
#include "services/recovery_service.hpp"
#include "services/reviews_service.hpp"
#include "services/statements_service.hpp"
#include "storage/catalogue.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/monitoring_repository.hpp"
#include "storage/repositories/payments_repository.hpp"
#include "storage/repositories/providers_repository.hpp"
#include "storage/repositories/recovery_repository.hpp"
#include "storage/repositories/statements_repository.hpp"

namespace patchwork::app {

namespace {

using synthetic::Arrangement;
using synthetic::Draw;

// People written in one transaction: small enough that a failure loses little
// work, large enough that commits do not dominate.
constexpr int kPeoplePerTransaction = 250;
// One social worker for this many people, as in a busy long-term team.
constexpr long long kPeoplePerWorker = 40;

struct GenerationError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

template <typename R>
auto checked(R&& r, const std::string& what) {
  if (!r) {
    std::string why;
    for (const auto& e : r.error()) why += (why.empty() ? "" : "; ") + e.field + ": " + e.message;
    throw GenerationError(what + " was refused (" + why + ")");
  }
  return std::move(*r);
}

std::string file_text(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw GenerationError("cannot read " + file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string at_ten(CivilDate d) { return d.iso() + "T10:00:00Z"; }

std::string pounds(std::int64_t pence) { return fmt::format("{}.{:02}", pence / 100, pence % 100); }

std::string thousands(long long n) {
  std::string s = std::to_string(n), out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

// Progress on a terminal, overwritten in place; nothing when output is a file.
class Progress {
 public:
  explicit Progress(bool on) : on_(on) {}
  void show(const std::string& line) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    std::cerr << "\r\x1b[2K" << line << std::flush;
  }
  void done() {
    if (on_) std::cerr << "\r\x1b[2K" << std::flush;
  }

 private:
  bool on_;
  std::chrono::steady_clock::time_point last_{};
};

struct Staff {
  accounts::User admin, manager, head, finance, checker;
  std::vector<accounts::User> workers;
};

struct Totals {
  long long people = 0, personal_budgets = 0, direct_payments = 0, waiting = 0, runs = 0, statement_lines = 0, flags = 0;
  long long deaths = 0, recovery_cases = 0, recovered = 0, written_off = 0, reviews = 0;
};

// A death in the history, and when the council heard of it.
struct Death {
  CivilDate on, known_on;
};

// The query planner's statistics, kept in step while the tables grow from
// nothing. Without them PostgreSQL's prepared statements keep the plans made
// when the tables were empty, and SQLite picks the wrong index for
// some look-ups: 1,000 people took 82 s on PostgreSQL with statistics only at
// the end. ANALYZE runs each time the rows written double (people and
// statement lines), so all of them together cost about two final ones.
class PlannerStatistics {
 public:
  void written(long long rows) { rows_ += rows; }
  // Between transactions only: ANALYZE inside one would hold its write lock.
  void keep_up(storage::Connection& c) {
    if (rows_ < next_) return;
    storage::refresh_statistics(c);
    next_ = rows_ * 2;
  }

 private:
  long long rows_ = 0;
  long long next_ = 200;
};

class CouncilGenerator {
 public:
  CouncilGenerator(storage::Database& db, const GenerateOptions& o, long long index, const synthetic::CouncilMix& mix, long long people,
                   long long first_nhs, CivilDate history_start, CivilDate today, const std::string& password_hash, Progress& progress,
                   Totals& totals, PlannerStatistics& statistics)
      : db_(db), o_(o), index_(index), mix_(mix), people_(people), first_nhs_(first_nhs), start_(history_start), today_(today),
        password_hash_(password_hash), progress_(progress), totals_(totals), statistics_(statistics) {}

  void run() {
    set_up();
    for (long long i = 0; i < people_; i += kPeoplePerTransaction) {
      auto lease = db_.acquire();
      storage::Transaction tx(*lease, storage::TxMode::Write);
      const long long end = std::min(people_, i + kPeoplePerTransaction);
      for (long long j = i; j < end; ++j) {
        person(*lease, j);
        progress_.show(fmt::format("{} ({} of {}): {} of {} people", name_, index_ + 1 - o_.first_index, o_.councils_now,
                                   thousands(j + 1), thousands(people_)));
      }
      tx.commit();
      statistics_.written(end - i);
      statistics_.keep_up(*lease);
    }
    payment_runs();
    statements();
    recoveries();
    monitoring();
  }

 private:
  storage::Database& db_;
  const GenerateOptions& o_;
  long long index_;
  synthetic::CouncilMix mix_;
  long long people_;
  long long first_nhs_;
  CivilDate start_, today_;
  const std::string& password_hash_;
  Progress& progress_;
  Totals& totals_;
  PlannerStatistics& statistics_;
  std::string code_, name_;
  CouncilId council_{};
  Staff staff_;
  std::vector<ProviderId> agencies_;
  std::optional<std::pair<std::int64_t, assessment::Questionnaire>> questionnaire_;
  // Everyone with a direct payment: the money follows them after the people are recorded.
  struct DirectPaymentHolder {
    people::Person person;
    UserId worker;
    bool underspends = false;             // spends little, so money builds up
    std::optional<Death> death;           // recorded once known (payment_runs)
    std::optional<std::int64_t> recovery; // the recovery case its recording opened
  };
  std::vector<DirectPaymentHolder> direct_payments_;

  // Records a death as the social worker would once the family rings, on the
  // day they do: support ends, the date of death goes on the record, and
  // anything paid in advance for the days after becomes a recovery case.
  std::optional<std::int64_t> record_death(storage::Connection& c, const people::Person& person, const Death& death, UserId by) {
    auto ended = checked(services::record_end_of_support(c, person,
                                                         {{"kind", "died"}, {"on", death.on.iso()},
                                                          {"note", "Their family rang the social work team to tell us."}},
                                                         by, death.known_on),
                         "a death");
    ++totals_.deaths;
    if (!ended.opened) return std::nullopt;
    ++totals_.recovery_cases;
    return ended.opened->id;
  }

  accounts::User add_user(storage::Connection& c, const std::string& username, const std::string& display, access::Role role) {
    accounts::User u;
    u.council_id = council_;
    u.username = username;
    u.display_name = display;
    u.role = role;
    u.password_hash = password_hash_;
    u.id = checked(services::add_account(c, u), "the account " + username);
    return u;
  }

  void set_up() {
    code_ = synthetic::council_code(index_);
    name_ = synthetic::council_name(index_);
    auto lease = db_.acquire();
    storage::Transaction tx(*lease, storage::TxMode::Write);
    auto& c = *lease;
    council_ = checked(services::add_council(c, code_, name_), "the council " + code_);
    checked(services::load_questionnaire(c, council_, file_text(o_.questionnaire_file), std::nullopt), "the questionnaire");
    checked(services::load_ras_configuration(c, council_, file_text(o_.ras_file), std::nullopt), "the RAS configuration");
    // Delegated authority in force from the first day of the history (the
    // shipped examples start in 2025 and 2026).
    const std::string thresholds = fmt::format(
        R"({{"name": "Synthetic delegated authority", "version": 1, "effective_from": "{}", "social_worker": "300.00",
            "team_manager": "900.00", "head_of_service": null, "panel": false, "author_self_approval": "150.00", "interim": "500.00"}})",
        start_.plus_days(-400).iso());
    checked(services::load_approval_thresholds(c, council_, thresholds, std::nullopt), "the approval thresholds");
    const std::string lower = to_lower(code_);
    staff_.admin = add_user(c, lower + ".admin", "Administrator of " + name_, access::Role::Administrator);
    staff_.manager = add_user(c, lower + ".manager", "Team manager of " + name_, access::Role::TeamManager);
    staff_.head = add_user(c, lower + ".head", "Head of service of " + name_, access::Role::HeadOfService);
    staff_.finance = add_user(c, lower + ".finance", "Finance officer of " + name_, access::Role::FinanceOfficer);
    staff_.checker = add_user(c, lower + ".checker", "Finance checker of " + name_, access::Role::FinanceOfficer);
    add_user(c, lower + ".commissioner", "Commissioner of " + name_, access::Role::Commissioner);
    const long long workers = std::max(1LL, (people_ + kPeoplePerWorker - 1) / kPeoplePerWorker);
    for (long long w = 1; w <= workers; ++w)
      staff_.workers.push_back(add_user(c, lower + ".worker" + std::to_string(w), fmt::format("Social worker {} of {}", w, name_),
                                        access::Role::SocialWorker));
    // The register: home care agencies the council commissions, and a day service.
    for (int a = 1; a <= 3; ++a) {
      providers::Provider p;
      p.council_id = council_;
      p.name = fmt::format("{} Home Care {}", name_.substr(0, name_.find(' ')), a);
      p.kind = "home_care_agency";
      p.cqc_location_id = fmt::format("1-8{:08}", index_ * 10 + a);
      agencies_.push_back(storage::insert_provider(c, p));
    }
    payments::PaymentSettings settings;
    settings.deduct_contribution = true;
    settings.originator_name = name_.substr(0, 18);
    settings.originator_sort_code = "204577";
    settings.originator_account_number = fmt::format("8{:07}", index_ % 10'000'000);
    settings.service_user_number = fmt::format("9{:05}", index_ % 100'000);
    storage::set_payment_settings(c, council_, settings, staff_.admin.id);
    // Personal assistants' wages show on statements as "PA wages": taught once,
    // as a finance officer would after the first statement.
    storage::insert_learned_category_rule(c, council_, "pa_wages payee~\"pa wages\"", "set up by patchwork generate", staff_.finance.id);
    tx.commit();
  }

  // Answers to the council's questionnaire for someone of this need: each
  // question answered with an option that needs help with probability `need`,
  // the amount of help growing with it. Someone found not eligible manages.
  assessment::Answers answers_for(storage::Connection& c, Draw& d, const synthetic::PersonDraw& p, std::int64_t questionnaire_id) {
    // Read once per council: every person is assessed on the council's one version.
    if (!questionnaire_ || questionnaire_->first != questionnaire_id)
      questionnaire_.emplace(questionnaire_id, checked(services::questionnaire_for(c, council_, questionnaire_id), "the questionnaire"));
    const auto& q = questionnaire_->second;
    assessment::Answers a;
    int needing = 0;
    for (const auto& domain : q.domains)
      for (const auto& question : domain.questions) {
        const auto& options = question.answers;
        std::size_t chosen = 0;
        const bool eligible = p.arrangement != Arrangement::NotEligible;
        // The first two questions tied to an outcome always need help for an
        // eligible person: eligibility asks for two outcomes not achieved.
        const bool must = eligible && question.outcome && needing < 2;
        if (eligible && (must || d.chance(p.need)) && options.size() > 1) {
          const auto worst = options.size() - 1;
          chosen = std::min<std::size_t>(worst, 1 + std::size_t(p.need * double(worst) * d.unit() + p.need * 0.5 * double(worst)));
          if (question.outcome && options[chosen].unable_reason) ++needing;
          else if (must)
            for (std::size_t k = 1; k < options.size(); ++k)
              if (options[k].unable_reason) { chosen = k; ++needing; break; }
        }
        a[question.id] = options[chosen].value;
      }
    return a;
  }

  void person(storage::Connection& c, long long n) {
    Draw d = Draw::stream(o_.seed, std::uint64_t(index_), std::uint64_t(n) + 1);
    auto p = synthetic::draw_person(d, mix_, start_, today_, name_.substr(0, name_.find(' ')));
    const auto& worker = staff_.workers[std::size_t(n % static_cast<long long>(staff_.workers.size()))];
    const CivilDate asked = p.support_from.plus_days(-d.between(28, 56));
    people::PersonFields f{{"given_name", p.given_name}, {"family_name", p.family_name}, {"date_of_birth", p.date_of_birth.iso()},
                           {"gender", p.gender}, {"ethnicity", p.ethnicity}, {"primary_support_reason", p.primary_support_reason},
                           {"dementia", p.dementia}, {"has_unpaid_carer", p.has_unpaid_carer}, {"postcode", p.postcode},
                           {"town", p.town}, {"accommodation_status", p.accommodation_status}, {"preferred_contact", "phone"},
                           {"address_line_1", fmt::format("{} {} Road", d.between(1, 240), p.family_name)}};
    const long long nhs = first_nhs_ + n;
    if (nhs < synthetic::kNhsNumbers) f["nhs_number"] = synthetic::test_nhs_number(nhs);
    auto person = checked(services::create_person(c, worker, f, asked, services::DuplicateCheck::ConfirmedDifferent), "a person");
    ++totals_.people;
    if (p.has_unpaid_carer == "Yes")
      checked(services::add_carer(c, person,
                                  {{"name", std::string(d.chance(0.5) ? "Sue" : "Tom") + " " + p.family_name},
                                   {"relationship", d.chance(0.5) ? "daughter" : (p.gender == "Female" ? "husband" : "wife")},
                                   {"hours_per_week", std::to_string(d.between(5, 50))},
                                   {"lives_with_person", d.chance(0.5) ? "yes" : "no"}},
                                  worker.id, asked, [](const people::Person&) { return true; }),
              "a carer");
    if (p.has_representative)
      checked(services::add_relationship(c, person,
                                         {{"name", "Alex " + p.family_name}, {"role", "lpa_property_financial"},
                                          {"basis", "registered_lpa"}, {"recorded_on", asked.iso()}},
                                         "", worker.id, asked),
              "an attorney");

    // The self-assessment, its confirmation and the eligibility decision.
    const CivilDate assessed = p.support_from.plus_days(-21);
    auto a = checked(services::start_assessment(c, person, "with their social worker, at home", worker.id, at_ten(asked)), "an assessment");
    const auto answers = answers_for(c, d, p, a.questionnaire_id);
    a = checked(services::save_answers(c, a, answers, services::Submit::Yes, at_ten(assessed.plus_days(-2))), "the answers");
    a = checked(services::confirm_assessment(c, a, {}, worker.id, {}, assessed, at_ten(assessed)), "the confirmation");
    auto in = checked(services::propose_eligibility(c, a), "the eligibility proposal");
    in.impairment_or_illness = true;
    in.significant_impact_on_wellbeing = p.arrangement != Arrangement::NotEligible;
    in.impact_note = in.significant_impact_on_wellbeing ? "The needs make daily life unsafe and lonely without help."
                                                        : "The needs do not yet have a significant impact on well-being.";
    in.method_of_assessment = p.has_unpaid_carer == "Yes" ? "Service user and carer" : "Service user only";
    if (p.arrangement == Arrangement::NotEligible)
      in.information_given = "Told about the lunch club, the handyperson service and how to ask again if things change.";
    auto decision = checked(services::record_eligibility(c, a, in, worker.id, assessed), "the eligibility decision");
    if (!decision.eligible) return;
    auto allocation = checked(services::allocate(c, a, worker.id, at_ten(assessed)), "the indicative budget");
    // Some die during their support (synthetic::draw_death), and the council
    // hears three days to three weeks later; a death not heard of by today is
    // not recorded. From a stream of its own, so nothing else drawn changes.
    std::optional<Death> death;
    Draw dd = Draw::stream(o_.seed ^ 0xdea7ULL, std::uint64_t(index_), std::uint64_t(n) + 1);
    if (auto on = synthetic::draw_death(dd, p.date_of_birth, p.support_from, today_)) {
      const CivilDate known = on->plus_days(dd.between(3, 20));
      if (known <= today_) death = Death{*on, known};
    }

    if (p.arrangement == Arrangement::Commissioned) {
      // Support the council arranges with no personal budget: a Service event.
      checked(services::record_case_event(c, person,
                                          {{"event_type", "Service"}, {"start_date", p.support_from.iso()},
                                           {"service_type", "Long Term Support: Community"},
                                           {"description", "Home care the council commissions (no personal budget)"}},
                                          worker.id, p.support_from),
              "a service");
      if (death) record_death(c, person, *death, worker.id);
      return;
    }
    plan(c, d, person, p, worker, decision, allocation, death);
  }

  // A support plan meeting every eligible need, costed within the indicative
  // budget, agreed by the person, sent and approved: the approval sets the
  // personal budget. A few plans are still waiting for a decision.
  // Someone who dies is recorded dead once known: at once without a direct
  // payment, else in date order among the payment runs (payment_runs). A
  // plan still waiting for a decision leaves their death unrecorded.
  void plan(storage::Connection& c, Draw& d, const people::Person& person, const synthetic::PersonDraw& p, const accounts::User& worker,
            const assessment::EligibilityRecord&, const assessment::AllocationRecord& allocation, const std::optional<Death>& death) {
    const bool waiting = d.chance(0.02);
    const CivilDate written = waiting ? today_.plus_days(-d.between(1, 10)) : p.support_from.plus_days(-14);
    const CivilDate from = waiting ? today_.plus_days(14) : p.support_from;
    people::Fields details{{"helped_by", "council"}, {"views_included", "fully"}, {"effective_from", from.iso()},
                           {"backup_cover", "The agency sends another carer; if none can come, the council's duty team arranges cover."},
                           {"who_to_call", "The social work team, or the out-of-hours line"},
                           {"wellbeing", "Staying in my own home, seeing my family, and feeling safe."},
                           {"prevention_advice", "A falls check once a year from the GP; the handyperson service fits grab rails."}};
    auto plan = checked(services::start_plan(c, person, details, "council_worker", worker.id, written), "a plan");
    std::string needs;
    for (const auto& n : plan.eligible_needs) needs += (needs.empty() ? "" : ",") + n;
    plan = checked(services::change_plan(c, person, plan, "outcomes",
                                         {{"words", "I want to stay at home, wash and dress each day, and get out to see people."},
                                          {"aim", "change"}, {"needs", needs}},
                                         written),
                   "the plan's outcome");
    const std::int64_t weekly = allocation.weekly.pence();
    auto hours_of = [](std::int64_t pence, std::int64_t hourly) {
      // Quarter hours that fit within the amount; at least one hour.
      return std::max<std::int64_t>(4, pence * 4 / hourly);
    };
    auto add_part = [&](const people::Fields& f) { plan = checked(services::change_plan(c, person, plan, "parts", f, written), "a plan part"); };
    auto add_line = [&](const people::Fields& f) { plan = checked(services::change_plan(c, person, plan, "lines", f, written), "a plan line"); };
    auto hours_text = [](std::int64_t quarters) { return fmt::format("{}.{:02}", quarters / 4, (quarters % 4) * 25); };
    const std::int64_t agency_rate = 2480, pa_rate = 1550;
    const auto agency = agencies_[std::size_t(d.between(0, int(agencies_.size()) - 1))];
    const std::string agency_name = storage::find_provider(c, council_, agency).value().name;
    auto agency_line = [&](const std::string& part, std::int64_t pence) {
      add_line({{"description", "Home care visits to help with washing, dressing and meals"}, {"supplier_kind", "provider"},
                {"supplier_name", agency_name}, {"provider_id", std::to_string(agency.value())}, {"unit_cost", pounds(agency_rate)},
                {"cost_frequency", "Hourly"}, {"planned_units_per_week", hours_text(hours_of(pence, agency_rate))},
                {"service_type", "Long Term Support: Community"}, {"service_component", "Home Care"}, {"part", part}, {"outcomes", "1"}});
    };
    auto pa_line = [&](const std::string& part, std::int64_t pence) {
      add_line({{"description", "A personal assistant for personal care and going out"}, {"supplier_kind", "personal_assistant"},
                {"supplier_name", std::string(d.chance(0.5) ? "Kim" : "Lee") + " " + (d.chance(0.5) ? "Carter" : "Hassan")},
                {"unit_cost", pounds(pa_rate)}, {"cost_frequency", "Hourly"},
                {"planned_units_per_week", hours_text(hours_of(pence, pa_rate))}, {"service_type", "Long Term Support: Community"},
                {"service_component", "Direct Payment"}, {"part", part}, {"outcomes", "1"}, {"payee_relationship", "not_related"}});
    };
    const people::Fields dp_part{{"key", "A"}, {"mechanism", "direct_payment"}, {"recipient", "person"}, {"held_in", "bank_account"},
                                 {"manages", "by_themself"}, {"manages_decided_by", worker.display_name},
                                 {"manages_decided_on", written.iso()}};
    switch (p.arrangement) {
      case Arrangement::DirectPayment:
        add_part(dp_part);
        pa_line("A", weekly);
        break;
      case Arrangement::PartDirectPayment:
        add_part(dp_part);
        add_part({{"key", "B"}, {"mechanism", "council_managed"}});
        pa_line("A", weekly * 4 / 10);
        agency_line("B", weekly * 6 / 10);
        break;
      case Arrangement::IndividualServiceFund:
        add_part({{"key", "A"}, {"mechanism", "individual_service_fund"}, {"provider_id", std::to_string(agency.value())},
                  {"terms", "The agency holds the money and arranges the visits at the times the person chooses, reporting spending each quarter."}});
        agency_line("A", weekly);
        break;
      default:
        add_part({{"key", "A"}, {"mechanism", "council_managed"}});
        agency_line("A", weekly);
        break;
    }
    plan = checked(services::change_plan(c, person, plan, "involved",
                                         {{"from_record", "person"}, {"how", "At home, talking through each part of the plan"}}, written),
                   "who was involved");
    plan = checked(services::record_plan_agreement(c, plan, {{"agreed_by_kind", "person"}, {"agreed_by_name", person.full_name()},
                                                             {"agreed_on", written.iso()}},
                                                   worker.id, written),
                   "the agreement");
    auto sent = checked(services::submit_plan_for_approval(c, person, plan, worker.id, std::nullopt, "", at_ten(written)), "the plan's submission");
    if (waiting) {
      ++totals_.waiting;
      return;
    }
    const auto& approver = sent.request.queued_for == "head_of_service" ? staff_.head : staff_.manager;
    services::DecisionInput yes{"approve", "", std::nullopt, ""};
    // Whole quarter hours at the supplier's rate seldom come to the RAS amount exactly.
    if (sent.request.differs_from_indicative()) {
      yes.variance_reason = "local_costs";
      yes.variance_text = "Whole quarter hours at the supplier's hourly rate";
    }
    auto decided = services::decide_plan(c, approver, sent.request.id, yes, at_ten(written.plus_days(d.between(1, 6))));
    if (!decided) throw GenerationError("the plan's approval was refused: " + decided.error().errors.front().message);
    ++totals_.personal_budgets;
    reviews(c, person, worker, death);
    if (p.arrangement != Arrangement::DirectPayment && p.arrangement != Arrangement::PartDirectPayment) {
      if (death) record_death(c, person, *death, worker.id);
      return;
    }
    ++totals_.direct_payments;
    const auto& finance = staff_.finance.id;
    checked(services::set_payment_schedule(c, person, {{"part_key", "A"}, {"frequency", "four_weekly"}, {"starts_on", p.support_from.iso()}},
                                           finance),
            "the payment schedule");
    checked(services::record_bank_details(c, person, {{"part_key", "A"}, {"account_name", person.full_name()},
                                                      {"sort_code", "60-70-80"},
                                                      {"account_number", fmt::format("{:08}", 10'000'000 + person.id.value() % 90'000'000)}},
                                          finance),
            "the bank details");
    direct_payments_.push_back({person, worker.id, p.underspends, death, std::nullopt});
  }

  // The plan's reviews as the social worker records them (Care Act 2014
  // s.27; docs/planning.md "Reviews"): the light-touch review in its window
  // 6 to 8 weeks after the plan starts, then one a year. Three in four are
  // done in time, some up to four months late, and one in ten is not done at
  // all, so it is overdue today and nothing follows it; none after a death.
  // Each review finds the plan working (no_change): a revised plan or a new
  // assessment is not generated. From a stream of their own.
  void reviews(storage::Connection& c, const people::Person& person, const accounts::User& worker, const std::optional<Death>& death) {
    Draw d = Draw::stream(o_.seed ^ 0x7e71ULL, std::uint64_t(index_), std::uint64_t(person.id.value()));
    for (int n = 0; n < 64; ++n) {
      std::optional<services::DueReview> next;
      for (auto& r : services::person_reviews(c, person, today_, false).due)
        if (r.key.starts_with("plan:")) { next = std::move(r); break; }
      if (!next) return;
      const double when = d.unit();
      if (when >= 0.9) return;
      const CivilDate opens = next->earliest_on.value_or(next->due_on.plus_days(-28));
      const int window = std::max(0, int((next->due_on.days() - opens.days()).count()));
      const CivilDate on = when < 0.75 ? opens.plus_days(d.between(0, window)) : next->due_on.plus_days(d.between(1, 120));
      if (on > today_ || (death && on >= death->on)) return;
      checked(services::record_review(c, person,
                                      {{"review", next->key}, {"done_on", on.iso()}, {"done_by", worker.display_name},
                                       {"outcome", "no_change"}, {"notes", "Visited at home; the plan is working and nothing needs to change."}},
                                      worker.id, on),
              "a review");
      ++totals_.reviews;
    }
  }

  // Every four weeks of the history, the run a finance officer prepares, a
  // second approves and the first exports: each pays what fell due.
  //
  // A death is recorded before the first run prepared after the council heard
  // of it, so that run pays nothing past it; what a run before had paid in
  // advance for the days after the death becomes a recovery case.
  void payment_runs() {
    if (direct_payments_.empty()) return;
    std::vector<std::size_t> deaths;  // holders who die, in the order the council hears
    for (std::size_t i = 0; i < direct_payments_.size(); ++i)
      if (direct_payments_[i].death) deaths.push_back(i);
    std::stable_sort(deaths.begin(), deaths.end(), [this](std::size_t a, std::size_t b) {
      return direct_payments_[a].death->known_on < direct_payments_[b].death->known_on;
    });
    std::size_t next_death = 0;
    auto record_deaths_known_by = [&](CivilDate day) {
      if (next_death == deaths.size() || direct_payments_[deaths[next_death]].death->known_on > day) return;
      auto lease = db_.acquire();
      storage::Transaction tx(*lease, storage::TxMode::Write);
      for (; next_death < deaths.size() && direct_payments_[deaths[next_death]].death->known_on <= day; ++next_death) {
        auto& h = direct_payments_[deaths[next_death]];
        h.recovery = record_death(*lease, h.person, *h.death, h.worker);
      }
      tx.commit();
    };
    for (CivilDate on = start_.plus_days(28); on <= today_; on = on.plus_days(28)) {
      progress_.show(fmt::format("{}: payment run for {}", name_, on.display()));
      record_deaths_known_by(on.plus_days(-5));
      auto lease = db_.acquire();
      storage::Transaction tx(*lease, storage::TxMode::Write);
      // Prepared five days ahead, approved the next day, and sent to the bank
      // so that the money arrives on the run's day.
      auto prepared = services::prepare_payment_run(*lease, council_, on, staff_.finance.id, at_ten(on.plus_days(-5)));
      if (!prepared) continue;  // nothing fell due (refused as an empty run)
      checked(services::approve_payment_run(*lease, council_, prepared->run.id, staff_.checker.id, at_ten(on.plus_days(-4))),
              "a payment run's approval");
      checked(services::export_payment_run(*lease, council_, prepared->run.id, services::FileFormat::Bacs18, staff_.finance.id,
                                           at_ten(on.plus_days(-3))),
              "a payment run's export");
      tx.commit();
      ++totals_.runs;
    }
    record_deaths_known_by(today_);
  }

  // Each direct-payment account's bank statement over the history: the
  // council's payments in, the personal assistant's wages, PAYE and the
  // employer's insurance out; imported and categorised as a finance officer's
  // upload is. Someone who underspends leaves money to build up.
  void statements() {
    std::size_t done = 0;
    for (const auto& [person, worker, underspends, death, recovery] : direct_payments_) {
      // Nothing is spent after a death: the bank stops the card and the wages.
      const CivilDate last_spending = death ? std::min(death->on, today_) : today_;
      progress_.show(fmt::format("{}: statements, {} of {}", name_, ++done, direct_payments_.size()));
      Draw d = Draw::stream(o_.seed ^ 0x5a5a5a5aULL, std::uint64_t(index_), std::uint64_t(person.id.value()));
      auto lease = db_.acquire();
      storage::Transaction tx(*lease, storage::TxMode::Write);
      auto& c = *lease;
      auto account = checked(services::holding_account(c, council_, person.id, "A", budgets::Mechanism::DirectPayment), "a holding account");
      // Lines are written as (date, the rest), then put in date order, as a
      // bank lists them: a first run can pay two periods on one day.
      std::vector<std::pair<CivilDate, std::string>> lines;
      for (const auto& t : storage::list_account_transfers(c, council_, account, start_, today_)) {
        if (!t.transfer.id.starts_with("pay:") || t.transfer.credit != account) continue;
        const auto period = CivilDate::parse_iso(std::string_view(t.transfer.id).substr(t.transfer.id.rfind(':') + 1));
        if (!period) continue;
        const auto paid = t.transfer.value_date;
        const auto amount = t.transfer.amount.pence();
        lines.emplace_back(paid, fmt::format("{},Direct payment,{},{},", to_upper(name_.substr(0, 18)),
                                             payments::payment_reference(person.id, "A", *period), pounds(amount)));
        // Wages fortnightly, with PAYE; what is spent never passes what came in.
        // Most people spend nearly all of each payment (what is left over stays
        // within the 8 weeks' reserve); someone who underspends does not.
        const std::int64_t spend = amount * (underspends ? d.between(30, 55) : d.between(97, 100)) / 100;
        const std::int64_t paye = spend * 6 / 100;
        // Now and then a card payment the rules do not know: an exception for finance to work.
        if (d.chance(0.05) && paid.plus_days(2) <= last_spending && spend < amount)
          lines.emplace_back(paid.plus_days(2), fmt::format("CORNER STORES,Card purchase,,-{},", pounds(std::min<std::int64_t>(amount - spend, 1250))));
        for (int fortnight = 0; fortnight < 2; ++fortnight) {
          const auto on = paid.plus_days(3 + 14 * fortnight);
          if (on > last_spending) break;
          lines.emplace_back(on, fmt::format("{} PA WAGES,PA wages,,-{},", to_upper(person.family_name), pounds((spend - paye) / 2)));
          lines.emplace_back(on, fmt::format("HMRC,PAYE,,-{},", pounds(paye / 2)));
        }
      }
      std::stable_sort(lines.begin(), lines.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
      std::string csv = "Id,Date,Payee,Description,Reference,Amount,Balance\n";
      for (std::size_t k = 0; k < lines.size(); ++k)
        csv += fmt::format("G{}-{},{},{}\n", person.id.value(), k + 1, lines[k].first.iso(), lines[k].second);
      if (lines.empty()) continue;
      services::StatementImportRequest req;
      req.council = council_;
      req.account = account;
      req.format = statements::Format::Csv;
      req.mapping = "patchwork";
      req.file_name = fmt::format("statement-{}.csv", person.id.value());
      req.by = staff_.finance.id;
      auto imported = checked(services::import_statement(c, req, io::statements::source_from_text(csv)), "a statement import");
      if (imported.outcome != services::StatementImportResult::Outcome::Imported)
        throw GenerationError("a statement import was refused: " + imported.refusal);
      totals_.statement_lines += imported.totals.lines_added;
      tx.commit();
      statistics_.written(imported.totals.lines_added);
      statistics_.keep_up(*lease);
    }
  }

  // What happens to the recovery cases deaths opened, four to ten weeks after
  // the council heard: a small debt (under £50) is written off rather than
  // pursued from an estate, proposed by one finance officer and approved by
  // the other; otherwise, three times in four, the bank returns what is left
  // in the account (as much as the case asks, at most what is there); the
  // rest are still owed.
  void recoveries() {
    Draw d = Draw::stream(o_.seed ^ 0x4ec0ULL, std::uint64_t(index_));
    auto lease = db_.acquire();
    storage::Transaction tx(*lease, storage::TxMode::Write);
    auto& c = *lease;
    for (const auto& h : direct_payments_) {
      if (!h.recovery) continue;
      const CivilDate on = h.death->known_on.plus_days(d.between(28, 70));
      const bool returned = d.chance(0.75);
      if (on > today_) continue;
      const auto owed = recovery::outstanding(storage::find_case(c, council_, *h.recovery).value());
      if (owed.pence() < 5000) {
        checked(services::propose_write_off(c, council_, *h.recovery,
                                            {{"reason", "Under £50, owed by an estate: not worth pursuing."}}, staff_.finance.id),
                "a write-off proposed");
        checked(services::decide_write_off(c, council_, *h.recovery, true, staff_.checker.id, on), "a write-off approved");
        ++totals_.written_off;
        continue;
      }
      if (!returned) continue;
      // What is in the account on the day, and never more than is left by
      // today: the receipt must not take an account below nought on any day.
      const auto account = checked(services::holding_account(c, council_, h.person.id, "A", budgets::Mechanism::DirectPayment), "a holding account");
      const auto then = checked(services::balance(c, council_, account, on), "a holding account's balance");
      const auto now = checked(services::balance(c, council_, account, today_), "a holding account's balance");
      const std::int64_t amount = std::min({then.pence(), now.pence(), owed.pence()});
      if (amount <= 0) continue;
      checked(services::record_recovery_receipt(c, council_, *h.recovery,
                                                {{"amount", pounds(amount)}, {"received_on", on.iso()}, {"source", "holding_account"},
                                                 {"part_key", "A"}},
                                                staff_.finance.id, on),
              "a recovery receipt");
      ++totals_.recovered;
    }
    tx.commit();
  }

  // The monitoring check as of today, and social workers working some of the
  // flags it raises: looked at, and about half given an outcome.
  void monitoring() {
    auto lease = db_.acquire();
    storage::Transaction tx(*lease, storage::TxMode::Write);
    auto& c = *lease;
    checked(services::run_monitoring_check(c, council_, today_), "the monitoring check");
    Draw d = Draw::stream(o_.seed ^ 0xf1a6ULL, std::uint64_t(index_));
    for (const auto& flag : storage::list_flags(c, council_, {})) {
      ++totals_.flags;
      if (!d.chance(0.6)) continue;
      people::Person person;
      person.id = flag.person_id;
      person.council_id = council_;
      const auto& worker = staff_.workers[std::size_t(flag.person_id.value()) % staff_.workers.size()];
      auto looked = checked(services::work_flag(c, person, flag, {{"step", "looked_at"}, {"note", "Rang the person to talk it through."}}, worker.id),
                            "a flag looked at");
      if (!d.chance(0.5)) continue;
      checked(services::work_flag(c, person, looked.flag,
                                  {{"step", "outcome"}, {"outcome", d.chance(0.7) ? "advice_given" : "no_action"},
                                   {"note", "Talked through what the money is for; nothing else needed."}},
                                  worker.id),
              "a flag's outcome");
    }
    tx.commit();
  }
};

}  // namespace

int generate(const GenerateOptions& given, std::istream& password_in) {
  GenerateOptions o = given;
  auto problems = synthetic::size_problems({o.councils, o.people, o.years, 0});
  if (auto seed = synthetic::seed_from_text(o.seed_text)) o.seed = *seed;
  else problems.insert(problems.end(), seed.error().begin(), seed.error().end());
  if (!problems.empty()) {
    for (const auto& p : problems) std::cerr << "patchwork: " << p.field << ": " << p.message << "\n";
    return 2;
  }
  CivilDate today = CivilDate::today_utc();
  if (!o.today.empty()) {
    auto d = CivilDate::parse_iso(o.today);
    if (!d) { std::cerr << "patchwork: --today: give a real date, like 2026-12-01\n"; return 2; }
    // Checked before anything is written: the services refuse a monitoring
    // check in the future and statements before 2000, which would otherwise
    // stop a run part-way.
    if (*d > CivilDate::today_utc()) { std::cerr << "patchwork: --today: give today or a day before it\n"; return 2; }
    today = *d;
  }
  if (today.plus_days(-int(365 * given.years + given.years / 4) - 120) < CivilDate{2000, 1, 1}) {
    std::cerr << "patchwork: --today: the history must start in 2000 or later: give a later --today or fewer --years\n";
    return 2;
  }
  std::string password;
  if (o.password_stdin) {
    std::getline(password_in, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (auto problem = accounts::password_problem(password); !problem.empty()) {
      std::cerr << "patchwork: " << problem << " (read from standard input)\n";
      return 2;
    }
  }
  try {
    auto db = storage::open_database(o.db, {1, true});
    long long first_index = 0, first_nhs = 0;
    {
      auto lease = db->acquire();
      auto status = storage::inspect_schema(*lease);
      if (status.state == storage::SchemaState::Empty) storage::migrate(*lease);
      else if (status.state != storage::SchemaState::Current) throw storage::DatabaseError(status.message);
      const auto existing = storage::list_councils(*lease);
      if (!existing.empty() && !o.append) {
        std::cerr << "patchwork: " << db->describe() << " already holds " << existing.size() << " council"
                  << (existing.size() == 1 ? "" : "s") << "; generate writes into an empty database, or adds councils beside them "
                  << "with --append. Nothing was written.\n";
        return 1;
      }
      // Synthetic councils go only beside synthetic ones: a real council's
      // database never gets made-up people in its figures, nor staff
      // accounts that share one password.
      for (const auto& council : existing)
        if (council.code.size() != 9 || council.code[3] != '8') {
          std::cerr << "patchwork: --append: " << db->describe() << " holds " << council.code << " (" << council.name
                    << "), which is not a synthetic council; generate adds councils only beside synthetic ones. Nothing was written.\n";
          return 1;
        }
      // Appended councils take the next synthetic codes, and people the next test NHS numbers.
      while (first_index < synthetic::kMostCouncils && storage::find_council_by_code(*lease, synthetic::council_code(first_index)))
        ++first_index;
      if (first_index + o.councils > synthetic::kMostCouncils) {
        std::cerr << "patchwork: --councils: the database already has " << first_index << " synthetic councils, and the codes allow "
                  << synthetic::kMostCouncils << " in all. Nothing was written.\n";
        return 2;
      }
      first_nhs = storage::count_all_people(*lease);
    }
    o.first_index = first_index;
    o.councils_now = o.councils;
    // Hashed once: every generated staff account shares it. Without a password
    // given, it is the hash of random bytes nobody knows: the accounts exist
    // (for caseloads and approvals) but nobody can sign in as them.
    const std::string hash = accounts::hash_password(password.empty() ? accounts::new_token() : password, o.strength);
    const CivilDate history_start = today.plus_days(-int(365 * o.years + o.years / 4));
    std::vector<synthetic::CouncilMix> mixes;
    for (long long i = 0; i < o.councils; ++i) {
      Draw d = Draw::stream(o.seed, std::uint64_t(first_index + i), 0);
      mixes.push_back(synthetic::draw_council_mix(d));
    }
    const auto sizes = synthetic::share_people(mixes, o.people);
    Progress progress(o.progress && isatty(STDERR_FILENO));
    Totals totals;
    PlannerStatistics statistics;
    const auto started = std::chrono::steady_clock::now();
    for (long long i = 0; i < o.councils; ++i) {
      CouncilGenerator(*db, o, first_index + i, mixes[std::size_t(i)], sizes[std::size_t(i)], first_nhs, history_start, today, hash,
                       progress, totals, statistics)
          .run();
      first_nhs += sizes[std::size_t(i)];
    }
    // The planner's statistics, as a bulk load needs (docs/synthetic-data.md).
    progress.show("Bringing the query planner's statistics up to date");
    storage::refresh_statistics(*db->acquire());
    progress.done();
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << fmt::format(
        "Generated {} council{} ({} to {}) with {} people over {} year{} to {}, seed {}, in {:.1f} s:\n"
        "  {} personal budgets ({} with a direct payment), {} plans waiting for a decision,\n"
        "  {} reviews recorded, {} payment runs, {} statement lines imported, {} monitoring flags,\n"
        "  {} deaths recorded, {} recovery cases opened ({} with money returned from the account, {} written off).\n",
        thousands(o.councils), o.councils == 1 ? "" : "s", synthetic::council_code(first_index),
        synthetic::council_code(first_index + o.councils - 1), thousands(totals.people), o.years, o.years == 1 ? "" : "s", today.display(),
        o.seed, seconds, thousands(totals.personal_budgets), thousands(totals.direct_payments), thousands(totals.waiting),
        thousands(totals.reviews), thousands(totals.runs), thousands(totals.statement_lines), thousands(totals.flags), thousands(totals.deaths),
        thousands(totals.recovery_cases), thousands(totals.recovered), thousands(totals.written_off));
    if (!o.password_stdin)
      std::cout << "Nobody can sign in as the generated staff: give a password with --password-stdin to use them.\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "\npatchwork: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace patchwork::app
