#include "crypto/crypto.h"

#include <gtest/gtest.h>

#include "common/ids.h"

namespace serai::crypto {
namespace {

TEST(CryptoTest, Sha256KnownVector) {
  EXPECT_EQ(HexEncode(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(CryptoTest, PasswordHashVerifies) {
  std::string hash = HashPassword("correct horse").value();
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(VerifyPassword(hash, "correct horse"));
  EXPECT_FALSE(VerifyPassword(hash, "correct hors"));
  EXPECT_FALSE(VerifyPassword("not a hash", "x"));
}

TEST(CryptoTest, SealOpensOnlyWithSameKeyAndContext) {
  std::string key = RandomKey();
  std::string sealed = Seal(key, "Mohammad Karimi", "person:1:name");
  EXPECT_EQ(sealed.find("Mohammad"), std::string::npos);
  EXPECT_EQ(Open(key, sealed, "person:1:name").value(), "Mohammad Karimi");
  EXPECT_FALSE(Open(key, sealed, "person:2:name").ok());
  EXPECT_FALSE(Open(RandomKey(), sealed, "person:1:name").ok());
  sealed[sealed.size() - 1] ^= 1;
  EXPECT_FALSE(Open(key, sealed, "person:1:name").ok());
  EXPECT_FALSE(Open(key, "short", "person:1:name").ok());
}

// RFC 6238 appendix B, SHA1 secret "12345678901234567890" (8-digit codes truncated to 6).
TEST(CryptoTest, TotpMatchesRfc6238Vectors) {
  std::string secret = "12345678901234567890";
  EXPECT_EQ(TotpCode(secret, 59), "287082");
  EXPECT_EQ(TotpCode(secret, 1111111109), "081804");
  EXPECT_EQ(TotpCode(secret, 2000000000), "279037");
  EXPECT_EQ(TotpMatch(secret, "081804", 1111111109 + 30), 1111111109 / 30);
  EXPECT_EQ(TotpMatch(secret, "081804", 1111111109 + 90), -1);
  EXPECT_EQ(TotpMatch(secret, "12345", 59), -1);
}

TEST(CryptoTest, Base32AndUri) {
  EXPECT_EQ(Base32Encode("foobar"), "MZXW6YTBOI");
  EXPECT_EQ(TotpUri("foobar", "a b@x.org", "Serai"),
            "otpauth://totp/"
            "Serai:a%20b@x.org?secret=MZXW6YTBOI&issuer=Serai&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace serai::crypto
