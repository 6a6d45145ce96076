#include "domain/people/person_rules.hpp"

#include "core/text.hpp"
#include "domain/people/codes.hpp"
#include "domain/people/identifiers.hpp"
#include "domain/people/national.hpp"

namespace patchwork::people {

const std::vector<std::string>& person_field_names() {
  static const std::vector<std::string> names = {
      "given_name", "family_name", "date_of_birth", "nhs_number", "address_line_1", "address_line_2", "town", "postcode",
      "phone", "email", "preferred_contact", "languages", "interpreter_needed", "gender", "ethnicity",
      "primary_support_reason", "dementia", "visual_impairment", "hearing_impairment", "autism_spectrum_disorder_asd",
      "has_unpaid_carer", "accommodation_status", "date_of_death", "client_type", "employment_status", "gp_practice_code",
      "gp_practice_name"};
  return names;
}

Result<Person> apply_person_fields(const Person& base, const PersonFields& fields, CivilDate today) {
  Person p = base;
  FieldErrors errors;
  auto has = [&](const std::string& k) { return fields.contains(k); };
  auto get = [&](const std::string& k) { return trim(fields.at(k)); };

  for (const auto& [key, _] : fields) {
    bool known = false;
    for (const auto& n : person_field_names()) known |= n == key;
    if (!known) errors.push_back({key, "'" + key + "' is not a field of a person's record"});
  }

  auto name = [&](const std::string& key, std::string& out, const char* what) {
    if (!has(key)) return;
    std::string v = get(key);
    if (v.empty()) errors.push_back({key, std::string("Enter the person's ") + what});
    else if (v.size() > 100) errors.push_back({key, std::string(what) + " must be 100 characters or fewer"});
    else if (has_line_break(v)) errors.push_back({key, std::string(what) + " must be on one line"});
    else out = v;
  };
  name("given_name", p.given_name, "first name");
  name("family_name", p.family_name, "last name");
  if (!has("given_name") && p.given_name.empty()) errors.push_back({"given_name", "Enter the person's first name"});
  if (!has("family_name") && p.family_name.empty()) errors.push_back({"family_name", "Enter the person's last name"});

  auto date = [&](const std::string& key, const char* what, bool required) -> std::optional<CivilDate> {
    if (!has(key) || get(key).empty()) {
      if (required) errors.push_back({key, std::string("Enter the ") + what});
      return std::nullopt;
    }
    auto d = CivilDate::parse_iso(get(key));
    if (!d) { errors.push_back({key, std::string("The ") + what + " must be a real date, like 1941-03-14"}); return std::nullopt; }
    if (*d > today) { errors.push_back({key, std::string("The ") + what + " must be today or in the past"}); return std::nullopt; }
    return d;
  };
  if (has("date_of_birth") || !p.date_of_birth.ok()) {
    if (auto d = date("date_of_birth", "date of birth", true)) {
      if (age_on(*d, today) > 125) errors.push_back({"date_of_birth", "The date of birth must be within the last 125 years"});
      else p.date_of_birth = *d;
    }
  }
  if (has("date_of_death")) {
    if (get("date_of_death").empty()) p.date_of_death.reset();
    else if (auto d = date("date_of_death", "date of death", false)) {
      if (p.date_of_birth.ok() && *d < p.date_of_birth)
        errors.push_back({"date_of_death", "The date of death must be after the date of birth"});
      else p.date_of_death = *d;
    }
  }

  if (has("nhs_number")) {
    std::string v = get("nhs_number");
    if (v.empty()) p.nhs_number.reset();
    else if (auto n = normalise_nhs_number(v)) p.nhs_number = *n;
    else errors.push_back({"nhs_number", "Enter a valid NHS number: 10 digits, like 943 476 5919 (the last digit is a check digit)"});
  }
  if (has("postcode")) {
    std::string v = get("postcode");
    if (v.empty()) p.postcode.reset();
    else if (auto pc = normalise_postcode(v)) p.postcode = *pc;
    else errors.push_back({"postcode", "Enter a real UK postcode, like NS1 4AB"});
  }

  auto text = [&](const std::string& key, std::string& out, std::size_t max) {
    if (!has(key)) return;
    std::string v = get(key);
    if (v.size() > max) errors.push_back({key, key + " must be " + std::to_string(max) + " characters or fewer"});
    else if (has_line_break(v)) errors.push_back({key, key + " must be on one line"});
    else out = v;
  };
  text("address_line_1", p.address_line_1, 200);
  text("address_line_2", p.address_line_2, 200);
  text("town", p.town, 100);
  text("languages", p.languages, 200);
  if (has("phone")) {
    std::string v = get("phone");
    std::size_t digits = 0;
    bool ok = true;
    for (char c : v) {
      if (c >= '0' && c <= '9') ++digits;
      else if (c != ' ' && c != '+' && c != '(' && c != ')' && c != '-') ok = false;
    }
    if (!v.empty() && (!ok || digits < 10 || digits > 15)) errors.push_back({"phone", "Enter a phone number, like 01632 960 001"});
    else p.phone = v;
  }
  if (has("email")) {
    std::string v = get("email");
    auto at = v.find('@');
    if (!v.empty() && (at == std::string::npos || at == 0 || v.find('.', at) == std::string::npos || v.size() > 254))
      errors.push_back({"email", "Enter an email address, like name@example.com"});
    else p.email = v;
  }
  if (has("interpreter_needed")) {
    std::string v = to_lower(get("interpreter_needed"));
    if (v == "yes" || v == "true") p.interpreter_needed = true;
    else if (v == "no" || v == "false" || v.empty()) p.interpreter_needed = false;
    else errors.push_back({"interpreter_needed", "Say yes or no: is an interpreter needed?"});
  }

  auto coded = [&](const std::string& key, std::string& out, const CodeList& list, const char* what) {
    if (!has(key)) return;
    if (auto v = canonical(list, get(key))) out = *v;
    else errors.push_back({key, std::string("Choose ") + what + " from the list"});
  };
  coded("preferred_contact", p.preferred_contact, preferred_contacts(), "how the person prefers to be contacted");
  coded("gender", p.gender, genders(), "the person's gender");
  coded("ethnicity", p.ethnicity, ethnicities(), "the person's ethnicity");
  coded("primary_support_reason", p.primary_support_reason, primary_support_reasons(), "the primary support reason");
  coded("accommodation_status", p.accommodation_status, accommodation_statuses(), "where the person lives");
  coded("dementia", p.dementia, dementia_statuses(), "whether the person has dementia");
  coded("visual_impairment", p.visual_impairment, yes_no_unknown(), "whether the person has a visual impairment");
  coded("hearing_impairment", p.hearing_impairment, yes_no_unknown(), "whether the person has a hearing impairment");
  coded("autism_spectrum_disorder_asd", p.autism, yes_no_unknown(), "whether the person is autistic");
  coded("has_unpaid_carer", p.has_unpaid_carer, yes_no_unknown(), "whether the person has an unpaid carer");

  auto national = [&](const std::string& key, std::string& out, std::optional<std::string> (*canonical_value)(std::string_view),
                      const char* what) {
    if (!has(key)) return;
    if (auto v = canonical_value(get(key))) out = *v;
    else errors.push_back({key, std::string("Choose ") + what + " from the list"});
  };
  national("client_type", p.client_type, canonical_client_type, "whether the person is supported themself or as a carer");
  national("employment_status", p.employment_status, canonical_employment_status, "the person's employment status");
  if (has("gp_practice_code")) {
    std::string v = get("gp_practice_code");
    if (v.empty()) p.gp_practice_code.reset();
    else if (auto code = normalise_gp_practice_code(v)) p.gp_practice_code = *code;
    else errors.push_back({"gp_practice_code", "Enter the GP practice code: one letter and five digits, like A81001"});
  }
  text("gp_practice_name", p.gp_practice_name, 200);

  if (!errors.empty()) return std::unexpected(errors);
  return p;
}

}  // namespace patchwork::people
