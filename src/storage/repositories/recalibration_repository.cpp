#include "storage/repositories/recalibration_repository.hpp"

namespace patchwork::storage {
namespace {

constexpr Statement kLatestRecalibration{"latest_recalibration",
    "SELECT id, ras_configuration_id, allocations, total_change_pence, run_at FROM recalibrations "
    "WHERE council_id = $1 AND ras_configuration_id = $2 ORDER BY id DESC LIMIT 1"};
constexpr Statement kCurrentAllocations{"current_allocations_state",
    "SELECT COUNT(*), COALESCE(MAX(id), 0) FROM allocations WHERE council_id = $1 AND is_current = 1"};
constexpr Statement kRecalibratedAllocations{"recalibrated_allocations_state",
    "SELECT COALESCE(MAX(allocation_id), 0) FROM recalibration_results WHERE council_id = $1 AND recalibration_id = $2"};
// Carer status: counted when the allocation kept carer-met points (a
// willing-and-able statement), recorded when the person has a carer record.
constexpr Statement kEffectRows{"recalibration_effect_rows",
    "SELECT r.person_id, r.old_weekly_pence, r.new_weekly_pence, p.date_of_birth, p.dementia, a.carer_points, "
    "(SELECT COUNT(*) FROM carers k WHERE k.council_id = r.council_id AND k.person_id = r.person_id) "
    "FROM recalibration_results r "
    "JOIN people p ON p.council_id = r.council_id AND p.id = r.person_id "
    "JOIN allocations a ON a.council_id = r.council_id AND a.id = r.allocation_id "
    "WHERE r.council_id = $1 AND r.recalibration_id = $2 ORDER BY r.allocation_id"};

}  // namespace

std::optional<RecalibrationRun> latest_recalibration(Connection& c, CouncilId council_id, std::int64_t configuration_id) {
  auto rows = c.query(kLatestRecalibration, {council_id, configuration_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.front();
  return RecalibrationRun{r.int64(0), r.int64(1), r.int64(2), r.int64(3), r.text(4)};
}

bool recalibration_covers_current_allocations(Connection& c, CouncilId council_id, const RecalibrationRun& run) {
  auto now = c.query(kCurrentAllocations, {council_id});
  auto compared = c.query(kRecalibratedAllocations, {council_id, run.id});
  return now.front().int64(0) == run.allocations && now.front().int64(1) == compared.front().int64(0);
}

void for_each_effect_row(Connection& c, CouncilId council_id, std::int64_t recalibration_id,
                         const std::function<void(const allocation::EffectRow&)>& f) {
  c.for_each(kEffectRows, {council_id, recalibration_id}, [&f](const Row& r) {
    allocation::EffectRow row;
    row.person_id = r.id<PersonId>(0);
    row.old_weekly = Money::from_pence(r.int64(1));
    row.new_weekly = Money::from_pence(r.int64(2));
    row.date_of_birth = CivilDate::parse_iso(r.text(3)).value_or(CivilDate{});
    row.dementia = r.text(4);
    const auto carer_points = r.opt_int64(5);
    row.carer = carer_points && *carer_points > 0 ? allocation::CarerStatus::Counted
                : r.int64(6) > 0                 ? allocation::CarerStatus::RecordedNotCounted
                                                 : allocation::CarerStatus::NoneRecorded;
    f(row);
  });
}

}  // namespace patchwork::storage
