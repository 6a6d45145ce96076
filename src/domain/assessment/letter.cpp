#include "domain/assessment/letter.hpp"

#include <fmt/format.h>

#include "domain/people/capacity.hpp"

namespace patchwork::assessment {
namespace {

// Plain words for the ten outcomes, in the order of regulation 2(2).
std::string_view plain_outcome(Outcome o) {
  switch (o) {
    case Outcome::Nutrition: return "Getting enough to eat and drink";
    case Outcome::PersonalHygiene: return "Keeping clean";
    case Outcome::ToiletNeeds: return "Using the toilet";
    case Outcome::AppropriatelyClothed: return "Getting dressed in clothes that suit the day";
    case Outcome::UseHomeSafely: return "Moving around at home safely";
    case Outcome::HabitableHome: return "Keeping the home clean and safe to live in";
    case Outcome::Relationships: return "Keeping in touch with family and friends";
    case Outcome::WorkTrainingVolunteering: return "Work, training, learning or volunteering";
    case Outcome::CommunityFacilities: return "Getting out to use local places and services, such as shops and buses";
    case Outcome::CaringForChild: return "Looking after a child";
  }
  return "";
}

// The reader is "you", or the person is named (third person).
struct Voice {
  bool second;
  std::string name;  // given name
  std::string subject() const { return second ? "you" : name; }
  std::string Subject() const { return second ? "You" : name; }
  std::string possessive() const { return second ? "your" : name + "'s"; }
  std::string Possessive() const { return second ? "Your" : name + "'s"; }
  std::string verb(std::string_view you_form, std::string_view third_form) const {
    return std::string(second ? you_form : third_form);
  }
};

std::string plain_reason(UnableReason r, const Voice& v) {
  switch (r) {
    case UnableReason::NeedsAssistance: return v.subject() + " " + v.verb("need", "needs") + " help to do this";
    case UnableReason::SignificantPainDistressAnxiety:
      return v.subject() + " can do this alone, but it causes a lot of pain, distress or worry";
    case UnableReason::EndangersHealthOrSafety: return v.subject() + " can do this alone, but it puts someone's health or safety at risk";
    case UnableReason::TakesSignificantlyLonger: return v.subject() + " can do this alone, but it takes far longer than it usually would";
  }
  return "";
}

}  // namespace

Addressee letter_addressee(const people::Person& person, std::span<const people::CapacityAssessment> capacity,
                           std::span<const people::Relationship> relationships, CivilDate as_at) {
  Addressee to{person.full_name(), false, "", "", ""};
  auto finding = people::capacity_for(capacity, "care_and_support", as_at);
  const bool through_representative = person.preferred_contact == "through_representative";
  if (!finding.lacks() && !through_representative) return to;
  // Mental Capacity Act 2005 s.9(1): a lasting power of attorney gives the
  // attorney "authority to make decisions about all or any of ... (a) P's
  // personal welfare"; a deputy for personal welfare is appointed by the court
  // (s.16(2)). Others (a money attorney or deputy, an appointee, an advocate, a
  // deputy whose order's scope is not yet recorded) do not receive a care
  // decision.
  for (std::string_view role : {"lpa_health_welfare", "deputy_personal_welfare"})
    for (const auto& r : relationships)
      if (r.role == role) {
        to.name = r.name;
        to.on_behalf = true;
        to.role = role == "deputy_personal_welfare" ? "deputy for personal welfare" : "attorney for health and welfare";
        to.why = finding.lacks()
                     ? fmt::format("because an assessment on {} found that {} cannot make decisions about care and support at the moment",
                                   finding.assessment->assessed_on.display(), person.given_name)
                     : fmt::format("because {} asked us to contact you", person.given_name);
        return to;
      }
  to.warning = finding.lacks()
                   ? person.given_name + " lacks capacity for care and support decisions, but no health and welfare attorney or deputy "
                                         "is recorded, so this letter is addressed to " + person.given_name + "."
                   : person.given_name + " asked to be contacted through a representative, but no health and welfare attorney or "
                                         "deputy is recorded, so this letter is addressed to " + person.given_name + ".";
  return to;
}

LetterText letter_text(const EligibilityRecord& d, const people::Person& person, const Addressee& to) {
  Voice v{!to.on_behalf, person.given_name};
  LetterText t;
  t.heading = to.on_behalf ? "Care and support for " + person.full_name() + ": our decision" : "Your care and support: our decision";
  if (to.on_behalf)
    t.opening.push_back(fmt::format("We are writing to you as {}'s {}, {}.", person.given_name, to.role, to.why));
  const std::string looked = v.verb("We have looked carefully at what you told us.", "We have looked carefully at what we were told.");
  if (d.eligible)
    t.opening.push_back(fmt::format("{} {} eligible needs. This means the council will make sure these needs are met.", looked,
                                    v.Subject() + v.verb(" have", " has")));
  else
    t.opening.push_back(fmt::format("{} {} needs are not eligible for care and support from the council at the moment. Below is "
                                    "information and advice about what could help.",
                                    looked, v.Possessive()));

  const auto& in = d.findings;
  if (!in.impairment_or_illness)
    t.findings.push_back(fmt::format("{} needs are not caused by an illness or a disability.", v.Possessive()));
  int unachieved = 0;
  for (Outcome o : all_outcomes()) {
    auto it = in.outcomes.find(o);
    if (it == in.outcomes.end() || it->second.achieved) continue;
    ++unachieved;
    std::string why;
    for (UnableReason r : it->second.reasons) why += (why.empty() ? "" : "; ") + plain_reason(r, v);
    t.findings.push_back(fmt::format("{}: {}.", plain_outcome(o), why));
  }
  if (unachieved == 0)
    t.findings.push_back(fmt::format("{} can manage all the everyday things we asked about.", v.Subject()));
  else if (unachieved == 1)
    t.findings.push_back(fmt::format("To have eligible needs there must be at least two of these everyday things that {} cannot manage; "
                                     "we found one.",
                                     v.subject()));
  else if (in.significant_impact_on_wellbeing)
    t.findings.push_back(fmt::format("This has, or is likely to have, a big effect on {} wellbeing.", v.possessive()));
  else
    t.findings.push_back(fmt::format("We found that this does not have a big effect on {} wellbeing.", v.possessive()));
  if (unachieved >= 2 && !in.impact_note.empty()) t.findings.push_back(in.impact_note);
  if (in.fluctuating)
    t.findings.push_back(fmt::format("{} needs change from time to time, so we looked at {}.", v.Possessive(), in.period_considered));

  // Care Act 2014 s.14(1): the authority "may make a charge for meeting needs";
  // s.17(1): where it thinks it would charge, it "must assess— (a) the level of
  // the adult's financial resources". So the indicative amount is what the
  // support is likely to cost, and what the person pays is decided apart.
  if (d.eligible) {
    t.money.push_back(fmt::format("Any amount in this letter is what {} support is likely to cost. It is not the amount the council "
                                  "will pay.",
                                  v.possessive()));
    t.money.push_back(fmt::format("What {} towards {} support depends on a financial assessment of {} income and savings. We will "
                                  "arrange it and tell you the result before anything is charged.",
                                  v.verb("you pay", person.given_name + " pays"), v.verb("your", "the"), v.possessive()));
  }
  return t;
}

std::string default_standard_information() {
  return "Your local library, GP surgery and pharmacy can tell you about groups, lunch clubs and services near you.\n"
         "Age UK (0800 678 1602, free, every day 8am to 7pm) gives free advice on care, money and staying well.\n"
         "Equipment such as grab rails, raised toilet seats and kitchen aids can make everyday things easier. Ask us about an "
         "occupational therapy visit, or see what your local equipment service offers.\n"
         "If you look after someone, or someone looks after you, a carer's assessment can help them too. Ask us for one.\n"
         "If your health or circumstances change, contact us again: we will look at your needs again.";
}

std::vector<std::string> paragraphs(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    auto first = current.find_first_not_of(" \t\r");
    if (first != std::string::npos) out.push_back(current.substr(first, current.find_last_not_of(" \t\r") - first + 1));
    current.clear();
  };
  for (char ch : text) {
    if (ch == '\n') flush();
    else current += ch;
  }
  flush();
  return out;
}

}  // namespace patchwork::assessment
