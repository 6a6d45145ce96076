// The self-directed support page (#18's summary, docs/reports.md): the
// signed-in user's council's adults in long-term community support on a date,
// and how many of them have a personal budget and a direct payment, by age
// band and dementia. Council-wide figures with no person in them: ViewReports,
// as the API (api/reports_api.cpp). Only the user's own council is read.
#include "core/text.hpp"
#include "services/reports_service.hpp"
#include "web/forms.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"

namespace patchwork::web {
namespace {

using http::Context;
using http::Method;
using http::Response;
using http::Surface;

std::string number(std::int64_t n) {
  // Thousands separated, as GOV.UK writes numbers: 1,500,000.
  auto digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (n < 0 ? "-" : "") + out;
}

std::string share_text(const reports::Share& s) {
  auto p = s.percent();
  return p.empty() ? "No one to count" : p;
}

Object row(const std::string& heading, const reports::Counts& c, bool total) {
  Object o{{"heading", heading},
           {"people", number(c.people)},
           {"personal_budget", number(c.personal_budget)},
           {"personal_budget_share", share_text(reports::personal_budget_share(c))},
           {"direct_payment", number(c.direct_payment)},
           {"direct_payment_share", share_text(reports::direct_payment_share(c))},
           {"managed", number(c.managed())},
           {"managed_share", share_text(reports::managed_share(c))}};
  if (total) o["total"] = true;
  return o;
}

// The date from ?on=YYYY-MM-DD (links, as the API) or from the form's day,
// month and year boxes; what the boxes should show again.
struct AsAt {
  std::string typed;
  std::string day, month, year;
};
AsAt as_at_typed(const http::Request& r) {
  AsAt a;
  a.day = trim(r.query_value("on-day"));
  a.month = trim(r.query_value("on-month"));
  a.year = trim(r.query_value("on-year"));
  if (!a.day.empty() || !a.month.empty() || !a.year.empty()) {
    auto number = [](const std::string& s) { return !s.empty() && s.size() <= 4 && s.find_first_not_of("0123456789") == std::string::npos; };
    a.typed = number(a.day) && number(a.month) && number(a.year) && a.year.size() == 4
                  ? a.year + "-" + (a.month.size() == 1 ? "0" : "") + a.month + "-" + (a.day.size() == 1 ? "0" : "") + a.day
                  : "not a date";
  } else {
    a.typed = trim(r.query_value("on"));
  }
  return a;
}

Response self_directed_support_get(Context& ctx) {
  auto d = ctx.authorize(access::Action::ViewReports);
  if (!d.allowed()) return error_page(ctx, 403, "You cannot see council-wide figures", d.reason);
  const auto today = CivilDate::today_utc();
  auto typed = as_at_typed(ctx.request);
  auto on = reports::as_at_date(typed.typed, today);
  Data content;
  const CivilDate shown = on ? *on : today;
  if (!on) {
    add_errors(content, on.error());
    content.set("on_day", typed.day);
    content.set("on_month", typed.month);
    content.set("on_year", typed.year);
  } else {
    content.set("on_day", std::to_string(shown.day()));
    content.set("on_month", std::to_string(shown.month()));
    content.set("on_year", std::to_string(shown.year()));
  }
  if (!on) return page(ctx, "reports/self_directed_support", content, "Self-directed support", 400);

  auto summary = services::self_directed_support(ctx.db(), shown, ctx.signed_in_user().council_id);
  ctx.audit(audit::AuditAction::ViewSelfDirectedSupport, std::nullopt, access::Outcome::Allowed, "as at " + shown.iso());
  if (summary.councils.empty()) return error_page(ctx, 404, "Page not found", "Your council is not in this database.");
  const auto& f = summary.councils.front();
  content.set("on", shown.display());
  content.set("council_name", f.name);
  List tables;
  std::size_t i = 0;
  for (auto band : reports::bands()) {
    List rows;
    for (; i < f.lines.size() && f.lines[i].band == band; ++i) {
      const auto& l = f.lines[i];
      rows.push_back(row(l.dementia.empty() ? "All" : "Dementia: " + l.dementia, l.counts, l.dementia.empty()));
    }
    tables.push_back(Object{{"band", std::string(reports::band_label(band))}, {"rows", rows},
                            {"part_of_65", band != reports::Band::From18To64 && band != reports::Band::From65}});
  }
  content.set("tables", tables);
  List total{row("All adults", f.total, true)};
  content.set("total", total);
  content.set("under_18", number(f.under_18));
  return page(ctx, "reports/self_directed_support", content, "Self-directed support on " + shown.display());
}

}  // namespace

void add_self_directed_support_pages(http::Dispatcher& d) {
  d.add(Method::Get, "/reports/self-directed-support", http::signed_in(Surface::Page, self_directed_support_get));
}

}  // namespace patchwork::web
