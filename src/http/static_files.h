// The built web app, loaded into memory at start: small, and served without touching the disk.
#pragma once

#include <map>
#include <string>

namespace serai::http {

struct StaticFile {
  std::string content_type;
  std::string body;
  std::string gzip_body;   // empty when no precompressed copy exists
  bool immutable = false;  // content-hashed file names under /assets/
};

// Reads every file below `dir` (not following links). Keys are URL paths ("/index.html").
std::map<std::string, StaticFile> LoadStaticFiles(const std::string& dir);

}  // namespace serai::http
