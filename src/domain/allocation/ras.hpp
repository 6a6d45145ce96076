#pragma once
// The resource allocation system (RAS): points from the supported
// self-assessment become an *indicative* weekly budget. Indicative only: the
// courts accepted a RAS because the council keeps its discretion and the final
// budget is what the agreed support plan costs, with reasons where they differ.
// Every figure is explained in words a person can check with a calculator.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/money.hpp"
#include "core/result.hpp"

namespace patchwork::allocation {

// The largest weekly amount any model may produce: £100,000 a week, far above
// any real package of care (the most complex packages cost a few thousand pounds
// a week), and far below where 64-bit pence could overflow in a year's ledger.
// A configuration that could give more is refused when it is loaded, and an
// allocation that would exceed it is an error, never a wrapped number.
inline constexpr Money kWeeklyAmountLimit = Money::from_pence(100'000'00);

struct Band {
  int min_points = 0;
  int max_points = 0;   // inclusive
  Money weekly;
};

enum class Method { PricePerPoint, Bands };

// The carer-support adjustment, explicit: the answer to one question (how much
// unpaid support the person gets) reduces the amount by a stated percentage.
struct CarerAdjustment {
  std::string question_id;
  std::map<std::string, int> percent_by_answer;  // answer value -> whole percent (0-100)
};

struct RasConfiguration {
  std::string name;
  int version = 0;
  Method method = Method::PricePerPoint;
  Money price_per_point;
  std::vector<Band> bands;
  std::optional<Money> floor;
  std::optional<Money> ceiling;
  std::optional<CarerAdjustment> carer_adjustment;
};


// Errors when the model could give more than kWeeklyAmountLimit to someone
// scoring up to `max_points` (a price per point with no ceiling low enough).
FieldErrors check_weekly_limit(const RasConfiguration& config, int max_points);

struct RasInput {
  int total_points = 0;
  std::vector<std::pair<std::string, int>> points_by_domain{};  // title, points (for the explanation)
  std::optional<std::string> carer_answer{};                    // the answer to the carer question, if any
  std::string carer_answer_text{};                               // how it reads: "Some help from family"
};

struct Allocation {
  Money base_weekly;        // from points, before adjustments
  int carer_percent = 0;
  Money carer_reduction;
  Money weekly;             // the indicative weekly budget
  std::optional<std::string> band;   // "36 to 50 points" when banded
  bool raised_to_floor = false;
  bool lowered_to_ceiling = false;
  std::vector<std::string> explanation;
};

enum class Explain { Yes, No };
// With Explain::No the explanation is left empty; every amount is the same.
// An error when an amount would pass kWeeklyAmountLimit (every step is checked).
Result<Allocation> allocate(const RasConfiguration& config, const RasInput& input, Explain explain = Explain::Yes);

}  // namespace patchwork::allocation
