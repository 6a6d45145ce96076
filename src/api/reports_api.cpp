// GET /api/v1/reports/self-directed-support?on=YYYY-MM-DD: the signed-in
// user's council's self-directed support figures as at a date (today when
// left out): of the adults in long-term community support, those with a
// personal budget and those with a direct payment, by age band and dementia,
// with the shares and the counts they come from (docs/reports.md).
//
// Council-wide figures with no person in them: ViewReports, as the page
// (web/reports/self_directed_support_pages.cpp). Only the user's own council
// is ever read; the figures of every council are the command line's.
#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/reports_service.hpp"

namespace patchwork::api {
namespace {

json::value share_json(const reports::Share& s) {
  auto t = s.tenths_of_percent();
  // The percentage as text with one decimal place ("52.1"), so that it reads
  // exactly as the page and the command line print it; null with no one to count.
  return json::object{{"numerator", s.numerator}, {"denominator", s.denominator},
                      {"percent", t ? json::value(s.percent().substr(0, s.percent().size() - 1)) : json::value(nullptr)}};
}

json::object counts_json(const reports::Counts& c) {
  return json::object{{"people", c.people},
                      {"personal_budget", c.personal_budget},
                      {"direct_payment", c.direct_payment},
                      {"managed_personal_budget", c.managed()},
                      {"commissioned_only", c.commissioned()},
                      {"personal_budget_share", share_json(reports::personal_budget_share(c))},
                      {"direct_payment_share", share_json(reports::direct_payment_share(c))},
                      {"managed_share_of_budgets", share_json(reports::managed_share(c))}};
}

json::object figures_json(const reports::Summary& s, const reports::CouncilFigures& f) {
  json::array lines;
  for (const auto& l : f.lines) {
    auto o = counts_json(l.counts);
    o["band"] = std::string(reports::band_code(l.band));
    o["band_label"] = std::string(reports::band_label(l.band));
    o["dementia"] = l.dementia.empty() ? json::value(nullptr) : json::value(l.dementia);
    lines.push_back(std::move(o));
  }
  return json::object{{"on", s.on.iso()},
                      {"council", json::object{{"code", f.code}, {"name", f.name}}},
                      {"lines", std::move(lines)},
                      {"total", counts_json(f.total)},
                      {"under_18_left_out", f.under_18}};
}

}  // namespace

void add_reports_api(http::Dispatcher& d) {
  d.add(http::Method::Get, "/api/v1/reports/self-directed-support", http::signed_in(http::Surface::Api, [](http::Context& ctx) {
          auto decision = ctx.authorize(access::Action::ViewReports);
          if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
          auto on = reports::as_at_date(ctx.request.query_value("on"), CivilDate::today_utc());
          if (!on) return validation_problem(on.error());
          const auto council = ctx.signed_in_user().council_id;
          auto summary = services::self_directed_support(ctx.db(), *on, council);
          if (summary.councils.empty()) return http::Response::problem(404, "Not found", "Your council is not in this database.");
          ctx.audit(audit::AuditAction::ViewSelfDirectedSupport, std::nullopt, access::Outcome::Allowed, "as at " + on->iso());
          return json_response(figures_json(summary, summary.councils.front()));
        }));
}

}  // namespace patchwork::api
