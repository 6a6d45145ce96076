#pragma once
// Who may end a carer's or representative's access from the person's own
// pages ("Who can see my information", docs/my-pages.md), and when the law
// does not let them. Pure domain.
#include <optional>
#include <string>
#include <string_view>

#include "domain/people/records.hpp"

namespace patchwork::people {

// Nothing when the person (or whoever acts for them on care and support) may
// end `rel`'s access to Patchwork from their own pages; otherwise why not, in
// plain words, naming what they can do instead. Only access that rests on the
// person's own agreement ("consent") may be ended there: an attorney's,
// deputy's, appointee's, advocate's or a best-interests carer's authority
// comes from somewhere else, and Patchwork must not pretend to undo it.
std::optional<std::string> own_withdrawal_refused(const Relationship& rel);

}  // namespace patchwork::people
