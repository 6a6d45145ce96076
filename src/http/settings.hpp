#pragma once
// What a council can set without rebuilding: the command line fills these.
// They belong to the HTTP layer, which reads them on every request; the app
// layer only fills them in.
#include <string>

#include "domain/accounts/passwords.hpp"
#include "domain/accounts/sign_in_rules.hpp"
#include "http/server.hpp"

namespace patchwork::http {

struct Settings {
  std::string database;                 // SQLite file, or a PostgreSQL URI / key=value string
  // SQLite: at most how often the planner's statistics are refreshed while
  // serving (`--sqlite-optimize-seconds`; storage::OpenOptions).
  int sqlite_optimize_seconds = 3600;
  ServerConfig server;
  std::string service_name = "Patchwork";
  // Secure cookies with the __Host- prefix. Turn on whenever users reach
  // Patchwork over HTTPS (it is also on for requests a trusted proxy marks https).
  bool secure_cookies = false;
  accounts::SessionLimits sessions;
  accounts::SignInLimits sign_in;
  accounts::HashStrength hash_strength = accounts::HashStrength::interactive();
  // The address people reach Patchwork at (`--public-url`, http::parse_public_url),
  // for links on paper; empty: letters name the path only.
  std::string public_url;
  std::string assets_folder;            // GOV.UK Frontend's dist/govuk folder
  std::string stylesheet;               // our compiled stylesheet
  std::string scripts_folder;           // our own small scripts
};

}  // namespace patchwork::http
