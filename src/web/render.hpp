#pragma once
// Server-rendered pages: a Mustache template for the page's content inside the
// shared layout (generic header, service navigation by role, footer). Values are
// always HTML-escaped ({{x}}); no template uses raw {{{x}}}.
#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "http/context.hpp"

namespace patchwork::web {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;
using Object = kainjow::mustache::object;

// Renders `content_template` inside the layout.
http::Response page(http::Context& ctx, std::string_view content_template, Data content, const std::string& title,
                    int status = 200);

// Adds GOV.UK error-summary data to a page: `has_errors`, `errors` (field id and
// message) and `<field>_error` for each field, so the template can mark it.
void add_errors(Data& content, const FieldErrors& errors);

// The error page for 403, 404, 500 and 503.
http::Response error_page(http::Context& ctx, int status, const std::string& title, const std::string& detail);

// Renders one template with data (no layout), for tests and fragments.
std::string render(std::string_view template_name, const Data& data);

}  // namespace patchwork::web
