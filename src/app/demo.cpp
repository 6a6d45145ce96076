// `patchwork demo`: a fictional council with one account of every role and a
// handful of people, so that every screen can be tried straight away.
#include <fstream>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "domain/accounts/passwords.hpp"
#include "services/assessment_service.hpp"
#include "storage/migrations.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::app {
namespace {

constexpr const char* kCouncilCode = "E99999999";  // not a real council's code
constexpr const char* kCouncilName = "Northshire Council";
constexpr const char* kDemoPassword = "patchwork-demo";

struct DemoPerson {
  const char* given; const char* family; const char* dob; const char* nhs; const char* postcode;
  const char* support_reason; const char* dementia; const char* carer;
};
// NHS numbers in the 999 range are set aside for testing and never issued.
constexpr DemoPerson kPeople[] = {
    {"Margaret", "Ellis", "1941-03-14", "9991234500", "NS1 4AB", "Support with Memory & Cognition", "Diagnosed", "Yes"},
    {"Joseph", "Okafor", "1958-07-02", "9991234519", "NS2 7QT", "Physical Support: Access & mobility only", "No", "No"},
    {"Dorothy", "Hughes", "1936-11-30", "9991234527", "NS1 9LD", "Physical Support: Personal care support", "Suspected", "Yes"},
    {"Aisha", "Rahman", "1990-05-21", "9991234535", "NS4 2HG", "Learning Disability Support", "No", "Yes"},
    {"Peter", "Novak", "1972-01-09", "9991234543", "NS3 6PJ", "Mental Health Support", "No", "No"},
    {"Grace", "Williams", "1947-09-17", "9991234551", "NS2 1XY", "Sensory Support: Support for visual impairment", "No", "Unknown"},
};

struct DemoUser { const char* username; const char* name; access::Role role; };
constexpr DemoUser kUsers[] = {
    {"admin", "Alex Morgan", access::Role::Administrator},
    {"social.worker", "Sam Patel", access::Role::SocialWorker},
    {"team.manager", "Jo Fraser", access::Role::TeamManager},
    {"finance", "Chris Lee", access::Role::FinanceOfficer},
    {"commissioner", "Robin Shaw", access::Role::Commissioner},
    {"safeguarding", "Nia Evans", access::Role::SafeguardingLead},
    {"provider", "Brightside Care", access::Role::Provider},
    {"budget.holder", "Joseph Okafor", access::Role::BudgetHolder},
    {"representative", "Sarah Ellis", access::Role::Representative},
};

void print_sign_ins() {
  std::cout << "Demo sign-ins (password for all: " << kDemoPassword << "):\n";
  for (const auto& u : kUsers) std::cout << "  " << u.username << "  (" << access::role_name(u.role) << ", " << u.name << ")\n";
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
    if (storage::find_council_by_code(c, kCouncilCode)) {
      std::cout << "The demo council is already loaded.\n";
      print_sign_ins();
      return 0;
    }
    auto council = storage::insert_council(c, kCouncilCode, kCouncilName);
    std::vector<std::int64_t> people;
    for (const auto& p : kPeople) {
      people::Person person{0, council, p.given, p.family, p.dob, std::string(p.nhs), std::string(p.postcode)};
      person.primary_support_reason = p.support_reason;
      person.dementia = p.dementia;
      person.has_unpaid_carer = p.carer;
      person.town = "Northshire";
      people.push_back(storage::insert_person(c, person));
    }
    // The council's questionnaire and RAS model, from the example files in config/.
    for (auto [file, load] : {std::pair{questionnaire_file, &services::load_questionnaire},
                              std::pair{ras_file, &services::load_ras_configuration}}) {
      std::ifstream in(file);
      if (!in) throw std::runtime_error("cannot read " + file);
      std::stringstream text;
      text << in.rdbuf();
      auto loaded = load(c, council, text.str(), std::nullopt);
      if (!loaded) throw std::runtime_error(file + ": " + loaded.error().front().field + " " + loaded.error().front().message);
    }
    // One hash for every demo account: hashing is slow by design.
    std::string hash = accounts::hash_password(kDemoPassword, strength);
    std::map<std::string, std::int64_t> ids;
    for (const auto& u : kUsers) {
      accounts::User user;
      user.council_id = council;
      user.username = u.username;
      user.display_name = u.name;
      user.role = u.role;
      user.password_hash = hash;
      if (u.role == access::Role::BudgetHolder) user.person_id = people[1];  // Joseph Okafor
      ids[u.username] = storage::insert_user(c, user);
    }
    // The social worker holds four of the six; Aisha Rahman and Peter Novak are
    // with other teams, so a refusal can be seen too.
    for (int i : {0, 1, 2, 5}) storage::allocate_worker(c, council, people[i], ids["social.worker"]);
    // Sarah Ellis holds a lasting power of attorney for her mother's health and welfare.
    storage::link_representative(c, council, people[0], ids["representative"], access::RepresentativeScope::Act,
                                 "lasting power of attorney (health and welfare)", "2025-06-01");
    tx.commit();
    std::cout << "Loaded the demo council " << kCouncilName << " with " << people.size() << " people.\n";
    print_sign_ins();
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "patchwork: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace patchwork::app
