#pragma once
// The RAS learns from agreed plans (#15, "Beyond any product we know"). A RAS
// gives an *indicative* amount; the budget is what the agreed support plan
// costs. How far the two sit apart, per model version and by age band,
// dementia and carer status, shows where a model is off; and the price per
// point (or the band table) that would have matched the agreed costs is a
// proposed next version, which an administrator loads and compares through
// the existing recalibration before anyone's budget follows it.
//
// Pure: rows in, figures out. The rows come from current approved plans (the
// plans part supplies them); every sum is in whole pence, exact, rounded once.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"
#include "domain/allocation/ras.hpp"
#include "domain/people/age.hpp"

namespace patchwork::allocation {

// One agreed plan beside the indicative amount it started from.
struct AgreedRow {
  int ras_version = 0;             // the version of the model that gave the indicative amount
  int points = 0;                  // the person's total points
  Money indicative_weekly{};       // what the RAS gave
  Money agreed_weekly{};           // what the approved plan costs a week
  people::AgeBand age_band = people::AgeBand::Older65Plus;
  std::string dementia{};          // the person's Dementia value when the plan was agreed: Not known, No, Suspected, Diagnosed
  bool has_carer = false;          // an unpaid carer was recorded
};

// Five figures that describe a spread: the least, the lower quartile, the
// median, the upper quartile and the greatest. Quartiles are interpolated
// between the two nearest values (the method spreadsheets call QUARTILE.INC),
// worked in whole numbers and rounded once, halves away from zero.
struct Spread {
  std::int64_t min = 0;
  std::int64_t lower_quartile = 0;
  std::int64_t median = 0;
  std::int64_t upper_quartile = 0;
  std::int64_t max = 0;
};
// The spread of `values` (not empty), in their own unit.
Spread spread_of(std::vector<std::int64_t> values);

struct DifferenceGroup {
  int ras_version = 0;
  std::string dimension{};         // "All", "Age band", "Dementia", "Carer"
  std::string label{};             // "Everyone", "65 and over", "Diagnosed", "Carer recorded"
  std::int64_t plans = 0;
  Spread pence{};                  // agreed − indicative, in pence a week
  // (agreed − indicative) ÷ indicative, in hundredths of a per cent (1250 is
  // 12.5%), each plan's rounded once; plans with an indicative amount of £0
  // have no percentage and are left out of this spread only.
  std::int64_t plans_with_percent = 0;
  std::optional<Spread> basis_points{};
};

// Per model version (oldest first), a group for everyone and then one for each
// age band, dementia value and carer status that has plans, in the order the
// recalibration's effect uses.
std::vector<DifferenceGroup> agreed_against_indicative(const std::vector<AgreedRow>& rows);

struct Proposal {
  RasConfiguration model;            // the proposed next version, ready to write as a model file
  std::int64_t plans_used = 0;
  std::vector<std::string> workings; // the arithmetic in words, for the report
};

// The model that would have matched the agreed costs of `rows` (the caller
// chooses which: usually those under the model in use), as version
// `next_version` of `current`, keeping its floor, ceiling and carer adjustment:
//  - price per point: the least-squares price through the origin, Σ(points ×
//    agreed) ÷ Σ(points²), in exact integer pence and rounded once to the
//    nearest penny, halves up. Plans with 0 points say nothing about a price
//    and are left out.
//  - bands: each band's weekly amount becomes the median agreed cost of the
//    plans whose points fall in it; a band no plan falls in keeps its amount.
// An error (field "plans") when no plan can inform the proposal, or when the
// proposed amounts pass the limit on any weekly amount.
Result<Proposal> propose_model(const RasConfiguration& current, const std::vector<AgreedRow>& rows, int next_version);

}  // namespace patchwork::allocation
