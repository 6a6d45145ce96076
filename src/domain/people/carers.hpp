#pragma once
// Unpaid carers as records of their own, beside (not among) the representatives:
// who they are to the person, how many hours a week they care, whether they
// live with the person, and the carer's assessment offered to them. Ready for
// the national carers' fields (Total_Hrs_Caring_per_week, the linked person id).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/ids.hpp"
#include "core/result.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/records.hpp"

namespace patchwork::people {

// Who the carer is to the person: a short list, so figures can be split by it
// and the explanation of a budget can say "she" or "he" where the word does.
const CodeList& carer_relationships();
// The carer's answer to the offer of a carer's assessment (Care Act 2014 s.10).
const CodeList& carer_assessment_answers();  // not_yet_answered, accepted, declined

struct Carer {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::string name;
  std::string relationship;            // carer_relationships()
  int hours_per_week = 0;              // whole hours, 0-168: Total_Hrs_Caring_per_week
  bool lives_with_person = false;
  std::optional<PersonId> carer_person_id;  // the carer's own record in this council, if they have one
  std::string phone;
  CivilDate assessment_offered_on;     // the offer of a carer's assessment, made when the carer is recorded
  std::string assessment_answer = "not_yet_answered";
  std::optional<CivilDate> assessment_answered_on;

  // An accepted offer is something the council must now do.
  bool assessment_to_arrange() const { return assessment_answer == "accepted"; }
};

// Care Act 2014 s.18(7): a statement, made at the assessment, that a recorded
// carer is willing and able to go on meeting some of the person's needs (the
// questionnaire's domains). Only such a statement lets the RAS count a carer.
struct WillingAndAbleStatement {
  std::int64_t id = 0;
  CouncilId council_id{};
  PersonId person_id{};
  std::int64_t assessment_id = 0;
  std::int64_t carer_id = 0;
  std::vector<std::string> needs;  // questionnaire domain ids
  CivilDate stated_on;
};

// "she is", "he is" or "they are": the words the explanation of a budget uses
// for the carer, from their relationship (a daughter is "she"; a friend "they").
std::string_view carer_is(std::string_view relationship);

// A new carer from form or JSON fields: name, relationship, hours_per_week,
// lives_with_person (yes/no, true/false), carer_person_id (optional),
// phone (optional), assessment_offered_on (defaults to today: recording a
// carer is when the offer is made), assessment_answer (defaults to not yet
// answered), assessment_answered_on (needed with an answer; defaults to the offer's date).
// The carer's own person id is checked against the council by the service.
Result<Carer> carer_from_fields(const Fields& f, CivilDate today);

// The carer's answer to the offer, recorded later: assessment_answer and assessment_answered_on.
Result<Carer> with_assessment_answer(Carer carer, const Fields& f, CivilDate today);

}  // namespace patchwork::people
