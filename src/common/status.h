// Status and Result<T>: how every Serai function reports an expected failure.
//
// A Status is OK or carries one code from a small fixed set plus a message meant for a person
// (never personal data: messages end up in logs and API responses). Bad input is an expected
// outcome and is reported with a Status, never with an exception.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace serai {

enum class StatusCode {
  kOk,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kPermissionDenied,
  kUnauthenticated,
  kFailedPrecondition,
  kResourceExhausted,
  kUnavailable,
  kInternal,
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  // `reason` is a stable machine-readable token (for example "invalid_json"); `message` is for
  // people.
  Status(StatusCode code, std::string reason, std::string message)
      : code_(code), reason_(std::move(reason)), message_(std::move(message)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string reason_;
  std::string message_;
};

Status InvalidArgument(std::string reason, std::string message);
Status NotFound(std::string reason, std::string message);
Status AlreadyExists(std::string reason, std::string message);
Status PermissionDenied(std::string reason, std::string message);
Status Unauthenticated(std::string reason, std::string message);
Status FailedPrecondition(std::string reason, std::string message);
Status ResourceExhausted(std::string reason, std::string message);
Status Unavailable(std::string reason, std::string message);
Status Internal(std::string reason, std::string message);

[[noreturn]] void DieOnValueOfError(const Status& status);

// Result<T> holds either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : status_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  // REQUIRES: ok(). Otherwise the process stops with the status on stderr: a programming error.
  T& value() & {
    Check();
    return *value_;
  }
  const T& value() const& {
    Check();
    return *value_;
  }
  T&& value() && {
    Check();
    return std::move(*value_);
  }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  void Check() const {
    if (!value_.has_value()) DieOnValueOfError(status_);
  }

  std::optional<T> value_;
  Status status_;
};

}  // namespace serai

#define SERAI_CONCAT_INNER(a, b) a##b
#define SERAI_CONCAT(a, b) SERAI_CONCAT_INNER(a, b)

#define SERAI_RETURN_IF_ERROR_IMPL(tmp, expr) \
  do {                                        \
    ::serai::Status tmp = (expr);             \
    if (!tmp.ok()) return tmp;                \
  } while (false)
#define RETURN_IF_ERROR(expr) \
  SERAI_RETURN_IF_ERROR_IMPL(SERAI_CONCAT(serai_status_, __COUNTER__), expr)

#define SERAI_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  SERAI_ASSIGN_OR_RETURN_IMPL(SERAI_CONCAT(serai_result_, __COUNTER__), lhs, expr)
