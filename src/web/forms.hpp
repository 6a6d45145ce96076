#pragma once
// GOV.UK form fields as template data. One generic template (forms/form) lays
// out any list of fields, so each page only says which fields it has.
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "http/message.hpp"
#include "web/render.hpp"

namespace patchwork::web {

using Options = std::vector<std::pair<std::string, std::string>>;  // value, label
using ErrorMap = std::map<std::string, std::string>;

ErrorMap error_map(const FieldErrors& errors);

struct FieldText {
  std::string name;
  std::string label;
  std::string hint;
};

Data text_field(const FieldText& f, const std::string& value, const ErrorMap& errors, const std::string& width = "govuk-!-width-two-thirds",
                const std::string& autocomplete = "");
Data textarea_field(const FieldText& f, const std::string& value, const ErrorMap& errors);
Data radios_field(const FieldText& f, const Options& options, const std::string& selected, const ErrorMap& errors, bool inline_ = false);
Data checkboxes_field(const FieldText& f, const Options& options, const std::vector<std::string>& selected, const ErrorMap& errors);
Data select_field(const FieldText& f, const Options& options, const std::string& selected, const ErrorMap& errors);
// The GOV.UK date pattern: day, month and year boxes named <name>-day etc.
Data date_field(const FieldText& f, const std::string& iso_value, const ErrorMap& errors);
Data heading_field(const std::string& text);  // a sub-heading between fields

// "YYYY-MM-DD" from the three boxes; "" when all are empty; "bad" text that the
// domain rules will reject when they are not numbers (so the error names the field).
std::string date_from_form(const http::Request& request, const std::string& name);
// The date as the three boxes show it, from the form when re-displaying, else from an ISO value.
std::string form_date_value(const http::Request& request, const std::string& name, const std::string& fallback_iso);

Options options_from(const std::vector<std::pair<std::string_view, std::string_view>>& pairs);

// A form page: caption, heading, lead paragraph, fields, submit button.
struct FormPage {
  std::string title{};
  std::string caption{};
  std::string heading{};
  std::string lead{};
  std::string action{};
  std::string submit_label = "Save";
  std::string back_href{};
  List fields{};
  // Carried with the form unseen (what it is about), as name and value.
  std::vector<std::pair<std::string, std::string>> hidden{};
};
http::Response form_page(http::Context& ctx, const FormPage& form, const FieldErrors& errors, int status = 200);

}  // namespace patchwork::web
