#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::size_t at = 0;
  fuzz::check(fuzz::parse_ofx(fuzz::chunked(data, size, &at), fuzz::checking_handlers(), fuzz::options()));
  return 0;
}
