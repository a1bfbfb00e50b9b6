#include "crypto/crypto.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sodium.h>

#include <array>
#include <cstdio>

namespace serai::crypto {
namespace {

const unsigned char* U(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
unsigned char* U(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

constexpr char kSealVersion = 1;
constexpr size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

}  // namespace

bool Init() { return sodium_init() >= 0; }

std::string Sha256(std::string_view data) {
  std::string out(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(U(out), U(data), data.size());
  return out;
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, U(key), key.size());
  crypto_auth_hmacsha256_update(&state, U(data), data.size());
  std::string out(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256_final(&state, U(out));
  return out;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomKey() {
  std::string key(kKeyBytes, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

Result<std::string> HashPassword(std::string_view password) {
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str(out.data(), password.data(), password.size(),
                        crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return ResourceExhausted("out_of_memory", "not enough memory to hash the password");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view hash, std::string_view password) {
  std::string h(hash);  // needs NUL termination
  return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

std::string Seal(std::string_view key, std::string_view plaintext, std::string_view context) {
  std::string out(1 + kNonceBytes + plaintext.size() + kTagBytes, '\0');
  out[0] = kSealVersion;
  randombytes_buf(out.data() + 1, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(U(out) + 1 + kNonceBytes, &written, U(plaintext),
                                             plaintext.size(), U(context), context.size(), nullptr,
                                             U(out) + 1, U(key));
  return out;
}

Result<std::string> Open(std::string_view key, std::string_view sealed, std::string_view context) {
  if (key.size() != kKeyBytes) return FailedPrecondition("no_key", "the key is not available");
  if (sealed.size() < 1 + kNonceBytes + kTagBytes || sealed[0] != kSealVersion) {
    return Internal("bad_ciphertext", "the stored value is not a sealed value");
  }
  std::string out(sealed.size() - 1 - kNonceBytes - kTagBytes, '\0');
  unsigned long long written = 0;
  const auto* cipher = U(sealed) + 1 + kNonceBytes;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(U(out), &written, nullptr, cipher,
                                                 sealed.size() - 1 - kNonceBytes, U(context),
                                                 context.size(), U(sealed) + 1, U(key)) != 0) {
    return Internal("decrypt_failed", "the stored value does not open with this key");
  }
  out.resize(written);
  return out;
}

std::string Base32Encode(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::string TotpCode(std::string_view secret, int64_t unix_seconds) {
  uint64_t step = static_cast<uint64_t>(unix_seconds / 30);
  std::array<unsigned char, 8> msg{};
  for (int i = 7; i >= 0; --i) {
    msg[static_cast<size_t>(i)] = static_cast<unsigned char>(step & 0xff);
    step >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), msg.data(), msg.size(),
       mac.data(), &mac_len);
  size_t offset = mac[mac_len - 1] & 0x0f;
  uint32_t bin = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) |
                 (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                 (static_cast<uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  char code[8];
  std::snprintf(code, sizeof code, "%06u", bin % 1000000u);
  return code;
}

int64_t TotpMatch(std::string_view secret, std::string_view code, int64_t unix_seconds) {
  if (code.size() != 6) return -1;
  for (int64_t delta : {0, -1, 1}) {
    int64_t t = unix_seconds + delta * 30;
    if (ConstantTimeEqual(TotpCode(secret, t), code)) return t / 30;
  }
  return -1;
}

std::string TotpUri(std::string_view secret, std::string_view account, std::string_view issuer) {
  // account and issuer are e-mail addresses and product names; escape the few characters that
  // matter.
  auto escape = [](std::string_view s) {
    std::string out;
    for (unsigned char c : s) {
      if (std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '@') {
        out += static_cast<char>(c);
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  };
  return "otpauth://totp/" + escape(issuer) + ":" + escape(account) +
         "?secret=" + Base32Encode(secret) + "&issuer=" + escape(issuer) +
         "&algorithm=SHA1&digits=6&period=30";
}

}  // namespace serai::crypto
