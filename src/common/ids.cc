#include "common/ids.h"

#include <sodium.h>

#include <cstdint>

namespace serai {

std::string NewId(Env& env) {
  std::string b = env.RandomBytes(16);
  auto ms = static_cast<uint64_t>(env.NowMillis());
  for (int i = 0; i < 6; ++i)
    b[static_cast<size_t>(i)] = static_cast<char>((ms >> (40 - 8 * i)) & 0xff);
  b[6] = static_cast<char>((b[6] & 0x0f) | 0x70);  // version 7
  b[8] = static_cast<char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  std::string hex = HexEncode(b);
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

bool IsValidId(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

std::string NewReadableCode(Env& env, std::string_view prefix) {
  static constexpr char kLetters[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  std::string bytes = env.RandomBytes(8), code = std::string(prefix) + "-";
  for (size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4) code += '-';
    code += kLetters[static_cast<unsigned char>(bytes[i]) % (sizeof kLetters - 1)];
  }
  return code;
}

std::string HexEncode(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.pop_back();
  return out;
}

bool HexDecode(std::string_view hex, std::string* out) {
  out->assign(hex.size() / 2 + 1, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out->data()), out->size(), hex.data(),
                     hex.size(), nullptr, &len, &end) != 0 ||
      end != hex.data() + hex.size()) {
    return false;
  }
  out->resize(len);
  return true;
}

namespace {

std::string Base64(std::string_view bytes, int variant) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  out.resize(out.size() - 1);  // trailing NUL
  return out;
}

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  return Base64(bytes, sodium_base64_VARIANT_ORIGINAL);
}

std::string Base64UrlEncode(std::string_view bytes) {
  return Base64(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

namespace {

bool Base64Decode(std::string_view text, std::string* out, int variant) {
  out->assign(text.size() * 3 / 4 + 3, '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out->data()), out->size(), text.data(),
                        text.size(), nullptr, &len, &end, variant) != 0 ||
      end != text.data() + text.size()) {
    return false;
  }
  out->resize(len);
  return true;
}

}  // namespace

bool Base64UrlDecode(std::string_view text, std::string* out) {
  return Base64Decode(text, out, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool Base64Decode(std::string_view text, std::string* out) {
  return Base64Decode(text, out, sodium_base64_VARIANT_ORIGINAL);
}

}  // namespace serai
