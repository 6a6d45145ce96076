#pragma once
// The one way a handler gets a ledger account (docs/money.md "The ledger"),
// as Context::person_for is for a person. The account is looked up within the
// signed-in user's council (another council's is never found: 404). A
// person's account (a holding account, their contribution) is then reached
// through that person: Context::person_for with the policy's view_ledger, so
// the allocated worker, a team manager, finance, the person themself and a
// representative who may act on their money see it, and the look is audited
// against the person. Any other account (the council's funding, a provider,
// a spending category) is the council's: view_council_ledger, finance only,
// audited.
#include <expected>
#include <optional>

#include "domain/ledger/accounts.hpp"
#include "domain/people/person.hpp"
#include "http/context.hpp"

namespace patchwork::http {

struct AccountAccess {
  ledger::Account account;
  std::optional<people::Person> person;  // whose account it is, when it is a person's
};

std::expected<AccountAccess, Context::Refusal> account_for(Context& ctx, ledger::AccountId id);

}  // namespace patchwork::http
