#include "io/payments/payment_files.hpp"

#include <algorithm>
#include <cstdio>

namespace patchwork::io {
namespace {

bool all_digits(std::string_view s, std::size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string zero_filled(std::int64_t n, int width) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(n));
  return buf;
}

std::string spaces(std::size_t n) { return std::string(n, ' '); }

// A label record is 80 characters; the standard pads with spaces.
std::string label(std::string s) {
  s.resize(80, ' ');
  return s;
}

}  // namespace

std::string csv_field(std::string_view text) {
  std::string v(text);
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@' || v[0] == '\t' || v[0] == '\r')) v.insert(0, "'");
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  out += "\"";
  return out;
}

std::string payments_csv(const RunFile& run, std::span<const payments::RunItem> items) {
  std::string out =
      "run_id,pay_up_to,transfer_id,person_id,person_name,part_key,period_start,period_end,amount,payee_name,sort_code,account_number,reference\r\n";
  for (const auto& i : items) {
    // Amounts are pounds with two decimals and never signed, so they are written as they are.
    out += std::to_string(run.run_id) + "," + run.pay_up_to.iso() + "," + csv_field(i.transfer_id) + "," + i.person_id.text() + "," +
           csv_field(i.person_name) + "," + csv_field(i.part_key) + "," + i.period_start.iso() + "," + i.period_end.iso() + "," +
           i.amount.decimal() + "," + csv_field(i.payee_name) + "," + csv_field(i.sort_code) + "," + csv_field(i.account_number) + "," +
           csv_field(i.reference) + "\r\n";
  }
  return out;
}

namespace {

// The next code point of UTF-8 `text` from `at` (moved past it), or -1 for a
// byte that does not begin a well-formed sequence (one byte is consumed).
long next_code_point(std::string_view text, std::size_t& at) {
  const auto b = static_cast<unsigned char>(text[at]);
  const int extra = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
  if (extra < 0 || at + std::size_t(extra) >= text.size()) {
    ++at;
    return -1;
  }
  long cp = extra == 0 ? b : extra == 1 ? (b & 0x1F) : extra == 2 ? (b & 0x0F) : (b & 0x07);
  for (int k = 1; k <= extra; ++k) {
    const auto c = static_cast<unsigned char>(text[at + std::size_t(k)]);
    if ((c & 0xC0) != 0x80) {
      ++at;
      return -1;
    }
    cp = (cp << 6) | (c & 0x3F);
  }
  at += std::size_t(extra) + 1;
  return cp;
}

// Latin-1's letters (U+00C0 to U+00FF) and Latin Extended-A (U+0100 to
// U+017F), each as the plain capital it is written with; '*' marks the few
// written with two letters or none (handled below).
constexpr std::string_view kLatin1 = "AAAAAA*CEEEEIIIIDNOOOOO*OUUUUY**AAAAAA*CEEEEIIIIDNOOOOO*OUUUUY*Y";
constexpr std::string_view kLatinA =
    "AAAAAACCCCCCCCDDDDEEEEEEEEEEGGGGGGGGHHHHIIIIIIIIII**JJKKKLLLLLLLLLLNNNNNNNNNOOOOOO**RRRRRRSSSSSSSSTTTTTTUUUUUUUUUUUUWWYYYZZZZZZS";
static_assert(kLatin1.size() == 0x40 && kLatinA.size() == 0x80);

// What BACS is sent for code point `cp`: letters, digits and the few marks it
// allows as themselves (letters in capitals), an accented Latin letter as its
// plain letter(s), and a space for anything else.
std::string_view bacs_letters(long cp) {
  static const std::string ascii = [] {
    std::string a(128, ' ');
    for (int c = 0; c < 128; ++c)
      if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '.' || c == '&' || c == '/' || c == '-') a[c] = char(c);
      else if (c >= 'a' && c <= 'z') a[c] = char(c - 'a' + 'A');
    return a;
  }();
  if (cp >= 0 && cp < 128) return std::string_view(ascii).substr(std::size_t(cp), 1);
  switch (cp) {
    case 0xC6: case 0xE6: return "AE";   // Æ æ
    case 0xDE: case 0xFE: return "TH";   // Þ þ
    case 0xDF: return "SS";              // ß
    case 0x132: case 0x133: return "IJ"; // Ĳ ĳ
    case 0x152: case 0x153: return "OE"; // Œ œ
    default: break;
  }
  std::string_view table;
  std::size_t index = 0;
  if (cp >= 0xC0 && cp < 0x100) table = kLatin1, index = std::size_t(cp - 0xC0);
  else if (cp >= 0x100 && cp < 0x180) table = kLatinA, index = std::size_t(cp - 0x100);
  if (table.empty() || table[index] == '*') return " ";  // × and ÷ among them
  return table.substr(index, 1);
}

}  // namespace

std::string bacs_text(std::string_view text, std::size_t width) {
  std::string out;
  for (std::size_t at = 0; at < text.size() && out.size() < width;) out += bacs_letters(next_code_point(text, at));
  out.resize(width, ' ');
  return out;
}

std::string bacs_date(CivilDate d) {
  const auto jan1 = CivilDate(d.year(), 1, 1);
  const int day = int((d.days() - jan1.days()).count()) + 1;
  return " " + zero_filled(d.year() % 100, 2) + zero_filled(day, 3);
}

std::expected<std::string, std::string> bacs_standard18(const Originator& o, const RunFile& run,
                                                        std::span<const payments::RunItem> items) {
  if (o.service_user_number.size() != 6 || o.service_user_number.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)
    return std::unexpected("The council's BACS service user number must be 6 characters (digits or capital letters)");
  if (!all_digits(o.sort_code, 6)) return std::unexpected("The council's sort code must be 6 digits");
  if (!all_digits(o.account_number, 8)) return std::unexpected("The council's account number must be 8 digits");
  if (bacs_text(o.name, 18).find_first_not_of(' ') == std::string::npos) return std::unexpected("The council's name for BACS is empty");
  if (items.empty()) return std::unexpected("A BACS file needs at least one payment");
  const std::string sun = o.service_user_number;
  // The file's serial: the run's id, so each run's file is told apart and a repeat is the same.
  const std::string serial = zero_filled(run.run_id % 1'000'000, 6);
  const std::string created = bacs_date(run.created_on);
  const std::string processing = bacs_date(run.processing_day);
  std::vector<std::string> records;

  // VOL1: 1-3 "VOL", 4 "1", 5-10 serial, 11 accessibility, 12-41 spaces,
  // 42-47 the service user number (owner), 48-79 spaces, 80 label standard "1".
  records.push_back(label("VOL1" + serial + " " + spaces(30) + sun + spaces(32) + "1"));
  // HDR1: 5-21 file identifier ("A" + SUN + "S" + 2 spaces + SUN + space),
  // 22-27 set identification (the serial), 28-31 section "0001", 32-35
  // sequence "0001", 36-41 generation (spaces), 42-47 creation date, 48-53
  // expiry date, 54 accessibility, 55-60 block count "000000", 61-80 spaces.
  const std::string hdr1_rest = "A" + sun + "S  " + sun + " " + serial + "0001" + "0001" + spaces(6) + created + created + " " + "000000" +
                                spaces(20);
  records.push_back(label("HDR1" + hdr1_rest));
  // HDR2: 5 record format "F", 6-10 block length "02000", 11-15 record
  // length "00100", 16-50 spaces, 51-52 buffer offset "00", 53-80 spaces.
  const std::string hdr2_rest = "F0200000100" + spaces(35) + "00";
  records.push_back(label("HDR2" + hdr2_rest));
  // UHL1: 5-10 processing day "bYYDDD", 11-20 receiving party "999999" and 4
  // spaces, 21-22 currency "00", 23-28 country "000000", 29-37 work code
  // "1 DAILY  " (a single processing day), 38-40 file number "001", 41-80 spaces.
  records.push_back(label("UHL1" + processing + "999999    " + "00" + "000000" + "1 DAILY  " + "001"));

  // Standard 18 data records, 100 characters: 1-6 destination sort code, 7-14
  // destination account, 15 account type "0", 16-17 transaction code "99"
  // (a credit), 18-23 originating sort code, 24-31 originating account, 32-35
  // free format (spaces), 36-46 amount in pence (11 digits), 47-64 the
  // service user's name, 65-82 the service user's reference (what the payee's
  // statement shows), 83-100 the destination account's name.
  std::int64_t total = 0;
  const std::string name18 = bacs_text(o.name, 18);
  for (const auto& i : items) {
    if (!all_digits(i.sort_code, 6) || !all_digits(i.account_number, 8))
      return std::unexpected("The bank details for " + i.transfer_id + " are not a 6-digit sort code and an 8-digit account number");
    if (i.amount.pence() <= 0 || i.amount.pence() > 99'999'999'999LL)
      return std::unexpected("The amount for " + i.transfer_id + " cannot be paid by BACS");
    total += i.amount.pence();
    records.push_back(i.sort_code + i.account_number + "0" + "99" + o.sort_code + o.account_number + spaces(4) + zero_filled(i.amount.pence(), 11) +
                      name18 + bacs_text(i.reference, 18) + bacs_text(i.payee_name, 18));
  }
  if (total > 99'999'999'999LL) return std::unexpected("The run's total is too large for one BACS file");
  // The contra record: the total leaves the council's own account (transaction
  // code 17), 47-64 a narrative, 65-82 "CONTRA", 83-100 the service user's name.
  records.push_back(o.sort_code + o.account_number + "0" + "17" + o.sort_code + o.account_number + spaces(4) + zero_filled(total, 11) +
                    bacs_text("PAYMENT RUN " + std::to_string(run.run_id), 18) + bacs_text("CONTRA", 18) + name18);

  // EOF1 and EOF2 repeat HDR1 and HDR2 with "EOF".
  records.push_back(label("EOF1" + hdr1_rest));
  records.push_back(label("EOF2" + hdr2_rest));
  // UTL1: 5-17 debit total (the contra), 18-30 credit total, 31-37 debit
  // count, 38-44 credit count, 45-80 spaces.
  const auto credits = std::int64_t(items.size());
  records.push_back(label("UTL1" + zero_filled(total, 13) + zero_filled(total, 13) + zero_filled(1, 7) + zero_filled(credits, 7)));

  std::string out;
  for (const auto& r : records) out += r + "\r\n";
  return out;
}

}  // namespace patchwork::io
