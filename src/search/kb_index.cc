#include "search/kb_index.h"

#include <unicode/unistr.h>
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "search/kb_lexicon.h"
#include "search/normalise.h"

namespace serai::search {
namespace {

constexpr Xapian::valueno kSlot = 0;       // "slug lang"
constexpr Xapian::valueno kTitleSlot = 1;  // the title's words, each as its terms: "a|Zb|Kc d|..."
// How much a title that is all in the question adds when ranking ("What is asylum?" for "what
// does asylum mean" over "Where can asylum be claimed?").
constexpr double kTitleShare = 1.5;
constexpr Xapian::termcount kTitleWeight = 3;
// The share of a question an article must cover to be given as the answer (tests/eval tunes it).
constexpr double kAnswerThreshold = 0.55;
// How much Xapian's BM25 (0 to 1) adds to the share of the question covered, when ranking.
constexpr double kBm25Share = 1.5;
// How much the share of the question in the article's head (title, topics, first paragraph) adds.
constexpr double kHeadShare = 1.0;
// ... of which this share by the words themselves, their stems or the concepts they name.
constexpr double kStrongThreshold = 0.45;

// Words that say little about which article answers (the commonest of each language, as
// normalised); they are not indexed and do not count in a question.
const std::unordered_set<std::string>& Stopwords() {
  static const auto* words = [] {
    auto* s = new std::unordered_set<std::string>();
    for (std::string_view w :
         {// English
          "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "from", "by", "with",
          "is", "are", "was", "be", "been", "it", "its", "this", "that", "i", "me", "my", "we",
          "our", "you", "your", "he", "she", "they", "them", "his", "her", "what", "how", "can",
          "do", "does", "did", "if", "will", "would", "should", "there", "have", "has", "not", "no",
          "yes", "as", "so", "but", "about", "which", "who", "when", "where", "get", "please", "hi",
          "hello",
          // Dari / Persian
          "و", "در", "به", "از", "که", "را", "با", "این", "آن", "است", "هست", "من", "ما", "شما",
          "او", "چه", "چی", "چطور", "چگونه", "آیا", "یا", "هم", "برای", "تا", "بر", "می", "کنم",
          "کرد", "شد", "هستم", "سلام",
          // Pashto
          "د", "په", "او", "ته", "له", "چې", "زه", "دا", "هغه", "څه", "څنګه", "کې", "یو", "دی",
          "ده", "وي",
          // Urdu
          "کا", "کی", "کے", "ہے", "ہیں", "میں", "نے", "سے", "کو", "پر", "اور", "کیا", "کیسے",
          "میرا", "میری", "یہ", "وہ", "ہو", "تھا", "جی",
          // Bengali
          "আমি", "আমার", "কি", "কী", "কিভাবে", "এবং", "ও", "এই", "সে", "করব", "করে", "হয়", "আছে",
          "না", "যে", "তে",
          // Arabic
          "في", "من", "على", "إلى", "الى", "عن", "ما", "ماذا", "كيف", "هل", "أنا", "انا", "هذا",
          "هذه", "التي", "الذي", "مع", "لي",
          // Tajik and Russian
          "ва", "дар", "ба", "аз", "ки", "ман", "чӣ", "чи", "и", "в", "на", "с", "не", "что", "как",
          "я", "мне", "мой", "это", "ли", "по", "для", "у", "о",
          // Latin spellings of the same
          "kya", "hai", "ka", "ki", "ke", "ko", "se", "mein", "mera", "meri", "aur", "ham", "chi",
          "che", "chetor", "ast", "man", "ba", "az", "dar", "ami", "amar", "kivabe", "ana", "shu",
          "kayf", "hal", "min", "fi"}) {
      for (const std::string& n : SearchWords(w)) s->insert(n);
    }
    return s;
  }();
  return *words;
}

// Dari, Pashto and Urdu have no Snowball stemmer: their commonest endings are taken off instead
// (plurals ها ان ات, possessives م ت ش مان تان شان, the ezafe and indefinite ی, Urdu ے یں وں,
// Pashto ې و), leaving at least three letters. Arabic words (with the article ال) get Snowball's
// Arabic.
std::string LightStem(const std::string& word) {
  static const std::vector<std::string> kEndings = {
      "هایشان", "هایتان", "هایمان", "هایش", "هایم", "هایت", "هایی", "های", "ها", "یشان", "یتان",
      "یمان",   "شان",    "تان",    "مان",  "اند",  "ایم",  "ید",   "ند",  "ان", "ات",   "یں",
      "وں",     "ام",     "اش",     "ی",    "م",    "ت",    "ش",    "ے",   "ې",  "و",    "ه"};
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(word);
  for (const std::string& e : kEndings) {
    icu::UnicodeString ending = icu::UnicodeString::fromUTF8(e);
    // "ان" and "ات" also end many stems (باران is rain, not بار + ان): those need four letters.
    int shortest = (e == "ان" || e == "ات") ? 4 : 3;
    if (u.endsWith(ending) && u.countChar32() - ending.countChar32() >= shortest) {
      std::string out;
      u.tempSubString(0, u.length() - ending.length()).toUTF8String(out);
      return out;
    }
  }
  return word;
}

std::string Stem(const std::string& word) {
  thread_local Xapian::Stem english("english"), russian("russian"), arabic("arabic");
  switch (ScriptOfWord(word)) {
    case Script::kLatin:
      return english(word);
    case Script::kCyrillic:
      return russian(word);
    case Script::kArabic:
      return word.rfind("ال", 0) == 0 ? arabic(word) : LightStem(word);
    case Script::kBengali:
    case Script::kNone:
      break;
  }
  return "";
}

// The words of `text` worth searching for (not stopwords).
std::vector<std::string> ContentWords(std::string_view text) {
  std::vector<std::string> words;
  for (const std::string& w : SearchWords(text, 2000)) {
    if (!Stopwords().count(w)) words.push_back(w);
  }
  return words;
}

// A term a word is indexed as, and how surely a match on it means the same word: the word or its
// stem 1, a concept it names 0.8, its sound (consonant skeleton) 0.6.
struct Form {
  std::string term;
  double strength;
};
constexpr double kSameWords = 0.8;  // forms at least this sure say it "in so many words"

// The alternatives one word of a question or an article stands for.
struct WordTerms {
  std::string word, stem, skeleton;
  std::vector<std::string_view> concepts;
  bool latin = false;         // written in Latin letters
  std::vector<Form> indexed;  // the terms the word is indexed as
};

std::vector<Form> IndexedForms(const WordTerms& t) {
  std::vector<Form> forms = {{t.word, 1.0}};
  if (!t.stem.empty()) forms.push_back({"Z" + t.stem, 1.0});
  for (std::string_view c : t.concepts) forms.push_back({"C" + std::string(c), kSameWords});
  // Skeletons of Latin words apart (KL): between two Latin words they mostly say "sounds alike",
  // between scripts "the same word".
  if (!t.skeleton.empty()) forms.push_back({(t.latin ? "KL" : "K") + t.skeleton, 0.6});
  return forms;
}

// Articles repeat their words, and stemming and transliteration cost microseconds: each thread
// remembers the words it has seen (up to a bound). The reference is good until the next call.
const WordTerms& TermsOfWord(const std::string& w) {
  thread_local std::unordered_map<std::string, WordTerms> seen;
  if (auto it = seen.find(w); it != seen.end()) return it->second;
  if (seen.size() > 100'000) seen.clear();
  WordTerms t{w, Stem(w), Skeleton(w), ConceptsOf(w), ScriptOfWord(w) == Script::kLatin, {}};
  if (t.concepts.empty() && !t.stem.empty()) t.concepts = ConceptsOf(t.stem);  // another ending
  if (t.stem == w) t.stem.clear();
  t.indexed = IndexedForms(t);
  return seen.emplace(w, std::move(t)).first->second;
}

// What a question's word may match: its own forms, with its sound matched in both skeleton groups.
std::vector<Form> QueryForms(const WordTerms& t) {
  std::vector<Form> forms = t.indexed;
  if (!t.skeleton.empty()) {
    forms.back() = {"K" + t.skeleton, 0.6};
    forms.push_back({"KL" + t.skeleton, t.latin ? 0.35 : 0.6});
  }
  return forms;
}

}  // namespace

std::string Skeleton(std::string_view word) {
  std::string latin = ToLatin(word), out;
  for (char c : latin) {
    char k;
    switch (c) {
      case 'a':
      case 'e':
      case 'i':
      case 'o':
      case 'u':
      case 'y':
      case 'w':
      case 'h':
      case '\'':
      case '`':
      case '-':
        continue;  // vowels and the letters that write them in other scripts
      case 'c':
      case 'k':
      case 'q':
        k = 'k';
        break;
      case 'z':
      case 's':
      case 'x':
        k = 's';
        break;
      case 'v':
      case 'f':
        k = 'f';
        break;
      case 'j':
      case 'g':
        k = 'j';
        break;
      case 'd':
      case 't':
        k = 't';
        break;
      case 'b':
      case 'p':
        k = 'p';
        break;
      default:
        if (c < 'a' || c > 'z') continue;
        k = c;
    }
    if (out.empty() || out.back() != k) out += k;
  }
  return out.size() >= 3 ? out : "";
}

std::vector<std::string> KbTerms(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string& w : ContentWords(text)) {
    for (const Form& f : TermsOfWord(w).indexed) out.push_back(f.term);
  }
  return out;
}

// What an index's terms depend on besides the articles: this code's way of making terms (bump
// kTermsVersion when it changes) and the lexicon's words. An index made otherwise is rebuilt.
namespace {
constexpr int kTermsVersion = 3;

std::string IndexFormat() { return std::to_string(kTermsVersion) + "/" + LexiconFingerprint(); }

}  // namespace

std::vector<std::string> KbConcepts(std::string_view text) {
  std::vector<std::string> out;
  for (const std::string& w : ContentWords(text)) {
    for (std::string_view c : TermsOfWord(w).concepts) {
      if (std::find(out.begin(), out.end(), c) == out.end()) out.emplace_back(c);
    }
  }
  return out;
}

Status KbIndex::Build(const std::string& dir, const std::vector<KbDocument>& docs) {
  std::string fresh = dir + ".new";
  std::error_code ec;
  std::filesystem::remove_all(fresh, ec);
  std::filesystem::create_directories(std::filesystem::path(dir).parent_path(), ec);
  try {
    Xapian::WritableDatabase db(fresh, Xapian::DB_CREATE_OR_OVERWRITE);
    for (const KbDocument& d : docs) {
      Xapian::Document doc;
      doc.add_value(kSlot, d.slug + " " + d.lang);
      // Each part's terms are made once: the title's go into its value, its terms and the head;
      // the first paragraph's into the body and the head; the topics' into both.
      std::string title_words;
      std::vector<std::string> title_terms;
      for (const std::string& w : ContentWords(d.title)) {
        std::string entry;
        for (const Form& f : TermsOfWord(w).indexed) {
          if (f.strength >= kSameWords) entry += (entry.empty() ? "" : "|") + f.term;
          title_terms.push_back(f.term);
        }
        title_words += (title_words.empty() ? "" : " ") + entry;
      }
      doc.add_value(kTitleSlot, title_words);
      size_t first_end = d.body.find("\n\n");
      std::vector<std::string> first = KbTerms(std::string_view(d.body).substr(0, first_end));
      std::vector<std::string> rest = first_end == std::string::npos
                                          ? std::vector<std::string>{}
                                          : KbTerms(std::string_view(d.body).substr(first_end));
      std::vector<std::string> topic_terms;
      for (const std::string& topic : d.topics) {
        for (std::string& t : KbTerms(topic)) topic_terms.push_back(std::move(t));
      }
      auto add = [&](const std::vector<std::string>& terms, Xapian::termcount weight) {
        for (const std::string& term : terms) doc.add_term(term.substr(0, 240), weight);
      };
      add(title_terms, kTitleWeight);
      add(first, 1);
      add(rest, 1);
      add(topic_terms, 1);
      // The article's head (title, topics and first paragraph) again, apart: what it is about.
      for (const auto* part : {&title_terms, &first, &topic_terms}) {
        for (const std::string& term : *part) doc.add_boolean_term(("H" + term).substr(0, 240));
      }
      doc.add_boolean_term("S" + d.slug);
      doc.add_boolean_term("L" + d.lang);
      db.add_document(doc);
    }
    db.set_metadata("format", IndexFormat());
    db.commit();
    db.close();
  } catch (const Xapian::Error& e) {
    return Unavailable("kb_index", "cannot build the index: " + e.get_msg());
  }
  std::filesystem::remove_all(dir + ".old", ec);
  if (std::filesystem::exists(dir)) std::filesystem::rename(dir, dir + ".old", ec);
  std::filesystem::rename(fresh, dir, ec);
  if (ec) return Unavailable("kb_index", "cannot put the new index in place");
  std::filesystem::remove_all(dir + ".old", ec);
  return Status::Ok();
}

Result<std::unique_ptr<KbIndex>> KbIndex::Open(const std::string& dir) {
  try {
    auto db = std::make_unique<Xapian::Database>(dir);
    if (db->get_metadata("format") != IndexFormat()) {
      return FailedPrecondition("stale_kb_index", "the index was made by another version");
    }
    return std::unique_ptr<KbIndex>(new KbIndex(dir, std::move(db)));
  } catch (const Xapian::Error& e) {
    return NotFound("no_kb_index", "no knowledge-base index at " + dir + ": " + e.get_msg());
  }
}

KbIndex::KbIndex(std::string dir, std::unique_ptr<Xapian::Database> db)
    : dir_(std::move(dir)), uuid_(db->get_uuid()) {
  idle_.push_back(std::move(db));
}
KbIndex::~KbIndex() = default;

// A database handle serves one search at a time: each search takes an idle one, or opens another
// (as many as searches run at once), and gives it back.
std::unique_ptr<Xapian::Database> KbIndex::Borrow() {
  {
    std::lock_guard lock(mu_);
    if (!idle_.empty()) {
      auto db = std::move(idle_.back());
      idle_.pop_back();
      return db;
    }
  }
  try {
    auto db = std::make_unique<Xapian::Database>(dir_);
    // Replaced since (what is kept of its documents would be another's): this search finds
    // nothing; the next index is opened anew.
    if (db->get_uuid() != uuid_) return nullptr;
    return db;
  } catch (const Xapian::Error&) {
    return nullptr;  // replaced since, or being replaced
  }
}

void KbIndex::GiveBack(std::unique_ptr<Xapian::Database> db) {
  std::lock_guard lock(mu_);
  idle_.push_back(std::move(db));
}

const KbIndex::Shown& KbIndex::ShownOf(Xapian::Database& db, unsigned docid) {
  {
    std::shared_lock lock(shown_mu_);
    if (auto it = shown_.find(docid); it != shown_.end()) return *it->second;
  }
  Xapian::Document doc = db.get_document(docid);
  auto shown = std::make_unique<Shown>();
  std::string value = doc.get_value(kSlot);
  size_t space = value.find(' ');
  shown->slug = value.substr(0, space);
  shown->lang = space == std::string::npos ? "" : value.substr(space + 1);
  std::stringstream title(doc.get_value(kTitleSlot));
  for (std::string entry; title >> entry;) {
    std::vector<std::string>& forms = shown->title.emplace_back();
    std::stringstream split(entry);
    for (std::string form; std::getline(split, form, '|');) forms.push_back(form);
  }
  std::unique_lock lock(shown_mu_);
  auto [it, added] = shown_.try_emplace(docid, std::move(shown));
  return *it->second;  // another search may have put it there first: the same words
}

KbAnswer KbIndex::Ask(std::string_view question, size_t limit) {
  // Each content word of the question, with the terms that stand for it and how strongly each
  // says "this is the same word" (Form).
  struct Alternative {
    size_t word;
    double strength;
  };
  std::map<std::string, std::vector<Alternative>> alternatives_of;
  std::vector<Xapian::Query> per_word;
  std::set<std::string> seen;
  size_t words = 0;
  for (const std::string& w : ContentWords(question)) {
    if (!seen.insert(w).second) continue;
    std::vector<Xapian::Query> ways;
    for (const Form& f : QueryForms(TermsOfWord(w))) {
      alternatives_of[f.term].push_back({words, f.strength});
      ways.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(f.term), f.strength);
    }
    per_word.emplace_back(Xapian::Query::OP_OR, ways.begin(), ways.end());
    ++words;
  }
  KbAnswer out;
  if (per_word.empty()) return out;
  double top_strong = 0;
  Xapian::Query query(Xapian::Query::OP_OR, per_word.begin(), per_word.end());
  std::unique_ptr<Xapian::Database> db = Borrow();
  if (!db) return out;
  struct Return {
    KbIndex* index;
    std::unique_ptr<Xapian::Database>& db;
    ~Return() { index->GiveBack(std::move(db)); }
  } give_back{this, db};
  try {
    // How much a word tells: the inverse document frequency of its best-known form.
    double n = std::max<double>(1, db->get_doccount());
    std::vector<double> idf(words, 0);
    std::vector<bool> known(words, false);
    for (const auto& [term, alts] : alternatives_of) {
      Xapian::doccount tf = db->get_termfreq(term);
      double f = std::log((n + 1) / (tf + 0.5));
      for (const Alternative& a : alts) {
        if (tf > 0) {
          known[a.word] = true;
          idf[a.word] = std::max(idf[a.word], f * a.strength);
        }
      }
    }
    // A word the articles never use in any form (a typo, a name, small talk) counts for little.
    for (size_t i = 0; i < words; ++i) {
      if (!known[i]) idf[i] = 0.5 * std::log(n + 1);
    }
    double total = 0;
    for (double f : idf) total += f;
    Xapian::Enquire enquire(*db);
    enquire.set_query(query);
    Xapian::MSet mset = enquire.get_mset(0, 60);
    // Rank by how much of the question each translation covers (rarer words count for more), with
    // Xapian's BM25 to break ties.
    struct Scored {
      std::string slug, lang;
      double coverage, bm25, strong;  // strong: the share covered by the word, its stem or concept
      bool topical;  // a concept of the question, or a word of the title, is the article's
    };
    // Which of the question's terms each hit has, walking each term's posting list once over the
    // hits in document order (reading each hit's own term list is several times slower).
    std::vector<Xapian::docid> ids;
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.push_back(*it);
    std::vector<Xapian::docid> in_order = ids;
    std::sort(in_order.begin(), in_order.end());
    std::map<Xapian::docid, std::vector<double>> best_of;
    std::set<Xapian::docid> concept_hits;
    std::map<Xapian::docid, std::vector<double>> head_of;  // the same, in the article's head
    for (Xapian::docid id : ids) {
      best_of[id].assign(words, 0);
      head_of[id].assign(words, 0);
    }
    // Marks in `into` the hits that hold `term`, for the question's words it stands for (and, in
    // their bodies, the hits a concept of the question found).
    auto mark = [&](const std::string& term, const std::vector<Alternative>& alts,
                    std::map<Xapian::docid, std::vector<double>>& into, bool body) {
      Xapian::PostingIterator p = db->postlist_begin(term), end = db->postlist_end(term);
      for (Xapian::docid id : in_order) {
        p.skip_to(id);
        if (p == end) break;
        if (*p != id) continue;
        std::vector<double>& best = into[id];
        for (const Alternative& a : alts) best[a.word] = std::max(best[a.word], a.strength);
        if (body && term.starts_with('C')) concept_hits.insert(id);
      }
    };
    for (const auto& [term, alts] : alternatives_of) {
      mark(term, alts, best_of, true);
      mark("H" + term, alts, head_of, false);
    }
    std::vector<Scored> scored;
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      const std::vector<double>& best = best_of[*it];
      double covered = 0, strong = 0, head = 0;
      const std::vector<double>& in_head = head_of[*it];
      for (size_t i = 0; i < words; ++i) head += in_head[i] * idf[i];
      for (size_t i = 0; i < words; ++i) {
        covered += best[i] * idf[i];
        if (best[i] >= kSameWords) strong += idf[i];
      }
      const Shown& shown = ShownOf(*db, *it);
      // The share of the title's words the question has (as a word, stem or concept).
      size_t in_question = 0;
      for (const std::vector<std::string>& forms : shown.title) {
        for (const std::string& form : forms) {
          if (alternatives_of.count(form)) {
            ++in_question;
            break;
          }
        }
      }
      double title_share =
          shown.title.empty() ? 0 : double(in_question) / double(shown.title.size());
      scored.push_back({shown.slug, shown.lang, total > 0 ? covered / total : 0,
                        it.get_percent() / 100.0 + kTitleShare / kBm25Share * title_share +
                            kHeadShare / kBm25Share * (total > 0 ? head / total : 0),
                        total > 0 ? strong / total : 0,
                        title_share > 0 || concept_hits.count(*it) > 0});
    }
    std::stable_sort(scored.begin(), scored.end(), [](const Scored& a, const Scored& b) {
      return a.coverage + kBm25Share * a.bm25 > b.coverage + kBm25Share * b.bm25;
    });
    std::set<std::string> slugs;
    for (const Scored& s : scored) {
      if (out.hits.size() == limit) break;
      if (!slugs.insert(s.slug).second) continue;
      double score = std::min(1.0, s.coverage);
      out.hits.push_back({s.slug, s.lang, std::round(score * 1000) / 1000});
      if (out.hits.size() == 1) top_strong = s.topical ? s.strong : 0;
    }
  } catch (const Xapian::Error&) {
    return out;
  }
  // Sounding alike is not enough to answer: most of the question must be there in so many words,
  // and about the article's subject (a concept of the question, or a word of its title), not only
  // common words it happens to use ("bread" and "house" are in an article on trafficking).
  out.answer =
      !out.hits.empty() && out.hits[0].score >= kAnswerThreshold && top_strong >= kStrongThreshold;
  return out;
}

}  // namespace serai::search
