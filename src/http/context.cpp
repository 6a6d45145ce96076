#include "http/context.hpp"

#include "core/date.hpp"
#include "storage/repositories/audit_repository.hpp"
#include "storage/repositories/people_repository.hpp"

namespace patchwork::http {

std::string Context::session_cookie_name() const {
  // The __Host- prefix tells the browser to accept the cookie only over HTTPS,
  // for this exact host and path /, which stops a sibling site planting one.
  return cookies_secure() ? "__Host-pw_session" : "pw_session";
}

void Context::audit(std::string action, std::optional<std::int64_t> person_id, access::Outcome outcome, std::string reason) {
  audit::AuditEntry e;
  e.council_id = user_ ? std::optional<std::int64_t>(user_->council_id) : std::nullopt;
  e.occurred_at = utc_timestamp_now();
  if (user_) {
    e.user_id = user_->id;
    e.username = user_->username;
    e.role = std::string(access::role_code(user_->role));
  } else {
    e.username = "(not signed in)";
  }
  e.action = std::move(action);
  e.person_id = person_id;
  e.outcome = outcome == access::Outcome::Allowed ? "allowed" : "refused";
  e.reason = std::move(reason);
  e.request_id = request.request_id;
  e.address = request.remote_address;
  always_writes_.push_back([e = std::move(e)](storage::Connection& c) { storage::append_audit(c, e); });
}

access::Decision Context::authorize(access::Action action) {
  if (!user_) {
    access::Decision d{access::Outcome::Refused, "not signed in"};
    audit(std::string(access::action_code(action)), std::nullopt, d.outcome, d.reason);
    return d;
  }
  access::Decision d = access::decide(user_->actor(), action);
  audit(std::string(access::action_code(action)), std::nullopt, d.outcome, d.reason);
  return d;
}

access::PersonView Context::look_at(const people::Person& person) {
  access::PersonView view = access::PersonView::None;
  if (user_) view = access::person_view(user_->actor(), storage::relation_between(db(), user_->actor(), person));
  if (view == access::PersonView::None)
    audit("view_person_record", person.id, access::Outcome::Refused, user_ ? "not working with this person" : "not signed in");
  else
    audit("view_person_record", person.id, access::Outcome::Allowed, "saw " + std::string(access::person_view_code(view)));
  return view;
}

std::vector<Context::Listed> Context::list_people(std::vector<people::Person> people, std::string_view where) {
  std::vector<Listed> out;
  if (!user_) return out;
  for (auto& p : people) {
    auto view = access::person_view(user_->actor(), storage::relation_between(db(), user_->actor(), p));
    if (view == access::PersonView::None) continue;
    audit("list_person", p.id, access::Outcome::Allowed,
          "listed in " + std::string(where) + " (" + std::string(access::person_view_code(view)) + ")");
    out.push_back({std::move(p), view});
  }
  return out;
}

access::Decision Context::authorize(access::Action action, const people::Person& person) {
  access::Decision d{access::Outcome::Refused, "not signed in"};
  if (user_) {
    access::PersonRelation relation = storage::relation_between(db(), user_->actor(), person);
    d = access::decide(user_->actor(), action, relation);
  }
  audit(std::string(access::action_code(action)), person.id, d.outcome, d.reason);
  return d;
}

}  // namespace patchwork::http
