#pragma once
// The resource allocation system (RAS): points from the supported
// self-assessment become an *indicative* weekly budget. Indicative only: the
// courts accepted a RAS because the council keeps its discretion and the final
// budget is what the agreed support plan costs, with reasons where they differ.
// Every figure is explained in words a person can check with a calculator.
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

// The carer adjustment, explicit and lawful. Care Act 2014 s.18(7): "The
// duties under subsections (1) to (4) do not apply to such of the adult's needs
// as are being met by a carer." (Quoted as enacted; the copies of s.18 the
// project's search reaches show only subsections (1)-(3), so check the words
// against legislation.gov.uk when next revising this.) A need counts as met by
// a carer only while the carer is willing and able to go on meeting it: a
// carer's assessment must ask "whether the carer is able, and is likely to
// continue to be able, to provide care for the adult needing care" and
// "whether the carer is willing, and is likely to continue to be willing, to do
// so" (s.10(5)(a)-(b)). So the adjustment applies only where
// the assessment records, for a named carer, that they are willing and able to
// continue, and which needs they meet; and then only to those needs' share of
// the amount: base amount × (points of those needs ÷ all points) ×
// percent_of_needs_share ÷ 100, rounded to the nearest penny, halves up.
struct CarerAdjustment {
  int percent_of_needs_share = 100;  // 1-100: how much of those needs' share counts as met by the carer
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

// One willing-and-able statement as the RAS reads it: the carer's name, how to
// speak of them ("she is"), and the needs they meet with those needs' points.
struct CarerShare {
  std::string carer_name;
  std::string carer_is = "they are";                    // people::carer_is(relationship)
  std::vector<std::pair<std::string, int>> needs{};     // need (domain) title, its points
};

struct RasInput {
  int total_points = 0;
  std::vector<std::pair<std::string, int>> points_by_domain{};  // title, points (for the explanation)
  // The points of the needs that willing-and-able carers meet, each need counted
  // once however many carers meet it. 0, or no statements: no carer adjustment.
  int carer_points = 0;
  std::vector<CarerShare> carers{};                              // who said so, for the explanation
};

// A questionnaire domain's score, as the carer rule needs it.
struct NeedPoints {
  std::string id;
  std::string title;
  int points = 0;
};
// A willing-and-able statement: a recorded carer, and the needs (domain ids) they meet.
struct WillingAndAble {
  std::string carer_name;
  std::string carer_is = "they are";
  std::vector<std::string> need_ids;
};
// Fills in the carers and carer_points of `in` from the statements: each need
// counted once, and a need the person scored no points on adds nothing.
void add_willing_and_able(RasInput& in, const std::vector<NeedPoints>& needs, const std::vector<WillingAndAble>& statements);

struct Allocation {
  Money base_weekly;        // from points, before adjustments
  int carer_percent = 0;    // of the carer-met needs' share, when an adjustment applied
  Money carer_share;        // those needs' share of base_weekly
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

// The explanation is written to the person ("You scored 35 points"). A letter
// to their attorney or deputy speaks to that reader, so the same lines are
// turned to be about the person ("Margaret scored 35 points", "Margaret's
// indicative budget"). It lives beside `allocate` because it knows exactly the
// phrases `allocate` writes; a test runs it over every kind of line.
std::vector<std::string> explanation_about(const std::vector<std::string>& lines, std::string_view given_name);

}  // namespace patchwork::allocation
