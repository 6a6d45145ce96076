#include "domain/assessment/eligibility.hpp"

#include <fmt/format.h>

namespace patchwork::assessment {
namespace {

struct OutcomeInfo { Outcome outcome; std::string_view code; std::string_view title; };
constexpr OutcomeInfo kOutcomes[] = {
    {Outcome::Nutrition, "nutrition", "Managing and maintaining nutrition"},
    {Outcome::PersonalHygiene, "personal_hygiene", "Maintaining personal hygiene"},
    {Outcome::ToiletNeeds, "toilet_needs", "Managing toilet needs"},
    {Outcome::AppropriatelyClothed, "appropriately_clothed", "Being appropriately clothed"},
    {Outcome::UseHomeSafely, "use_home_safely", "Being able to make use of the home safely"},
    {Outcome::HabitableHome, "habitable_home", "Maintaining a habitable home environment"},
    {Outcome::Relationships, "relationships", "Developing and maintaining family or other personal relationships"},
    {Outcome::WorkTrainingVolunteering, "work_training_volunteering", "Accessing and engaging in work, training, education or volunteering"},
    {Outcome::CommunityFacilities, "community_facilities", "Making use of necessary facilities or services in the local community, including public transport and recreational facilities"},
    {Outcome::CaringForChild, "caring_for_child", "Carrying out any caring responsibilities for a child"},
};

struct ReasonInfo { UnableReason reason; std::string_view code; std::string_view text; };
constexpr ReasonInfo kReasons[] = {
    {UnableReason::NeedsAssistance, "needs_assistance", "cannot do this without help"},
    {UnableReason::SignificantPainDistressAnxiety, "significant_pain_distress_anxiety", "can do this, but only with significant pain, distress or anxiety"},
    {UnableReason::EndangersHealthOrSafety, "endangers_health_or_safety", "can do this, but it puts their own or other people's health or safety at risk"},
    {UnableReason::TakesSignificantlyLonger, "takes_significantly_longer", "can do this, but it takes significantly more time than would normally be expected"},
};

}  // namespace

const std::vector<Outcome>& all_outcomes() {
  static const std::vector<Outcome> v = [] {
    std::vector<Outcome> out;
    for (const auto& i : kOutcomes) out.push_back(i.outcome);
    return out;
  }();
  return v;
}
std::string_view outcome_code(Outcome o) {
  for (const auto& i : kOutcomes) if (i.outcome == o) return i.code;
  return "";
}
std::string_view outcome_title(Outcome o) {
  for (const auto& i : kOutcomes) if (i.outcome == o) return i.title;
  return "";
}
std::optional<Outcome> outcome_from_code(std::string_view code) {
  for (const auto& i : kOutcomes) if (i.code == code) return i.outcome;
  return std::nullopt;
}
const std::vector<UnableReason>& all_unable_reasons() {
  static const std::vector<UnableReason> v = [] {
    std::vector<UnableReason> out;
    for (const auto& i : kReasons) out.push_back(i.reason);
    return out;
  }();
  return v;
}
std::string_view reason_code(UnableReason r) {
  for (const auto& i : kReasons) if (i.reason == r) return i.code;
  return "";
}
std::string_view reason_text(UnableReason r) {
  for (const auto& i : kReasons) if (i.reason == r) return i.text;
  return "";
}
std::optional<UnableReason> reason_from_code(std::string_view code) {
  for (const auto& i : kReasons) if (i.code == code) return i.reason;
  return std::nullopt;
}

FieldErrors check_eligibility_input(const EligibilityInput& in) {
  FieldErrors errors;
  for (Outcome o : all_outcomes()) {
    auto it = in.outcomes.find(o);
    std::string field = std::string(outcome_code(o));
    if (it == in.outcomes.end()) {
      errors.push_back({field, fmt::format("Say whether the person can achieve: {}", outcome_title(o))});
      continue;
    }
    if (!it->second.achieved && it->second.reasons.empty())
      errors.push_back({field, fmt::format("Choose why the person cannot achieve: {}", outcome_title(o))});
    if (it->second.achieved && !it->second.reasons.empty())
      errors.push_back({field, fmt::format("An outcome the person can achieve has no reason it cannot be achieved: {}", outcome_title(o))});
    // Regulation 2(3)(a) is "unable to achieve it without assistance"; (b), (c)
    // and (d) each begin "is able to achieve it without assistance but…". One
    // person cannot be both for one outcome; (b)-(d) may all hold together.
    if (it->second.reasons.contains(UnableReason::NeedsAssistance) && it->second.reasons.size() > 1)
      errors.push_back({field + "_reasons",
                        fmt::format("{}: choose either \"cannot do this without help\" or the ways they can do it without help "
                                    "but at a cost, not both",
                                    outcome_title(o))});
  }
  if (in.fluctuating && in.period_considered.empty())
    errors.push_back({"period_considered", "Say over what period fluctuating needs were considered"});
  if (in.information_given.size() > 4000)
    errors.push_back({"information_given", "The information and advice given must be 4,000 characters or fewer"});
  // Care Act 2014 s.13(5): where none of the needs meet the eligibility
  // criteria, the authority "must give him or her written advice and
  // information about— (a) what can be done to meet or reduce the needs; (b)
  // what can be done to prevent or delay the development of needs for care and
  // support". The letter gives it, so it has to be recorded.
  if (errors.empty() && !meets_eligibility_criteria(in) && in.information_given.empty())
    errors.push_back({"information_given", "Record the information and advice you gave about what could help: the letter gives it to "
                                           "the person, because their needs are not eligible"});
  return errors;
}

bool meets_eligibility_criteria(const EligibilityInput& in) {
  int unachieved = 0;
  for (const auto& [o, f] : in.outcomes) unachieved += f.achieved ? 0 : 1;
  return in.impairment_or_illness && unachieved >= 2 && in.significant_impact_on_wellbeing;
}

EligibilityDecision decide_eligibility(const EligibilityInput& in) {
  EligibilityDecision d;
  std::vector<std::string> unachieved;
  for (Outcome o : all_outcomes()) {
    auto it = in.outcomes.find(o);
    if (it == in.outcomes.end() || it->second.achieved) continue;
    std::string why;
    for (UnableReason r : it->second.reasons) why += (why.empty() ? "" : "; ") + std::string(reason_text(r));
    unachieved.push_back(fmt::format("{} (the person {})", outcome_title(o), why));
  }
  d.outcomes_not_achieved = int(unachieved.size());

  if (in.impairment_or_illness)
    d.reasoning.push_back("The needs arise from or relate to a physical or mental impairment or illness.");
  else
    d.reasoning.push_back("The needs do not arise from a physical or mental impairment or illness, so they are not eligible.");

  if (unachieved.empty()) {
    d.reasoning.push_back("The person can achieve all ten outcomes in the regulations.");
  } else {
    d.reasoning.push_back(fmt::format("The person is unable to achieve {} of the ten outcomes:", unachieved.size()));
    for (const auto& line : unachieved) d.reasoning.push_back("– " + line);
  }
  if (unachieved.size() == 1)
    d.reasoning.push_back("The regulations need two or more outcomes that cannot be achieved; here there is only one.");

  // Regulation 2(1)(c) asks about the impact "as a consequence" of being unable
  // to achieve two or more outcomes; with fewer, there is no such consequence to
  // weigh, and the reasoning must not claim one whatever was ticked.
  if (unachieved.size() < 2)
    d.reasoning.push_back("With fewer than two outcomes that cannot be achieved, the question of a significant impact on "
                          "well-being as a consequence does not arise.");
  else if (in.significant_impact_on_wellbeing)
    d.reasoning.push_back("As a result there is, or is likely to be, a significant impact on the person's well-being." +
                          (in.impact_note.empty() ? std::string() : " " + in.impact_note));
  else
    d.reasoning.push_back("There is not a significant impact on the person's well-being." +
                          (in.impact_note.empty() ? std::string() : " " + in.impact_note));
  if (in.fluctuating)
    d.reasoning.push_back("The person's needs fluctuate; they were considered over " + in.period_considered + ".");

  d.eligible = meets_eligibility_criteria(in);
  d.reasoning.push_back(d.eligible ? "So the person has eligible needs under the Care Act 2014."
                                   : "So the person does not have eligible needs under the Care Act 2014.");
  return d;
}

}  // namespace patchwork::assessment
