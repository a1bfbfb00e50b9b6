// Answers for requests that RESTinio 0.6's parser refuses before any handler can run.
//
// RESTinio 0.6 closes the connection without a word when a body passes the hard cap, a URL or a
// header passes its limit, or the request is not HTTP at all. server.cc specialises one member of
// RESTinio's connection for Serai's traits so that it first writes the answer below (413, 414, 431,
// or 400, as problem+json, with Connection: close), stops sending, and reads and drops what the
// client is still sending (bounded in size and by the read timeout) before it closes, so that the
// client reads the answer instead of a reset.
#pragma once

#include <http_parser.h>

#include <string>

namespace serai::http {

// The raw HTTP response for a parser error, or nullptr when the connection should just close.
const std::string* ParserErrorAnswer(http_errno err);

}  // namespace serai::http
