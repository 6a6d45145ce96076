#pragma once
// The Care Act 2014 eligibility decision for an adult's needs, as set out in the
// Care and Support (Eligibility Criteria) Regulations 2014, regulation 2:
//  (a) the needs arise from or relate to a physical or mental impairment or illness;
//  (b) as a result the adult is unable to achieve two or more of ten outcomes;
//  (c) as a consequence there is, or is likely to be, a significant impact on
//      the adult's well-being.
// "Unable to achieve" (regulation 2(3)) covers: unable without assistance; able,
// but with significant pain, distress or anxiety; able, but endangering the
// adult's or others' health or safety; able, but taking significantly longer
// than would normally be expected.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace patchwork::assessment {

enum class Outcome {
  Nutrition,
  PersonalHygiene,
  ToiletNeeds,
  AppropriatelyClothed,
  UseHomeSafely,
  HabitableHome,
  Relationships,
  WorkTrainingVolunteering,
  CommunityFacilities,
  CaringForChild,
};

enum class UnableReason { NeedsAssistance, SignificantPainDistressAnxiety, EndangersHealthOrSafety, TakesSignificantlyLonger };

const std::vector<Outcome>& all_outcomes();
std::string_view outcome_code(Outcome o);       // "nutrition"
std::string_view outcome_title(Outcome o);      // "Managing and maintaining nutrition"
std::optional<Outcome> outcome_from_code(std::string_view code);
const std::vector<UnableReason>& all_unable_reasons();
std::string_view reason_code(UnableReason r);   // "needs_assistance"
std::string_view reason_text(UnableReason r);   // "cannot do this without help"
std::optional<UnableReason> reason_from_code(std::string_view code);

struct OutcomeFinding {
  bool achieved = true;
  std::set<UnableReason> reasons;  // why not achieved; empty when achieved
  std::string note;                // the worker's words
};

struct EligibilityInput {
  bool impairment_or_illness = false;
  bool significant_impact_on_wellbeing = false;
  std::map<Outcome, OutcomeFinding> outcomes;  // all ten
  bool fluctuating = false;
  std::string period_considered;   // required when needs fluctuate: "the last 3 months"
  std::string impact_note;         // why the impact on well-being is (or is not) significant
};

struct EligibilityDecision {
  bool eligible = false;
  int outcomes_not_achieved = 0;
  std::vector<std::string> reasoning;  // plain English, one line a step
};

// Checks the input is complete and consistent, naming each field that is not.
FieldErrors check_eligibility_input(const EligibilityInput& input);

// The decision and its reasoning. The input must have passed the check.
EligibilityDecision decide_eligibility(const EligibilityInput& input);

}  // namespace patchwork::assessment
