#include "http/parser_limits.h"

namespace serai::http {
namespace {

std::string Answer(int status, const char* reason, const char* code, const char* detail) {
  std::string body = std::string("{\"type\":\"urn:serai:problem:") + code + "\",\"title\":\"" +
                     reason + "\",\"status\":" + std::to_string(status) + ",\"detail\":\"" +
                     detail + "\",\"code\":\"" + code + "\"}";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason +
         "\r\nContent-Type: application/problem+json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

}  // namespace

const std::string* ParserErrorAnswer(http_errno err) {
  static const std::string kTooLarge = Answer(413, "Content Too Large", "body_too_large",
                                              "the body is larger than this server accepts");
  static const std::string kUriTooLong =
      Answer(414, "URI Too Long", "url_too_long", "the address is longer than 8 KiB");
  static const std::string kHeadersTooLarge =
      Answer(431, "Request Header Fields Too Large", "headers_too_large",
             "a header or the number of headers is over the limit");
  static const std::string kBadRequest =
      Answer(400, "Bad Request", "malformed_http", "the request is not well-formed HTTP/1.1");
  switch (err) {
    case HPE_CB_headers_complete:
    case HPE_CB_body:
      return &kTooLarge;
    case HPE_CB_url:
      return &kUriTooLong;
    case HPE_CB_header_field:
    case HPE_CB_header_value:
    case HPE_HEADER_OVERFLOW:
      return &kHeadersTooLarge;
    case HPE_CB_message_begin:
    case HPE_CB_message_complete:
    case HPE_CB_status:
    case HPE_CB_chunk_header:
    case HPE_CB_chunk_complete:
    case HPE_PAUSED:
    case HPE_OK:
      return nullptr;
    default:
      return &kBadRequest;
  }
}

}  // namespace serai::http
