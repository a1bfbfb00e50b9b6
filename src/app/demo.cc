// `serai demo`: a living data directory with six centres and one user for each role.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "app/app.h"
#include "common/ids.h"
#include "common/json.h"
#include "common/language_codes.h"
#include "common/lists.h"
#include "crypto/crypto.h"

namespace serai::app {
namespace {

struct DemoCentre {
  const char* key;
  centres::CentreInput input;
};

const std::vector<DemoCentre>& DemoCentres() {
  static const std::vector<DemoCentre> kCentres = {
      {"kabul", {"MRC Kabul", "AF", "Kabul", "Asia/Kabul", {"prs", "ps", "en"}}},
      {"islamabad", {"MRC Islamabad", "PK", "Islamabad", "Asia/Karachi", {"ur", "ps", "en"}}},
      {"lahore", {"MRC Lahore", "PK", "Lahore", "Asia/Karachi", {"ur", "en"}}},
      {"dhaka", {"MRC Dhaka", "BD", "Dhaka", "Asia/Dhaka", {"bn", "en"}}},
      {"baghdad", {"MRC Baghdad", "IQ", "Baghdad", "Asia/Baghdad", {"ar", "ckb", "en"}}},
      {"dushanbe", {"MRC Dushanbe", "TJ", "Dushanbe", "Asia/Dushanbe", {"tg", "ru", "en"}}},
  };
  return kCentres;
}

struct DemoUser {
  const char* email;
  const char* name;
  const char* locale;
  const char* centre;  // a DemoCentre key, or "*"
  auth::Role role;
  const char* languages = "";  // the languages they counsel in, comma-separated
};

// One user for each role (Kabul, where most demo work happens), a global administrator, and a
// counsellor and a manager in Dhaka so that the difference between centres can be seen. Kabul has
// a second counsellor, for Pashto, so that routing by language shows.
const std::vector<DemoUser>& DemoUsers() {
  using auth::Role;
  static const std::vector<DemoUser> kUsers = {
      {"admin@example.org", "Amina Hashimi", "en", "*", Role::kAdmin},
      {"manager.kabul@example.org", "Farid Ahmadzai", "prs", "kabul", Role::kManager, "prs,ps,en"},
      {"counsellor.kabul@example.org", "Zahra Noori", "prs", "kabul", Role::kCounsellor, "prs,en"},
      {"counsellor.pashto.kabul@example.org", "Wali Stanekzai", "ps", "kabul", Role::kCounsellor,
       "ps,en"},
      {"outreach.kabul@example.org", "Habib Safi", "ps", "kabul", Role::kOutreach},
      {"me.kabul@example.org", "Laila Wardak", "en", "kabul", Role::kMeOfficer},
      {"editor.kabul@example.org", "Omid Rahimi", "prs", "kabul", Role::kEditor},
      {"partner.kabul@example.org", "Sima Karimi", "en", "kabul", Role::kPartner},
      {"registrar.kabul@example.org", "Nasir Popal", "ps", "kabul", Role::kRegistrar},
      {"auditor.kabul@example.org", "Mariam Jalali", "en", "kabul", Role::kAuditor},
      {"manager.dhaka@example.org", "Rafiq Hossain", "bn", "dhaka", Role::kManager, "bn,en"},
      {"counsellor.dhaka@example.org", "Nusrat Akter", "bn", "dhaka", Role::kCounsellor, "bn,en"},
  };
  return kUsers;
}

// One account per platform for every centre, pointing at local fake platform servers, so anyone can
// post correctly signed traffic at a demo (tests/fakes). Their secrets go to
// DIR/demo-channels.json.
Result<Json> DemoChannels(App& app, const std::map<std::string, std::string>& centre_ids) {
  Json out = Json::array();
  auto secret = [] { return Base64UrlEncode(Env::Default().RandomBytes(24)); };
  int n = 0;
  for (const DemoCentre& dc : DemoCentres()) {
    const std::string& centre = centre_ids.at(dc.key);
    for (channels::Platform p : channels::AllPlatforms()) {
      std::string platform(channels::PlatformName(p));
      channels::ChannelAccountInput in;
      in.platform = p;
      in.name = std::string(dc.input.name) + " " + platform;
      in.external_id = std::to_string(106540000000000 + ++n);
      in.base_url = "http://127.0.0.1:8099/" + platform;
      in.secrets = {
          secret(), secret(), secret(), secret(), "7000000" + std::to_string(n) + ":" + secret(),
          secret()};
      ASSIGN_OR_RETURN(auto account, app.channels->Create("system", centre, in));
      out.push_back({{"centre", dc.key},
                     {"centre_id", centre},
                     {"platform", platform},
                     {"account_id", account.id},
                     {"webhook_path", "/webhooks/" + platform + "/" + account.id},
                     {"external_id", in.external_id},
                     {"base_url", in.base_url},
                     {"app_secret", in.secrets.app_secret},
                     {"verify_token", in.secrets.verify_token},
                     {"access_token", in.secrets.access_token},
                     {"auth_token", in.secrets.auth_token},
                     {"bot_token", in.secrets.bot_token},
                     {"secret_token", in.secrets.secret_token}});
    }
  }
  return out;
}

std::string NewPassword() {
  // 15 random bytes in base64url: 20 characters, about 120 bits.
  return Base64UrlEncode(Env::Default().RandomBytes(15));
}

}  // namespace

int Demo(const Config& config) {
  std::string users_file = config.data_dir + "/demo-users.json";
  if (std::filesystem::exists(users_file)) {
    std::cout << "The demo data directory " << config.data_dir << " exists; its users are in "
              << users_file << "\n";
    return 0;
  }
  auto opened = OpenApp(config);
  if (!opened.ok()) {
    std::cerr << "serai demo: " << opened.status().ToString() << "\n";
    return 1;
  }
  App& app = **opened;
  auth::Principal system;
  system.user_id = "system";
  std::map<std::string, std::string> centre_ids;
  Json centres_json = Json::array();
  for (const DemoCentre& dc : DemoCentres()) {
    auto c = app.centres->Create(system, dc.input);
    if (!c.ok()) {
      std::cerr << "serai demo: " << c.status().ToString() << "\n";
      return 1;
    }
    centre_ids[dc.key] = c->id;
    centres_json.push_back({{"key", dc.key}, {"id", c->id}, {"name", c->name}});
  }
  Json users_json = Json::array();
  std::cout << "Demo users (also in " << users_file << "):\n";
  for (const DemoUser& du : DemoUsers()) {
    std::string centre = std::string(du.centre) == "*" ? "*" : centre_ids[du.centre];
    std::string password = NewPassword();
    auto u = app.users->Create(
        "system",
        {du.email, du.name, password, du.locale, {{centre, du.role}}, SplitList(du.languages)});
    if (!u.ok()) {
      std::cerr << "serai demo: " << u.status().ToString() << "\n";
      return 1;
    }
    Json entry = {{"email", du.email},   {"password", password}, {"role", auth::RoleName(du.role)},
                  {"centre", du.centre}, {"centre_id", centre},  {"id", u->id},
                  {"locale", du.locale}};
    std::string line = std::string("  ") + du.email + "  " + password + "  (" +
                       std::string(auth::RoleName(du.role)) + ", " + du.centre + ")";
    if (du.role == auth::Role::kAdmin || du.role == auth::Role::kManager) {
      auto totp = app.users->ResetTotp("system", u->id);
      if (!totp.ok()) return 1;
      entry["totp_secret"] = totp->secret_base32;
      entry["totp_uri"] = totp->uri;
      line += "  TOTP secret " + totp->secret_base32;
    }
    users_json.push_back(entry);
    std::cout << line << "\n";
  }
  {
    std::ofstream out(users_file, std::ios::trunc);
    out << Json{{"centres", centres_json}, {"users", users_json}}.dump(2) << "\n";
  }
  ::chmod(users_file.c_str(), 0600);
  auto channels_json = DemoChannels(app, centre_ids);
  if (!channels_json.ok()) {
    std::cerr << "serai demo: " << channels_json.status().ToString() << "\n";
    return 1;
  }
  std::string channels_file = config.data_dir + "/demo-channels.json";
  {
    std::ofstream out(channels_file, std::ios::trunc);
    out << channels_json->dump(2) << "\n";
  }
  ::chmod(channels_file.c_str(), 0600);
  std::cout << "Demo channel accounts and their secrets: " << channels_file << "\n";
  // A service directory for Kabul, whose partner user answers for the legal aid organisation.
  {
    const std::string& kabul = centre_ids.at("kabul");
    std::string partner_user;
    for (const Json& u : users_json) {
      if (u["email"] == "partner.kabul@example.org") partner_user = u["id"].get<std::string>();
    }
    auto legal = app.referrals->AddOrg(system, kabul,
                                       {"Kabul Legal Aid (demo)", "Kabul", "+93 20 000 0000"});
    auto health = app.referrals->AddOrg(system, kabul,
                                        {"Psychosocial Centre (demo)", "Kabul", "+93 20 000 0001"});
    if (!legal.ok() || !health.ok()) {
      std::cerr << "serai demo: the service directory could not be made\n";
      return 1;
    }
    auto service =
        app.referrals->AddService(system, kabul,
                                  {"",
                                   legal->id,
                                   "legal",
                                   "Kabul",
                                   {"prs", "ps", "en"},
                                   "Migrant workers and returnees with a labour grievance",
                                   "legal@example.org",
                                   true});
    if (service.ok()) {
      service = app.referrals->AddService(system, kabul,
                                          {"",
                                           health->id,
                                           "psychosocial",
                                           "Kabul",
                                           {"prs", "ps"},
                                           "Anyone in distress; women counsellors available",
                                           "+93 20 000 0001",
                                           true});
    }
    Status members = service.ok()
                         ? app.referrals->SetMembers(system, kabul, legal->id, {partner_user})
                         : service.status();
    if (!members.ok()) {
      std::cerr << "serai demo: " << members.ToString() << "\n";
      return 1;
    }
  }
  // The sample knowledge base (sample content, not advice).
  std::string kb = FindBesideBinary("data/sample-kb/articles.jsonl",
                                    "/usr/share/serai/sample-kb/articles.jsonl");
  if (!kb.empty()) {
    auto report = app.articles->ImportFile("system", kb);
    if (!report.ok()) {
      std::cerr << "serai demo: " << report.status().ToString() << "\n";
      return 1;
    }
    std::cout << "Sample knowledge base: " << report->translations << " translations of "
              << report->articles << " articles\n";
  }
  return 0;
}

}  // namespace serai::app
