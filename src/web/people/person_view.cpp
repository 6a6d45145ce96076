#include "web/people/person_view.hpp"

#include "core/date.hpp"
#include "domain/people/age.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/national.hpp"

namespace patchwork::web {

Data person_summary(const people::Person& p, access::PersonView view) {
  Data d;
  d.set("id", p.id.text());
  d.set("name", p.full_name());
  d.set("given_name", p.given_name);
  d.set("family_name", p.family_name);
  if (const auto* dob = p.date_of_birth.ok() ? &p.date_of_birth : nullptr) {
    auto today = CivilDate::today_utc();
    d.set("date_of_birth", dob->display());
    d.set("age", std::to_string(age_on(*dob, today)));
    d.set("age_band", std::string(people::age_band_label(people::age_band_on(*dob, today))));
  }
  if (p.nhs_number) {
    // Shown as 3-3-4 digits, the way it is printed on NHS letters.
    const auto& n = *p.nhs_number;
    d.set("nhs_number", n.size() == 10 ? n.substr(0, 3) + " " + n.substr(3, 3) + " " + n.substr(6) : n);
  }
  if (p.postcode && access::shows_contact(view)) d.set("postcode", *p.postcode);
  return d;
}

Data person_details(const people::Person& p, access::PersonView view) {
  using namespace patchwork::people;
  Data d = person_summary(p, view);
  if (!access::shows_contact(view)) return d;
  std::string address;
  for (const auto& part : {p.address_line_1, p.address_line_2, p.town, p.postcode.value_or("")})
    if (!part.empty()) address += (address.empty() ? "" : ", ") + part;
  d.set("address", address.empty() ? std::string("Not recorded") : address);
  d.set("phone", p.phone.empty() ? std::string("Not recorded") : p.phone);
  d.set("email", p.email.empty() ? std::string("Not recorded") : p.email);
  d.set("preferred_contact", label_for(preferred_contacts(), p.preferred_contact));
  d.set("languages", p.languages.empty() ? std::string("Not recorded") : p.languages);
  d.set("interpreter", p.interpreter_needed ? "Yes, an interpreter is needed" : "No");
  if (view != access::PersonView::CareRecord) return d;
  d.set("gender", label_for(genders(), p.gender));
  d.set("ethnicity", label_for(ethnicities(), p.ethnicity));
  d.set("primary_support_reason", label_for(primary_support_reasons(), p.primary_support_reason));
  d.set("dementia", label_for(dementia_statuses(), p.dementia));
  if (p.dementia == "Suspected" || p.dementia == "Diagnosed") d.set("has_dementia", true);
  d.set("visual_impairment", label_for(yes_no_unknown(), p.visual_impairment));
  d.set("hearing_impairment", label_for(yes_no_unknown(), p.hearing_impairment));
  d.set("autism", label_for(yes_no_unknown(), p.autism));
  d.set("has_unpaid_carer", label_for(yes_no_unknown(), p.has_unpaid_carer));
  d.set("accommodation_status", label_for(accommodation_statuses(), p.accommodation_status));
  if (p.date_of_death) d.set("date_of_death", p.date_of_death->display());
  d.set("client_type", label_for(client_types(), p.client_type));
  d.set("employment_status", label_for(employment_statuses(), p.employment_status));
  std::string gp = p.gp_practice_name;
  if (p.gp_practice_code) gp += (gp.empty() ? "" : " ") + ("(" + *p.gp_practice_code + ")");
  d.set("gp_practice", gp.empty() ? std::string("Not recorded") : gp);
  return d;
}

Data people_list(const std::vector<http::Context::Listed>& people, const std::string& caption, const std::string& empty_message) {
  List items;
  bool all_contact = true;
  for (const auto& [p, view] : people) {
    items.push_back(person_summary(p, view));
    all_contact = all_contact && access::shows_contact(view);
  }
  Data d;
  d.set("items", items);
  d.set("count", std::to_string(people.size()));
  d.set("caption", caption);
  d.set("empty_message", empty_message);
  // The postcode column only where every row may show it (not to finance officers).
  if (all_contact) d.set("with_postcode", true);
  if (people.empty()) d.set("empty", true);
  return d;
}

}  // namespace patchwork::web
