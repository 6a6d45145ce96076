#pragma once
// How assessment records are kept in text columns: answers, eligibility
// findings and explanations as JSON. Storage's business, so the domain never
// sees a JSON library (docs/architecture.md, "Layers").
#include <optional>
#include <string>
#include <vector>

#include "domain/assessment/records.hpp"

namespace patchwork::storage {

std::string answers_to_json(const assessment::Answers& answers);
std::optional<assessment::Answers> answers_from_json(const std::string& text);
std::string eligibility_input_to_json(const assessment::EligibilityInput& input);
std::optional<assessment::EligibilityInput> eligibility_input_from_json(const std::string& text);
std::string lines_to_json(const std::vector<std::string>& lines);
std::vector<std::string> lines_from_json(const std::string& text);

}  // namespace patchwork::storage
