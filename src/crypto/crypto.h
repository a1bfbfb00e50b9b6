// Cryptographic building blocks over libsodium (and OpenSSL for HMAC-SHA1, which TOTP apps expect).
//
// All functions are thread-safe. Keys are 32 raw bytes held in std::string; callers keep them out
// of logs. Nothing here touches storage: the key hierarchy's persistence lives in domain/keys.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"

namespace serai::crypto {

inline constexpr size_t kKeyBytes = 32;

// Initialises libsodium; safe to call many times. Returns false if no secure randomness exists.
bool Init();

std::string Sha256(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);
// Constant-time comparison; false when sizes differ.
bool ConstantTimeEqual(std::string_view a, std::string_view b);
std::string RandomKey();

// Argon2id password hashing (libsodium's interactive limits).
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view hash, std::string_view password);

// Authenticated encryption (XChaCha20-Poly1305). `context` is bound to the ciphertext as associated
// data (for example "person:<id>:name"), so a ciphertext moved to another field fails to open.
// Output layout: 1 version byte, 24-byte nonce, ciphertext with tag.
std::string Seal(std::string_view key, std::string_view plaintext, std::string_view context);
Result<std::string> Open(std::string_view key, std::string_view sealed, std::string_view context);

// TOTP (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits).
std::string Base32Encode(std::string_view bytes);
std::string TotpCode(std::string_view secret, int64_t unix_seconds);
// Returns the matched time step (within one step either side), or -1 when the code is wrong.
int64_t TotpMatch(std::string_view secret, std::string_view code, int64_t unix_seconds);
std::string TotpUri(std::string_view secret, std::string_view account, std::string_view issuer);

}  // namespace serai::crypto
