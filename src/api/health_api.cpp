#include "api/json.hpp"
#include "api/routes.hpp"

namespace patchwork::api {

void add_health_api(http::Dispatcher& d, storage::Database& database) {
  // Liveness: the process is running and answering. No database involved.
  d.add(http::Method::Get, "/healthz",
        {[](http::Context&) { return http::Response::text("ok\n"); }, http::Surface::Api, http::Access::Public, http::Tx::None,
         http::Runs::OnIoThread});
  // Readiness: the database answers a query now.
  d.add(http::Method::Get, "/readyz",
        {[&database](http::Context&) {
           try {
             auto lease = database.acquire();
             if (lease->healthy()) return http::Response::text("ready\n");
           } catch (const std::exception&) {
           }
           return http::Response::problem(503, "Not ready", "The database is not answering.");
         },
         http::Surface::Api, http::Access::Public, http::Tx::None});
}

}  // namespace patchwork::api
