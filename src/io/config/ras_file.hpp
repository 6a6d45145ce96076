#pragma once
// The RAS model file a council publishes (docs/configuration.md): JSON text in,
// a checked RasConfiguration out, in the file-formats layer like the questionnaire.
#include <string>

#include "core/result.hpp"
#include "domain/allocation/ras.hpp"

namespace patchwork::io {

// Reads a configuration from JSON. Money is written as text ("5.20"), never as
// a JSON number, so no amount passes through floating point.
// Every amount in it must be from £0 to kWeeklyAmountLimit.
Result<allocation::RasConfiguration> parse_ras_configuration(const std::string& json_text);

}  // namespace patchwork::io
