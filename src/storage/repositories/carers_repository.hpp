#pragma once
// Unpaid carers and the willing-and-able statements made about them.
#include <optional>
#include <vector>

#include "domain/people/carers.hpp"
#include "storage/db.hpp"

namespace patchwork::storage {

std::int64_t insert_carer(Connection& c, const people::Carer& carer, std::optional<UserId> recorded_by);
std::vector<people::Carer> list_carers(Connection& c, CouncilId council_id, PersonId person_id);
// This person's carer with this id, in this council, or nothing.
std::optional<people::Carer> find_carer(Connection& c, CouncilId council_id, PersonId person_id, std::int64_t id);
void update_carer_assessment_answer(Connection& c, const people::Carer& carer);

std::int64_t insert_willing_and_able(Connection& c, const people::WillingAndAbleStatement& s, std::optional<UserId> recorded_by);
std::vector<people::WillingAndAbleStatement> list_willing_and_able(Connection& c, CouncilId council_id, PersonId person_id,
                                                                   std::int64_t assessment_id);

}  // namespace patchwork::storage
