// Request decoders: untrusted JSON bodies into the domain's input types. Each checks every field's
// type and size and rejects unknown fields; none throws or crashes on any input, which the fuzz
// target (tests/fuzz) checks. They depend only on common/ and the domain's value types.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/json.h"
#include "domain/auth/access.h"
#include "domain/auth/users.h"
#include "domain/centres/centres.h"
#include "domain/channels/accounts.h"

namespace serai::api {

Result<centres::CentreInput> DecodeCentre(const Json& body);
Result<centres::CentrePatch> DecodeCentrePatch(const Json& body);

// New staff account; the roles are granted in `centre`.
Result<auth::NewUser> DecodeNewUser(const Json& body, const std::string& centre);
Result<auth::UserPatch> DecodeUserPatch(const Json& body);

struct SignInRequest {
  std::string email, password, totp;
};
Result<SignInRequest> DecodeSignIn(const Json& body);
// {current_password, new_password}
Result<std::pair<std::string, std::string>> DecodePasswordChange(const Json& body);
// {name, days}
Result<std::pair<std::string, int64_t>> DecodeNewToken(const Json& body);
Result<std::string> DecodeTotpCode(const Json& body);
Result<channels::ChannelAccountInput> DecodeChannelAccount(const Json& body);

// Runs every decoder over one body (the fuzz target's entry point).
void DecodeEverything(std::string_view body);

}  // namespace serai::api
