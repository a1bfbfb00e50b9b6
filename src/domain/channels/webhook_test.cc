#include "domain/channels/webhook.h"

#include <gtest/gtest.h>

#include "common/ids.h"
#include "crypto/crypto.h"

namespace serai::channels {
namespace {

Json Parse(std::string_view s) { return ParseJsonObject(s).value(); }

HeaderFn Headers(std::map<std::string, std::string> h) {
  auto shared = std::make_shared<std::map<std::string, std::string>>(std::move(h));
  return [shared](std::string_view name) -> std::string_view {
    auto it = shared->find(std::string(name));
    return it == shared->end() ? std::string_view() : std::string_view(it->second);
  };
}

// Meta signs the escaped-unicode bytes it sends; the check must use those raw bytes.
TEST(WebhookTest, MetaSignatureIsOverRawBytes) {
  ChannelSecrets s;
  s.app_secret = "app-secret";
  std::string raw =
      R"({"object":"page","entry":[{"messaging":[{"message":{"text":"\u0645\u0631\u062d\u0628\u0627"}}]}]})";
  std::string sig = "sha256=" + HexEncode(crypto::HmacSha256("app-secret", raw));
  EXPECT_TRUE(
      VerifySignature(Platform::kMessenger, s, Headers({{"x-hub-signature-256", sig}}), raw).ok());
  std::string reserialised = Parse(raw).dump();  // unescaped UTF-8: different bytes
  EXPECT_FALSE(VerifySignature(Platform::kMessenger, s, Headers({{"x-hub-signature-256", sig}}),
                               reserialised)
                   .ok());
  EXPECT_FALSE(VerifySignature(Platform::kMessenger, s, Headers({}), raw).ok());
  EXPECT_FALSE(
      VerifySignature(Platform::kMessenger, s, Headers({{"x-hub-signature-256", "sha256=zz"}}), raw)
          .ok());
}

TEST(WebhookTest, ViberAndTelegramProofs) {
  ChannelSecrets s;
  s.auth_token = "viber-token";
  s.secret_token = "tg_secret-1";
  std::string raw = R"({"event":"seen"})";
  std::string sig = HexEncode(crypto::HmacSha256("viber-token", raw));
  EXPECT_TRUE(
      VerifySignature(Platform::kViber, s, Headers({{"x-viber-content-signature", sig}}), raw)
          .ok());
  EXPECT_FALSE(VerifySignature(Platform::kViber, s,
                               Headers({{"x-viber-content-signature", "sha256=" + sig}}), raw)
                   .ok());
  EXPECT_TRUE(VerifySignature(Platform::kTelegram, s,
                              Headers({{"x-telegram-bot-api-secret-token", "tg_secret-1"}}), raw)
                  .ok());
  EXPECT_FALSE(VerifySignature(Platform::kTelegram, s,
                               Headers({{"x-telegram-bot-api-secret-token", "tg_secret-2"}}), raw)
                   .ok());
  ChannelSecrets none;
  EXPECT_FALSE(VerifySignature(Platform::kTelegram, none,
                               Headers({{"x-telegram-bot-api-secret-token", ""}}), raw)
                   .ok());
}

TEST(WebhookTest, HandshakeEchoesChallengeOnlyForTheRightToken) {
  ChannelSecrets s;
  s.verify_token = "verify-me";
  EXPECT_EQ(Handshake(Platform::kWhatsApp, s, "subscribe", "verify-me", "1158201444").value(),
            "1158201444");
  EXPECT_FALSE(Handshake(Platform::kWhatsApp, s, "subscribe", "wrong", "1").ok());
  EXPECT_FALSE(Handshake(Platform::kWhatsApp, s, "unsubscribe", "verify-me", "1").ok());
  EXPECT_FALSE(Handshake(Platform::kViber, s, "subscribe", "verify-me", "1").ok());
}

TEST(WebhookTest, WhatsAppBatchWithMessagesAndStatuses) {
  Json body = Parse(
      R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"106540000000002"},"contacts":[{"profile":{"name":"Rahim"},"wa_id":"8801700000001"}],"messages":[{"from":"8801700000001","id":"wamid.A","timestamp":"1767225600","type":"text","text":{"body":"আমার পাসপোর্ট আটকে রাখা হয়েছে"}},{"from":"8801700000001","id":"wamid.DOC1","timestamp":"1767225710","type":"document","document":{"filename":"contract.pdf","mime_type":"application/pdf","id":"1003383400000002"}}]}},{"field":"messages","value":{"statuses":[{"id":"wamid.OUT1","status":"failed","timestamp":"1767229300","recipient_id":"8801700000001","errors":[{"code":131047,"title":"Re-engagement message"}]}]}}]}]})");
  ParsedWebhook p = ParseWebhook(Platform::kWhatsApp, body).value();
  ASSERT_EQ(p.messages.size(), 2u);
  EXPECT_EQ(p.messages[0].platform_id, "wamid.A");
  EXPECT_EQ(p.messages[0].name, "Rahim");
  EXPECT_EQ(p.messages[0].text, "আমার পাসপোর্ট আটকে রাখা হয়েছে");
  EXPECT_EQ(p.messages[0].sent_at_ms, 1767225600000);
  EXPECT_EQ(p.messages[1].kind, "document");
  EXPECT_EQ(Parse(p.messages[1].media)["file_name"], "contract.pdf");
  ASSERT_EQ(p.receipts.size(), 1u);
  EXPECT_EQ(p.receipts[0].status, DeliveryStatus::kFailed);
  EXPECT_EQ(p.receipts[0].error, "131047 Re-engagement message");
  EXPECT_FALSE(ParseWebhook(Platform::kWhatsApp, Parse(R"({"object":"page"})")).ok());
}

TEST(WebhookTest, TelegramKeepsBigIdsAndTakesTheLargestPhoto) {
  Json body = Parse(
      R"({"update_id":804112234,"message":{"message_id":58,"from":{"id":5120043211,"is_bot":false,"first_name":"Amina","language_code":"ur"},"chat":{"id":5120043211,"type":"private"},"date":1767225660,"caption":"my permit","photo":[{"file_id":"small","file_size":1830},{"file_id":"large","file_size":118204}]}})");
  ParsedWebhook p = ParseWebhook(Platform::kTelegram, body).value();
  ASSERT_EQ(p.messages.size(), 1u);
  EXPECT_EQ(p.messages[0].platform_id, "5120043211:58");
  EXPECT_EQ(p.messages[0].handle, "5120043211");
  EXPECT_EQ(p.messages[0].language, "ur");
  EXPECT_EQ(p.messages[0].kind, "image");
  EXPECT_EQ(p.messages[0].text, "my permit");
  EXPECT_EQ(Parse(p.messages[0].media)["ref"], "large");
  ParsedWebhook other =
      ParseWebhook(Platform::kTelegram, Parse(R"({"update_id":9,"my_chat_member":{}})")).value();
  EXPECT_TRUE(other.messages.empty());
  ASSERT_EQ(other.others.size(), 1u);
  EXPECT_EQ(other.others[0].dedupe_key, "update:9");
}

TEST(WebhookTest, ViberTokensAbove2To53SurviveAndPingIsRecognised) {
  Json msg = Parse(
      R"({"event":"message","timestamp":1767225600123,"message_token":5741311803571721087,"sender":{"id":"01234567890A=","name":"Sita","language":"ne"},"message":{"type":"text","text":"नमस्ते"}})");
  ParsedWebhook p = ParseWebhook(Platform::kViber, msg).value();
  ASSERT_EQ(p.messages.size(), 1u);
  EXPECT_EQ(p.messages[0].platform_id, "5741311803571721087");
  EXPECT_EQ(p.messages[0].sent_at_ms, 1767225600123);
  ParsedWebhook seen =
      ParseWebhook(
          Platform::kViber,
          Parse(
              R"({"event":"seen","timestamp":1,"message_token":5741311803571721100,"user_id":"u"})"))
          .value();
  ASSERT_EQ(seen.receipts.size(), 1u);
  EXPECT_EQ(seen.receipts[0].status, DeliveryStatus::kRead);
  EXPECT_TRUE(ParseWebhook(Platform::kViber, Parse(R"({"event":"webhook","timestamp":1})"))
                  .value()
                  .registration_ping);
}

TEST(WebhookTest, MessengerBatchesEchoesAndWatermarks) {
  Json body = Parse(R"({"object":"page","entry":[{"id":"110","time":1,"messaging":[
    {"sender":{"id":"690"},"recipient":{"id":"110"},"timestamp":1767225600321,"message":{"mid":"m_1","text":"Can you help me?"}},
    {"sender":{"id":"690"},"recipient":{"id":"110"},"timestamp":1767225660000,"message":{"mid":"m_2","attachments":[{"type":"file","payload":{"url":"https://cdn.invalid/contract.pdf"}}]}},
    {"sender":{"id":"690"},"recipient":{"id":"110"},"delivery":{"mids":["m_OUT1"],"watermark":1767225700000}},
    {"sender":{"id":"690"},"recipient":{"id":"110"},"timestamp":1767225800000,"read":{"watermark":1767225750000}},
    {"sender":{"id":"110"},"recipient":{"id":"690"},"timestamp":1767225900000,"message":{"is_echo":true,"mid":"m_OUT2","text":"Hello"}}]}]})");
  ParsedWebhook p = ParseWebhook(Platform::kMessenger, body).value();
  ASSERT_EQ(p.messages.size(), 2u);
  EXPECT_EQ(p.messages[1].kind, "document");
  ASSERT_EQ(p.receipts.size(), 3u);
  EXPECT_EQ(p.receipts[0].platform_id, "m_OUT1");
  EXPECT_EQ(p.receipts[2].status, DeliveryStatus::kRead);
  EXPECT_EQ(p.receipts[2].watermark_ms, 1767225750000);
  ASSERT_EQ(p.others.size(), 1u);
  EXPECT_EQ(p.others[0].kind, "echo");
  EXPECT_FALSE(ParseWebhook(Platform::kInstagram, body).ok());
}

TEST(WebhookTest, StatusesOnlyMoveForward) {
  EXPECT_LT(DeliveryRank(DeliveryStatus::kSent), DeliveryRank(DeliveryStatus::kFailed));
  EXPECT_LT(DeliveryRank(DeliveryStatus::kFailed), DeliveryRank(DeliveryStatus::kDelivered));
  EXPECT_LT(DeliveryRank(DeliveryStatus::kDelivered), DeliveryRank(DeliveryStatus::kRead));
}

}  // namespace
}  // namespace serai::channels
