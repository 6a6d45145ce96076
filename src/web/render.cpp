#include "web/render.hpp"

#include <stdexcept>

#include "web/templates.hpp"

namespace patchwork::web {
namespace {

const std::string& source(std::string_view name) {
  const auto& all = template_sources();
  auto it = all.find(name);
  if (it == all.end()) throw std::logic_error("no template named " + std::string(name));
  return it->second;
}

struct NavItem { std::string_view href; std::string_view text; };

std::vector<NavItem> navigation_for(access::Role role) {
  using access::Role;
  switch (role) {
    case Role::Administrator: return {{"/home", "Home"}, {"/audit", "Audit trail"}, {"/users", "Accounts"}, {"/configuration", "Configuration"},
                                         {"/admin/providers", "Providers"}};
    case Role::SocialWorker: return {{"/home", "Your caseload"}, {"/people", "Find a person"}, {"/approvals", "Approvals"}, {"/flags", "Flags"}};
    case Role::TeamManager:
      return {{"/home", "Your team"}, {"/caseloads", "Caseloads"}, {"/people", "Find a person"}, {"/approvals", "Approvals"},
              {"/reports/decision-times", "Decision times"}, {"/reports/ras-learning", "Plans and the RAS"},
              {"/reports/self-directed-support", "Self-directed support"}};
    case Role::SafeguardingLead: return {{"/home", "Home"}, {"/people", "Find a person"}};
    case Role::FinanceOfficer:
      return {{"/home", "Home"}, {"/people", "Find a person"}, {"/approvals", "Approvals"}, {"/finance/payment-runs", "Payment runs"},
              {"/invoices", "Invoices"}, {"/finance/statement-exceptions", "Statement exceptions"}, {"/flags", "Flags"},
              {"/finance/recovery-cases", "Recovery cases"}};
    case Role::Commissioner:
      return {{"/home", "Council figures"}, {"/reports/ras-learning", "Plans and the RAS"}, {"/reports/self-directed-support", "Self-directed support"}};
    case Role::Provider: return {{"/home", "People you support"}, {"/invoices", "Invoices"}};
    case Role::BudgetHolder: return {{"/home", "Your support"}};
    case Role::Representative: return {{"/home", "People you help"}};
    case Role::HeadOfService:
      return {{"/home", "Home"}, {"/approvals", "Approvals"}, {"/reports/decision-times", "Decision times"},
              {"/reports/self-directed-support", "Self-directed support"}, {"/people", "Find a person"}};
  }
  return {{"/home", "Home"}};
}

}  // namespace

std::string render(std::string_view template_name, const Data& data) {
  kainjow::mustache::mustache tmpl(source(template_name));
  if (!tmpl.is_valid()) throw std::logic_error("template " + std::string(template_name) + ": " + tmpl.error_message());
  std::string out = tmpl.render(data);
  if (!tmpl.error_message().empty()) throw std::logic_error("template " + std::string(template_name) + ": " + tmpl.error_message());
  return out;
}

void add_errors(Data& content, const FieldErrors& errors) {
  if (errors.empty()) return;
  List items;
  for (const auto& e : errors) {
    Object item{{"field", e.field}, {"message", e.message}};
    items.push_back(item);
    content.set(e.field + "_error", e.message);
  }
  content.set("has_errors", true);
  content.set("errors", items);
}

http::Response page(http::Context& ctx, std::string_view content_template, Data content, const std::string& title, int status) {
  Data layout;
  const bool has_errors = content.get("has_errors") != nullptr && content.get("has_errors")->is_true();
  layout.set("title", (has_errors ? "Error: " : "") + title);
  layout.set("service_name", ctx.settings.service_name);
  layout.set("csrf_token", ctx.csrf_token());
  content.set("csrf_token", ctx.csrf_token());
  if (const auto& user = ctx.user()) {
    layout.set("signed_in", true);
    layout.set("user_name", user->display_name);
    layout.set("role_name", std::string(access::role_name(user->role)));
    layout.set("council_name", ctx.council() ? ctx.council()->name : ctx.settings.service_name);
    List nav;
    for (const auto& item : navigation_for(user->role)) {
      Object entry{{"href", std::string(item.href)}, {"text", std::string(item.text)}};
      bool current = ctx.request.path == item.href || (item.href != "/home" && ctx.request.path.starts_with(std::string(item.href) + "/"));
      if (current) entry["current"] = Data(true);
      nav.push_back(entry);
    }
    layout.set("nav", nav);
  } else {
    layout.set("council_name", ctx.settings.service_name);
  }
  // Every template under partials/ can be included by its name: {{> people_table}}.
  for (const auto& [name, text] : template_sources()) {
    if (!name.starts_with("partials/")) continue;
    const std::string* partial_source = &text;
    content.set(name.substr(9), kainjow::mustache::partial([partial_source] { return *partial_source; }));
  }
  std::string body = render(content_template, content);
  // The rendered content goes into the rendered layout by plain substitution, never
  // through the template engine again: text a person typed (a name with "{{" in
  // it) must not be read as a template tag.
  std::string html = render("layout", layout);
  constexpr std::string_view kSlot = "<!-- page content -->";
  auto at = html.find(kSlot);
  if (at == std::string::npos) throw std::logic_error("the layout has no content slot");
  html.replace(at, kSlot.size(), body);
  return http::Response::html(std::move(html), status);
}

http::Response error_page(http::Context& ctx, int status, const std::string& title, const std::string& detail) {
  Data content;
  content.set("heading", title);
  content.set("detail", detail);
  content.set("request_id", ctx.request.request_id);
  if (status == 403) content.set("forbidden", true);
  if (status == 404) content.set("not_found", true);
  if (status >= 500) content.set("server_error", true);
  return page(ctx, "error", content, title, status);
}

}  // namespace patchwork::web
