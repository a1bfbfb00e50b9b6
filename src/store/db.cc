#include "store/db.h"

namespace serai::store {

int64_t Row::Int(size_t i) const {
  const Value& v = cols_.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  return 0;
}

const std::string& Row::Text(size_t i) const {
  static const std::string kEmpty;
  const Value& v = cols_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* b = std::get_if<Blob>(&v)) return b->bytes;
  return kEmpty;
}

Result<Rows> Db::Read(std::string_view sql, const Params& params) {
  Rows rows;
  RETURN_IF_ERROR(Transact(Access::kRead, [&](Conn& conn) -> Status {
    ASSIGN_OR_RETURN(rows, conn.Query(sql, params));
    return Status::Ok();
  }));
  return rows;
}

}  // namespace serai::store
