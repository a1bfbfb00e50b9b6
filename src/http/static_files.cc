#include "http/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace serai::http {
namespace {

std::string TypeFor(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::string ReadFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::map<std::string, StaticFile> LoadStaticFiles(const std::string& dir) {
  std::map<std::string, StaticFile> files;
  std::error_code ec;
  if (dir.empty() || !std::filesystem::is_directory(dir, ec)) return files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file() || entry.is_symlink()) continue;
    std::filesystem::path p = entry.path();
    if (p.extension() == ".gz") continue;
    std::string url = "/" + std::filesystem::relative(p, dir).generic_string();
    StaticFile f;
    f.content_type = TypeFor(p);
    f.body = ReadFile(p);
    std::filesystem::path gz = p.string() + ".gz";
    if (std::filesystem::exists(gz)) f.gzip_body = ReadFile(gz);
    f.immutable = url.starts_with("/assets/");
    files.emplace(std::move(url), std::move(f));
  }
  return files;
}

}  // namespace serai::http
