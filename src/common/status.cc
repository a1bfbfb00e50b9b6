#include "common/status.h"

#include <cstdio>
#include <cstdlib>

namespace serai {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case StatusCode::kNotFound:
      return "NOT_FOUND";
    case StatusCode::kAlreadyExists:
      return "ALREADY_EXISTS";
    case StatusCode::kPermissionDenied:
      return "PERMISSION_DENIED";
    case StatusCode::kUnauthenticated:
      return "UNAUTHENTICATED";
    case StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case StatusCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case StatusCode::kUnavailable:
      return "UNAVAILABLE";
    case StatusCode::kInternal:
      return "INTERNAL";
  }
  return "UNKNOWN";
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  std::string out(StatusCodeName(code_));
  out += " (" + reason_ + "): " + message_;
  return out;
}

Status InvalidArgument(std::string r, std::string m) {
  return {StatusCode::kInvalidArgument, std::move(r), std::move(m)};
}
Status NotFound(std::string r, std::string m) {
  return {StatusCode::kNotFound, std::move(r), std::move(m)};
}
Status AlreadyExists(std::string r, std::string m) {
  return {StatusCode::kAlreadyExists, std::move(r), std::move(m)};
}
Status PermissionDenied(std::string r, std::string m) {
  return {StatusCode::kPermissionDenied, std::move(r), std::move(m)};
}
Status Unauthenticated(std::string r, std::string m) {
  return {StatusCode::kUnauthenticated, std::move(r), std::move(m)};
}
Status FailedPrecondition(std::string r, std::string m) {
  return {StatusCode::kFailedPrecondition, std::move(r), std::move(m)};
}
Status ResourceExhausted(std::string r, std::string m) {
  return {StatusCode::kResourceExhausted, std::move(r), std::move(m)};
}
Status Unavailable(std::string r, std::string m) {
  return {StatusCode::kUnavailable, std::move(r), std::move(m)};
}
Status Internal(std::string r, std::string m) {
  return {StatusCode::kInternal, std::move(r), std::move(m)};
}

}  // namespace serai

namespace serai {

void DieOnValueOfError(const Status& status) {
  std::fprintf(stderr, "fatal: value() of a failed result: %s\n", status.ToString().c_str());
  std::abort();
}

}  // namespace serai
