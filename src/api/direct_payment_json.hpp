#pragma once
// A direct-payment part's conditions as the API shows them, the same for a
// plan's parts and a budget's (members named as the part is sent: manages,
// manages_help, manages_decided_by, manages_decided_on, recipient_agreed_on,
// authorised_as, representative_id, suitable_decided_by, suitable_decided_on,
// supported_by), so a part read back can be sent again.
#include <boost/json.hpp>

#include "domain/budgets/parts.hpp"

namespace patchwork::api {

void add_direct_payment_json(boost::json::object& o, const budgets::DirectPaymentDetails& dp);

}  // namespace patchwork::api
