#pragma once
// For the parsers' unit tests only: collects what a parser hands over, and
// reads the sample files in tests/samples/statements.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "io/statements/parse.hpp"

namespace patchwork::io::statements::testing {

struct Collected {
  std::vector<StatementInfo> starts, ends;
  std::vector<Line> lines;
  Handlers handlers() {
    Handlers h;
    h.statement_start = [this](const StatementInfo& s) { starts.push_back(s); };
    h.statement_end = [this](const StatementInfo& s) { ends.push_back(s); };
    h.line = [this](const Line& l) { lines.push_back(l); };
    return h;
  }
};

inline std::string sample(const std::string& name) {
  std::ifstream in(std::string(PATCHWORK_SOURCE_DIR) + "/tests/samples/statements/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Every parser must give the same answer however the file is cut into chunks.
inline ParseOptions tiny_chunks() {
  ParseOptions o;
  o.chunk_bytes = 1;
  return o;
}

}  // namespace patchwork::io::statements::testing
