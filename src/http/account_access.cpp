#include "http/account_access.hpp"

#include "storage/repositories/ledger_repository.hpp"

namespace patchwork::http {

std::expected<AccountAccess, Context::Refusal> account_for(Context& ctx, ledger::AccountId id) {
  const CouncilId council = ctx.signed_in_user().council_id;
  auto account = storage::find_ledger_account(ctx.db(), council, id);
  if (!account) return std::unexpected(Context::Refusal{404, "Not found", "There is no such account."});
  if (account->person_id) {
    auto person = ctx.person_for(access::Action::ViewLedger, *account->person_id);
    if (!person) return std::unexpected(person.error());
    return AccountAccess{*account, std::move(*person)};
  }
  auto decision = ctx.authorize(access::Action::ViewCouncilLedger);
  if (!decision.allowed()) return std::unexpected(Context::Refusal{403, "Forbidden", decision.reason});
  return AccountAccess{*account, std::nullopt};
}

}  // namespace patchwork::http
