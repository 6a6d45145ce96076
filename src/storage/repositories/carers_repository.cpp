#include "storage/repositories/carers_repository.hpp"

#include "core/date.hpp"
#include "storage/repositories/assessment_encoding.hpp"

namespace patchwork::storage {
namespace {

#define PW_CARER_COLUMNS                                                                                         \
  "id, council_id, person_id, name, relationship, hours_per_week, lives_with_person, carer_person_id, phone, "  \
  "assessment_offered_on, assessment_answer, assessment_answered_on"
constexpr Statement kInsertCarer{"insert_carer",
    "INSERT INTO carers (council_id, person_id, name, relationship, hours_per_week, lives_with_person, carer_person_id, phone, "
    "assessment_offered_on, assessment_answer, assessment_answered_on, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id"};
constexpr Statement kListCarers{"list_carers",
    "SELECT " PW_CARER_COLUMNS " FROM carers WHERE council_id = $1 AND person_id = $2 ORDER BY id"};
constexpr Statement kFindCarer{"find_carer",
    "SELECT " PW_CARER_COLUMNS " FROM carers WHERE council_id = $1 AND person_id = $2 AND id = $3"};
#undef PW_CARER_COLUMNS
constexpr Statement kUpdateCarerAnswer{"update_carer_assessment_answer",
    "UPDATE carers SET assessment_answer = $4, assessment_answered_on = $5 WHERE council_id = $1 AND person_id = $2 AND id = $3"};

constexpr Statement kInsertWillingAndAble{"insert_willing_and_able",
    "INSERT INTO willing_and_able_statements (council_id, person_id, assessment_id, carer_id, needs, stated_on, recorded_by, recorded_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id"};
constexpr Statement kListWillingAndAble{"list_willing_and_able",
    "SELECT id, council_id, person_id, assessment_id, carer_id, needs, stated_on FROM willing_and_able_statements "
    "WHERE council_id = $1 AND person_id = $2 AND assessment_id = $3 ORDER BY id"};

people::Carer carer_from(const Row& r) {
  people::Carer c;
  c.id = r.int64(0);
  c.council_id = r.id<CouncilId>(1);
  c.person_id = r.id<PersonId>(2);
  c.name = r.text(3);
  c.relationship = r.text(4);
  c.hours_per_week = int(r.int64(5));
  c.lives_with_person = r.int64(6) != 0;
  c.carer_person_id = r.opt_id<PersonId>(7);
  c.phone = r.text(8);
  c.assessment_offered_on = r.date(9);
  c.assessment_answer = r.text(10);
  c.assessment_answered_on = r.opt_date(11);
  return c;
}

}  // namespace

std::int64_t insert_carer(Connection& c, const people::Carer& x, std::optional<UserId> by) {
  return c.query(kInsertCarer, {x.council_id, x.person_id, x.name, x.relationship, std::int64_t(x.hours_per_week),
                                std::int64_t(x.lives_with_person ? 1 : 0), opt(x.carer_person_id), x.phone, x.assessment_offered_on,
                                x.assessment_answer, opt(x.assessment_answered_on), opt(by), utc_timestamp_now()})
      .at(0).int64(0);
}

std::vector<people::Carer> list_carers(Connection& c, CouncilId council_id, PersonId person_id) {
  std::vector<people::Carer> out;
  for (const auto& r : c.query(kListCarers, {council_id, person_id})) out.push_back(carer_from(r));
  return out;
}

std::optional<people::Carer> find_carer(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t id) {
  auto rows = c.query(kFindCarer, {council_id, person_id, id});
  if (rows.empty()) return std::nullopt;
  return carer_from(rows.front());
}

void update_carer_assessment_answer(Connection& c, const people::Carer& x) {
  c.execute(kUpdateCarerAnswer, {x.council_id, x.person_id, x.id, x.assessment_answer, opt(x.assessment_answered_on)});
}

std::int64_t insert_willing_and_able(Connection& c, const people::WillingAndAbleStatement& s, std::optional<UserId> by) {
  return c.query(kInsertWillingAndAble, {s.council_id, s.person_id, s.assessment_id, s.carer_id, lines_to_json(s.needs), s.stated_on,
                                         opt(by), utc_timestamp_now()})
      .at(0).int64(0);
}

std::vector<people::WillingAndAbleStatement> list_willing_and_able(Connection& c, CouncilId council_id, PersonId person_id,
                                                                   std::int64_t assessment_id) {
  std::vector<people::WillingAndAbleStatement> out;
  for (const auto& r : c.query(kListWillingAndAble, {council_id, person_id, assessment_id}))
    out.push_back({r.int64(0), r.id<CouncilId>(1), r.id<PersonId>(2), r.int64(3), r.int64(4), lines_from_json(r.text(5)), r.date(6)});
  return out;
}

}  // namespace patchwork::storage
