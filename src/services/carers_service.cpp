#include "services/carers_service.hpp"

#include "services/people_service.hpp"
#include "storage/repositories/carers_repository.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::services {

Result<AddedCarer> add_carer(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                             std::optional<UserId> recorded_by, CivilDate today,
                             const std::function<bool(const people::Person&)>& may_see) {
  auto carer = people::carer_from_fields(fields, today);
  if (!carer) return std::unexpected(carer.error());
  // The national return links a carer to the people they care for by person id:
  // only someone recorded in this council, and not the person themself.
  if (carer->carer_person_id) {
    if (*carer->carer_person_id == person.id)
      return fail("carer_person_id", "The carer's own person id cannot be the person they care for");
    // One answer for "no such person" and "not someone you work with".
    auto linked = storage::find_person(c, person.council_id, *carer->carer_person_id);
    if (!linked || !may_see(*linked))
      return fail("carer_person_id", "There is no person with that id among the people you work with: leave it empty unless the carer "
                                     "has a record of their own that you can see");
  }
  carer->council_id = person.council_id;
  carer->person_id = person.id;
  carer->id = storage::insert_carer(c, *carer, recorded_by);
  // A recorded carer means the national Has_Unpaid_Carer is Yes from now on;
  // it changes, like every characteristic, through its dated history.
  AddedCarer added{*carer, {}};
  if (person.has_unpaid_carer != "Yes") {
    auto updated = update_person(c, person, {{"has_unpaid_carer", "Yes"}}, today, recorded_by);
    if (!updated) return std::unexpected(updated.error());
    added.changes = updated->changes;
  }
  return added;
}

Result<people::Carer> record_carer_assessment_answer(storage::Connection& c, const people::Person& person, std::int64_t carer_id,
                                                     const people::Fields& fields, CivilDate today) {
  auto carer = storage::find_carer(c, person.council_id, person.id, carer_id);
  if (!carer) return fail("carer_id", "There is no such carer recorded for this person");
  auto answered = people::with_assessment_answer(*carer, fields, today);
  if (!answered) return answered;
  storage::update_carer_assessment_answer(c, *answered);
  return answered;
}

}  // namespace patchwork::services
