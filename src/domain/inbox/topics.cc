#include "domain/inbox/topics.h"

#include <algorithm>

namespace serai::inbox {

const std::vector<std::string_view>& Topics() {
  static const std::vector<std::string_view> kTopics = {
      "asylum",        "labour-migration", "visas",     "smuggling",   "trafficking",
      "returns",       "reintegration",    "documents", "recruitment", "fraud",
      "rights-abroad", "legal-stay",       "family",    "remittances", "study",
      "health",        "protection",
  };
  return kTopics;
}

bool IsTopic(std::string_view code) {
  return std::find(Topics().begin(), Topics().end(), code) != Topics().end();
}

bool IsProtectionTopic(std::string_view code) {
  return code == "trafficking" || code == "protection" || code == "smuggling";
}

}  // namespace serai::inbox
