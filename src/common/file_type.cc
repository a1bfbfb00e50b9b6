#include "common/file_type.h"

#include <magic.h>

#include <array>
#include <memory>

namespace serai {
namespace {

struct MagicCloser {
  void operator()(magic_t m) const { magic_close(m); }
};
using Magic = std::unique_ptr<std::remove_pointer_t<magic_t>, MagicCloser>;

magic_t ThreadMagic() {
  thread_local Magic handle = [] {
    Magic m(magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF));
    if (m && magic_load(m.get(), nullptr) != 0) m.reset();
    return m;
  }();
  return handle.get();
}

constexpr std::array<std::string_view, 27> kAllowed = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/heic",
    "image/heif",
    "audio/ogg",
    "audio/mpeg",
    "audio/mp4",
    "audio/x-m4a",
    "audio/aac",
    "audio/x-hx-aac-adts",
    "audio/amr",
    "audio/x-wav",
    "audio/webm",
    "video/mp4",
    "video/3gpp",
    "video/quicktime",
    "video/webm",
    "application/pdf",
    "text/plain",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.oasis.opendocument.spreadsheet",
};

}  // namespace

std::string SniffMimeType(std::string_view bytes) {
  magic_t m = ThreadMagic();
  const char* type = m ? magic_buffer(m, bytes.data(), bytes.size()) : nullptr;
  return type ? std::string(type) : "application/octet-stream";
}

bool IsAllowedMediaType(std::string_view mime) {
  for (std::string_view allowed : kAllowed) {
    if (mime == allowed) return true;
  }
  return false;
}

bool IsInlineMediaType(std::string_view mime) {
  return mime.starts_with("image/") || mime.starts_with("audio/") || mime.starts_with("video/") ||
         mime == "application/pdf";
}

}  // namespace serai
