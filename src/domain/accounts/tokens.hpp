#pragma once
// Session ids and CSRF tokens: 256 random bits. A session id is stored only as a
// hash, so a copy of the database does not let anyone sign in as someone else.
#include <string>
#include <string_view>

namespace patchwork::accounts {

std::string new_token();                           // 64 hex characters (256 bits)
std::string token_hash(std::string_view token);    // BLAKE2b-256, hex
bool tokens_equal(std::string_view a, std::string_view b);  // constant time

}  // namespace patchwork::accounts
