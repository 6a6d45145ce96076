// GET /api/v1/reports/ras-learning: how far agreed plan costs sit from the
// indicative amounts, per RAS model version and by age band, dementia and
// carer status, with the spread; and the model that would have matched them,
// as a file an administrator posts to /api/v1/ras/configurations to load it
// (then compares it through the recalibration, as any new model).
//
// Council-wide figures with no person in them: ViewReports (team managers and
// commissioners, administrators and finance). The rows come from the source
// the app passes in (the plans part's query of current approved plans).
#include "api/json.hpp"
#include "api/routes.hpp"
#include "services/learning_service.hpp"

namespace patchwork::api {
namespace {

json::object spread_json(const allocation::Spread& s) {
  return json::object{{"min", s.min}, {"lower_quartile", s.lower_quartile}, {"median", s.median},
                      {"upper_quartile", s.upper_quartile}, {"max", s.max}};
}

json::object learning_json(const services::RasLearning& l) {
  json::array groups;
  for (const auto& g : l.groups) {
    json::object o{{"ras_version", g.ras_version}, {"dimension", g.dimension}, {"label", g.label}, {"plans", g.plans},
                   {"difference_pence", spread_json(g.pence)}, {"plans_with_percent", g.plans_with_percent}};
    // Hundredths of a per cent, as whole numbers: 1250 is 12.5%.
    o["difference_basis_points"] = g.basis_points ? json::value(spread_json(*g.basis_points)) : json::value(nullptr);
    groups.push_back(std::move(o));
  }
  json::object out{{"groups", std::move(groups)}};
  out["model_in_use"] = l.model_in_use ? json::value(json::object{{"id", l.model_in_use->id}, {"version", l.model_in_use->version},
                                                                  {"name", l.model_in_use->name}})
                                       : json::value(nullptr);
  out["plans_under_model_in_use"] = l.plans_under_model_in_use;
  if (l.proposal) {
    json::array workings;
    for (const auto& w : l.proposal->workings) workings.push_back(json::value(w));
    // The model itself, as the file the loader reads, so it can be posted back unchanged.
    out["proposal"] = json::object{{"plans_used", l.proposal->plans_used}, {"workings", std::move(workings)},
                                   {"model", json::parse(l.proposal_file)}};
  } else {
    json::array why;
    for (const auto& e : l.no_proposal) why.push_back(json::object{{"field", e.field}, {"message", e.message}});
    out["proposal"] = nullptr;
    out["no_proposal"] = std::move(why);
  }
  return out;
}

}  // namespace

void add_ras_learning_api(http::Dispatcher& d, services::AgreedRowsSource rows) {
  auto report = [rows = std::move(rows)](http::Context& ctx) {
    auto decision = ctx.authorize(access::Action::ViewReports);
    if (!decision.allowed()) return http::Response::problem(403, "Forbidden", decision.reason);
    const auto council = ctx.signed_in_user().council_id;
    return json_response(learning_json(services::learn_from_agreed_plans(ctx.db(), council, rows(ctx.db(), council))));
  };
  d.add(http::Method::Get, "/api/v1/reports/ras-learning", http::signed_in(http::Surface::Api, std::move(report)));
}

}  // namespace patchwork::api
