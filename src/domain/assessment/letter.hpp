#pragma once
// The eligibility decision letter: to whom it goes and what it says, in plain
// English and one voice. "You" is always the reader; when the reader is the
// person's attorney or deputy, the person is named. The letter does not quote
// the regulations: the decision page keeps the reasoning in their terms.
#include <span>
#include <string>
#include <vector>

#include "core/date.hpp"
#include "domain/assessment/records.hpp"
#include "domain/people/person.hpp"
#include "domain/people/records.hpp"

namespace patchwork::assessment {

struct Addressee {
  std::string name;            // who the letter is to
  bool on_behalf = false;      // to a representative, on behalf of the person
  std::string role;            // "attorney for health and welfare", "deputy"
  std::string why;             // why the letter goes to them, in plain words
  // The record says the letter should go to a representative, but none who may
  // receive it (a health and welfare attorney or a deputy) is recorded: the
  // worker is told, and the letter goes to the person.
  std::string warning;
};

// Mental Capacity Act 2005 s.1(2): capacity is assumed unless the latest
// assessment of care and support decisions (people::capacity_for) says the
// person lacks it. Then, or when the person asked to be contacted through
// their representative, the letter goes to their health and welfare attorney
// or deputy, on their behalf.
Addressee letter_addressee(const people::Person& person, std::span<const people::CapacityAssessment> capacity,
                           std::span<const people::Relationship> relationships, CivilDate as_at);

struct LetterText {
  std::string heading;
  std::vector<std::string> opening;   // paragraphs
  std::vector<std::string> findings;  // one line each
  std::vector<std::string> money;     // eligible only: cost, not what the council pays
};
LetterText letter_text(const EligibilityRecord& decision, const people::Person& person, const Addressee& to);

// The council's standard information and advice when it has recorded none,
// one paragraph a line (Care Act 2014 s.13(5)).
std::string default_standard_information();
// Text split into paragraphs at line breaks, empty lines dropped.
std::vector<std::string> paragraphs(const std::string& text);

}  // namespace patchwork::assessment
