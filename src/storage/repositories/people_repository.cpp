#include "storage/repositories/people_repository.hpp"

#include <map>
#include <set>

#include "core/date.hpp"
#include "core/text.hpp"
#include "domain/people/age.hpp"
#include "domain/people/representation.hpp"
#include "storage/repositories/person_records_repository.hpp"
#include "storage/repositories/characteristics_repository.hpp"

namespace patchwork::storage {
namespace {

#define PW_PERSON_COLUMNS                                                                                              \
  "p.id, p.council_id, p.given_name, p.family_name, p.date_of_birth, p.nhs_number, p.postcode, p.address_line_1, "    \
  "p.address_line_2, p.town, p.phone, p.email, p.preferred_contact, p.languages, p.interpreter_needed, p.gender, "     \
  "p.ethnicity, p.primary_support_reason, p.accommodation_status, p.dementia, p.visual_impairment, "                  \
  "p.hearing_impairment, p.autism, p.has_unpaid_carer, p.date_of_death, p.client_type, p.employment_status, "           \
  "p.gp_practice_code, p.gp_practice_name"
constexpr Statement kInsertPerson{"insert_person",
    "INSERT INTO people (council_id, given_name, family_name, date_of_birth, nhs_number, postcode, address_line_1, "
    "address_line_2, town, phone, email, preferred_contact, languages, interpreter_needed, gender, ethnicity, "
    "primary_support_reason, accommodation_status, dementia, visual_impairment, hearing_impairment, autism, "
    "has_unpaid_carer, date_of_death, client_type, employment_status, gp_practice_code, gp_practice_name, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, "
    "$25, $26, $27, $28, $29, $29) RETURNING id"};
// Every column but the characteristics kept with their history (dementia,
// primary support reason, accommodation status, unpaid carer, date of death):
// those change only through record_characteristic_change.
constexpr Statement kUpdatePerson{"update_person",
    "UPDATE people SET given_name = $3, family_name = $4, date_of_birth = $5, nhs_number = $6, postcode = $7, "
    "address_line_1 = $8, address_line_2 = $9, town = $10, phone = $11, email = $12, preferred_contact = $13, "
    "languages = $14, interpreter_needed = $15, gender = $16, ethnicity = $17, visual_impairment = $18, "
    "hearing_impairment = $19, autism = $20, client_type = $21, employment_status = $22, gp_practice_code = $23, "
    "gp_practice_name = $24, updated_at = $25 WHERE council_id = $1 AND id = $2"};
constexpr Statement kSameNameAndBirth{"people_same_name_and_birth",
    "SELECT " PW_PERSON_COLUMNS " FROM people p WHERE p.council_id = $1 AND lower(p.given_name) = lower($2) "
    "AND lower(p.family_name) = lower($3) AND p.date_of_birth = $4 ORDER BY p.id LIMIT 5"};
constexpr Statement kFindByNhsNumber{"find_person_by_nhs_number",
    "SELECT " PW_PERSON_COLUMNS " FROM people p WHERE p.council_id = $1 AND p.nhs_number = $2"};
constexpr Statement kFindPerson{"find_person", "SELECT " PW_PERSON_COLUMNS " FROM people p WHERE p.council_id = $1 AND p.id = $2"};
// Up to kPeopleBatch people by id in one statement of fixed shape (prepared
// once, on both back ends); unused places hold 0, which is no one's id. Lists
// (the approval queue, reviews due) read their people this way rather than
// one query each.
constexpr std::size_t kPeopleBatch = 50;
// "+p.council_id" keeps SQLite from choosing the council index (it guesses an
// equality on an index finds about ten rows, fewer than fifty look-ups by
// key, and then scans the whole council); the ids are the primary key, and
// the council is checked on each row found. PostgreSQL reads it the same.
constexpr Statement kFindPeople{"find_people_batch",
    "SELECT " PW_PERSON_COLUMNS " FROM people p WHERE +p.council_id = $1 AND p.id IN ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32, $33, $34, $35, $36, $37, $38, $39, $40, $41, $42, $43, $44, $45, $46, $47, $48, $49, $50, $51)"};
constexpr Statement kIsAllocated{"is_allocated",
    "SELECT count(*) FROM worker_allocations WHERE council_id = $1 AND person_id = $2 AND user_id = $3"};
constexpr Statement kAllocate{"allocate_worker",
    "INSERT INTO worker_allocations (council_id, person_id, user_id, allocated_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (council_id, person_id, user_id) DO NOTHING"};
constexpr Statement kDeallocate{"deallocate_worker",
    "DELETE FROM worker_allocations WHERE council_id = $1 AND person_id = $2 AND user_id = $3"};
constexpr Statement kAllocatedWorkers{"allocated_workers",
    "SELECT u.id, u.display_name, u.username FROM worker_allocations w JOIN users u ON u.council_id = w.council_id AND u.id = w.user_id "
    "WHERE w.council_id = $1 AND w.person_id = $2 ORDER BY u.display_name"};
constexpr Statement kCaseloadSizes{"caseload_sizes",
    "SELECT u.id, u.display_name, count(w.person_id) FROM users u "
    "LEFT JOIN worker_allocations w ON w.council_id = u.council_id AND w.user_id = u.id "
    "WHERE u.council_id = $1 AND u.role = 'social_worker' AND u.active = 1 GROUP BY u.id, u.display_name ORDER BY u.display_name"};
constexpr Statement kLinkRepresentative{"link_representative",
    "INSERT INTO representative_links (council_id, person_id, user_id, scope, basis, recorded_on) "
    "VALUES ($1, $2, $3, $4, $5, $6) "
    "ON CONFLICT (council_id, person_id, user_id) DO UPDATE SET scope = excluded.scope, basis = excluded.basis, "
    "recorded_on = excluded.recorded_on"};
constexpr Statement kUnlinkRepresentative{"unlink_representative",
    "DELETE FROM representative_links WHERE council_id = $1 AND person_id = $2 AND user_id = $3"};
constexpr Statement kRepresentativeLinkCount{"representative_link_count",
    "SELECT count(*) FROM representative_links WHERE council_id = $1 AND user_id = $2"};
constexpr Statement kCaseload{"caseload",
    "SELECT " PW_PERSON_COLUMNS " FROM people p JOIN worker_allocations w ON w.person_id = p.id AND w.council_id = p.council_id "
    "WHERE w.council_id = $1 AND w.user_id = $2 ORDER BY p.family_name, p.given_name"};
constexpr Statement kRepresented{"represented_people",
    "SELECT " PW_PERSON_COLUMNS " FROM people p JOIN representative_links r ON r.person_id = p.id AND r.council_id = p.council_id "
    "WHERE r.council_id = $1 AND r.user_id = $2 ORDER BY p.family_name, p.given_name"};
constexpr Statement kRecentPeople{"recent_people",
    "SELECT " PW_PERSON_COLUMNS " FROM people p WHERE p.council_id = $1 ORDER BY p.created_at DESC, p.id DESC LIMIT $2"};
// Empty criteria match everyone; $6 = 0 searches the whole council, otherwise
// only the caseload of that worker.
constexpr Statement kSearch{"search_people",
    "SELECT " PW_PERSON_COLUMNS " FROM people p WHERE p.council_id = $1 "
    "AND ($2 = '%%' OR lower(p.given_name || ' ' || p.family_name) LIKE $2 OR lower(p.family_name) LIKE $2) "
    "AND ($3 = '' OR p.date_of_birth = $3) AND ($4 = '' OR p.nhs_number = $4) AND ($5 = '' OR p.postcode = $5) "
    "AND ($6 = 0 OR EXISTS (SELECT 1 FROM worker_allocations w WHERE w.council_id = p.council_id AND w.person_id = p.id "
    "AND w.user_id = $6)) "
    "ORDER BY p.family_name, p.given_name, p.id LIMIT $7"};
constexpr Statement kDatesOfBirth{"people_dates_of_birth", "SELECT date_of_birth FROM people WHERE council_id = $1"};
#undef PW_PERSON_COLUMNS

people::Person person_from(const Row& r) {
  people::Person p{r.id<PersonId>(0), r.id<CouncilId>(1), r.text(2), r.text(3),
                   CivilDate::parse_iso(r.text(4)).value_or(CivilDate{}), r.opt_text(5), r.opt_text(6)};
  p.address_line_1 = r.text(7);
  p.address_line_2 = r.text(8);
  p.town = r.text(9);
  p.phone = r.text(10);
  p.email = r.text(11);
  p.preferred_contact = r.text(12);
  p.languages = r.text(13);
  p.interpreter_needed = r.int64(14) != 0;
  p.gender = r.text(15);
  p.ethnicity = r.text(16);
  p.primary_support_reason = r.text(17);
  p.accommodation_status = r.text(18);
  p.dementia = r.text(19);
  p.visual_impairment = r.text(20);
  p.hearing_impairment = r.text(21);
  p.autism = r.text(22);
  p.has_unpaid_carer = r.text(23);
  if (auto d = r.opt_text(24)) p.date_of_death = CivilDate::parse_iso(*d);
  p.client_type = r.text(25);
  p.employment_status = r.text(26);
  p.gp_practice_code = r.opt_text(27);
  p.gp_practice_name = r.text(28);
  return p;
}

// The values of every column after the council, in the order INSERT uses.
Params person_values(const people::Person& p) {
  return {p.given_name, p.family_name, p.date_of_birth.iso(), opt(p.nhs_number), opt(p.postcode), p.address_line_1,
          p.address_line_2, p.town, p.phone, p.email, p.preferred_contact, p.languages,
          std::int64_t(p.interpreter_needed ? 1 : 0), p.gender, p.ethnicity, p.primary_support_reason,
          p.accommodation_status, p.dementia, p.visual_impairment, p.hearing_impairment, p.autism, p.has_unpaid_carer,
          p.date_of_death ? Value(p.date_of_death->iso()) : Value(Null{}), p.client_type, p.employment_status,
          opt(p.gp_practice_code), p.gp_practice_name};
}

std::vector<people::Person> people_from(const Rows& rows) {
  std::vector<people::Person> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(person_from(r));
  return out;
}

}  // namespace

PersonId insert_person(Connection& c, const people::Person& p, std::optional<UserId> recorded_by) {
  Params values{p.council_id};
  for (auto& v : person_values(p)) values.push_back(std::move(v));
  const std::string now = utc_timestamp_now();
  values.push_back(now);
  people::Person recorded = p;
  recorded.id = c.query(kInsertPerson, values).at(0).id<PersonId>(0);
  // The history of their characteristics begins the day they are recorded.
  record_initial_characteristics(c, recorded, recorded_by, *CivilDate::parse_iso(now.substr(0, 10)));
  return recorded.id;
}

void update_person(Connection& c, const people::Person& p) {
  c.execute(kUpdatePerson, {p.council_id, p.id, p.given_name, p.family_name, p.date_of_birth.iso(), opt(p.nhs_number), opt(p.postcode),
                            p.address_line_1, p.address_line_2, p.town, p.phone, p.email, p.preferred_contact, p.languages,
                            std::int64_t(p.interpreter_needed ? 1 : 0), p.gender, p.ethnicity, p.visual_impairment,
                            p.hearing_impairment, p.autism, p.client_type, p.employment_status, opt(p.gp_practice_code),
                            p.gp_practice_name, utc_timestamp_now()});
}

std::vector<people::Person> people_with_same_name_and_birth(Connection& c, CouncilId council_id, const people::Person& p) {
  return people_from(c.query(kSameNameAndBirth, {council_id, p.given_name, p.family_name, p.date_of_birth}));
}

std::optional<people::Person> find_person_by_nhs_number(Connection& c, CouncilId council_id, const std::string& nhs_number) {
  Rows rows = c.query(kFindByNhsNumber, {council_id, nhs_number});
  if (rows.empty()) return std::nullopt;
  return person_from(rows.front());
}

std::optional<people::Person> find_person(Connection& c, CouncilId council_id, PersonId id) {
  Rows rows = c.query(kFindPerson, {council_id, id});
  if (rows.empty()) return std::nullopt;
  return person_from(rows.front());
}

std::vector<people::Person> find_people(Connection& c, CouncilId council_id, const std::vector<PersonId>& ids) {
  std::vector<PersonId> unique;
  std::set<PersonId> seen;
  for (auto id : ids)
    if (seen.insert(id).second) unique.push_back(id);
  std::map<PersonId, people::Person> found;
  for (std::size_t start = 0; start < unique.size(); start += kPeopleBatch) {
    Params params{council_id};
    for (std::size_t i = 0; i < kPeopleBatch; ++i)
      params.emplace_back(start + i < unique.size() ? unique[start + i].value() : std::int64_t(0));
    for (const auto& r : c.query(kFindPeople, params)) {
      auto p = person_from(r);
      found.emplace(p.id, std::move(p));
    }
  }
  std::vector<people::Person> out;
  for (auto id : unique)
    if (auto it = found.find(id); it != found.end()) out.push_back(it->second);
  return out;
}

access::PersonRelation relation_between(Connection& c, const access::Actor& actor, const people::Person& person) {
  access::PersonRelation rel;
  rel.person_id = person.id;
  rel.person_council_id = person.council_id;
  if (actor.council_id != person.council_id) return rel;
  if (actor.role == access::Role::SocialWorker)
    rel.allocated_worker = c.query(kIsAllocated, {person.council_id, person.id, actor.user_id}).at(0).int64(0) > 0;
  if (actor.role == access::Role::Representative) {
    // Derived at every request from each relationship that links this account,
    // with the person's capacity assessments as they stand today: nothing about
    // what a representative may do is stored, so nothing can go stale.
    auto links = relationships_of_account(c, person.council_id, person.id, actor.user_id);
    if (!links.empty()) {
      auto assessments = list_capacity(c, person.council_id, person.id);
      for (const auto& link : links) {
        auto d = people::representative_scope(link, assessments, CivilDate::today_utc(), person.given_name).scope;
        rel.representative.view = rel.representative.view || d.view;
        rel.representative.act_on_care = rel.representative.act_on_care || d.act_on_care;
        rel.representative.act_on_money = rel.representative.act_on_money || d.act_on_money;
      }
    }
  }
  return rel;
}

void allocate_worker(Connection& c, CouncilId council_id, PersonId person_id, UserId user_id) {
  c.execute(kAllocate, {council_id, person_id, user_id, utc_timestamp_now()});
}

void deallocate_worker(Connection& c, CouncilId council_id, PersonId person_id, UserId user_id) {
  c.execute(kDeallocate, {council_id, person_id, user_id});
}

std::vector<AllocatedWorker> allocated_workers(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<AllocatedWorker> out;
  for (const auto& r : c.query(kAllocatedWorkers, {council_id, person_id})) out.push_back({r.id<UserId>(0), r.text(1), r.text(2)});
  return out;
}

void link_representative(Connection& c, const people::Relationship& rel, UserId user_id) {
  c.execute(kLinkRepresentative, {rel.council_id, rel.person_id, user_id, rel.access_scope, rel.basis, rel.recorded_on.iso()});
}

std::int64_t unlink_representative(Connection& c, CouncilId council_id, PersonId person_id, UserId user_id) {
  c.execute(kUnlinkRepresentative, {council_id, person_id, user_id});
  return c.query(kRepresentativeLinkCount, {council_id, user_id}).at(0).int64(0);
}

std::vector<people::Person> caseload(Connection& c, CouncilId council_id, UserId user_id) {
  return people_from(c.query(kCaseload, {council_id, user_id}));
}

std::vector<WorkerCaseload> caseload_sizes(Connection& c, CouncilId council_id) {
  std::vector<WorkerCaseload> out;
  for (const auto& r : c.query(kCaseloadSizes, {council_id})) out.push_back({r.id<UserId>(0), r.text(1), r.int64(2)});
  return out;
}

std::vector<people::Person> represented_people(Connection& c, CouncilId council_id, UserId user_id) {
  return people_from(c.query(kRepresented, {council_id, user_id}));
}

std::vector<people::Person> recent_people(Connection& c, CouncilId council_id, int limit) {
  return people_from(c.query(kRecentPeople, {council_id, std::int64_t(limit)}));
}

namespace {
// LIKE pattern for "contains", with the user's own % and _ taken literally.
std::string contains_pattern(const std::string& text) {
  std::string out = "%";
  for (char ch : to_lower(trim(text))) {
    if (ch == '%' || ch == '_') continue;
    out += ch;
  }
  return out + "%";
}
}  // namespace

std::vector<people::Person> search_people(Connection& c, CouncilId council_id, const PeopleSearch& q) {
  return people_from(c.query(kSearch, {council_id, contains_pattern(q.name), q.date_of_birth, q.nhs_number, q.postcode,
                                       q.caseload_of.value_or(UserId()), std::int64_t(q.limit)}));
}

std::int64_t count_all_people(Connection& c) {
  static constexpr Statement kCountAll{"count_all_people", "SELECT count(*) FROM people"};
  return c.query(kCountAll, {}).at(0).int64(0);
}

AgeBandCounts count_people_by_age_band(Connection& c, CouncilId council_id, CivilDate on) {
  AgeBandCounts counts;
  for (const auto& row : c.query(kDatesOfBirth, {council_id})) {
    auto dob = CivilDate::parse_iso(row.text(0));
    if (!dob) continue;
    switch (people::age_band_on(*dob, on)) {
      case people::AgeBand::Under18: ++counts.under_18; break;
      case people::AgeBand::Adult18To64: ++counts.adults_18_64; break;
      case people::AgeBand::Older65Plus: ++counts.older_65_plus; break;
    }
  }
  return counts;
}

}  // namespace patchwork::storage
