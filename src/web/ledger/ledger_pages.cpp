// Finance pages for the ledger (docs/money.md "The ledger"):
//   /finance/accounts/{id}            an account: its balance and its transfers, with the balance after each
//   /finance/accounts/{id}/reverse    finance corrects one transfer with a reversing transfer and a reason
//   /finance/accounts/{id}/close      finance closes a holding account from a date, with a reason
//                                     (docs/money.md "Closing an account")
// An account is reached through http::account_for: a person's account through
// the person (view_ledger: their worker, a team manager, finance, the person,
// a representative who may act on their money), the council's own accounts by
// finance only. Every look and correction is audited.
#include <fmt/format.h>

#include "core/text.hpp"
#include "domain/ledger/ledger.hpp"
#include "http/account_access.hpp"
#include "services/ledger_service.hpp"
#include "storage/repositories/account_closures_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/providers_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;

// The ranges offered as plain links (no script, no date boxes to fill in).
struct Range {
  const char* code;
  const char* label;
  int days;
};
constexpr Range kRanges[] = {{"4w", "Last 4 weeks", 28}, {"3m", "Last 3 months", 91}, {"12m", "Last 12 months", 365}};

Response refused(Context& ctx, const Context::Refusal& r) { return error_page(ctx, r.status, r.title, r.detail); }

bool may_correct(Context& ctx) {
  // Whether to show the "Correct" links: the policy asked without recording;
  // the correction itself is authorised and audited when it is made.
  return access::decide(ctx.signed_in_user().actor(), access::Action::ReverseTransfer).allowed();
}

// Who or what the account is for, in words.
std::string owner(Context& ctx, const http::AccountAccess& a) {
  if (a.person) return a.person->full_name();
  if (a.account.provider_id) {
    auto p = storage::find_provider(ctx.db(), a.account.council_id, *a.account.provider_id);
    return p ? p->name : "A provider no longer on the register";
  }
  return "The council";
}

std::string other_side(ledger::AccountKind kind, bool money_in) {
  switch (kind) {
    case ledger::AccountKind::CouncilFunding: return money_in ? "From the council" : "Back to the council";
    case ledger::AccountKind::PersonContribution: return money_in ? "From the person's contribution" : "Back to the person";
    case ledger::AccountKind::Spending: return money_in ? "Refund of spending" : "Spent";
    case ledger::AccountKind::ProviderPayable: return money_in ? "Back from a provider" : "Paid to a provider";
    case ledger::AccountKind::SurplusRecovered: return money_in ? "Surplus returned" : "Surplus recovered by the council";
    case ledger::AccountKind::OverpaymentsDue: return money_in ? "Overpayment" : "Overpayment repaid";
    case ledger::AccountKind::DirectPayment:
    case ledger::AccountKind::IndividualServiceFund: return money_in ? "From another budget part" : "To another budget part";
  }
  return "";
}

Response account_page(Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refused(ctx, access.error());
  const auto& a = access->account;
  auto& db = ctx.db();
  const CivilDate today = CivilDate::today_utc();
  const std::string chosen = ctx.request.query_value("range");
  const Range* range = &kRanges[1];
  for (const auto& r : kRanges)
    if (chosen == r.code) range = &r;
  const CivilDate from = today.plus_days(-range->days + 1);
  Money running = storage::ledger_balance(db, a.council_id, a.id, from.plus_days(-1));
  const Money opening = running;
  const bool correct = may_correct(ctx);
  const std::string self = "/finance/accounts/" + std::to_string(a.id);

  List rows;
  for (const auto& l : storage::list_account_transfers(db, a.council_id, a.id, from, today)) {
    const auto& t = l.transfer;
    const bool in = t.credit == a.id;
    // Balances of stored transfers always fit: the ledger checked every sum
    // when it recorded them.
    running = (in ? running.plus(t.amount) : running.minus(t.amount)).value_or(running);
    Object row{{"date", t.value_date.display()},
               {"what", other_side(l.other_kind, in)},
               {"reason", t.reason},
               {"id", t.id},
               {"in", in ? t.amount.display() : std::string()},
               {"out", in ? std::string() : t.amount.display()},
               {"balance", running.display()}};
    const auto reversed_by = storage::find_reversal_of(db, a.council_id, t.id);
    if (reversed_by) row["reversed_by"] = *reversed_by;
    if (t.reverses) row["reverses"] = *t.reverses;
    if (correct && !reversed_by && !t.reverses)
      row["correct_href"] = self + "/reverse?transfer=" + http::url_encode(t.id);
    rows.push_back(row);
  }
  Data content;
  content.set("label", ledger::account_label(a));
  content.set("owner", owner(ctx, *access));
  if (access->person) content.set("person_href", "/people/" + access->person->id.text() + "/budgets");
  content.set("balance_today", storage::ledger_balance(db, a.council_id, a.id, today).display());
  content.set("today", today.display());
  content.set("from", from.display());
  content.set("opening", opening.display());
  content.set("range_label", std::string(range->label));
  List ranges;
  for (const auto& r : kRanges)
    ranges.push_back(Object{{"label", std::string(r.label)}, {"href", self + "?range=" + r.code}, {"current", &r == range}});
  content.set("ranges", ranges);
  if (rows.empty()) content.set("no_transfers", true);
  else content.set("transfers", rows);
  if (ledger::is_holding(a.kind)) {
    content.set("holding", true);
    content.set("statements_href", self + "/statements");  // web/statements: upload, lines, exceptions
    if (auto closure = storage::find_account_closure(db, a.council_id, a.id)) {
      content.set("closed_on", closure->closed_on.display());
      content.set("closed_reason", closure->reason);
      content.set("closed_by", closure->closed_by_name.empty() ? std::string("someone no longer here") : closure->closed_by_name);
    } else if (access::decide(ctx.signed_in_user().actor(), access::Action::CloseAccount).allowed()) {
      content.set("close_href", self + "/close");
    }
  }
  return page(ctx, "ledger/account", content, ledger::account_label(a) + ": " + owner(ctx, *access));
}

Response reverse_form(Context& ctx, const http::AccountAccess& access, const ledger::Transfer& t, const FieldErrors& errors) {
  const std::string self = "/finance/accounts/" + std::to_string(access.account.id);
  FormPage form{"Correct a transfer", ledger::account_label(access.account) + ": " + owner(ctx, access),
                "Correct a transfer",
                fmt::format("This moves {} back, the other way round from transfer {} of {} (\"{}\"). A transfer is "
                            "never changed or deleted: the correction is recorded beside it, with your reason.",
                            t.amount.display(), t.id, t.value_date.display(), t.reason),
                self + "/reverse", "Record the correction", self};
  form.hidden.push_back({"transfer_id", t.id});
  ErrorMap e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  form.fields.push_back(text_field({"reason", "Why is it being corrected?", "For example, paid twice in error. The person and their worker may read this."},
                                   post ? ctx.request.form_value("reason") : std::string(), e));
  form.fields.push_back(date_field({"value_date", "On what date does the money move back?", "For example, 7 12 2026"},
                                   form_date_value(ctx.request, "value_date", CivilDate::today_utc().iso()), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

// The transfer named by `transfer_id`, which must touch the account: the page
// is the account's, and going back must show it.
std::optional<ledger::Transfer> transfer_on(Context& ctx, const ledger::Account& a, const std::string& transfer_id) {
  auto t = storage::find_transfer(ctx.db(), a.council_id, transfer_id);
  if (!t || (t->debit != a.id && t->credit != a.id)) return std::nullopt;
  return t;
}

Response reverse_get(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReverseTransfer);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refused(ctx, access.error());
  auto t = transfer_on(ctx, access->account, ctx.request.query_value("transfer"));
  if (!t) return error_page(ctx, 404, "Page not found", "There is no such transfer on this account.");
  return reverse_form(ctx, *access, *t, {});
}

Response reverse_post(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReverseTransfer);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refused(ctx, access.error());
  const std::string transfer_id = ctx.request.form_value("transfer_id");
  const auto person = access->person ? std::optional(access->person->id) : std::nullopt;
  // Every refusal is kept in the audit trail, the form's own checks too (an
  // attacker review: someone probing transfer ids or sending empty reasons
  // left no trace).
  auto refused_here = [&](const std::string& why) {
    ctx.audit(audit::AuditAction::RecordReversal, person, access::Outcome::Refused,
              "reversal of " + transfer_id + " on account " + std::to_string(access->account.id) + " refused: " + why);
  };
  auto t = transfer_on(ctx, access->account, transfer_id);
  if (!t) {
    refused_here("no such transfer on this account");
    return error_page(ctx, 404, "Page not found", "There is no such transfer on this account.");
  }
  FieldErrors errors;
  const std::string reason = trim(ctx.request.form_value("reason"));
  if (reason.empty()) errors.push_back({"reason", "Say why the transfer is being corrected"});
  const std::string date_text = date_from_form(ctx.request, "value_date");
  auto value_date = CivilDate::parse_iso(date_text);
  if (!value_date) errors.push_back({"value_date", "Enter the date the money moves back, as day, month and year"});
  if (!errors.empty()) {
    refused_here(errors.front().message);
    return reverse_form(ctx, *access, *t, errors);
  }
  auto r = services::reverse(ctx.db(), access->account.council_id, t->id, reason, *value_date);
  if (!r) {
    refused_here(r.error().front().message);
    // The ledger's refusals (already reversed, the money no longer there) are
    // about the transfer, not a box the officer can change: shown above the form.
    return reverse_form(ctx, *access, *t, r.error());
  }
  ctx.audit(audit::AuditAction::RecordReversal, r->person_id, access::Outcome::Allowed,
            (r->already_recorded ? "reversal already recorded: " : "reversed ") + r->original.id + " by " +
                r->transfer.id + ", " + r->transfer.amount.display() + " on " + r->transfer.value_date.iso() + ": " +
                r->transfer.reason);
  return Response::redirect("/finance/accounts/" + std::to_string(access->account.id));
}

Response close_form(Context& ctx, const http::AccountAccess& access, const FieldErrors& errors) {
  const std::string self = "/finance/accounts/" + std::to_string(access.account.id);
  FormPage form{"Close this account", ledger::account_label(access.account) + ": " + owner(ctx, access), "Close this account",
                "A closed account takes no new payments, and a bank statement with lines after the closing date is refused. "
                "It can be closed only when it holds nothing and no recovery case is open for the person.",
                self + "/close", "Close the account", self};
  ErrorMap e = error_map(errors);
  const bool post = ctx.request.method == Method::Post;
  form.fields.push_back(text_field({"reason", "Why is the account being closed?", "For example, the direct payment ended and the money left was recovered. The person and their worker may read this."},
                                   post ? ctx.request.form_value("reason") : std::string(), e));
  form.fields.push_back(date_field({"on", "From what date is it closed?", "For example, 3 12 2026"},
                                   form_date_value(ctx.request, "on", CivilDate::today_utc().iso()), e));
  return form_page(ctx, form, errors, errors.empty() ? 200 : 422);
}

Response close_get(Context& ctx) {
  auto decision = ctx.authorize(access::Action::CloseAccount);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refused(ctx, access.error());
  return close_form(ctx, *access, {});
}

Response close_post(Context& ctx) {
  auto decision = ctx.authorize(access::Action::CloseAccount);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refused(ctx, access.error());
  const auto& a = access->account;
  people::Fields fields{{"reason", ctx.request.form_value("reason")}, {"on", date_from_form(ctx.request, "on")}};
  auto closed = services::close_account(ctx.db(), a.council_id, a.id, fields, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!closed) {
    ctx.audit(audit::AuditAction::RecordAccountClosure, a.person_id, access::Outcome::Refused,
              "closing account " + std::to_string(a.id) + " refused: " + closed.error().front().field + ": " +
                  closed.error().front().message);
    return close_form(ctx, *access, closed.error());
  }
  ctx.audit(audit::AuditAction::RecordAccountClosure, a.person_id, access::Outcome::Allowed,
            "closed account " + std::to_string(a.id) + " (" + ledger::account_label(a) + ") on " + closed->closed_on.iso() + ": " +
                closed->reason);
  return Response::redirect("/finance/accounts/" + std::to_string(a.id));
}

}  // namespace

void add_ledger_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/finance/accounts/{id}", route(account_page));
  d.add(Method::Get, "/finance/accounts/{id}/reverse", route(reverse_get));
  d.add(Method::Post, "/finance/accounts/{id}/reverse", route(reverse_post));
  d.add(Method::Get, "/finance/accounts/{id}/close", route(close_get));
  d.add(Method::Post, "/finance/accounts/{id}/close", route(close_post));
}

}  // namespace patchwork::web
