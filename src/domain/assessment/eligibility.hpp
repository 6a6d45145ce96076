#pragma once
// The Care Act 2014 eligibility decision for an adult's needs, as set out in the
// Care and Support (Eligibility Criteria) Regulations 2015 (SI 2015/313),
// regulation 2(1): "An adult's needs meet the eligibility criteria if—
//  (a) the adult's needs arise from or are related to a physical or mental
//      impairment or illness;
//  (b) as a result of the adult's needs the adult is unable to achieve two or
//      more of the outcomes specified in paragraph (2); and
//  (c) as a consequence there is, or is likely to be, a significant impact on
//      the adult's well-being."
// Regulation 2(3): an adult is to be regarded as unable to achieve an outcome
// if they (a) are unable to achieve it without assistance; (b) are able to
// achieve it without assistance but doing so causes significant pain, distress
// or anxiety; (c) are able to achieve it without assistance but doing so
// endangers or is likely to endanger their or others' health or safety; or
// (d) are able to achieve it without assistance but it takes "significantly
// more time than would normally be expected".
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
  // The information and advice the worker gave, in words the person will read
  // (Care Act 2014 s.13(5)); the timeline says "information and advice" only
  // when this holds something.
  std::string information_given;
  std::string method_of_assessment;  // national Method_of_Assessment: who took part
};

struct EligibilityDecision {
  bool eligible = false;
  int outcomes_not_achieved = 0;
  std::vector<std::string> reasoning;  // plain English, one line a step
};

// Whether the findings meet regulation 2(1): the decision's one rule, used by
// the check (what must be recorded when needs are not eligible) and the decision.
bool meets_eligibility_criteria(const EligibilityInput& input);

// Checks the input is complete and consistent, naming each field that is not:
// an outcome recorded as both "cannot do this without help" (reg 2(3)(a)) and
// one of the "can do this without help, but…" reasons (reg 2(3)(b)-(d)) is a
// contradiction and is refused, naming the outcome.
FieldErrors check_eligibility_input(const EligibilityInput& input);

// The decision and its reasoning. The input must have passed the check.
EligibilityDecision decide_eligibility(const EligibilityInput& input);

}  // namespace patchwork::assessment
