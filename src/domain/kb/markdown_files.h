// Articles as Markdown files with TOML front matter (between "+++" lines, as Hugo and Zola write
// it), one file per translation, named slug.lang.md:
//
//   +++
//   slug = "passport-confiscated-abroad"
//   lang = "ur"
//   title = "..."
//   topics = ["rights-abroad", "documents"]
//   countries = ["PK"]
//   audience = ["outgoing"]
//   review_by = 2027-05-01          # or reviewed = 2026-11-01 (review six months later)
//   short_answer = "..."            # optional: else the body's first paragraph
//   +++
//   The Markdown body.
#pragma once

#include <string>

#include "common/status.h"
#include "domain/kb/articles.h"

namespace serai::kb {

// One file's translation; InvalidArgument names `name` and what is wrong.
Result<ImportedTranslation> ParseMarkdownFile(const std::string& text, const std::string& name);

// The file for a published translation.
std::string MarkdownFile(const ImportedTranslation& t);

}  // namespace serai::kb
