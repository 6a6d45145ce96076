// Statement import and reconciliation (docs/statements.md "Importing a statement"):
//   POST /api/v1/accounts/{id}/statements?format=&mapping=&file_name=&choice=   the file as the body (finance)
//   GET  /api/v1/accounts/{id}/statements                                       the account's imports
//   GET  /api/v1/accounts/{id}/statement-lines?from=&to=                        its lines booked in the range (at most 400 days)
//   GET  /api/v1/accounts/{id}/statement-exceptions                             its exceptions, open first
//   GET  /api/v1/statement-exceptions                                           the council's open exceptions (finance)
//   POST /api/v1/statement-exceptions/{id}   {"action": "categorise", "category"} | {"action": "match", "transfer_id"}
//                                            | {"action": "close", "reason"}     working one (finance)
//   POST /api/v1/statement-lines/{id}/category  {"category"}                    a posted line moved to another category (finance)
// Accounts are reached through http::account_for (a person's through the
// person); importing and working are the policy's reconcile_statements.
// Every look, import and step is audited, refused or not.
#include <fmt/format.h>

#include "api/json.hpp"
#include "api/routes.hpp"
#include "core/text.hpp"
#include "http/account_access.hpp"
#include "services/statements_service.hpp"

namespace patchwork::api {
namespace {

namespace io = patchwork::io::statements;

// The largest statement the API takes is the server's body limit (1 MB by
// default, http::ServerConfig::body_limit; larger bodies are answered 413
// before they are read): some fifteen thousand lines of a bank CSV, years of
// a budget holder's account. A larger file is imported with
// `patchwork import-statement`, which streams any size.
constexpr int kMaxRangeDays = 400;

http::Response refusal(const http::Context::Refusal& r) { return http::Response::problem(r.status, r.title, r.detail); }

json::object line_json(const storage::StatementLineRow& l) {
  return {{"id", l.id},
          {"import_id", l.import_id},
          {"identity", l.line_identity},
          {"booking_date", l.booking_date.iso()},
          {"value_date", optional_date(l.value_date)},
          {"amount", Money::from_pence(l.amount_pence).decimal()},
          {"payee", l.payee},
          {"description", l.description},
          {"reference", l.reference},
          {"merchant_category_code", l.merchant_category_code ? json::value(*l.merchant_category_code) : json::value(nullptr)},
          {"cash", l.cash},
          {"reversal", l.reversal},
          {"category", optional_text(l.category)},
          {"category_why", l.category_why},
          {"transfer_id", optional_text(l.transfer_id)},
          {"plan_id", optional_id(l.plan_id)},
          {"plan_line_number", l.plan_line_number ? json::value(*l.plan_line_number) : json::value(nullptr)},
          {"plan_match_why", l.plan_match_why},
          {"source_line", std::int64_t(l.source_line)}};
}

json::object exception_json(const storage::StatementExceptionRow& e) {
  return {{"id", e.id},
          {"account_id", e.account_id},
          {"import_id", e.import_id},
          {"line_id", optional_id(e.line_id)},
          {"source_line", std::int64_t(e.source_line)},
          {"kind", e.kind},
          {"label", services::exception_kind_label(e.kind)},
          {"detail", e.detail},
          {"amount", e.amount_pence ? json::value(Money::from_pence(*e.amount_pence).decimal()) : json::value(nullptr)},
          {"line_date", optional_date(e.line_date)},
          {"line_amount", e.line_amount_pence ? json::value(Money::from_pence(*e.line_amount_pence).decimal()) : json::value(nullptr)},
          {"line_payee", e.line_payee},
          {"person_id", optional_id(e.person_id)},
          {"state", e.state},
          {"outcome", e.outcome},
          {"worked_by", optional_id(e.worked_by)},
          {"worked_at", optional_text(e.worked_at)},
          {"raised_at", e.raised_at}};
}

json::object import_json(const storage::StatementImportRow& i) {
  return {{"id", i.id},
          {"account_id", i.account_id},
          {"format", i.format},
          {"format_detail", i.format_detail},
          {"file_name", i.file_name},
          {"file_sha256", i.file_sha256},
          {"imported_by", optional_id(i.imported_by)},
          {"imported_at", i.imported_at},
          {"state", i.state},
          {"choice", i.choice},
          {"period_from", optional_date(i.period_from)},
          {"period_to", optional_date(i.period_to)},
          {"closing_balance", i.closing_balance_pence ? json::value(Money::from_pence(*i.closing_balance_pence).decimal()) : json::value(nullptr)},
          {"lines_read", i.lines_read},
          {"lines_added", i.lines_added},
          {"lines_matched", i.lines_matched},
          {"lines_already", i.lines_already},
          {"lines_rejected", i.lines_rejected},
          {"exceptions", i.exceptions}};
}

json::array rejections_json(const services::StatementImportResult& r) {
  json::array out;
  for (const auto* list : {&r.report.rejections, &r.rejections})
    for (const auto& rej : *list) out.push_back(json::object{{"line", std::int64_t(rej.line)}, {"field", rej.field}, {"reason", rej.reason}});
  return out;
}

// Finance, on an account of this council that holds a person's money.
std::expected<http::AccountAccess, http::Response> finance_account(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return std::unexpected(http::Response::problem(403, "Forbidden", decision.reason));
  auto id = ctx.request.path_id("id");
  if (!id) return std::unexpected(http::Response::problem(404, "Not found", "There is no such account."));
  auto access = http::account_for(ctx, *id);
  if (!access) return std::unexpected(refusal(access.error()));
  return *access;
}

http::Response upload(http::Context& ctx) {
  FieldErrors errors;
  std::optional<statements::Format> format;
  const std::string format_text = ctx.request.query_value("format");
  if (!format_text.empty() && format_text != "auto") {
    format = io::format_from_code(format_text);
    if (!format) errors.push_back({"format", "Use auto, csv, ofx, camt053 or card"});
  }
  const std::string choice = ctx.request.query_value("choice");
  if (!choice.empty() && choice != "all_or_nothing" && choice != "without_rejected_lines")
    errors.push_back({"choice", "Use all_or_nothing (any bad line refuses the file) or without_rejected_lines"});
  std::string file_name = trim(ctx.request.query_value("file_name"));
  if (file_name.size() > 200) errors.push_back({"file_name", "Use a file name of at most 200 characters"});
  if (file_name.empty()) file_name = "statement";
  if (ctx.request.body.empty()) errors.push_back({"file", "Send the statement file as the request's body"});
  if (!errors.empty()) return validation_problem(errors);
  auto access = finance_account(ctx);
  if (!access) return access.error();

  services::StatementImportRequest req;
  req.council = ctx.signed_in_user().council_id;
  req.account = access->account.id;
  req.format = format;
  req.mapping = trim(ctx.request.query_value("mapping"));
  req.file_name = file_name;
  req.choice = choice == "without_rejected_lines" ? io::ImportChoice::WithoutRejectedLines : io::ImportChoice::AllOrNothing;
  req.by = ctx.signed_in_user().id;
  std::optional<PersonId> person = access->person ? std::optional(access->person->id) : std::nullopt;
  auto imported = services::import_statement(ctx.db(), req, io::source_from_text(ctx.request.body));
  if (!imported) return validation_problem(imported.error());
  auto& r = *imported;
  if (r.outcome != services::StatementImportResult::Outcome::Imported) {
    // The request rolls back: nothing of the file is kept. A statement for
    // another account is remembered as its exception, written on its own.
    if (r.outcome == services::StatementImportResult::Outcome::WrongAccount)
      ctx.always_write([req, r](storage::Connection& c) { services::record_wrong_account(c, req, r); });
    ctx.audit(audit::AuditAction::ImportStatement, person, access::Outcome::Refused,
              "statement " + req.file_name + " for account " + std::to_string(req.account) + " refused: " + r.refusal);
    const auto& first = !r.report.rejections.empty() ? std::optional(r.report.rejections.front())
                        : !r.rejections.empty()        ? std::optional(r.rejections.front())
                        : r.report.fatal               ? r.report.fatal
                                                       : std::nullopt;
    json::object problem{{"type", "about:blank"},
                         {"title", "The statement was not imported"},
                         {"status", 422},
                         {"detail", r.refusal},
                         {"errors", json::array{json::object{{"field", r.outcome == services::StatementImportResult::Outcome::WrongAccount ? "account" : first ? (first->line > 0 ? "line " + std::to_string(first->line) : first->field) : "file"},
                                                             {"message", r.refusal}}}},
                         {"rejections", rejections_json(r)},
                         {"wrong_account", r.outcome == services::StatementImportResult::Outcome::WrongAccount}};
    auto response = json_response(problem, 422);
    for (auto& [name, value] : response.headers)
      if (to_lower(name) == "content-type") value = "application/problem+json";
    return response;
  }
  const auto& t = r.totals;
  ctx.audit(audit::AuditAction::ImportStatement, person, access::Outcome::Allowed,
            fmt::format("statement {} imported into account {} as import {}: {} read, {} added, {} matched, {} already there, {} rejected, "
                        "{} exceptions",
                        req.file_name, req.account, t.id, t.lines_read, t.lines_added, t.lines_matched, t.lines_already, t.lines_rejected,
                        t.exceptions));
  json::array exceptions;
  for (const auto& e : r.exceptions) exceptions.push_back(exception_json(e));
  json::object o = import_json(t);
  o["rejections"] = rejections_json(r);
  o["raised"] = std::move(exceptions);
  return json_response(o, 201);
}

http::Response imports(http::Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return http::Response::problem(404, "Not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refusal(access.error());
  json::array list;
  for (const auto& i : storage::list_statement_imports(ctx.db(), access->account.council_id, access->account.id)) list.push_back(import_json(i));
  ctx.audit(audit::AuditAction::ViewStatements, access->person ? std::optional(access->person->id) : std::nullopt, access::Outcome::Allowed,
            "statement imports of account " + std::to_string(access->account.id));
  return json_response(json::object{{"account_id", access->account.id}, {"imports", std::move(list)}});
}

http::Response lines(http::Context& ctx) {
  FieldErrors errors;
  const CivilDate today = CivilDate::today_utc();
  auto date = [&](std::string_view name, CivilDate fallback) -> std::optional<CivilDate> {
    const std::string text = ctx.request.query_value(name);
    if (text.empty()) return fallback;
    auto d = CivilDate::parse_iso(text);
    if (!d) errors.push_back({std::string(name), "The date must be a real date, like 2026-12-07"});
    return d;
  };
  auto to = date("to", today);
  auto from = date("from", (to ? *to : today).plus_days(-90));
  if (errors.empty() && *to < *from) errors.push_back({"to", "The end of the range must be on or after its start"});
  if (errors.empty() && (to->days() - from->days()).count() > kMaxRangeDays)
    errors.push_back({"from", "Ask for at most " + std::to_string(kMaxRangeDays) + " days of lines at a time"});
  if (!errors.empty()) return validation_problem(errors);
  auto id = ctx.request.path_id("id");
  if (!id) return http::Response::problem(404, "Not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refusal(access.error());
  json::array list;
  for (const auto& l : storage::list_statement_lines(ctx.db(), access->account.council_id, access->account.id, *from, *to))
    list.push_back(line_json(l));
  ctx.audit(audit::AuditAction::ViewStatements, access->person ? std::optional(access->person->id) : std::nullopt, access::Outcome::Allowed,
            "statement lines of account " + std::to_string(access->account.id) + " from " + from->iso() + " to " + to->iso());
  return json_response(json::object{{"account_id", access->account.id}, {"from", from->iso()}, {"to", to->iso()}, {"lines", std::move(list)}});
}

http::Response account_exceptions(http::Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return http::Response::problem(404, "Not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refusal(access.error());
  json::array list;
  for (const auto& e : storage::account_statement_exceptions(ctx.db(), access->account.council_id, access->account.id))
    list.push_back(exception_json(e));
  ctx.audit(audit::AuditAction::ViewStatements, access->person ? std::optional(access->person->id) : std::nullopt, access::Outcome::Allowed,
            "statement exceptions of account " + std::to_string(access->account.id));
  return json_response(json::object{{"account_id", access->account.id}, {"exceptions", std::move(list)}});
}

http::Response council_exceptions(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  json::array list;
  for (const auto& e : storage::open_statement_exceptions(ctx.db(), ctx.signed_in_user().council_id)) list.push_back(exception_json(e));
  return json_response(json::object{{"exceptions", std::move(list)}});
}

http::Response work(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id) return http::Response::problem(404, "Not found", "There is no such exception.");
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto unknown = unknown_members(*fields, {"action", "category", "transfer_id", "reason"}, "working an exception")) return *unknown;
  auto get = [&](const char* k) { auto it = fields->find(k); return it == fields->end() ? std::string() : it->second; };
  const std::string action = get("action");
  const CouncilId council = ctx.signed_in_user().council_id;
  const auto& user = ctx.signed_in_user();
  Result<services::WorkedException> worked = fail("action", "Say what to do: categorise, match or close");
  if (action == "categorise") worked = services::categorise_exception(ctx.db(), council, *id, get("category"), user.id, user.username);
  else if (action == "match") worked = services::match_exception(ctx.db(), council, *id, get("transfer_id"), user.id);
  else if (action == "close") worked = services::close_exception(ctx.db(), council, *id, get("reason"), user.id);
  if (!worked) {
    if (worked.error().front().field == "exception" && !storage::find_statement_exception(ctx.db(), council, *id))
      return http::Response::problem(404, "Not found", "There is no such exception.");
    ctx.audit(audit::AuditAction::WorkStatementException, std::nullopt, access::Outcome::Refused,
              "statement exception " + std::to_string(*id) + " (" + action + ") refused: " + worked.error().front().message);
    return validation_problem(worked.error());
  }
  ctx.audit(audit::AuditAction::WorkStatementException, worked->person_id, access::Outcome::Allowed,
            "statement exception " + std::to_string(*id) + " (" + worked->exception.kind + "): " + worked->outcome);
  return json_response(exception_json(worked->exception));
}

http::Response change_category(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id) return http::Response::problem(404, "Not found", "There is no such statement line.");
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto unknown = unknown_members(*fields, {"category"}, "a statement line's category")) return *unknown;
  const CouncilId council = ctx.signed_in_user().council_id;
  if (!storage::find_statement_line(ctx.db(), council, *id)) return http::Response::problem(404, "Not found", "There is no such statement line.");
  const auto& user = ctx.signed_in_user();
  auto it = fields->find("category");
  auto changed = services::change_line_category(ctx.db(), council, *id, it == fields->end() ? "" : it->second, user.id, user.username);
  if (!changed) {
    ctx.audit(audit::AuditAction::ChangeStatementCategory, std::nullopt, access::Outcome::Refused,
              "statement line " + std::to_string(*id) + ": " + changed.error().front().message);
    return validation_problem(changed.error());
  }
  ctx.audit(audit::AuditAction::ChangeStatementCategory, changed->person_id, access::Outcome::Allowed, changed->outcome);
  return json_response(line_json(changed->line));
}

json::object mapping_json(const services::MappingChoice& m) {
  json::object o{{"name", m.mapping.name}, {"about", m.mapping.about}, {"saved_by_council", m.saved_by_council},
                 {"card", m.mapping.is_card()}, {"text", m.text}};
  if (m.saved_by_council) {
    o["saved_by"] = m.saved_by_name;
    o["saved_at"] = m.saved_at;
  }
  return o;
}

http::Response mappings(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  json::array list;
  for (const auto& m : services::statement_mappings(ctx.db(), ctx.signed_in_user().council_id)) list.push_back(mapping_json(m));
  return json_response(json::object{{"mappings", std::move(list)}});
}

// {"text": "name = nationwide\n…"}: the mapping as docs/statements.md writes it.
http::Response save_mapping(http::Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
  auto fields = body_fields(ctx.request);
  if (!fields) return fields.error();
  if (auto unknown = unknown_members(*fields, {"text"}, "a statement mapping")) return *unknown;
  auto it = fields->find("text");
  const auto& user = ctx.signed_in_user();
  auto saved = services::save_statement_mapping(ctx.db(), user.council_id, it == fields->end() ? "" : it->second, user.id);
  if (!saved) {
    ctx.audit(audit::AuditAction::SaveStatementMapping, std::nullopt, access::Outcome::Refused,
              "statement mapping refused: " + saved.error().front().message);
    return validation_problem(saved.error());
  }
  ctx.audit(audit::AuditAction::SaveStatementMapping, std::nullopt, access::Outcome::Allowed, "statement mapping " + saved->mapping.name + " saved");
  return json_response(mapping_json(*saved), 201);
}

}  // namespace

void add_statements_api(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(http::Surface::Api, std::move(h)); };
  d.add(http::Method::Post, "/api/v1/accounts/{id}/statements", route(upload));
  d.add(http::Method::Get, "/api/v1/accounts/{id}/statements", route(imports));
  d.add(http::Method::Get, "/api/v1/accounts/{id}/statement-lines", route(lines));
  d.add(http::Method::Get, "/api/v1/accounts/{id}/statement-exceptions", route(account_exceptions));
  d.add(http::Method::Get, "/api/v1/statement-exceptions", route(council_exceptions));
  d.add(http::Method::Post, "/api/v1/statement-exceptions/{id}", route(work));
  d.add(http::Method::Post, "/api/v1/statement-lines/{id}/category", route(change_category));
  d.add(http::Method::Get, "/api/v1/statement-mappings", route(mappings));
  d.add(http::Method::Post, "/api/v1/statement-mappings", route(save_mapping));
}

}  // namespace patchwork::api
