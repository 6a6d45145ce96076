#pragma once
// What the record says about a person's capacity for one kind of decision.
// Mental Capacity Act 2005, s.2(1): "a person lacks capacity in relation to a
// matter if at the material time he is unable to make a decision for himself
// in relation to the matter" — capacity is about a kind of decision at a time,
// so the question is always "the latest assessment for this kind of decision".
// s.1(2): "A person must be assumed to have capacity unless it is established
// that he lacks capacity" — with no assessment, the answer is NotAssessed, and
// every caller treats that as having capacity.
#include <optional>
#include <span>
#include <string_view>

#include "core/date.hpp"
#include "domain/people/records.hpp"

namespace patchwork::people {

enum class Capacity { NotAssessed, Has, Lacks };

struct CapacityFinding {
  Capacity capacity = Capacity::NotAssessed;
  std::optional<CapacityAssessment> assessment;  // the one the finding rests on

  bool lacks() const { return capacity == Capacity::Lacks; }
};

// The latest assessment (by date, then by the order recorded) of the given kind
// (capacity_decision_kinds()) on or before `as_at`. Assessments of kind "other"
// never answer for a named kind: their text says what they were about.
CapacityFinding capacity_for(std::span<const CapacityAssessment> assessments, std::string_view decision_kind,
                             CivilDate as_at);

}  // namespace patchwork::people
