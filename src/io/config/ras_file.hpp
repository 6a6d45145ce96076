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
//
// RasSource::NewFile is for a file being loaded; Stored for a model read back
// from the database, which may hold forms Patchwork no longer accepts (the old
// carer adjustment by questionnaire answer is read as no adjustment).
enum class RasSource { Stored, NewFile };
Result<allocation::RasConfiguration> parse_ras_configuration(const std::string& json_text, RasSource source = RasSource::Stored);

// The model as a file in the same form, which parse_ras_configuration reads
// back to the same model: for a model Patchwork proposes (a price per point or
// band table learned from agreed plans) that an administrator then loads.
std::string write_ras_configuration(const allocation::RasConfiguration& config);

}  // namespace patchwork::io
