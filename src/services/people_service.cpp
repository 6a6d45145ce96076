#include "services/people_service.hpp"

#include <cctype>

#include "core/text.hpp"
#include "domain/people/identifiers.hpp"
#include "domain/people/representation.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "storage/repositories/characteristics_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/person_records_repository.hpp"

namespace patchwork::services {
namespace {

std::optional<FieldError> duplicate_nhs_number(storage::Connection& c, const people::Person& p) {
  if (!p.nhs_number) return std::nullopt;
  auto other = storage::find_person_by_nhs_number(c, p.council_id, *p.nhs_number);
  if (!other || other->id == p.id) return std::nullopt;
  return FieldError{"nhs_number", "This NHS number is already recorded for someone else in this council: "
                                  "search for them instead of recording them twice"};
}

}  // namespace

Result<people::Person> create_person(storage::Connection& c, const accounts::User& by, const people::PersonFields& fields, CivilDate today,
                                     DuplicateCheck check) {
  people::Person base;
  base.council_id = by.council_id;
  auto p = people::apply_person_fields(base, fields, today);
  if (!p) return p;
  if (auto dup = duplicate_nhs_number(c, *p)) return std::unexpected(FieldErrors{*dup});
  if (!p->nhs_number && check == DuplicateCheck::Warn) {
    auto same = storage::people_with_same_name_and_birth(c, by.council_id, *p);
    if (!same.empty())
      return fail(kConfirmNotDuplicate,
                  same.front().full_name() + ", born " + same.front().date_of_birth.display() + ", is already recorded in this council "
                  "(reference " + same.front().id.text() + "). Search for them instead, or confirm that this is a different person.");
  }
  p->id = storage::insert_person(c, *p, by.id);
  if (by.role == access::Role::SocialWorker) storage::allocate_worker(c, by.council_id, p->id, by.id);
  return p;
}

Result<storage::PeopleSearch> people_search(const accounts::User& by, const std::string& name, const std::string& date_of_birth,
                                            const std::string& nhs_number, const std::string& postcode) {
  storage::PeopleSearch s;
  s.name = name;
  FieldErrors errors;
  if (!date_of_birth.empty()) {
    if (auto d = CivilDate::parse_iso(date_of_birth)) s.date_of_birth = d->iso();
    else errors.push_back({"date_of_birth", "Date of birth must be a real date, like 1941-03-14"});
  }
  if (!nhs_number.empty()) {
    if (auto n = people::normalise_nhs_number(nhs_number)) s.nhs_number = *n;
    else errors.push_back({"nhs_number", "Enter a valid NHS number: 10 digits, like 943 476 5919"});
  }
  if (!postcode.empty()) {
    if (auto p = people::normalise_postcode(postcode)) s.postcode = *p;
    else errors.push_back({"postcode", "Enter a real UK postcode, like NS1 4AB"});
  }
  // The same minimum on every surface: a name search needs two letters, so a
  // handful of single letters (or LIKE's wildcards, which are not searched
  // for) cannot list a whole council. A letter is A to Z or any non-ASCII letter.
  std::size_t letters = 0;
  for (unsigned char ch : name) letters += std::isalpha(ch) || (ch >= 0xc0);
  if (!name.empty() && letters < 2) errors.push_back({"name", "Enter at least 2 letters of the name"});
  // A search criterion is a look at that field: a finance officer, who sees who
  // a person is but not where they live, may not find people by postcode.
  if (!postcode.empty() && by.role == access::Role::FinanceOfficer)
    errors.push_back({"postcode", "Finance officers search by name, date of birth or NHS number"});
  if (errors.empty() && name.empty() && s.date_of_birth.empty() && s.nhs_number.empty() && s.postcode.empty())
    errors.push_back({"name", "Enter at least 2 letters of the name, or a date of birth, NHS number or postcode"});
  if (!errors.empty()) return std::unexpected(errors);
  if (by.role == access::Role::SocialWorker) s.caseload_of = by.id;
  return s;
}

Result<people::Relationship> add_relationship(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                              const std::string& username, std::optional<UserId> recorded_by, CivilDate today) {
  auto rel = people::relationship_from_fields(fields, today);
  if (!rel) return rel;
  rel->council_id = person.council_id;
  rel->person_id = person.id;
  const auto assessments = storage::list_capacity(c, person.council_id, person.id);
  if (auto refused = people::consent_refused(*rel, assessments, today, person.given_name)) return std::unexpected(FieldErrors{*refused});
  if (!username.empty()) {
    auto account = storage::find_user_by_username(c, person.council_id, to_lower(trim(username)));
    if (!account || account->role != access::Role::Representative)
      return fail("username", "There is no representative account with that username in this council");
    auto derived = people::representative_scope(*rel, assessments, today, person.given_name);
    if (!derived.scope.any())
      return fail(rel->basis == "consent" ? "access_scope" : "username",
                  "This account would get no access: " + rel->name + " " + derived.reasons.front());
    rel->user_id = account->id;
    storage::link_representative(c, *rel, account->id);
  }
  // Without a username, what the person agreed to is recorded all the same: the
  // worker can give them an account later, from the record, with a setup code.
  rel->id = storage::insert_relationship(c, *rel, recorded_by);
  return rel;
}

std::vector<RelationshipWithScope> relationships_with_scope(storage::Connection& c, const people::Person& person, CivilDate today) {
  const auto assessments = storage::list_capacity(c, person.council_id, person.id);
  std::vector<RelationshipWithScope> out;
  for (auto& r : storage::list_relationships(c, person.council_id, person.id)) {
    auto derived = people::representative_scope(r, assessments, today, person.given_name);
    out.push_back({std::move(r), std::move(derived)});
  }
  return out;
}

Result<accounts::User> change_worker_allocation(storage::Connection& c, const people::Person& person, const std::string& username,
                                               Allocation change) {
  auto worker = storage::find_user_by_username(c, person.council_id, to_lower(trim(username)));
  if (!worker || worker->council_id != person.council_id || worker->role != access::Role::SocialWorker || !worker->active)
    return fail("username", "Choose a social worker in this council");
  if (change == Allocation::Allocate) storage::allocate_worker(c, person.council_id, person.id, worker->id);
  else storage::deallocate_worker(c, person.council_id, person.id, worker->id);
  return *worker;
}

std::string describe_changes(const people::CharacteristicHistory& changes) {
  std::string out;
  for (const auto& ch : changes)
    out += (out.empty() ? "" : "; ") + std::string(people::characteristic_code(ch.characteristic)) + ": " +
           (ch.value.empty() ? std::string("none") : ch.value) + " from " + ch.effective_from.iso();
  return out;
}

Result<PersonUpdate> update_person(storage::Connection& c, const people::Person& current, const people::PersonFields& given,
                                  CivilDate today, std::optional<UserId> recorded_by) {
  people::PersonFields fields = given;
  FieldErrors errors;
  CivilDate effective_from = today;
  if (auto it = fields.find(kEffectiveFrom); it != fields.end()) {
    const std::string text = trim(it->second);
    if (!text.empty()) {
      if (auto d = CivilDate::parse_iso(text)) effective_from = *d;
      else errors.push_back({kEffectiveFrom, "The date the change took effect must be a real date, like " + today.iso()});
    }
    fields.erase(it);
  }
  auto p = people::apply_person_fields(current, fields, today);
  if (!p) errors.insert(errors.end(), p.error().begin(), p.error().end());
  if (!errors.empty()) return std::unexpected(errors);
  if (auto dup = duplicate_nhs_number(c, *p)) return std::unexpected(FieldErrors{*dup});
  // Characteristics change only through their history: each change is an
  // entry with the date it took effect, and the record shows the latest.
  if (p->date_of_birth.ok() && effective_from < p->date_of_birth)
    return fail(kEffectiveFrom, "The date the change took effect must be on or after their date of birth");
  auto changes = people::characteristic_changes(people::characteristics_of(current), people::characteristics_of(*p), effective_from, today);
  if (!changes) return std::unexpected(changes.error());
  storage::update_person(c, *p);
  for (auto& change : *changes) {
    change.council_id = current.council_id;
    change.person_id = current.id;
    change.recorded_by = recorded_by;
    storage::record_characteristic_change(c, change);
  }
  return PersonUpdate{*p, *changes};
}

Result<people::CapacityAssessment> record_capacity_assessment(storage::Connection& c, const people::Person& person,
                                                              const people::Fields& fields, std::optional<UserId> recorded_by,
                                                              CivilDate today) {
  auto record = people::capacity_from_fields(fields, today);
  if (!record) return record;
  record->council_id = person.council_id;
  record->person_id = person.id;
  record->id = storage::insert_capacity(c, *record, recorded_by);
  return record;
}

Result<people::CaseEvent> record_case_event(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                                            std::optional<UserId> recorded_by, CivilDate today) {
  auto record = people::case_event_from_fields(fields, today);
  if (!record) return record;
  record->council_id = person.council_id;
  record->person_id = person.id;
  record->id = storage::insert_case_event(c, *record, recorded_by);
  return record;
}

}  // namespace patchwork::services
