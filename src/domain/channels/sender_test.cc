#include "domain/channels/sender.h"

#include <gtest/gtest.h>

namespace serai::channels {
namespace {

ChannelAccount Account(Platform p) {
  return {
      "a1", "c1", p, "MRC Kabul helpdesk name that is long", "106540000000002", "http://fake/wa",
      true, 0};
}
ChannelSecrets Secrets() { return {"app", "verify", "access", "viber-auth", "7000:bot", "secret"}; }
Result<HttpReply> Reply(int status, std::string body, std::string retry_after = "") {
  return HttpReply{status, std::move(body), std::move(retry_after)};
}

TEST(SenderTest, BuildsEachPlatformsCall) {
  OutboundText out{"93700000001", "سلام", 0};
  HttpCall wa = BuildSend(Account(Platform::kWhatsApp), Secrets(), out);
  EXPECT_EQ(wa.url, "http://fake/wa/v21.0/106540000000002/messages");
  Json body = Json::parse(wa.body);
  EXPECT_EQ(body["to"], "+93700000001");
  EXPECT_EQ(body["text"]["body"], "سلام");
  HttpCall viber = BuildSend(Account(Platform::kViber), Secrets(), out);
  EXPECT_EQ(Json::parse(viber.body)["sender"]["name"].get<std::string>().size(), 28u);
  HttpCall tg = BuildSend(Account(Platform::kTelegram), Secrets(), out);
  EXPECT_EQ(tg.url, "http://fake/wa/bot7000:bot/sendMessage");
  OutboundText late{"690", "hello", 30 * kHourMs};
  Json fb = Json::parse(BuildSend(Account(Platform::kMessenger), Secrets(), late).body);
  EXPECT_EQ(fb["messaging_type"], "MESSAGE_TAG");
  EXPECT_EQ(fb["tag"], "HUMAN_AGENT");
}

TEST(SenderTest, ReadsSuccessesWithBigIds) {
  EXPECT_EQ(InterpretReply(Platform::kViber, "u",
                           Reply(200, R"({"status":0,"message_token":5741311803571721100})"))
                .platform_id,
            "5741311803571721100");
  EXPECT_EQ(InterpretReply(Platform::kTelegram, "5120043211",
                           Reply(200, R"({"ok":true,"result":{"message_id":62}})"))
                .platform_id,
            "5120043211:62");
  EXPECT_EQ(
      InterpretReply(Platform::kWhatsApp, "x", Reply(200, R"({"messages":[{"id":"wamid.X"}]})"))
          .kind,
      SendOutcome::Kind::kSent);
}

TEST(SenderTest, TellsRetriesFromPermanentFailures) {
  auto kind = [](Platform p, Result<HttpReply> r) { return InterpretReply(p, "h", r).kind; };
  using K = SendOutcome::Kind;
  EXPECT_EQ(kind(Platform::kWhatsApp, Reply(400, R"({"error":{"code":130429}})")), K::kRetry);
  EXPECT_EQ(kind(Platform::kWhatsApp, Reply(400, R"({"error":{"code":131026}})")), K::kFailed);
  EXPECT_EQ(kind(Platform::kWhatsApp, Reply(503, "not json")), K::kRetry);
  EXPECT_EQ(kind(Platform::kViber, Reply(200, R"({"status":12})")), K::kRetry);
  EXPECT_EQ(kind(Platform::kViber, Reply(200, R"({"status":5})")), K::kFailed);
  EXPECT_EQ(kind(Platform::kTelegram, Reply(403, R"({"ok":false})")), K::kFailed);
  EXPECT_EQ(kind(Platform::kMessenger, Unavailable("x", "refused")), K::kRetry);
  SendOutcome tg = InterpretReply(
      Platform::kTelegram, "h", Reply(429, R"({"ok":false,"parameters":{"retry_after":5}})", "9"));
  EXPECT_EQ(tg.retry_after_ms, 5000) << "the JSON field first, the header second";
  SendOutcome hdr = InterpretReply(Platform::kTelegram, "h", Reply(429, R"({"ok":false})", "9"));
  EXPECT_EQ(hdr.retry_after_ms, 9000);
}

TEST(SenderTest, LimitsAndWindows) {
  EXPECT_EQ(CheckSendable(Platform::kMessenger, std::string(2000, 'x'), 0).reason(), "too_long");
  EXPECT_TRUE(CheckSendable(Platform::kViber, std::string(2000, 'x'), 0).ok());
  // Code points, not bytes: 1,000 Dari letters are 2,000 bytes.
  std::string dari;
  for (int i = 0; i < 1000; ++i) dari += "س";
  EXPECT_TRUE(CheckSendable(Platform::kMessenger, dari, 0).ok());
  EXPECT_EQ(CheckSendable(Platform::kWhatsApp, "x", 25 * kHourMs).reason(), "window_closed");
  EXPECT_TRUE(CheckSendable(Platform::kTelegram, "x", 500 * kHourMs).ok());
  EXPECT_EQ(CheckSendable(Platform::kInstagram, "x", 8 * 24 * kHourMs).reason(), "window_closed");
  EXPECT_EQ(CheckSendable(Platform::kTelegram, "", 0).reason(), "empty_text");
}

}  // namespace
}  // namespace serai::channels
