#pragma once
// What a carer or representative may do for a person, derived (never typed)
// from their role, the basis for it and the person's capacity for the kind of
// decision concerned, as the record stands on a date. The policy asks this at
// the moment of access, so a new capacity assessment changes what a
// representative may do at once.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.hpp"
#include "core/result.hpp"
#include "domain/access/policy.hpp"
#include "domain/people/records.hpp"

namespace patchwork::people {

// The scope with the reasons for it, in plain words for the person's record:
// "may act on care and support because the assessment on 12 March 2026 found
// Margaret lacks capacity for these decisions".
struct DerivedScope {
  access::RepresentativeScope scope;
  std::vector<std::string> reasons;
};

// The kind of decision (capacity_decision_kinds()) whose capacity decides what
// this role may do: care and support for welfare roles, asking for a direct
// payment for nominated and authorised persons, property and money for the
// financial ones.
std::string_view decision_kind_for_role(std::string_view role);

// `rel.access_scope` is what the person agreed to (a consent basis) or what a
// best-interests decision allowed (a family carer): "view" or "act" (act on
// care and support). It widens nothing that the role and the law do not allow.
DerivedScope representative_scope(const Relationship& rel, std::span<const CapacityAssessment> assessments, CivilDate on,
                                  std::string_view person_name);

// Consent can only be given by a person who has capacity to give it (Mental
// Capacity Act 2005, s.2(1)): a relationship on a consent basis is refused when
// the latest assessment of the relevant kind says the person lacks capacity.
// The error names the field "basis" and the assessment.
std::optional<FieldError> consent_refused(const Relationship& rel, std::span<const CapacityAssessment> assessments, CivilDate on,
                                          std::string_view person_name);

// A role's label, including "deputy_unspecified": a deputy recorded before the
// order's scope was asked (migration 0009), who may see the record until the
// order is recorded as personal welfare or property and affairs.
std::string relationship_role_label(std::string_view role);

}  // namespace patchwork::people
