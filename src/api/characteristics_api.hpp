#pragma once
// The characteristics kept with their history, as JSON: the history itself,
// what held on a date, and the snapshot a decision or an allocation keeps.
#include <optional>

#include "api/json.hpp"
#include "domain/people/characteristics.hpp"

namespace patchwork::api {

// {"dementia", "primary_support_reason", "accommodation_status",
//  "has_unpaid_carer", "date_of_death", "national": {the CLD field values}};
// null when there is nothing (a decision made before snapshots were kept).
json::value characteristics_json(const std::optional<people::Characteristics>& c);

// GET /api/v1/people/{id}/characteristics[?as_at=YYYY-MM-DD]
http::Response person_characteristics(http::Context& ctx);

}  // namespace patchwork::api
