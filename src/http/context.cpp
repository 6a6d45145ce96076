#include "http/context.hpp"

#include "core/date.hpp"
#include "core/text.hpp"
#include "storage/repositories/audit_repository.hpp"
#include "services/person_access.hpp"

namespace patchwork::http {

std::string Context::session_cookie_name() const {
  // The __Host- prefix tells the browser to accept the cookie only over HTTPS,
  // for this exact host and path /, which stops a sibling site planting one.
  return cookies_secure() ? "__Host-pw_session" : "pw_session";
}

void Context::audit(audit::AuditAction action, std::optional<PersonId> person_id, access::Outcome outcome, std::string reason) {
  audit::AuditEntry e;
  e.council_id = user_ ? std::optional<std::int64_t>(user_->council_id.value()) : std::nullopt;
  e.occurred_at = utc_timestamp_now();
  if (user_) {
    e.user_id = user_->id.value();
    e.username = user_->username;
    e.role = std::string(access::role_code(user_->role));
  } else {
    e.username = "(not signed in)";
  }
  e.action = std::string(audit::audit_action_code(action));
  if (person_id) e.person_id = person_id->value();
  e.outcome = outcome == access::Outcome::Allowed ? "allowed" : "refused";
  // A reason can quote what a request sent: keep the append-only trail from
  // holding more than a few lines of it.
  e.reason = clip_utf8(reason, 500);
  e.request_id = request.request_id;
  e.address = request.remote_address;
  always_writes_.push_back([e = std::move(e)](storage::Connection& c) { storage::append_audit(c, e); });
}

access::Decision Context::authorize(access::Action action) {
  if (!user_) {
    access::Decision d{access::Outcome::Refused, "not signed in"};
    audit(audit::audit_action_for(action), std::nullopt, d.outcome, d.reason);
    return d;
  }
  access::Decision d = access::decide(user_->actor(), action);
  audit(audit::audit_action_for(action), std::nullopt, d.outcome, d.reason);
  return d;
}

const access::PersonRelation& Context::relation(const people::Person& person) {
  auto it = relations_.find(person.id);
  if (it == relations_.end()) it = relations_.emplace(person.id, services::relation_to(db(), *user_, person)).first;
  return it->second;
}

std::expected<people::Person, Context::Refusal> Context::person_for(access::Action action) {
  auto id = request.path_id("id");
  if (!id) return find_in_council(audit::audit_action_for(action), std::nullopt);
  return person_for(action, PersonId(*id));
}

std::expected<people::Person, Context::Refusal> Context::find_in_council(audit::AuditAction action, std::optional<PersonId> person_id) {
  if (!user_) return std::unexpected(Refusal{401, "Sign in required", "Sign in first."});
  auto found = person_id ? services::find_person_for(db(), *user_, *person_id) : std::nullopt;
  if (!found) {
    // Another council's person, or nobody: the same answer, and no link in this
    // council's audit trail to a record it may not know about.
    audit(action, std::nullopt, access::Outcome::Refused,
          person_id ? "no person " + person_id->text() + " in this council" : "no person id in the address");
    return std::unexpected(Refusal{404, "Not found", "There is no person with that reference."});
  }
  relations_[found->person.id] = found->relation;
  return std::move(found->person);
}

std::expected<Context::Seen, Context::Refusal> Context::person_to_show() {
  auto id = request.path_id("id");
  auto person = find_in_council(audit::AuditAction::ViewPersonRecord, id ? std::optional<PersonId>(PersonId(*id)) : std::nullopt);
  if (!person) return std::unexpected(person.error());
  auto view = look_at(*person);
  if (view == access::PersonView::None)
    return std::unexpected(Refusal{403, "Forbidden", "You are not working with this person in a way that lets you see their record."});
  return Seen{std::move(*person), view};
}

std::expected<people::Person, Context::Refusal> Context::person_for(access::Action action, PersonId person_id) {
  auto found = find_in_council(audit::audit_action_for(action), person_id);
  if (!found) return found;
  auto decision = access::decide(user_->actor(), action, relation(*found));
  // Viewing the record through anything but person_to_show (its timeline,
  // assessments, decisions, budgets) needs the whole care record: a provider
  // that may see a person's contact details must not reach the rest this way.
  if (decision.allowed() && action == access::Action::ViewPersonRecord &&
      access::person_view(user_->actor(), relation(*found)) != access::PersonView::CareRecord)
    decision = {access::Outcome::Refused, "this role sees only the person's contact details"};
  audit(audit::audit_action_for(action), found->id, decision.outcome, decision.reason);
  if (!decision.allowed())
    return std::unexpected(Refusal{403, "Forbidden", "You are not working with this person in a way that allows this: " + decision.reason + "."});
  return found;
}

bool Context::allows(access::Action action, const people::Person& person) {
  return user_ && access::decide(user_->actor(), action, relation(person)).allowed();
}

access::PersonView Context::look_at(const people::Person& person) {
  access::PersonView view = access::PersonView::None;
  if (user_) view = access::person_view(user_->actor(), relation(person));
  if (view == access::PersonView::None)
    audit(audit::AuditAction::ViewPersonRecord, person.id, access::Outcome::Refused, user_ ? "not working with this person" : "not signed in");
  else
    audit(audit::AuditAction::ViewPersonRecord, person.id, access::Outcome::Allowed, "saw " + std::string(access::person_view_code(view)));
  return view;
}

std::vector<Context::Listed> Context::list_people(std::vector<people::Person> people, std::string_view where) {
  std::vector<Listed> out;
  if (!user_) return out;
  for (auto& p : people) {
    auto view = access::person_view(user_->actor(), relation(p));
    if (view == access::PersonView::None) continue;
    audit(audit::AuditAction::ListPerson, p.id, access::Outcome::Allowed,
          "listed in " + std::string(where) + " (" + std::string(access::person_view_code(view)) + ")");
    out.push_back({std::move(p), view});
  }
  return out;
}

access::Decision Context::authorize(access::Action action, const people::Person& person) {
  access::Decision d{access::Outcome::Refused, "not signed in"};
  if (user_) {
    d = access::decide(user_->actor(), action, relation(person));
  }
  audit(audit::audit_action_for(action), person.id, d.outcome, d.reason);
  return d;
}

access::Decision Context::authorize(access::Action action, const access::PreparedWork& work, const std::string& what,
                                    std::optional<PersonId> person) {
  access::Decision d{access::Outcome::Refused, "not signed in"};
  if (user_) d = access::decide(user_->actor(), action, work);
  audit(audit::audit_action_for(action), person, d.outcome, what + ": " + d.reason);
  return d;
}

}  // namespace patchwork::http
