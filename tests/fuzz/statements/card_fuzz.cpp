#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto* card = patchwork::io::statements::builtin_mapping("prepaid-card");
  std::size_t at = 0;
  auto handlers = fuzz::checking_handlers();
  auto check_line = handlers.line;
  handlers.line = [check_line](const patchwork::statements::Line& l) { check_line(l); };
  handlers.statement_start = [](const patchwork::statements::StatementInfo& s) {
    // A card number is only ever kept masked: never more than four digits.
    int digits = 0;
    for (char c : s.account.masked_card) digits += c >= '0' && c <= '9';
    if (digits > 4) std::abort();
  };
  fuzz::check(fuzz::parse_csv(fuzz::chunked(data, size, &at), *card, handlers, fuzz::options()));
  return 0;
}
