#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // Two mappings: one by header names (point decimals, ordered), one by
  // position with comma decimals and windows-1252, so both paths are fuzzed.
  static const auto* by_name = patchwork::io::statements::builtin_mapping("lloyds");
  static const auto by_position = *patchwork::io::statements::parse_mapping(
      "name = fuzz\nheader = no\ndelimiter = semicolon\ndecimal = comma\nencoding = windows-1252\n"
      "date_format = DD.MM.YYYY\ncolumn.date = #1\ncolumn.payee = #2\ncolumn.amount = #3\ncolumn.balance = #4\n").mapping;
  for (const auto* m : {by_name, &by_position}) {
    std::size_t at = 0;
    fuzz::check(fuzz::parse_csv(fuzz::chunked(data, size, &at), *m, fuzz::checking_handlers(), fuzz::options()));
  }
  return 0;
}
