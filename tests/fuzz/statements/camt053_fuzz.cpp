#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::size_t at = 0;
  fuzz::check(fuzz::parse_camt053(fuzz::chunked(data, size, &at), fuzz::checking_handlers(), fuzz::options()));
  // And through detection, as `--format auto` reads a file.
  std::size_t again = 0;
  fuzz::check(fuzz::parse_statement(fuzz::chunked(data, size, &again), std::nullopt, nullptr, fuzz::checking_handlers(),
                                    fuzz::options()));
  return 0;
}
