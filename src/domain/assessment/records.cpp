#include "domain/assessment/records.hpp"

namespace patchwork::assessment {

std::string_view status_code(AssessmentStatus s) {
  switch (s) {
    case AssessmentStatus::Draft: return "draft";
    case AssessmentStatus::Submitted: return "submitted";
    case AssessmentStatus::Confirmed: return "confirmed";
  }
  return "draft";
}

std::optional<AssessmentStatus> status_from_code(std::string_view code) {
  if (code == "draft") return AssessmentStatus::Draft;
  if (code == "submitted") return AssessmentStatus::Submitted;
  if (code == "confirmed") return AssessmentStatus::Confirmed;
  return std::nullopt;
}

}  // namespace patchwork::assessment
