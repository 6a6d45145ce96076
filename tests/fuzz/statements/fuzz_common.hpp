#pragma once
// Shared by the statement parsers' fuzz targets: feed the input through the
// parser in small chunks (so chunk boundaries fall everywhere) and check what
// comes out, so a fuzzer finds wrong answers as well as crashes.
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "io/statements/common.hpp"
#include "io/statements/parse.hpp"

namespace fuzz {

using namespace patchwork::io::statements;

inline ByteSource chunked(const std::uint8_t* data, std::size_t size, std::size_t* at) {
  return [data, size, at](char* buffer, std::size_t want) -> std::size_t {
    std::size_t n = want < 7 ? want : 7;  // odd-sized chunks
    if (n > size - *at) n = size - *at;
    std::memcpy(buffer, data + *at, n);
    *at += n;
    return n;
  };
}

inline Handlers checking_handlers() {
  Handlers h;
  h.line = [](const patchwork::statements::Line& l) {
    // What every parser promises of a line it hands over.
    if (!l.booking_date.ok() || l.booking_date.year() < kFirstYear || l.booking_date.year() > kLastYear) std::abort();
    if (l.amount_pence == 0 || l.amount_pence > kMaxAmountPence || l.amount_pence < -kMaxAmountPence) std::abort();
    if (l.payee.size() > kMaxTextBytes + 3 || l.description.size() > kMaxTextBytes + 3) std::abort();
    if (l.occurrence == 0 || l.source_line == 0) std::abort();
    if (l.merchant_category && (*l.merchant_category < 0 || *l.merchant_category > 9999)) std::abort();
  };
  return h;
}

inline ParseOptions options() {
  ParseOptions o;
  o.chunk_bytes = 7;
  o.max_rejections_kept = 16;
  return o;
}

inline void check(const ParseReport& r) {
  if (r.rejections.size() > 16) std::abort();
  if (r.rejections.size() > r.lines_rejected) std::abort();
}

}  // namespace fuzz
