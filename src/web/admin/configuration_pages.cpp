// Council configuration for administrators: the self-assessment questionnaire and
// the RAS model, each versioned, and recalibration before a new model is applied.
#include "core/money.hpp"
#include "core/text.hpp"
#include "domain/assessment/letter.hpp"
#include "storage/repositories/accounts_repository.hpp"
#include "services/assessment_service.hpp"
#include "services/effect_service.hpp"
#include "storage/repositories/assessment_repository.hpp"
#include "web/forms.hpp"
#include "web/people/person_pages.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Access;
using http::Context;
using http::Method;
using http::Response;
using http::Surface;
using http::Tx;

Response configuration(Context& ctx, const FieldErrors& errors, const std::string& which) {
  auto council = ctx.signed_in_user().council_id;
  Data content;
  List questionnaires;
  for (const auto& q : storage::list_questionnaires(ctx.db(), council)) {
    Object o{{"version", std::to_string(q.version)}, {"name", q.name}, {"loaded_at", q.loaded_at.substr(0, 10)}};
    if (questionnaires.empty()) o["current"] = Data(true);  // newest first: the first is the one in use
    questionnaires.push_back(o);
  }
  content.set("questionnaires", questionnaires);
  List models;
  for (const auto& r : storage::list_ras_configurations(ctx.db(), council)) {
    Object o{{"id", std::to_string(r.id)}, {"version", std::to_string(r.version)}, {"name", r.name}, {"loaded_at", r.loaded_at.substr(0, 10)},
             {"definition", r.definition}};
    if (r.active) o["active"] = Data(true);
    // Seeing the effect comes first; the model is applied from the effect page.
    if (auto run = storage::latest_recalibration(ctx.db(), council, r.id)) {
      o["effect_href"] = "/configuration/ras/" + std::to_string(r.id) + "/effect";
      o["effect_on"] = display_date(run->run_at.substr(0, 10));
    }
    models.push_back(o);
  }
  content.set("models", models);
  ErrorMap e = error_map(errors);
  content.set("questionnaire_field", textarea_field({"questionnaire", "Questionnaire (JSON)", "Paste the whole file. Its version must be above every loaded version."},
                                                   which == "questionnaire" ? ctx.request.form_value("questionnaire") : "", e));
  content.set("ras_field", textarea_field({"ras", "RAS model (JSON)", "Paste the whole file. A new model is not applied until you choose to."},
                                         which == "ras" ? ctx.request.form_value("ras") : "", e));
  std::string info = storage::standard_information(ctx.db(), council);
  content.set("information_field",
              textarea_field({"standard_information", "Standard information and advice",
                              "Printed in every letter that finds needs not eligible, after what the worker recorded. "
                              "Leave it empty to use Patchwork's own text."},
                             which == "information" ? ctx.request.form_value("standard_information") : info, e));
  List defaults;
  for (const auto& l : assessment::paragraphs(assessment::default_standard_information())) defaults.push_back(Object{{"line", l}});
  content.set("default_information", defaults);
  add_errors(content, errors);
  return page(ctx, "admin/configuration", content, "Questionnaire and resource allocation", errors.empty() ? 200 : 422);
}

Response configuration_get(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot change council configuration", d.reason);
  return configuration(ctx, {}, "");
}

// Errors from the loaders name places inside the JSON; on the page they all
// belong to the one text box, so they link to it.
FieldErrors on_field(const FieldErrors& errors, const std::string& field) {
  FieldErrors out;
  for (const auto& e : errors) out.push_back({field, e.field + ": " + e.message});
  return out;
}

Response load_post(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot change council configuration", d.reason);
  const auto& user = ctx.signed_in_user();
  if (auto text = ctx.request.form_value("questionnaire"); !text.empty()) {
    auto id = services::load_questionnaire(ctx.db(), user.council_id, text, user.id);
    if (!id) return configuration(ctx, on_field(id.error(), "questionnaire"), "questionnaire");
    ctx.audit(audit::AuditAction::LoadQuestionnaire, std::nullopt, access::Outcome::Allowed, "questionnaire " + std::to_string(*id));
  } else if (auto ras = ctx.request.form_value("ras"); !ras.empty()) {
    auto id = services::load_ras_configuration(ctx.db(), user.council_id, ras, user.id);
    if (!id) return configuration(ctx, on_field(id.error(), "ras"), "ras");
    ctx.audit(audit::AuditAction::LoadRasConfiguration, std::nullopt, access::Outcome::Allowed, "configuration " + std::to_string(*id));
  } else {
    return configuration(ctx, {{"questionnaire", "Paste a questionnaire or a RAS model to load"}}, "");
  }
  return Response::redirect("/configuration");
}

// Care Act 2014 s.13(5): a person whose needs are not eligible gets written
// information and advice; this is the part every such letter shares.
Response information_post(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot change council configuration", d.reason);
  std::string text = trim(ctx.request.form_value("standard_information"));
  if (text.size() > 8000)
    return configuration(ctx, {{"standard_information", "The standard information and advice must be 8,000 characters or fewer"}}, "information");
  storage::set_standard_information(ctx.db(), ctx.signed_in_user().council_id, text);
  ctx.audit(audit::AuditAction::SetStandardInformation, std::nullopt, access::Outcome::Allowed, text.empty() ? "default" : "council text");
  return Response::redirect("/configuration");
}

Response activate_post(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot change council configuration", d.reason);
  auto id = ctx.request.path_id("id");
  auto council = ctx.signed_in_user().council_id;
  if (!id || !storage::find_ras_configuration(ctx.db(), council, *id))
    return error_page(ctx, 404, "Page not found", "There is no such model.");
  if (auto activated = services::activate_ras_configuration(ctx.db(), council, *id); !activated)
    return error_page(ctx, 422, "The model was not applied", activated.error().front().message);
  ctx.audit(audit::AuditAction::ActivateRasConfiguration, std::nullopt, access::Outcome::Allowed, "configuration " + std::to_string(*id));
  return Response::redirect("/configuration");
}

// Works out the effect of a model on every current allocation (recorded, so
// the model may then be applied), and shows it.
Response recalibrate_post(Context& ctx) {
  auto d = ctx.authorize(access::Action::ManageConfiguration);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot change council configuration", d.reason);
  auto id = ctx.request.path_id("id");
  if (!id) return error_page(ctx, 404, "Page not found", "There is no such model.");
  const auto& user = ctx.signed_in_user();
  auto s = services::recalibrate(ctx.db(), user.council_id, *id, user.id);
  if (!s) return error_page(ctx, 404, "Page not found", s.error().front().message);
  ctx.audit(audit::AuditAction::Recalibrate, std::nullopt, access::Outcome::Allowed, "recalibration " + std::to_string(s->recalibration_id));
  return Response::redirect("/configuration/ras/" + std::to_string(*id) + "/effect");
}

// The effect last worked out: groups by age band, dementia and carer status for
// everyone, and each person by name only where the user may see them (the one
// projection; each person named is audited as listed). Council-wide figures
// are for the roles that see them; applying the model is for administrators.
Response effect_get(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewReports);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot see council-wide figures", d.reason);
  auto id = ctx.request.path_id("id");
  const auto council = ctx.signed_in_user().council_id;
  auto model = id ? storage::find_ras_configuration(ctx.db(), council, *id) : std::nullopt;
  if (!model) return error_page(ctx, 404, "Page not found", "There is no such model.");
  constexpr std::size_t kNamed = 200;
  auto e = services::effect_of(ctx.db(), council, *id, CivilDate::today_utc(), kNamed);
  Data content;
  content.set("model", "version " + std::to_string(model->version) + ": " + model->name);
  content.set("recalibrate_action", "/configuration/ras/" + std::to_string(*id) + "/recalibrate");
  const bool may_manage = access::decide(ctx.signed_in_user().actor(), access::Action::ManageConfiguration).allowed();
  if (may_manage) content.set("may_manage", true);
  content.set("back_href", may_manage ? "/configuration" : "/home");
  if (!e) {
    content.set("not_worked_out", true);
    return page(ctx, "admin/recalibration", content, "Effect of the new model");
  }
  content.set("run_on", display_date(e->run.run_at.substr(0, 10)));
  content.set("allocations", e->run.allocations == 1 ? std::string("the 1 current indicative budget")
                                                     : "each of the " + std::to_string(e->run.allocations) + " current indicative budgets");
  content.set("total_change", Money::from_pence(e->run.total_change_pence).display());
  List dimensions;
  std::string current;
  List groups;
  auto flush = [&] {
    std::string lower = current;
    if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') lower[0] = char(lower[0] - 'A' + 'a');
    if (!groups.empty()) dimensions.push_back(Object{{"dimension", current}, {"dimension_lower", lower}, {"groups", Data(groups)}});
    groups = List{};
  };
  for (const auto& g : e->groups) {
    if (g.dimension != current) { flush(); current = g.dimension; }
    groups.push_back(Object{{"label", g.label}, {"people", std::to_string(g.people)}, {"increased", std::to_string(g.increased)},
                            {"decreased", std::to_string(g.decreased)}, {"total", g.total_change.display()},
                            {"average", g.average_change.display()}});
  }
  flush();
  content.set("dimensions", dimensions);
  std::vector<people::Person> persons;
  for (const auto& [row, p] : e->first) persons.push_back(p);
  std::map<PersonId, access::PersonView> views;
  for (const auto& [p, view] : ctx.list_people(std::move(persons), "the effect of RAS model " + std::to_string(*id))) views[p.id] = view;
  List rows;
  std::int64_t unnamed = 0;
  for (const auto& [row, p] : e->first) {
    auto it = views.find(row.person_id);
    // Named only beside the care record: a name and an exact change shown to a
    // role that sees only who the person is (finance) would let the groups by
    // dementia and carer status be matched to them.
    if (it == views.end() || it->second != access::PersonView::CareRecord) { ++unnamed; continue; }
    Object o{{"name", p.full_name()}, {"href", "/people/" + p.id.text()}, {"old", row.old_weekly.display()},
             {"new", row.new_weekly.display()}, {"change", row.new_weekly.minus(row.old_weekly).value().display()}};
    o["dementia"] = row.dementia;
    o["carer"] = std::string(allocation::carer_status_label(row.carer));
    rows.push_back(o);
  }
  content.set("rows", rows);
  if (rows.empty()) content.set("no_rows", true);
  if (unnamed > 0) content.set("unnamed", std::to_string(unnamed) + (unnamed == 1 ? " person is" : " people are"));
  if (e->not_listed > 0) content.set("more", std::to_string(e->not_listed));
  if (may_manage && !model->active) content.set("activate_action", "/configuration/ras/" + std::to_string(*id) + "/activate");
  return page(ctx, "admin/recalibration", content, "Effect of the new model");
}

}  // namespace

void add_configuration_pages(http::Dispatcher& d) {
  auto route = [](http::RouteHandler h) { return http::signed_in(Surface::Page, std::move(h)); };
  d.add(Method::Get, "/configuration", route(configuration_get));
  d.add(Method::Post, "/configuration", route(load_post));
  d.add(Method::Post, "/configuration/ras/{id}/activate", route(activate_post));
  d.add(Method::Post, "/configuration/information", route(information_post));
  d.add(Method::Post, "/configuration/ras/{id}/recalibrate", route(recalibrate_post));
  d.add(Method::Get, "/configuration/ras/{id}/effect", route(effect_get));
}

}  // namespace patchwork::web
