// Finance pages for bank statements (docs/statements.md "Importing a statement"):
//   /finance/accounts/{id}/statements             an account's statements: upload one (multipart/form-data,
//                                                 no JavaScript), the balance check, the exceptions and the lines
//                                                 with their categories (changeable; the choice is learned)
//   /finance/statement-exceptions                 the council's open exceptions
//   /finance/statement-exceptions/{id}            work one: categorise, match to a payment, or close with a reason
//   /finance/statement-lines/{id}/category        move a posted line to another category (POST)
// An account is reached through http::account_for (a person's through the
// person); importing and working are the policy's reconcile_statements.
// Every look and step is audited.
#include <fmt/format.h>

#include "core/text.hpp"
#include "domain/statements/categorise.hpp"
#include "http/account_access.hpp"
#include "http/multipart.hpp"
#include "io/statements/mapping.hpp"
#include "services/statements_service.hpp"
#include "storage/repositories/ledger_repository.hpp"
#include "storage/repositories/people_repository.hpp"
#include "storage/repositories/statements_repository.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"
#include "web/statements/statement_pages.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;
namespace io = patchwork::io::statements;

constexpr int kLinesShownDays = 91;

Response refused(Context& ctx, const Context::Refusal& r) { return error_page(ctx, r.status, r.title, r.detail); }

bool may_reconcile(Context& ctx) {
  // Whether to show the forms: asked without recording; each step is
  // authorised and audited when it is taken.
  return access::decide(ctx.signed_in_user().actor(), access::Action::ReconcileStatements).allowed();
}

// A browser's file name, to show and keep: no folders (some browsers send
// them), no control characters, at most 200 characters.
std::string one_line_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char ch : name)
    if (static_cast<unsigned char>(ch) >= 0x20 && ch != 0x7f && out.size() < 200) out.push_back(ch);
  out = trim(out);
  return out.empty() ? std::string("statement") : out;
}

std::string account_href(ledger::AccountId id) { return "/finance/accounts/" + std::to_string(id) + "/statements"; }

List category_options(const std::optional<std::string>& selected) {
  List options;
  for (auto c : statements::all_categories()) {
    const std::string code(statements::category_code(c));
    options.push_back(Object{{"value", code}, {"label", std::string(statements::category_label(c))}, {"selected", selected == code}});
  }
  return options;
}

std::string category_label(const std::optional<std::string>& code) {
  if (!code) return "";
  auto c = statements::category_from_code(*code);
  return c ? std::string(statements::category_label(*c)) : *code;
}

Object exception_object(const storage::StatementExceptionRow& e, bool workable) {
  Object o{{"id", std::to_string(e.id)},
           {"label", std::string(services::exception_kind_label(e.kind))},
           {"detail", e.detail},
           {"date", e.line_date ? e.line_date->display() : std::string()},
           {"amount", e.line_amount_pence ? Money::from_pence(*e.line_amount_pence).display() : std::string()},
           {"payee", e.line_payee},
           {"open", e.state == "open"},
           {"outcome", e.outcome},
           {"account_href", account_href(e.account_id)},
           {"account", "Account " + std::to_string(e.account_id)}};
  if (workable && e.state == "open") o["work_href"] = "/finance/statement-exceptions/" + std::to_string(e.id);
  return o;
}

// The account's statements page, with the outcome of an upload when there was one.
Response statements_page(Context& ctx, const http::AccountAccess& access, const FieldErrors& errors, Data content, int status) {
  const auto& a = access.account;
  auto& db = ctx.db();
  const bool reconcile = may_reconcile(ctx);
  const std::string self = account_href(a.id);
  content.set("label", ledger::account_label(a));
  content.set("owner", access.person ? access.person->full_name() : std::string("The council"));
  content.set("account_href", "/finance/accounts/" + std::to_string(a.id));
  if (reconcile && ledger::is_holding(a.kind)) {
    content.set("upload_action", self);
    List formats;
    for (auto [v, l] : {std::pair{"auto", "Work it out from the file"}, std::pair{"csv", "Bank CSV"}, std::pair{"ofx", "OFX (Money, Quicken)"},
                        std::pair{"camt053", "ISO 20022 camt.053 (XML)"}, std::pair{"card", "Prepaid card CSV"}})
      formats.push_back(Object{{"value", std::string(v)}, {"label", std::string(l)}});
    content.set("formats", formats);
    List mappings;
    for (const auto& m : services::statement_mappings(ctx.db(), access.account.council_id))
      mappings.push_back(Object{{"value", m.mapping.name}, {"label", m.mapping.name + ": " + (m.mapping.about.empty() ? std::string("saved by the council") : m.mapping.about)}});
    content.set("mappings", mappings);
  }
  // The balance check first and plainly: a mismatch is never hidden.
  List mismatches, exceptions;
  for (const auto& e : storage::account_statement_exceptions(db, a.council_id, a.id)) {
    if (e.kind == "balance_mismatch" && e.state == "open") mismatches.push_back(Object{{"detail", e.detail}});
    exceptions.push_back(exception_object(e, reconcile));
  }
  if (!mismatches.empty()) content.set("mismatches", mismatches);
  if (!exceptions.empty()) {
    content.set("exceptions", exceptions);
    content.set("has_exceptions", true);
  }
  const CivilDate today = CivilDate::today_utc();
  List lines;
  for (const auto& l : storage::list_statement_lines(db, a.council_id, a.id, today.plus_days(-kLinesShownDays), today.plus_days(7))) {
    const bool in = l.amount_pence > 0;
    Object row{{"date", l.booking_date.display()},
               {"who", l.payee.empty() ? l.description : l.payee},
               {"description", l.payee.empty() ? std::string() : l.description},
               {"in", in ? Money::from_pence(l.amount_pence).display() : std::string()},
               {"out", in ? std::string() : Money::from_pence(-l.amount_pence).display()},
               {"category", category_label(l.category)},
               {"why", l.category_why},
               {"plan", l.plan_match_why},
               {"id", std::to_string(l.id)}};
    if (!l.transfer_id) row["exception"] = true;
    if (reconcile && !in && !l.reversal && l.transfer_id && l.category) {
      row["change_action"] = "/finance/statement-lines/" + std::to_string(l.id) + "/category";
      row["options"] = category_options(l.category);
    }
    lines.push_back(row);
  }
  if (!lines.empty()) {
    content.set("lines", lines);
    content.set("has_lines", true);
  }
  List imports;
  for (const auto& i : storage::list_statement_imports(db, a.council_id, a.id))
    imports.push_back(Object{{"when", i.imported_at.substr(0, 10)},
                             {"file", i.file_name},
                             {"summary", i.state == "refused" ? std::string("refused: a statement for another account")
                                                              : fmt::format("{} lines read, {} added, {} matched, {} already imported, {} rejected, "
                                                                            "{} exceptions",
                                                                            i.lines_read, i.lines_added, i.lines_matched, i.lines_already,
                                                                            i.lines_rejected, i.exceptions)}});
  if (!imports.empty()) {
    content.set("imports", imports);
    content.set("has_imports", true);
  }
  add_errors(content, errors);
  ctx.audit(audit::AuditAction::ViewStatements, access.person ? std::optional(access.person->id) : std::nullopt, access::Outcome::Allowed,
            "statements page of account " + std::to_string(a.id));
  return page(ctx, "statements/account", content, "Bank statements: " + ledger::account_label(a), status);
}

Response account_get(Context& ctx) {
  auto id = ctx.request.path_id("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refused(ctx, access.error());
  return statements_page(ctx, *access, {}, Data{}, 200);
}

Response account_post(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  auto id = ctx.request.path_id("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such account.");
  auto access = http::account_for(ctx, *id);
  if (!access) return refused(ctx, access.error());
  // The dispatcher has read the form once already (its token and text); a
  // body that is not a well-formed multipart form never gets here.
  auto boundary = http::multipart_boundary(ctx.request.header("content-type"));
  if (!boundary) return statements_page(ctx, *access, {{"file", "Choose the statement file to upload"}}, Data{}, 422);
  auto parts = http::parse_multipart(ctx.request.body, *boundary);
  if (!parts) return statements_page(ctx, *access, {{"file", parts.error()}}, Data{}, 422);
  std::string format_text, mapping, choice, file_name;
  std::optional<std::string_view> file;
  for (const auto& p : *parts) {
    if (p.name == "format") format_text = std::string(p.data);
    else if (p.name == "mapping") mapping = std::string(p.data);
    else if (p.name == "choice") choice = std::string(p.data);
    else if (p.name == "file") {
      file = p.data;
      file_name = p.filename;
    }
  }
  if (!file || file->empty()) return statements_page(ctx, *access, {{"file", "Choose the statement file to upload"}}, Data{}, 422);
  services::StatementImportRequest req;
  req.council = access->account.council_id;
  req.account = access->account.id;
  if (!format_text.empty() && format_text != "auto") {
    req.format = io::format_from_code(format_text);
    if (!req.format) return statements_page(ctx, *access, {{"format", "Choose what kind of file it is"}}, Data{}, 422);
  }
  req.mapping = mapping == "auto" ? "" : trim(mapping);
  req.file_name = file_name.empty() ? "statement" : one_line_name(file_name);
  req.choice = choice == "without_rejected_lines" ? io::ImportChoice::WithoutRejectedLines : io::ImportChoice::AllOrNothing;
  req.by = ctx.signed_in_user().id;
  const std::optional<PersonId> person = access->person ? std::optional(access->person->id) : std::nullopt;
  auto imported = services::import_statement(ctx.db(), req, io::source_from_text(*file));
  if (!imported) {
    FieldErrors errors;
    for (auto e : imported.error()) errors.push_back({e.field == "mapping" ? "mapping" : "file", e.message});
    return statements_page(ctx, *access, errors, Data{}, 422);
  }
  auto& r = *imported;
  Data content;
  if (r.outcome != services::StatementImportResult::Outcome::Imported) {
    if (r.outcome == services::StatementImportResult::Outcome::WrongAccount)
      ctx.always_write([req, r](storage::Connection& c) { services::record_wrong_account(c, req, r); });
    ctx.audit(audit::AuditAction::ImportStatement, person, access::Outcome::Refused,
              "statement " + req.file_name + " for account " + std::to_string(req.account) + " refused: " + r.refusal);
    List rejected;
    for (const auto* list : {&r.report.rejections, &r.rejections})
      for (const auto& rej : *list)
        if (rejected.size() < 50) rejected.push_back(Object{{"line", std::to_string(rej.line)}, {"field", rej.field}, {"reason", rej.reason}});
    if (!rejected.empty()) {
      content.set("rejected", rejected);
      content.set("has_rejected", true);
    }
    return statements_page(ctx, *access, {{"file", r.refusal}}, content, 422);
  }
  const auto& t = r.totals;
  ctx.audit(audit::AuditAction::ImportStatement, person, access::Outcome::Allowed,
            fmt::format("statement {} imported into account {} as import {}: {} read, {} added, {} matched, {} already there, {} rejected, "
                        "{} exceptions",
                        req.file_name, req.account, t.id, t.lines_read, t.lines_added, t.lines_matched, t.lines_already, t.lines_rejected,
                        t.exceptions));
  content.set("imported", Object{{"file", req.file_name},
                                 {"read", std::to_string(t.lines_read)},
                                 {"added", std::to_string(t.lines_added)},
                                 {"matched", std::to_string(t.lines_matched)},
                                 {"already", std::to_string(t.lines_already)},
                                 {"rejected", std::to_string(t.lines_rejected)},
                                 {"exceptions", std::to_string(t.exceptions)}});
  return statements_page(ctx, *access, {}, content, 200);
}

Response council_exceptions(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  const CouncilId council = ctx.signed_in_user().council_id;
  List list;
  for (const auto& e : storage::open_statement_exceptions(ctx.db(), council)) {
    Object o = exception_object(e, true);
    if (e.person_id)
      if (auto p = storage::find_person(ctx.db(), council, *e.person_id)) o["account"] = p->full_name() + ", account " + std::to_string(e.account_id);
    list.push_back(o);
  }
  Data content;
  if (!list.empty()) {
    content.set("exceptions", list);
    content.set("has_exceptions", true);
  }
  return page(ctx, "statements/exceptions", content, "Statement exceptions");
}

Response work_form(Context& ctx, const storage::StatementExceptionRow& e, const FieldErrors& errors, int status) {
  Data content;
  content.set("id", std::to_string(e.id));
  content.set("label", std::string(services::exception_kind_label(e.kind)));
  content.set("detail", e.detail);
  content.set("action", "/finance/statement-exceptions/" + std::to_string(e.id));
  content.set("account_href", account_href(e.account_id));
  const bool money_out = e.line_amount_pence && *e.line_amount_pence < 0 && e.kind != "reversal_without_original";
  const bool money_in = e.line_amount_pence && *e.line_amount_pence > 0 && e.kind == "unknown_reference";
  const std::string chosen = ctx.request.method == Method::Post ? ctx.request.form_value("action") : std::string();
  if (money_out) {
    content.set("can_categorise", true);
    content.set("options", category_options(ctx.request.method == Method::Post ? std::optional(ctx.request.form_value("category")) : std::nullopt));
  }
  if (money_in) content.set("can_match", true);
  content.set("transfer_id", ctx.request.method == Method::Post ? ctx.request.form_value("transfer_id") : std::string());
  content.set("reason", ctx.request.method == Method::Post ? ctx.request.form_value("reason") : std::string());
  content.set("chose_categorise", chosen == "categorise");
  content.set("chose_match", chosen == "match");
  content.set("chose_close", chosen == "close" || (!money_out && !money_in));
  add_errors(content, errors);
  return page(ctx, "statements/work", content, "Work a statement exception", status);
}

Response work_get(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  auto id = ctx.request.path_id("id");
  auto e = id ? storage::find_statement_exception(ctx.db(), ctx.signed_in_user().council_id, *id) : std::nullopt;
  if (!e) return error_page(ctx, 404, "Page not found", "There is no such exception.");
  if (e->state != "open") return Response::redirect(account_href(e->account_id));
  return work_form(ctx, *e, {}, 200);
}

Response work_post(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  auto id = ctx.request.path_id("id");
  const CouncilId council = ctx.signed_in_user().council_id;
  auto e = id ? storage::find_statement_exception(ctx.db(), council, *id) : std::nullopt;
  if (!e) return error_page(ctx, 404, "Page not found", "There is no such exception.");
  const auto& user = ctx.signed_in_user();
  const std::string action = ctx.request.form_value("action");
  Result<services::WorkedException> worked = fail("action", "Choose what to do about it");
  if (action == "categorise") worked = services::categorise_exception(ctx.db(), council, e->id, ctx.request.form_value("category"), user.id, user.username);
  else if (action == "match") worked = services::match_exception(ctx.db(), council, e->id, ctx.request.form_value("transfer_id"), user.id);
  else if (action == "close") worked = services::close_exception(ctx.db(), council, e->id, ctx.request.form_value("reason"), user.id);
  if (!worked) {
    ctx.audit(audit::AuditAction::WorkStatementException, e->person_id, access::Outcome::Refused,
              "statement exception " + std::to_string(e->id) + " (" + action + ") refused: " + worked.error().front().message);
    return work_form(ctx, *e, worked.error(), 422);
  }
  ctx.audit(audit::AuditAction::WorkStatementException, worked->person_id, access::Outcome::Allowed,
            "statement exception " + std::to_string(e->id) + " (" + worked->exception.kind + "): " + worked->outcome);
  return Response::redirect(account_href(e->account_id));
}

Response mappings_page(Context& ctx, const FieldErrors& errors, const std::string& text, const std::string& saved_name, int status) {
  List rows;
  for (const auto& m : services::statement_mappings(ctx.db(), ctx.signed_in_user().council_id))
    rows.push_back(Object{{"name", m.mapping.name},
                          {"about", m.mapping.about.empty() ? std::string(m.mapping.is_card() ? "A prepaid card's CSV" : "A bank's CSV") : m.mapping.about},
                          {"source", m.saved_by_council ? "Saved by " + m.saved_by_name + " on " + m.saved_at.substr(0, 10) : std::string("Built in")}});
  Data content;
  content.set("mappings", rows);
  content.set("text", text);
  if (!saved_name.empty()) content.set("saved_name", saved_name);
  if (const auto* example = io::builtin_mapping("lloyds")) content.set("example", io::write_mapping(*example));
  add_errors(content, errors);
  if (!errors.empty()) {
    List messages;
    for (const auto& e : errors) messages.push_back(e.message);
    content.set("mapping_errors", messages);
  }
  return page(ctx, "statements/mappings", content, "How bank statements are read", status);
}

Response mappings_get(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  // The banner only for a mapping this council has saved: a crafted link
  // cannot make the page say something else was saved.
  std::string saved = ctx.request.query_value("saved");
  if (!saved.empty() && !storage::saved_statement_mapping(ctx.db(), ctx.signed_in_user().council_id, saved)) saved.clear();
  return mappings_page(ctx, {}, "", saved, 200);
}

Response mappings_post(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  const auto& user = ctx.signed_in_user();
  const std::string text = ctx.request.form_value("mapping");
  auto saved = services::save_statement_mapping(ctx.db(), user.council_id, text, user.id);
  if (!saved) {
    ctx.audit(audit::AuditAction::SaveStatementMapping, std::nullopt, access::Outcome::Refused,
              "statement mapping refused: " + saved.error().front().message);
    return mappings_page(ctx, saved.error(), text, "", 422);
  }
  ctx.audit(audit::AuditAction::SaveStatementMapping, std::nullopt, access::Outcome::Allowed, "statement mapping " + saved->mapping.name + " saved");
  return Response::redirect("/finance/statement-mappings?saved=" + saved->mapping.name);
}

Response category_post(Context& ctx) {
  auto decision = ctx.authorize(access::Action::ReconcileStatements);
  if (!decision.allowed()) return error_page(ctx, 403, "You cannot do this", decision.reason);
  auto id = ctx.request.path_id("id");
  const CouncilId council = ctx.signed_in_user().council_id;
  auto line = id ? storage::find_statement_line(ctx.db(), council, *id) : std::nullopt;
  if (!line) return error_page(ctx, 404, "Page not found", "There is no such statement line.");
  const auto& user = ctx.signed_in_user();
  auto changed = services::change_line_category(ctx.db(), council, line->id, ctx.request.form_value("category"), user.id, user.username);
  if (!changed) {
    ctx.audit(audit::AuditAction::ChangeStatementCategory, std::nullopt, access::Outcome::Refused,
              "statement line " + std::to_string(line->id) + ": " + changed.error().front().message);
    auto access = http::account_for(ctx, line->account_id);
    if (!access) return refused(ctx, access.error());
    return statements_page(ctx, *access, {{"category-" + std::to_string(line->id), changed.error().front().message}}, Data{}, 422);
  }
  ctx.audit(audit::AuditAction::ChangeStatementCategory, changed->person_id, access::Outcome::Allowed, changed->outcome);
  return Response::redirect(account_href(line->account_id));
}

}  // namespace

void add_statement_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/finance/accounts/{id}/statements", route(account_get));
  d.add(Method::Post, "/finance/accounts/{id}/statements", route(account_post));
  d.add(Method::Get, "/finance/statement-exceptions", route(council_exceptions));
  d.add(Method::Get, "/finance/statement-exceptions/{id}", route(work_get));
  d.add(Method::Post, "/finance/statement-exceptions/{id}", route(work_post));
  d.add(Method::Post, "/finance/statement-lines/{id}/category", route(category_post));
  d.add(Method::Get, "/finance/statement-mappings", route(mappings_get));
  d.add(Method::Post, "/finance/statement-mappings", route(mappings_post));
}

}  // namespace patchwork::web
