#pragma once
// Finance pages for bank statements (docs/statements.md "Importing a statement").
#include "http/dispatcher.hpp"

namespace patchwork::web {

void add_statement_pages(http::Dispatcher& d);  // finance: statement upload, lines, exceptions and their working

}  // namespace patchwork::web
