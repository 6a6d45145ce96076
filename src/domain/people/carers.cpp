#include "domain/people/carers.hpp"

#include "domain/people/field_reader.hpp"

namespace patchwork::people {

const CodeList& carer_relationships() {
  static const CodeList list = {
      {"wife", "Wife"},         {"husband", "Husband"},   {"partner", "Partner"},
      {"daughter", "Daughter"}, {"son", "Son"},           {"mother", "Mother"},
      {"father", "Father"},     {"sister", "Sister"},     {"brother", "Brother"},
      {"granddaughter", "Granddaughter"}, {"grandson", "Grandson"},
      {"other_relative", "Another relative"}, {"friend", "Friend"}, {"neighbour", "Neighbour"},
  };
  return list;
}

const CodeList& carer_assessment_answers() {
  static const CodeList list = {
      {"not_yet_answered", "Not answered yet"},
      {"accepted", "Accepted: the carer wants an assessment"},
      {"declined", "Declined"},
  };
  return list;
}

std::string_view carer_is(std::string_view r) {
  for (auto she : {"wife", "daughter", "mother", "sister", "granddaughter"}) if (r == she) return "she is";
  for (auto he : {"husband", "son", "father", "brother", "grandson"}) if (r == he) return "he is";
  return "they are";
}

namespace {

void read_answer(FieldReader& r, Carer& c, bool answer_required) {
  c.assessment_answer = r.coded("assessment_answer", carer_assessment_answers(), "the carer's answer", answer_required, 200).value_or(c.assessment_answer);
  c.assessment_answered_on = r.date("assessment_answered_on", "date of the carer's answer", false, true, 40);
  if (c.assessment_answer == "not_yet_answered") {
    c.assessment_answered_on.reset();
  } else {
    if (!c.assessment_answered_on) c.assessment_answered_on = c.assessment_offered_on.ok() ? c.assessment_offered_on : r.today;
    if (c.assessment_offered_on.ok() && *c.assessment_answered_on < c.assessment_offered_on)
      r.errors.push_back({"assessment_answered_on", "The carer's answer must be on or after the date the assessment was offered"});
  }
}

}  // namespace

Result<Carer> carer_from_fields(const Fields& f, CivilDate today) {
  FieldErrors errors;
  FieldReader r{f, errors, today};
  Carer c;
  c.name = r.text("name", "the carer's name", true, 200);
  c.relationship = r.coded("relationship", carer_relationships(), "who the carer is to the person", true, 200).value_or("");
  // Total_Hrs_Caring_per_week in the national carers' return: whole hours in a
  // week, which has 168 of them.
  c.hours_per_week = r.whole_number("hours_per_week", "hours caring a week", 0, 168, true).value_or(0);
  c.lives_with_person = r.yes_no("lives_with_person", "do they live with the person?").value_or(false);
  if (auto id = r.whole_number("carer_person_id", "carer's own person id", 1, 2147483647, false)) c.carer_person_id = PersonId{*id};
  c.phone = r.text("phone", "phone number", false, 40);
  // Care Act 2014 s.10(1): "Where it appears to a local authority that a carer
  // may have needs for support (whether currently or in the future), the
  // authority must assess" them — and s.10(5)(a)-(b) makes that assessment ask
  // "whether the carer is able, and is likely to continue to be able, to provide
  // care" and "whether the carer is willing, and is likely to continue to be
  // willing, to do so". Recording a carer is the moment it appears they may
  // have needs, so the offer is made and dated then (today unless told).
  c.assessment_offered_on = r.date("assessment_offered_on", "date the carer's assessment was offered", false, true, 40).value_or(today);
  read_answer(r, c, false);
  if (!errors.empty()) return std::unexpected(errors);
  return c;
}

Result<Carer> with_assessment_answer(Carer carer, const Fields& f, CivilDate today) {
  FieldErrors errors;
  FieldReader r{f, errors, today};
  read_answer(r, carer, true);
  if (!errors.empty()) return std::unexpected(errors);
  return carer;
}

}  // namespace patchwork::people
