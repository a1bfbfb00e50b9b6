#include "domain/inbox/templates.h"

#include <regex>
#include <set>

#include "common/ids.h"
#include "domain/audit/audit_log.h"

namespace serai::inbox {
namespace {

const std::regex& Placeholder() {
  static const std::regex re(R"(\{\{([0-9]{1,2})\}\})");
  return re;
}

// How many placeholders the body has; they must be {{1}} to {{n}}, each at least once.
Result<int> CountPlaceholders(const std::string& body) {
  std::set<int> seen;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), Placeholder());
       it != std::sregex_iterator(); ++it) {
    seen.insert(std::stoi((*it)[1].str()));
  }
  int n = static_cast<int>(seen.size());
  if (n > 0 && (*seen.begin() != 1 || *seen.rbegin() != n)) {
    return InvalidArgument("invalid_body", "placeholders are numbered {{1}}, {{2}}, ... in order");
  }
  return n;
}

Status Validate(const MessageTemplateInput& in) {
  static const std::regex name(R"([a-z0-9_]{1,512})");
  static const std::regex language(R"([a-z]{2,3}(_[A-Z]{2})?)");
  if (!std::regex_match(in.name, name)) {
    return InvalidArgument("invalid_name",
                           "a template name is lower-case letters, digits and _, as Meta has it");
  }
  if (!std::regex_match(in.language, language)) {
    return InvalidArgument("invalid_language", "a template language is a code such as en or ps_AF");
  }
  if (in.body.empty() || in.body.size() > 1024) {
    return InvalidArgument("invalid_body", "a template body is 1 to 1024 bytes");
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<MessageTemplate>> MessageTemplates::List(const std::string& centre_id) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   db_.Read("SELECT id, channel_account_id, name, language, body, parameters, "
                            "updated_at FROM message_template WHERE centre_id = ? ORDER BY "
                            "channel_account_id, language, name LIMIT 500",
                            {centre_id}));
  std::vector<MessageTemplate> out;
  for (const auto& r : rows) {
    out.push_back({r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4),
                   static_cast<int>(r.Int(5)), r.Int(6)});
  }
  return out;
}

Result<MessageTemplate> MessageTemplates::Create(const auth::Principal& actor,
                                                 const std::string& centre_id,
                                                 const MessageTemplateInput& in) {
  RETURN_IF_ERROR(Validate(in));
  ASSIGN_OR_RETURN(int parameters, CountPlaceholders(in.body));
  MessageTemplate t{NewId(env_), in.channel_account_id, in.name, in.language, in.body,
                    parameters,  env_.NowMillis()};
  RETURN_IF_ERROR(db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(store::Rows account,
                     conn.Query("SELECT platform FROM channel_account WHERE id = ? AND "
                                "centre_id = ?",
                                {in.channel_account_id, centre_id}));
    if (account.empty() || account[0].Text(0) != "whatsapp") {
      return InvalidArgument("invalid_channel",
                             "templates belong to a WhatsApp account of the "
                             "centre");
    }
    auto inserted = conn.Exec(
        "INSERT INTO message_template (id, centre_id, channel_account_id, name, "
        "language, body, parameters, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, "
        "?, ?, ?)",
        {t.id, centre_id, t.channel_account_id, t.name, t.language, t.body, int64_t{t.parameters},
         t.updated_at, t.updated_at});
    if (!inserted.ok() && inserted.status().code() == StatusCode::kAlreadyExists) {
      return AlreadyExists("template_exists",
                           "this account already has a template of that name and language");
    }
    RETURN_IF_ERROR(inserted.status());
    return audit::Record(conn,
                         {actor.user_id, centre_id, "template.create", "template/" + t.id,
                          "administration", t.name + " " + t.language},
                         t.updated_at);
  }));
  return t;
}

Status MessageTemplates::Delete(const auth::Principal& actor, const std::string& centre_id,
                                const std::string& id) {
  int64_t now = env_.NowMillis();
  return db_.Transact(store::Access::kWrite, [&](store::Conn& conn) -> Status {
    ASSIGN_OR_RETURN(
        int64_t changed,
        conn.Exec("DELETE FROM message_template WHERE id = ? AND centre_id = ?", {id, centre_id}));
    if (changed == 0) return NotFound("no_such_template", "there is no such template here");
    return audit::Record(
        conn, {actor.user_id, centre_id, "template.delete", "template/" + id, "administration", ""},
        now);
  });
}

Result<RenderedTemplate> MessageTemplates::Render(store::Conn& conn, const std::string& centre_id,
                                                  const std::string& id,
                                                  const std::string& account_id,
                                                  const std::vector<std::string>& values) {
  ASSIGN_OR_RETURN(store::Rows rows,
                   conn.Query("SELECT name, language, body, parameters FROM message_template "
                              "WHERE id = ? AND centre_id = ? AND channel_account_id = ?",
                              {id, centre_id, account_id}));
  if (rows.empty()) {
    return InvalidArgument("invalid_template", "no such template for this conversation's account");
  }
  if (static_cast<int64_t>(values.size()) != rows[0].Int(3)) {
    return InvalidArgument("invalid_parameters",
                           "this template takes " + std::to_string(rows[0].Int(3)) + " values");
  }
  for (const std::string& v : values) {
    if (v.empty() || v.size() > 1024 || v.find_first_of("\n\t") != std::string::npos ||
        v.find("     ") != std::string::npos) {
      return InvalidArgument("invalid_parameters",
                             "each value is 1 to 1024 bytes, on one line, without long runs of "
                             "spaces");
    }
  }
  RenderedTemplate out{{rows[0].Text(0), rows[0].Text(1), values}, ""};
  const std::string& body = rows[0].Text(2);
  auto last = body.cbegin();
  for (auto it = std::sregex_iterator(body.begin(), body.end(), Placeholder());
       it != std::sregex_iterator(); ++it) {
    out.text.append(last, (*it)[0].first);
    out.text += values.at(static_cast<size_t>(std::stoi((*it)[1].str()) - 1));
    last = (*it)[0].second;
  }
  out.text.append(last, body.cend());
  return out;
}

}  // namespace serai::inbox
