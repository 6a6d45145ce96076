#pragma once
// Recording an unpaid carer (with the offer of a carer's assessment) and the
// carer's answer to it, shared by the pages and the API. The caller has asked
// the policy; each runs in the caller's transaction.
#include <optional>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/people/carers.hpp"
#include <functional>

#include "domain/people/characteristics.hpp"
#include "domain/people/person.hpp"
#include "storage/db.hpp"

namespace patchwork::services {

// A carer recorded, and any characteristic it changed (Has_Unpaid_Carer), for
// the caller to audit.
struct AddedCarer {
  people::Carer carer;
  people::CharacteristicHistory changes;
};

// A carer of `person`. Their own person id, if given, must name someone else
// recorded in the same council whose record the user may see (`may_see`): a
// link must not tell a worker that someone outside their work exists.
Result<AddedCarer> add_carer(storage::Connection& c, const people::Person& person, const people::Fields& fields,
                             std::optional<UserId> recorded_by, CivilDate today,
                             const std::function<bool(const people::Person&)>& may_see);

// The carer's answer to the offer of a carer's assessment (accepted, declined).
Result<people::Carer> record_carer_assessment_answer(storage::Connection& c, const people::Person& person, std::int64_t carer_id,
                                                     const people::Fields& fields, CivilDate today);

}  // namespace patchwork::services
