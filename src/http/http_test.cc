#include "http/http.h"

#include <gtest/gtest.h>

#include "http/worker_pool.h"

namespace serai::http {
namespace {

TEST(HttpTest, UrlDecodeHandlesEscapesAndBadInput) {
  EXPECT_EQ(UrlDecode("a+b%20c"), "a b c");
  EXPECT_EQ(UrlDecode("%D9%83%D8%A7%D8%A8%D9%84"), "كابل");
  EXPECT_EQ(UrlDecode("100%"), "100%");
  EXPECT_EQ(UrlDecode("%zz%4"), "%zz%4");
}

TEST(HttpTest, PatternsMatchWholeSegments) {
  EXPECT_TRUE(MatchesPattern("/api/v1/centres/{centre}", "/api/v1/centres/abc"));
  EXPECT_TRUE(MatchesPattern("/api/v1/centres/{centre}/users/{user}", "/api/v1/centres/a/users/b"));
  EXPECT_FALSE(MatchesPattern("/api/v1/centres/{centre}", "/api/v1/centres/"));
  EXPECT_FALSE(MatchesPattern("/api/v1/centres/{centre}", "/api/v1/centres/a/users"));
  EXPECT_FALSE(MatchesPattern("/api/v1/centres", "/api/v1/centresx"));
}

TEST(HttpTest, CookiesAndQueryParameters) {
  Request r;
  r.headers = {{"cookie", "a=1; serai_session=tok; b=2"}};
  r.query = "limit=10&cursor=abc%3D&flag&name=%D8%A7";
  EXPECT_EQ(r.Cookie("serai_session"), "tok");
  EXPECT_EQ(r.Cookie("missing"), "");
  EXPECT_EQ(r.Header("COOKIE"), "a=1; serai_session=tok; b=2");
  EXPECT_EQ(r.QueryParam("limit"), "10");
  EXPECT_EQ(r.QueryParam("cursor"), "abc=");
  EXPECT_EQ(r.QueryParam("flag"), "");
  EXPECT_EQ(r.QueryParam("name"), "ا");
  EXPECT_FALSE(r.QueryParam("other").has_value());
}

TEST(WorkerPoolTest, RunsEverythingQueuedBeforeShutdownAndRefusesWhenFull) {
  std::atomic<int> ran{0};
  {
    WorkerPool pool(2, 1000);
    for (int i = 0; i < 500; ++i) ASSERT_TRUE(pool.TryPost([&] { ran++; }));
    pool.Shutdown();
    EXPECT_FALSE(pool.TryPost([] {}));
  }
  EXPECT_EQ(ran.load(), 500);
  WorkerPool tiny(1, 1);
  std::atomic<bool> release{false};
  ASSERT_TRUE(tiny.TryPost([&] {
    while (!release) std::this_thread::yield();
  }));
  // The worker may or may not have taken the first task yet; fill the queue and overflow it.
  bool refused = false;
  for (int i = 0; i < 3 && !refused; ++i) refused = !tiny.TryPost([] {});
  EXPECT_TRUE(refused);
  release = true;
}

}  // namespace
}  // namespace serai::http
