#pragma once
// Payment files for a payment run: records in, bytes out. Two formats:
//  - a CSV for a council's finance system (one row per payment, documented in
//    docs/money.md, "The finance system CSV");
//  - a BACS Standard 18 file (VOL1, HDR1, HDR2, UHL1, 100-character data
//    records, a contra record, EOF1, EOF2, UTL1; layout and sources in
//    docs/money.md, "BACS Standard 18").
// The same run gives the same bytes every time: nothing here reads the clock.
#include <cstdint>
#include <expected>
#include <span>
#include <string>
#include <string_view>

#include "core/date.hpp"
#include "domain/payments/run.hpp"

namespace patchwork::io {

// The council's own account the payments leave, and its BACS service user number.
struct Originator {
  std::string name;                 // the council, as its bank knows it
  std::string sort_code;            // six digits
  std::string account_number;       // eight digits
  std::string service_user_number;  // six characters, given by the council's sponsoring bank
};

struct RunFile {
  std::int64_t run_id = 0;
  CivilDate pay_up_to;
  CivilDate created_on;     // the day the run was exported (the same on every repeat)
  CivilDate processing_day; // the BACS processing day the payments are for
};

// RFC 4180 CSV, CRLF line ends, a header row. A text field that starts with =,
// +, -, @, tab or CR gets a leading apostrophe, so a spreadsheet opening the
// file never runs a name as a formula.
std::string payments_csv(const RunFile& run, std::span<const payments::RunItem> items);
// One CSV field, quoted when it holds a comma, quote, CR or LF.
std::string csv_field(std::string_view text);

// BACS's character set: A-Z, 0-9, space, full stop, ampersand, slash and
// hyphen; letters raised to capitals, cut or padded to `width`. The text is
// read as UTF-8, a character (code point) at a time: a Latin letter with an
// accent becomes its plain letter (é -> E, Ñ -> N, ß -> SS, Œ -> OE), so
// "Zoë Ñúñez" reaches the bank as ZOE NUNEZ; anything else (another script, a
// symbol, a byte that is not UTF-8) becomes one space.
std::string bacs_text(std::string_view text, std::size_t width);
std::string bacs_text(std::string_view text, std::size_t width);
// "bYYDDD": a space and the year's last two digits and the day of the year.
std::string bacs_date(CivilDate d);

// The Standard 18 file; an error naming what is missing or wrong (the
// council's service user number, an account that is not 8 digits...) rather
// than a file the bank would refuse.
std::expected<std::string, std::string> bacs_standard18(const Originator& originator, const RunFile& run,
                                                        std::span<const payments::RunItem> items);

}  // namespace patchwork::io
