// Phone numbers as people write them ("0799 123 456", "+93 799-123-456", "0093799123456"), brought
// to E.164 ("+93799123456") with libphonenumber, so that a WhatsApp number, a number given on the
// phone and one written on a walk-in form meet.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace serai::search {

// E.164 for a valid number; a national number is read in `region` (ISO 3166-1 alpha-2, the
// centre's country). nullopt when it is not a valid phone number.
std::optional<std::string> NormalisePhone(std::string_view text, std::string_view region);

}  // namespace serai::search
