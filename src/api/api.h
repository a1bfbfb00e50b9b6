// The JSON API: one table of routes, each declaring its access (action and purpose). Register()
// wraps every handler in the same guard: authenticate (session cookie or API token), check CSRF for
// cookie-authenticated writes, then the one access check. A handler only runs after all three.
#pragma once

#include <string>

#include "common/env.h"
#include "common/token_buckets.h"
#include "domain/auth/sessions.h"
#include "domain/auth/users.h"
#include "domain/centres/centres.h"
#include "domain/channels/accounts.h"
#include "domain/inbox/canned_replies.h"
#include "domain/inbox/inbox.h"
#include "domain/inbox/media.h"
#include "domain/inbox/outbox.h"
#include "domain/inbox/templates.h"
#include "domain/kb/articles.h"
#include "domain/keys/key_store.h"
#include "domain/live/live_events.h"
#include "domain/people/cases.h"
#include "domain/people/duplicates.h"
#include "domain/people/people.h"
#include "domain/people/referrals.h"
#include "domain/people/reintegration.h"
#include "http/http.h"
#include "http/metrics.h"
#include "store/db.h"

namespace serai::api {

struct ApiOptions {
  int sign_in_per_minute = 20;  // per client address
  std::string version = "0.1.0";
};

// Everything the handlers need; owned by the application, outliving the server.
struct Services {
  store::Db& db;
  keys::KeyStore& keys;
  auth::UserService& users;
  auth::AuthService& auth;
  centres::CentreService& centres;
  channels::ChannelAccountService& channels;
  inbox::Inbox& inbox;
  inbox::Routing& routing;
  inbox::CannedReplies& canned;
  inbox::Outbox& outbox;
  inbox::MediaFetcher& media;
  inbox::MessageTemplates& templates;
  kb::Articles& articles;
  people::People& people;
  people::Cases& cases;
  people::Referrals& referrals;
  people::Reintegration& reintegration;
  people::Duplicates& duplicates;
  live::LiveEvents& live;
  http::Metrics& metrics;
  Env& env;
  ApiOptions options;
  TokenBuckets sign_in_attempts{};  // per client address, options.sign_in_per_minute
};

// Adds every API route to `server`.
void Register(http::Server& server, Services& services);

// Adds the public help pages (/help/{centre}, server-rendered HTML; help_pages.cc).
void RegisterHelpPages(http::Server& server, Services& services);

// The problem+json response for a status the HTTP layer raises itself.
http::Response ProblemResponse(int status, std::string_view code, std::string_view detail);

}  // namespace serai::api
