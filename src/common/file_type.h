// What a file really is, from its bytes (libmagic), not from what its sender claims: a photo sent
// as "contract.pdf" is an image, and an HTML page or a program sent as "photo.jpg" is refused.
#pragma once

#include <string>
#include <string_view>

namespace serai {

// The MIME type libmagic reads in `bytes` ("application/octet-stream" when it cannot tell).
// Thread-safe (one libmagic handle per thread).
std::string SniffMimeType(std::string_view bytes);

// The types kept from people's messages: photos, voice notes and other audio, video, PDF, plain
// text and office documents. Never HTML, SVG, scripts, programs or archives.
bool IsAllowedMediaType(std::string_view mime);

// Shown in the browser (images, audio, video, PDF) rather than offered as a download.
bool IsInlineMediaType(std::string_view mime);

}  // namespace serai
