// The topic taxonomy counsellors tag conversations with (and, later, articles and cases): what
// people ask MRCs about. Codes are stable; the web app's catalogue names them in every language.
#pragma once

#include <string_view>
#include <vector>

namespace serai::inbox {

const std::vector<std::string_view>& Topics();
bool IsTopic(std::string_view code);
// Topics about people at risk (trafficking, violence, exploitation): never answered automatically,
// always brought to a counsellor's attention first.
bool IsProtectionTopic(std::string_view code);

}  // namespace serai::inbox
