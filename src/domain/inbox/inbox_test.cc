#include "domain/inbox/inbox.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "domain/centres/centres.h"

namespace serai::inbox {
namespace {

using channels::DeliveryStatus;
using channels::Platform;

class InboxTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("serai-inbox-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    db_ = std::move(store::OpenSqlite((dir_ / "a.db").string(), 2).value());
    ASSERT_TRUE(store::Migrate(*db_, store::SeraiMigrations()).ok());
    keys_ = std::move(keys::KeyStore::Open((dir_ / "keys").string(), Env::Default()).value());
    auth::Principal system;
    system.user_id = "system";
    centre_ = centres::CentreService(*db_, Env::Default())
                  .Create(system, {"MRC Kabul", "AF", "Kabul", "Asia/Kabul", {"prs"}})
                  .value()
                  .id;
    channels::ChannelAccountService accounts(*db_, *keys_, Env::Default());
    account_ = accounts
                   .Create("system", centre_,
                           {Platform::kMessenger,
                            "Page",
                            "110",
                            "http://127.0.0.1:1",
                            {"s", "v", "a", "", "", ""}})
                   .value();
    routing_ = std::make_unique<Routing>(*db_, Env::Default(), 45000);
    inbox_ = std::make_unique<Inbox>(*db_, *keys_, *routing_, Env::Default());
    auth::Principal counsellor;
    counsellor.user_id = "c";
    counsellor_ = counsellor;
    // The contact writes first; then an outbound reply exists (the sender is a later piece).
    channels::ParsedWebhook in;
    in.messages.push_back({"m_in", "690", "Rahim", "prs", "text", "سلام", "", 1000});
    ASSERT_EQ(inbox_->Receive(account_, in).value().new_messages, 1);
    conversation_ =
        inbox_->ListConversations(counsellor_, centre_, {}, auth::Purpose::kCounselling, 0, 10)
            .value()
            .items.at(0)
            .id;
    ASSERT_TRUE(
        db_->Transact(
               store::Access::kWrite,
               [&](store::Conn& c) {
                 return c
                     .Exec(
                         "INSERT INTO message (id, conversation_id, centre_id, channel_account_id, "
                         "direction, platform_id, kind, media, status, status_rank, error, "
                         "sent_at, "
                         "received_at) VALUES ('out1', ?, ?, ?, 'out', 'm_out', 'text', '', "
                         "'sent', 10, "
                         "'', 2000, 2000)",
                         {conversation_, centre_, account_.id})
                     .status();
               })
            .ok());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string OutStatus() {
    auto messages =
        inbox_->Messages(counsellor_, centre_, conversation_, auth::Purpose::kCounselling);
    for (const auto& m : messages.value()) {
      if (m.direction == "out") return m.status;
    }
    return "";
  }
  ReceiveReport Receipt(channels::Receipt r) {
    channels::ParsedWebhook p;
    p.receipts.push_back(std::move(r));
    return inbox_->Receive(account_, p).value();
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<keys::KeyStore> keys_;
  std::unique_ptr<Routing> routing_;
  std::unique_ptr<Inbox> inbox_;
  std::string centre_, conversation_;
  channels::ChannelAccount account_;
  auth::Principal counsellor_;
};

TEST_F(InboxTest, ReceiptsOnlyMoveForwardEvenOutOfOrder) {
  EXPECT_EQ(Receipt({"m_out", "690", 0, DeliveryStatus::kRead, "", 3000}).receipts_applied, 1);
  EXPECT_EQ(OutStatus(), "read");
  Receipt({"m_out", "690", 0, DeliveryStatus::kDelivered, "", 2500});
  Receipt({"m_out", "690", 0, DeliveryStatus::kFailed, "131047 late", 2600});
  EXPECT_EQ(OutStatus(), "read");
}

TEST_F(InboxTest, ReceiptBeforeItsMessageIsKeptPending) {
  ReceiveReport r = Receipt({"m_not_yet_sent", "690", 0, DeliveryStatus::kDelivered, "", 3000});
  EXPECT_EQ(r.receipts_pending, 1);
  auto rows = db_->Read("SELECT status, platform_id FROM receipt_pending", {}).value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "delivered");
  // Kept as a keyed digest, not as the platform wrote it.
  EXPECT_TRUE(rows[0].Text(1).starts_with("h:")) << rows[0].Text(1);
  EXPECT_EQ(rows[0].Text(1).find("m_not_yet_sent"), std::string::npos);
}

TEST_F(InboxTest, WatermarkCoversEarlierMessagesOnly) {
  Receipt({"", "690", 1500, DeliveryStatus::kRead, "", 3000});
  EXPECT_EQ(OutStatus(), "sent");  // sent at 2000, after the watermark
  Receipt({"", "690", 2000, DeliveryStatus::kRead, "", 3000});
  EXPECT_EQ(OutStatus(), "read");
}

TEST_F(InboxTest, PersonalDataIsSealedAtRest) {
  auto rows = db_->Read("SELECT handle_sealed, name_sealed FROM contact", {}).value();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0).find("690"), std::string::npos);
  EXPECT_EQ(rows[0].Text(1).find("Rahim"), std::string::npos);
  auto body = db_->Read("SELECT body_sealed FROM message WHERE direction = 'in'", {}).value();
  EXPECT_EQ(body[0].Text(0).find("سلام"), std::string::npos);
  auto conv =
      inbox_->ListConversations(counsellor_, centre_, {}, auth::Purpose::kCounselling, 0, 10)
          .value();
  EXPECT_EQ(conv.items[0].contact_name, "Rahim");
}

TEST_F(InboxTest, ShreddedContactBecomesUnreadable) {
  std::string contact =
      inbox_->ListConversations(counsellor_, centre_, {}, auth::Purpose::kCounselling, 0, 10)
          .value()
          .items[0]
          .contact_id;
  ASSERT_TRUE(keys_->ShredContact(contact).ok());
  auto conv =
      inbox_->ListConversations(counsellor_, centre_, {}, auth::Purpose::kCounselling, 0, 10)
          .value();
  EXPECT_EQ(conv.items[0].contact_name, "");
  auto messages =
      inbox_->Messages(counsellor_, centre_, conversation_, auth::Purpose::kCounselling);
  ASSERT_FALSE(messages.value().empty());
  for (const auto& m : messages.value()) EXPECT_EQ(m.text, "");
}

}  // namespace
}  // namespace serai::inbox
