// The ledger's read API and corrections (docs/money.md "The ledger"):
//   GET  /api/v1/accounts/{id}?on=YYYY-MM-DD             an account and its balance at the end of that day (today by default)
//   GET  /api/v1/accounts/{id}/transfers?from=&to=       its transfers with value dates in the range (the last 90 days by default)
//   GET  /api/v1/people/{id}/accounts?on=                the person's accounts with their balances
//   POST /api/v1/reversals                               {"transfer_id", "reason", "value_date"?}: finance corrects a transfer
//   POST /api/v1/accounts/{id}/close                     {"on", "reason"}: finance closes a holding account (docs/money.md
//                                                        "Closing an account"); an account's JSON says "closed" (null or when and why)
// Accounts are reached through http::account_for (a person's through the
// person, the council's by finance only); every look and correction is audited.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "core/text.hpp"
#include "http/account_access.hpp"
#include "services/ledger_service.hpp"
#include "storage/repositories/account_closures_repository.hpp"
#include "storage/repositories/ledger_repository.hpp"

namespace patchwork::api {

std::expected<people::Person, http::Response> person_for(http::Context& ctx, access::Action action);

namespace {

// The longest range of transfers one request lists: a year and a bit, so a
// yearly review's statement fits and no request reads a council's history.
constexpr int kMaxRangeDays = 400;

http::Response refusal(const http::Context::Refusal& r) { return http::Response::problem(r.status, r.title, r.detail); }

json::object account_json(const ledger::Account& a) {
  return {{"id", a.id},
          {"kind", ledger::account_kind_code(a.kind)},
          {"label", ledger::account_label(a)},
          {"person_id", optional_id(a.person_id)},
          {"part_key", ledger::is_holding(a.kind) ? json::value(a.part_key) : json::value(nullptr)},
          {"provider_id", optional_id(a.provider_id)},
          {"category", a.category ? json::value(ledger::spending_category_code(*a.category)) : json::value(nullptr)},
          {"may_go_below_zero", ledger::may_go_below_zero(a.kind)}};
}

json::value closure_json(const std::optional<ledger::Closure>& k) {
  if (!k) return nullptr;
  return json::object{{"on", k->closed_on.iso()}, {"reason", k->reason}, {"by", k->closed_by_name}, {"at", k->closed_at}};
}

// A date from the query, or the default; the error names the parameter.
std::optional<CivilDate> date_param(http::Context& ctx, std::string_view name, CivilDate fallback, FieldErrors& errors) {
  const std::string text = ctx.request.query_value(name);
  if (text.empty()) return fallback;
  auto d = CivilDate::parse_iso(text);
  if (!d) errors.push_back({std::string(name), "The date must be a real date, like 2026-12-07"});
  return d;
}

http::Response show(http::Context& ctx) {
  FieldErrors errors;
  auto on = date_param(ctx, "on", CivilDate::today_utc(), errors);
  if (!errors.empty()) return validation_problem(errors);
  auto id = ctx.request.path_id("id");
  if (!id) return http::Response::problem(404, "Not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refusal(access.error());
  const auto& a = access->account;
  auto balance = services::balance(ctx.db(), a.council_id, a.id, *on);
  if (!balance) return validation_problem(balance.error());
  json::object o = account_json(a);
  o["on"] = on->iso();
  o["balance"] = balance->decimal();
  o["closed"] = closure_json(storage::find_account_closure(ctx.db(), a.council_id, a.id));
  return json_response(o);
}

http::Response transfers(http::Context& ctx) {
  FieldErrors errors;
  const CivilDate today = CivilDate::today_utc();
  auto to = date_param(ctx, "to", today, errors);
  auto from = date_param(ctx, "from", (to ? *to : today).plus_days(-90), errors);
  if (errors.empty() && *to < *from) errors.push_back({"to", "The end of the range must be on or after its start"});
  if (errors.empty() && (to->days() - from->days()).count() > kMaxRangeDays)
    errors.push_back({"from", "Ask for at most " + std::to_string(kMaxRangeDays) + " days of transfers at a time"});
  if (!errors.empty()) return validation_problem(errors);
  auto id = ctx.request.path_id("id");
  if (!id) return http::Response::problem(404, "Not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refusal(access.error());
  const auto& a = access->account;
  auto& db = ctx.db();
  json::array list;
  for (const auto& l : storage::list_account_transfers(db, a.council_id, a.id, *from, *to)) {
    const auto& t = l.transfer;
    list.push_back(json::object{{"id", t.id},
                                {"value_date", t.value_date.iso()},
                                {"amount", t.amount.decimal()},
                                {"direction", t.credit == a.id ? "in" : "out"},
                                {"other_account", l.other_account},
                                {"other_kind", ledger::account_kind_code(l.other_kind)},
                                {"reason", t.reason},
                                {"reverses", optional_text(t.reverses)},
                                {"reversed_by", optional_text(storage::find_reversal_of(db, a.council_id, t.id))},
                                {"recorded_at", l.recorded_at}});
  }
  json::object o{{"account", account_json(a)},
                 {"from", from->iso()},
                 {"to", to->iso()},
                 {"opening_balance", storage::ledger_balance(db, a.council_id, a.id, from->plus_days(-1)).decimal()},
                 {"closing_balance", storage::ledger_balance(db, a.council_id, a.id, *to).decimal()},
                 {"transfers", std::move(list)}};
  return json_response(o);
}

http::Response person_accounts(http::Context& ctx) {
  FieldErrors errors;
  auto on = date_param(ctx, "on", CivilDate::today_utc(), errors);
  if (!errors.empty()) return validation_problem(errors);
  auto person = person_for(ctx, access::Action::ViewLedger);
  if (!person) return person.error();
  auto& db = ctx.db();
  json::array list;
  for (const auto& a : storage::person_ledger_accounts(db, person->council_id, person->id)) {
    json::object o = account_json(a);
    o["balance"] = storage::ledger_balance(db, person->council_id, a.id, *on).decimal();
    o["closed"] = closure_json(storage::find_account_closure(db, person->council_id, a.id));
    list.push_back(std::move(o));
  }
  return json_response(json::object{{"on", on->iso()}, {"accounts", std::move(list)}});
}

// POST /api/v1/reversals: transfer_id and reason required, value_date
// (YYYY-MM-DD) optional, today when left out. Any other member is refused.
http::Response reverse(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReverseTransfer);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto body = body_object(ctx.request);
  if (!body) return body.error();
  FieldErrors errors;
  for (const auto& member : *body) {
    const std::string_view key = member.key();
    if (key != "transfer_id" && key != "reason" && key != "value_date")
      errors.push_back({std::string(key), "is not part of a correction (transfer_id, reason, value_date)"});
  }
  auto transfer_id = string_member(*body, "transfer_id", errors);
  auto reason = string_member(*body, "reason", errors);
  auto date_text = string_member(*body, "value_date", errors);
  if (!transfer_id || transfer_id->empty()) errors.push_back({"transfer_id", "Give the id of the transfer to correct"});
  if (!reason || trim(*reason).empty()) errors.push_back({"reason", "Say why the transfer is being corrected"});
  std::optional<CivilDate> value_date = CivilDate::today_utc();
  if (date_text) {
    value_date = CivilDate::parse_iso(*date_text);
    if (!value_date) errors.push_back({"value_date", "The date must be a real date, like 2026-12-07"});
  }
  if (!errors.empty()) {
    // Refused before the ledger was asked: audited all the same (an attacker
    // review), naming what was sent.
    ctx.audit(audit::AuditAction::RecordReversal, std::nullopt, access::Outcome::Refused,
              "reversal of " + (transfer_id ? *transfer_id : std::string("(no transfer id)")) + " refused: " + errors.front().field + ": " +
                  errors.front().message);
    return validation_problem(errors);
  }
  const CouncilId council = ctx.signed_in_user().council_id;
  auto r = services::reverse(ctx.db(), council, *transfer_id, *reason, *value_date);
  if (!r) {
    // Refused by the ledger's rules: kept in the audit trail with why.
    ctx.audit(audit::AuditAction::RecordReversal, std::nullopt, access::Outcome::Refused,
              "reversal of " + *transfer_id + " refused: " + r.error().front().message);
    return validation_problem(r.error());
  }
  ctx.audit(audit::AuditAction::RecordReversal, r->person_id, access::Outcome::Allowed,
            (r->already_recorded ? "reversal already recorded: " : "reversed ") + r->original.id + " by " +
                r->transfer.id + ", " + r->transfer.amount.display() + " on " + r->transfer.value_date.iso() + ": " +
                r->transfer.reason);
  json::object o{{"id", r->transfer.id},
                 {"reverses", r->original.id},
                 {"debit", r->transfer.debit},
                 {"credit", r->transfer.credit},
                 {"amount", r->transfer.amount.decimal()},
                 {"value_date", r->transfer.value_date.iso()},
                 {"reason", r->transfer.reason},
                 {"already_recorded", r->already_recorded}};
  return json_response(o, r->already_recorded ? 200 : 201);
}

// POST /api/v1/accounts/{id}/close: "on" (YYYY-MM-DD) and "reason", both
// required; any other member is refused. Finance's (close_account), no second
// officer: it moves no money. Allowed or refused, the closure is audited
// against the person whose account it is.
http::Response close(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::CloseAccount);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id) return http::Response::problem(404, "Not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refusal(access.error());
  const auto& a = access->account;
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  FieldErrors errors;
  for (const auto& [key, value] : *fields)
    if (key != "on" && key != "reason") errors.push_back({key, "is not part of closing an account (on, reason)"});
  std::expected<ledger::Closure, FieldErrors> closed = std::unexpected(errors);
  if (errors.empty())
    closed = services::close_account(ctx.db(), a.council_id, a.id, *fields, ctx.signed_in_user().id, CivilDate::today_utc());
  if (!closed) {
    ctx.audit(audit::AuditAction::RecordAccountClosure, a.person_id, access::Outcome::Refused,
              "closing account " + std::to_string(a.id) + " refused: " + closed.error().front().field + ": " +
                  closed.error().front().message);
    return validation_problem(closed.error());
  }
  ctx.audit(audit::AuditAction::RecordAccountClosure, a.person_id, access::Outcome::Allowed,
            "closed account " + std::to_string(a.id) + " (" + ledger::account_label(a) + ") on " + closed->closed_on.iso() + ": " +
                closed->reason);
  json::object o = account_json(a);
  o["balance"] = storage::ledger_balance(ctx.db(), a.council_id, a.id, CivilDate::today_utc()).decimal();
  o["closed"] = closure_json(closed.value());
  return json_response(o, 201);
}

}  // namespace

void add_ledger_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Get, "/api/v1/accounts/{id}", route(show));
  d.add(http::Method::Get, "/api/v1/accounts/{id}/transfers", route(transfers));
  d.add(http::Method::Get, "/api/v1/people/{id}/accounts", route(person_accounts));
  d.add(http::Method::Post, "/api/v1/reversals", route(reverse));
  d.add(http::Method::Post, "/api/v1/accounts/{id}/close", route(close));
}

}  // namespace patchwork::api
