#include "web/people/person_view.hpp"

#include "core/date.hpp"
#include "domain/people/age.hpp"

namespace patchwork::web {

Data person_summary(const people::Person& p) {
  Data d;
  d.set("id", std::to_string(p.id));
  d.set("name", p.full_name());
  d.set("given_name", p.given_name);
  d.set("family_name", p.family_name);
  if (auto dob = CivilDate::parse_iso(p.date_of_birth)) {
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
  if (p.postcode) d.set("postcode", *p.postcode);
  return d;
}

Data people_list(const std::vector<people::Person>& people, const std::string& caption, const std::string& empty_message) {
  List items;
  for (const auto& p : people) items.push_back(person_summary(p));
  Data d;
  d.set("items", items);
  d.set("count", std::to_string(people.size()));
  d.set("caption", caption);
  d.set("empty_message", empty_message);
  if (people.empty()) d.set("empty", true);
  return d;
}

}  // namespace patchwork::web
