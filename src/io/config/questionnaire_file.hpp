#pragma once
// The questionnaire file a council keeps (docs/configuration.md): JSON text in,
// a checked Questionnaire out. Parsing lives here, in the file-formats layer,
// so the domain's rules never depend on a JSON library.
#include <string>

#include "core/result.hpp"
#include "domain/assessment/questionnaire.hpp"

namespace patchwork::io {

// Reads a questionnaire from its JSON text. Everything wrong is reported, each
// with the place it is wrong ("domains[2].questions[0].answers[1].points"), and
// a questionnaire that contradicts itself (duplicate ids, an answer without
// points, an unknown outcome) is refused whole.
Result<assessment::Questionnaire> parse_questionnaire(const std::string& json_text);

}  // namespace patchwork::io
