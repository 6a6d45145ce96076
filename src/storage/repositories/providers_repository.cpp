#include "storage/repositories/providers_repository.hpp"

#include "core/date.hpp"

namespace patchwork::storage {
namespace {

#define PW_PROVIDER_COLUMNS "id, council_id, name, kind, cqc_location_id, phone, email, address"
constexpr Statement kInsertProvider{"insert_provider",
    "INSERT INTO providers (council_id, name, kind, cqc_location_id, phone, email, address, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id"};
constexpr Statement kUpdateProvider{"update_provider",
    "UPDATE providers SET name = $3, kind = $4, cqc_location_id = $5, phone = $6, email = $7, address = $8, updated_at = $9 "
    "WHERE council_id = $1 AND id = $2"};
constexpr Statement kFindProvider{"find_provider",
    "SELECT " PW_PROVIDER_COLUMNS " FROM providers WHERE council_id = $1 AND id = $2"};
constexpr Statement kFindProviderByCqc{"find_provider_by_cqc",
    "SELECT " PW_PROVIDER_COLUMNS " FROM providers WHERE council_id = $1 AND cqc_location_id = $2"};
constexpr Statement kListProviders{"list_providers",
    "SELECT " PW_PROVIDER_COLUMNS " FROM providers WHERE council_id = $1 ORDER BY name, id"};
#undef PW_PROVIDER_COLUMNS
constexpr Statement kProviderAccounts{"provider_account_count",
    "SELECT count(*) FROM users WHERE council_id = $1 AND provider_id = $2"};
constexpr Statement kSetUserProvider{"set_user_provider",
    "UPDATE users SET provider_id = $3 WHERE council_id = $1 AND id = $2"};

providers::Provider provider_from(const Row& r) {
  providers::Provider p;
  p.id = r.id<ProviderId>(0);
  p.council_id = r.id<CouncilId>(1);
  p.name = r.text(2);
  p.kind = r.text(3);
  p.cqc_location_id = r.opt_text(4);
  p.phone = r.text(5);
  p.email = r.text(6);
  p.address = r.text(7);
  return p;
}

std::optional<providers::Provider> first(const Rows& rows) {
  if (rows.empty()) return std::nullopt;
  return provider_from(rows.front());
}

}  // namespace

ProviderId insert_provider(Connection& c, const providers::Provider& p) {
  return c.query(kInsertProvider, {p.council_id, p.name, p.kind, opt(p.cqc_location_id), p.phone, p.email, p.address, utc_timestamp_now()})
      .at(0).id<ProviderId>(0);
}

bool update_provider(Connection& c, const providers::Provider& p) {
  return c.execute(kUpdateProvider, {p.council_id, p.id, p.name, p.kind, opt(p.cqc_location_id), p.phone, p.email, p.address,
                                     utc_timestamp_now()}) > 0;
}

std::optional<providers::Provider> find_provider(Connection& c, CouncilId council_id, ProviderId id) {
  return first(c.query(kFindProvider, {council_id, id}));
}

std::optional<providers::Provider> find_provider_by_cqc(Connection& c, CouncilId council_id, const std::string& cqc_location_id) {
  return first(c.query(kFindProviderByCqc, {council_id, cqc_location_id}));
}

std::vector<providers::Provider> list_providers(Connection& c, CouncilId council_id) {
  std::vector<providers::Provider> out;
  for (const auto& r : c.query(kListProviders, {council_id})) out.push_back(provider_from(r));
  return out;
}

void set_user_provider(Connection& c, CouncilId council_id, UserId user_id, ProviderId id) {
  c.execute(kSetUserProvider, {council_id, user_id, id});
}

std::int64_t provider_account_count(Connection& c, CouncilId council_id, ProviderId id) {
  return c.query(kProviderAccounts, {council_id, id}).at(0).int64(0);
}

}  // namespace patchwork::storage
