#include "web/forms.hpp"

#include <fmt/format.h>

#include "core/date.hpp"
#include "core/text.hpp"

namespace patchwork::web {

ErrorMap error_map(const FieldErrors& errors) {
  ErrorMap m;
  for (const auto& e : errors) m.emplace(e.field, e.message);  // the first message for a field wins
  return m;
}

namespace {

Data base(const FieldText& f, const ErrorMap& errors, const char* kind) {
  Data d;
  d.set(kind, true);
  d.set("name", f.name);
  d.set("id", f.name);
  d.set("label", f.label);
  if (!f.hint.empty()) d.set("hint", f.hint);
  if (auto it = errors.find(f.name); it != errors.end()) d.set("error", it->second);
  std::string described;
  if (!f.hint.empty()) described += f.name + "-hint";
  if (errors.contains(f.name)) described += (described.empty() ? "" : " ") + f.name + "-error";
  if (!described.empty()) d.set("described_by", described);
  return d;
}

List option_list(const std::string& name, const Options& options, const std::vector<std::string>& selected) {
  List items;
  for (std::size_t i = 0; i < options.size(); ++i) {
    Object o{{"value", options[i].first}, {"text", options[i].second},
             {"option_id", i == 0 ? name : name + "-" + std::to_string(i + 1)}};
    for (const auto& s : selected)
      if (s == options[i].first) o["checked"] = Data(true);
    items.push_back(o);
  }
  return items;
}

}  // namespace

Data text_field(const FieldText& f, const std::string& value, const ErrorMap& errors, const std::string& width,
                const std::string& autocomplete) {
  Data d = base(f, errors, "is_text");
  d.set("value", value);
  d.set("width", width);
  if (!autocomplete.empty()) d.set("autocomplete", autocomplete);
  return d;
}

Data textarea_field(const FieldText& f, const std::string& value, const ErrorMap& errors) {
  Data d = base(f, errors, "is_textarea");
  d.set("value", value);
  return d;
}

Data radios_field(const FieldText& f, const Options& options, const std::string& selected, const ErrorMap& errors, bool inline_) {
  Data d = base(f, errors, "is_radios");
  d.set("options", option_list(f.name, options, {selected}));
  if (inline_) d.set("inline", true);
  return d;
}

Data checkboxes_field(const FieldText& f, const Options& options, const std::vector<std::string>& selected, const ErrorMap& errors) {
  Data d = base(f, errors, "is_checkboxes");
  d.set("options", option_list(f.name, options, selected));
  return d;
}

Data select_field(const FieldText& f, const Options& options, const std::string& selected, const ErrorMap& errors) {
  Data d = base(f, errors, "is_select");
  d.set("options", option_list(f.name, options, {selected}));
  return d;
}

Data date_field(const FieldText& f, const std::string& value, const ErrorMap& errors) {
  Data d = base(f, errors, "is_date");
  // value is "YYYY-MM-DD", or "D|M|Y" as typed when the form is shown again.
  std::string day, month, year;
  if (auto parts = split(value, '|'); parts.size() == 3) {
    day = parts[0], month = parts[1], year = parts[2];
  } else if (auto date = CivilDate::parse_iso(value)) {
    day = std::to_string(date->day()), month = std::to_string(date->month()), year = std::to_string(date->year());
  }
  d.set("day", day);
  d.set("month", month);
  d.set("year", year);
  return d;
}

Data heading_field(const std::string& text) {
  Data d;
  d.set("is_heading", true);
  d.set("text", text);
  return d;
}

std::string date_from_form(const http::Request& r, const std::string& name) {
  std::string d = trim(r.form_value(name + "-day")), m = trim(r.form_value(name + "-month")), y = trim(r.form_value(name + "-year"));
  if (d.empty() && m.empty() && y.empty()) return {};
  auto number = [](const std::string& s) { return !s.empty() && s.size() <= 4 && s.find_first_not_of("0123456789") == std::string::npos; };
  if (!number(d) || !number(m) || !number(y) || y.size() != 4) return "not a date";
  return fmt::format("{}-{:0>2}-{:0>2}", y, m, d);
}

std::string form_date_value(const http::Request& r, const std::string& name, const std::string& fallback_iso) {
  if (r.method != http::Method::Post) return fallback_iso;
  return trim(r.form_value(name + "-day")) + "|" + trim(r.form_value(name + "-month")) + "|" + trim(r.form_value(name + "-year"));
}

Options options_from(const std::vector<std::pair<std::string_view, std::string_view>>& pairs) {
  Options out;
  for (const auto& [v, l] : pairs) out.emplace_back(std::string(v), std::string(l));
  return out;
}

http::Response form_page(http::Context& ctx, const FormPage& form, const FieldErrors& errors, int status) {
  Data content;
  content.set("caption", form.caption);
  content.set("heading", form.heading);
  if (!form.lead.empty()) content.set("lead", form.lead);
  content.set("action", form.action);
  content.set("submit_label", form.submit_label);
  if (!form.back_href.empty()) content.set("back_href", form.back_href);
  content.set("fields", form.fields);
  List hidden;
  for (const auto& [name, value] : form.hidden) hidden.push_back(Object{{"name", name}, {"value", value}});
  content.set("hidden", hidden);
  add_errors(content, errors);
  return page(ctx, "forms/form", content, form.title, status);
}

}  // namespace patchwork::web
