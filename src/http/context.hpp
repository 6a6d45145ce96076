#pragma once
// What a handler gets for one request: the request, the open transaction, who is
// signed in, and the two things every handler must use — the policy, and the
// audit trail it feeds.
#include <expected>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/settings.hpp"
#include "domain/access/policy.hpp"
#include "domain/accounts/user.hpp"
#include "domain/audit/audit_action.hpp"
#include "domain/audit/audit_entry.hpp"
#include "domain/people/person.hpp"
#include "http/message.hpp"
#include "storage/db.hpp"

namespace patchwork::http {

enum class Surface { Page, Api };

class Context {
 public:
  Context(Request& request, const http::Settings& settings, Surface surface)
      : request(request), settings(settings), surface(surface) {}

  Request& request;
  const http::Settings& settings;
  Surface surface;

  storage::Connection& db() {
    if (!db_) throw std::logic_error("this route has no database transaction");
    return *db_;
  }
  void attach(storage::Connection* connection) { db_ = connection; }

  const std::optional<accounts::User>& user() const { return user_; }
  const std::optional<accounts::Council>& council() const { return council_; }
  const std::optional<accounts::Session>& session() const { return session_; }
  void set_signed_in(accounts::User user, accounts::Council council, accounts::Session session) {
    user_ = std::move(user);
    council_ = std::move(council);
    session_ = std::move(session);
  }
  void clear_signed_in() { user_.reset(); council_.reset(); session_.reset(); }
  const accounts::User& signed_in_user() const { return user_.value(); }
  // The token forms must echo: the session's, or before sign-in the one in the
  // pre-session cookie (so the sign-in form itself cannot be forged).
  std::string csrf_token() const { return session_ ? session_->csrf_token : presession_token; }
  std::string presession_token;

  // The policy, asked and recorded. Every page and API endpoint that touches
  // people's data goes through one of these two.
  access::Decision authorize(access::Action action);
  access::Decision authorize(access::Action action, const people::Person& person);
  // On work someone prepared (maker-checker: a payment run); `what` names it
  // in the audit entry ("payment run 7"). `person` is whom the work is about,
  // when it is one person's (a surplus recovery, a write-off), so the decision,
  // a refusal included, is on that person's audit trail too.
  access::Decision authorize(access::Action action, const access::PreparedWork& work, const std::string& what,
                             std::optional<PersonId> person = std::nullopt);

  // Why a person could not be had: 404 when the user's council has no such
  // person (another council's person is never found), 403 when the policy says no.
  struct Refusal {
    int status;
    std::string title;
    std::string detail;
  };
  // The one way a handler gets a person: the route's {id} (or `person_id`)
  // looked up within the signed-in user's council, the policy asked for
  // `action`, the decision audited either way. The API renders a refusal as a
  // problem document, the pages as an error page.
  std::expected<people::Person, Refusal> person_for(access::Action action);
  std::expected<people::Person, Refusal> person_for(access::Action action, PersonId person_id);

  // The person named by the route's {id}, for showing: found within the user's
  // council, with the projection the user may see (never None), the look audited.
  struct Seen {
    people::Person person;
    access::PersonView view;
  };
  std::expected<Seen, Refusal> person_to_show();

  // Whether the policy would allow `action` on the person, without recording a
  // decision: for deciding which links and buttons a page shows.
  bool allows(access::Action action, const people::Person& person);

  // How this user may see the person (the one projection: identity, contact or
  // the care record), with the look written in the audit trail either way.
  // PersonView::None means not at all: the caller refuses.
  access::PersonView look_at(const people::Person& person);

  // A list of people about to be shown (search results, a caseload, a home
  // page): each with the projection this user may see of them; anyone they may
  // not see at all is left out. A look at a list is a look at each record in it,
  // so each person shown gets an audit entry naming where they were listed.
  struct Listed {
    people::Person person;
    access::PersonView view;
  };
  std::vector<Listed> list_people(std::vector<people::Person> people, std::string_view where);

  // Records an event in the audit trail. Entries are written in the request's own
  // transaction when it commits, and in a transaction of their own when it does
  // not (a refusal, an error), so a refused or failed attempt is never lost.
  void audit(audit::AuditAction action, std::optional<PersonId> person_id, access::Outcome outcome, std::string reason);
  // Other writes that must survive a rolled-back request (a failed sign-in).
  void always_write(std::function<void(storage::Connection&)> write) { always_writes_.push_back(std::move(write)); }
  std::vector<std::function<void(storage::Connection&)>>& pending_writes() { return always_writes_; }

  // Whether a page (not an API route) answers GET at this decoded path: set by
  // the dispatcher from its routes, so a return address can be checked against them.
  std::function<bool(std::string_view path)> page_exists = [](std::string_view) { return false; };

  // Cookies to set on the response.
  std::vector<std::string> cookies;

  std::string session_cookie_name() const;
  bool cookies_secure() const { return settings.secure_cookies || request.secure; }

 private:
  storage::Connection* db_ = nullptr;
  std::optional<accounts::User> user_;
  std::optional<accounts::Council> council_;
  std::optional<accounts::Session> session_;
  std::vector<std::function<void(storage::Connection&)>> always_writes_;
  // The user's relation to each person looked at in this request, loaded once.
  std::map<PersonId, access::PersonRelation> relations_;
  const access::PersonRelation& relation(const people::Person& person);
  std::expected<people::Person, Refusal> find_in_council(audit::AuditAction action, std::optional<PersonId> person_id);
};

}  // namespace patchwork::http
