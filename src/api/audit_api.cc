// /api/v1/centres/{centre}/audit: the audit trail of a centre, newest first.
#include "api/route_table.h"
#include "domain/audit/audit_log.h"

namespace serai::api {

void AddAuditRoutes(std::vector<ApiRoute>& routes) {
  routes.push_back({"GET", "/api/v1/centres/{centre}/audit", auth::Action::kAuditRead,
                    auth::Purpose::kAudit, "Audit events of a centre (use ?before=SEQ to page)", "",
                    200, [](Call& c) -> Result<http::Response> {
                      ASSIGN_OR_RETURN(auto page, c.PageParams());
                      ASSIGN_OR_RETURN(int64_t before, c.NumberParam("before"));
                      ASSIGN_OR_RETURN(auto events,
                                       audit::List(c.services.db, c.Param(0), before, page.first));
                      Json items = Json::array();
                      for (const auto& e : events) {
                        items.push_back({{"seq", e.seq},
                                         {"at", e.at},
                                         {"actor", e.event.actor},
                                         {"action", e.event.action},
                                         {"resource", e.event.resource},
                                         {"purpose", e.event.purpose},
                                         {"detail", e.event.detail}});
                      }
                      Json body = {{"items", items}};
                      body["next_before"] = static_cast<int>(events.size()) == page.first
                                                ? Json(events.back().seq)
                                                : Json(nullptr);
                      return JsonResponse(200, body);
                    }});
}

}  // namespace serai::api
