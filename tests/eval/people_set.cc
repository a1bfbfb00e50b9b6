#include "tests/eval/people_set.h"

#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "common/dates.h"
#include "search/phone.h"

namespace serai::testdata {
namespace {

// A name: its spellings in the country's script ("/" between them; the first most common) and in
// Latin letters ("," between them; the first most common).
struct Name {
  const char* native;
  const char* latin;
};

struct Country {
  const char* code;
  double share;
  std::vector<Name> men, women, families;
  bool family_by_sex;  // Tajik surnames: -ov for men, -ova for women
};

const std::vector<Country>& Countries() {
  static const std::vector<Country> k = {
      {"AF",
       0.35,
       {{"محمد", "Mohammad,Muhammad,Mohammed,Mohamad,Muhammed"},
        {"احمد", "Ahmad,Ahmed"},
        {"علی", "Ali"},
        {"عبدالله/عبد الله", "Abdullah,Abdulla,Abdollah"},
        {"حسین", "Hussain,Hossein,Hussein,Husain"},
        {"رحیم", "Rahim,Raheem"},
        {"کریم", "Karim,Kareem"},
        {"نوید", "Navid,Naveed"},
        {"جاوید", "Javed,Javid,Jawid"},
        {"فرید", "Farid,Fareed"},
        {"حمید", "Hamid,Hameed"},
        {"نبی", "Nabi"},
        {"ولی", "Wali,Vali"},
        {"گل/ګل", "Gul,Gol"},
        {"شریف", "Sharif,Shareef"},
        {"یوسف", "Yousuf,Yusuf,Yosuf,Yousef"},
        {"عمر", "Omar,Umar"},
        {"خالد", "Khalid,Khaled"},
        {"ذبیح الله/ذبیح‌الله", "Zabihullah,Zabiullah,Zabih Ullah"},
        {"نجیب الله", "Najibullah,Najeebullah"},
        {"رحمت الله", "Rahmatullah,Rahmatulla"},
        {"سید", "Sayed,Sayeed,Syed"},
        {"مصطفی", "Mustafa,Mostafa"},
        {"اسماعیل", "Ismail,Esmail"},
        {"بشیر", "Bashir,Basheer"},
        {"نصیر", "Nasir,Naseer"},
        {"داوود", "Dawood,Dawud,Daud"},
        {"شفیق", "Shafiq,Shafeeq"},
        {"مسعود", "Masood,Masoud,Massoud"},
        {"همایون", "Humayoun,Homayoun,Humayun"}},
       {{"فاطمه", "Fatima,Fatema,Fatemeh"},
        {"مریم", "Maryam,Mariam"},
        {"زهرا", "Zahra"},
        {"خدیجه", "Khadija,Khadijah"},
        {"آمنه", "Amina,Amena"},
        {"شکیلا", "Shakila,Shakeela"},
        {"نرگس", "Nargis,Narges"},
        {"ثریا", "Soraya,Suraya"},
        {"پروین", "Parwin,Parveen,Parvin"},
        {"لیلا", "Laila,Leila,Layla"},
        {"گلالی/ګلالۍ", "Gulalai,Golalai"},
        {"نازنین", "Nazanin"},
        {"فریبا", "Fariba,Fareeba"},
        {"زینب", "Zainab,Zaynab,Zeinab"},
        {"ملالی", "Malalai"},
        {"شبنم", "Shabnam"},
        {"هما", "Homa,Huma"},
        {"روشنا", "Roshana,Rushana"},
        {"ستاره", "Setara,Sitara"},
        {"مژگان", "Mozhgan,Mojgan"}},
       {{"احمدی", "Ahmadi"},
        {"محمدی", "Mohammadi,Muhammadi"},
        {"کریمی", "Karimi,Kareemi"},
        {"رحیمی", "Rahimi,Raheemi"},
        {"حیدری", "Haidari,Haideri,Heydari"},
        {"صدیقی", "Siddiqi,Sediqi,Siddiqui"},
        {"نوری", "Noori,Nouri,Nuri"},
        {"پوپلزی", "Popalzai"},
        {"یوسفزی", "Yousafzai,Yusufzai"},
        {"هاشمی", "Hashimi,Hashemi"},
        {"عزیزی", "Azizi"},
        {"امیری", "Amiri"},
        {"حسینی", "Hussaini,Hosseini,Husaini"},
        {"رسولی", "Rasuli,Rasooli"},
        {"سلطانی", "Sultani,Soltani"},
        {"قادری", "Qaderi,Qadiri,Kadiri"},
        {"غفوری", "Ghafoori,Ghafuri"},
        {"ستانکزی", "Stanekzai,Stanikzai"},
        {"وردک", "Wardak"},
        {"خان", "Khan"},
        {"نظری", "Nazari"},
        {"جلالی", "Jalali"},
        {"ساداتی", "Sadati"},
        {"مومند", "Momand,Mohmand"},
        {"شینواری", "Shinwari"}},
       false},
      {"PK",
       0.20,
       {{"محمد", "Muhammad,Mohammad,Muhammed"},
        {"علی", "Ali"},
        {"احمد", "Ahmed,Ahmad"},
        {"عمران", "Imran"},
        {"عثمان", "Usman,Osman"},
        {"بلال", "Bilal"},
        {"حمزہ", "Hamza,Hamzah"},
        {"فیصل", "Faisal,Faysal"},
        {"عبدالرحمان", "Abdul Rehman,Abdur Rahman,Abdulrahman"},
        {"طارق", "Tariq,Tarique"},
        {"وقاص", "Waqas"},
        {"آصف", "Asif"},
        {"شاہد", "Shahid"},
        {"ندیم", "Nadeem,Nadim"},
        {"زبیر", "Zubair"},
        {"عاطف", "Atif"},
        {"کامران", "Kamran"},
        {"نعمان", "Noman,Nauman"},
        {"سلمان", "Salman"},
        {"دانش", "Danish"}},
       {{"عائشہ", "Ayesha,Aisha,Aysha"},
        {"فاطمہ", "Fatima,Fatimah"},
        {"زینب", "Zainab"},
        {"صائمہ", "Saima"},
        {"نازیہ", "Nazia"},
        {"رابعہ", "Rabia,Rabiya"},
        {"سمیرا", "Sumaira,Sumera"},
        {"حنا", "Hina"},
        {"کرن", "Kiran"},
        {"ثنا", "Sana"},
        {"مہوش", "Mehwish"},
        {"شازیہ", "Shazia"},
        {"نادیہ", "Nadia"},
        {"بشریٰ", "Bushra"}},
       {{"خان", "Khan"},
        {"ملک", "Malik"},
        {"شیخ", "Sheikh,Shaikh"},
        {"چوہدری", "Chaudhry,Chaudhary,Choudhry"},
        {"بٹ", "Butt"},
        {"قریشی", "Qureshi,Quraishi"},
        {"اعوان", "Awan"},
        {"راجپوت", "Rajput"},
        {"مرزا", "Mirza"},
        {"حسین", "Hussain"},
        {"اقبال", "Iqbal"},
        {"عباسی", "Abbasi"},
        {"یوسفزئی", "Yousafzai"},
        {"بلوچ", "Baloch"},
        {"جتوئی", "Jatoi"}},
       false},
      {"BD",
       0.20,
       {{"মোহাম্মদ", "Mohammad,Mohammed,Muhammad"},
        {"আব্দুল করিম", "Abdul Karim,Abdul Kareem"},
        {"রহিম", "Rahim"},
        {"করিম", "Karim"},
        {"হাসান", "Hasan,Hassan"},
        {"হোসেন", "Hossain,Hussain,Hosen"},
        {"রফিক", "Rafiq,Rafique"},
        {"জাহিদ", "Jahid,Zahid"},
        {"শফিক", "Shafiq,Shafique"},
        {"আনোয়ার", "Anwar,Anowar"},
        {"কামাল", "Kamal"},
        {"জামাল", "Jamal"},
        {"সাইফুল", "Saiful"},
        {"আরিফ", "Arif"},
        {"মিজানুর", "Mizanur"},
        {"মাহমুদ", "Mahmud,Mahmood"},
        {"রাকিব", "Rakib"},
        {"সোহেল", "Sohel"}},
       {{"ফাতেমা", "Fatema,Fatima"},
        {"নাসরিন", "Nasrin,Nasreen"},
        {"শাহনাজ", "Shahnaz"},
        {"রহিমা", "Rahima"},
        {"আয়েশা", "Ayesha,Aysha"},
        {"সালমা", "Salma"},
        {"রোকসানা", "Roksana,Rokshana"},
        {"তাসলিমা", "Taslima"},
        {"নাজমা", "Nazma,Najma"},
        {"শিরিন", "Shirin,Shireen"},
        {"মরিয়ম", "Mariam,Moriom"},
        {"সুমাইয়া", "Sumaiya"},
        {"রুমানা", "Rumana"}},
       {{"ইসলাম", "Islam"},
        {"হোসেন", "Hossain,Hussain"},
        {"আহমেদ", "Ahmed"},
        {"রহমান", "Rahman,Rahaman"},
        {"উদ্দিন", "Uddin"},
        {"খাতুন", "Khatun"},
        {"বেগম", "Begum"},
        {"আক্তার", "Akter,Aktar,Akhter"},
        {"মিয়া", "Mia,Miah"},
        {"চৌধুরী", "Chowdhury,Chowdhuri"},
        {"সরকার", "Sarkar,Sarker"},
        {"মোল্লা", "Molla,Mollah"},
        {"শেখ", "Sheikh"},
        {"হক", "Haque,Hoque"},
        {"আলম", "Alam"},
        {"বিশ্বাস", "Biswas"}},
       false},
      {"IQ",
       0.15,
       {{"محمد", "Mohammed,Muhammad,Mohammad"},
        {"علي", "Ali"},
        {"حسين", "Hussein,Hussain,Husain"},
        {"أحمد", "Ahmed,Ahmad"},
        {"حسن", "Hassan,Hasan"},
        {"عباس", "Abbas"},
        {"مصطفى", "Mustafa,Mostafa"},
        {"عمر", "Omar"},
        {"يوسف", "Yousif,Yusuf,Yousef"},
        {"كريم", "Kareem,Karim"},
        {"سجاد", "Sajjad"},
        {"حيدر", "Haider,Haidar,Hayder"},
        {"زيد", "Zaid,Zayd"},
        {"ابراهيم", "Ibrahim,Ebrahim"},
        {"علاء", "Alaa"},
        {"منتظر", "Muntadhar,Muntazar"}},
       {{"فاطمة", "Fatima,Fatimah"},
        {"زينب", "Zainab,Zaynab"},
        {"مريم", "Maryam,Mariam"},
        {"نور", "Noor,Nour,Nur"},
        {"سارة", "Sara,Sarah"},
        {"رقية", "Ruqaya,Ruqayya"},
        {"زهراء", "Zahraa,Zahra"},
        {"هدى", "Huda"},
        {"ايمان", "Iman,Eman"},
        {"أسماء", "Asmaa,Asma"},
        {"دعاء", "Duaa,Doaa"}},
       {{"الجبوري", "Al-Jubouri,Al Jubouri,Aljubouri"},
        {"العبيدي", "Al-Obaidi,Al Obaidi"},
        {"التميمي", "Al-Tamimi,Al Tamimi"},
        {"الدليمي", "Al-Dulaimi,Al Dulaimi"},
        {"الكعبي", "Al-Kaabi"},
        {"الساعدي", "Al-Saadi"},
        {"الموسوي", "Al-Musawi,Al-Mousawi"},
        {"الربيعي", "Al-Rubaie,Al-Rubaiee"},
        {"حسن", "Hassan"},
        {"الزبيدي", "Al-Zubaidi"},
        {"الشمري", "Al-Shammari,Al Shammari"},
        {"العزاوي", "Al-Azzawi"}},
       false},
      {"TJ",
       0.10,
       {{"Муҳаммад/Мухаммад", "Muhammad,Mukhammad"},
        {"Алӣ/Али", "Ali"},
        {"Аҳмад", "Ahmad,Akhmad"},
        {"Фаррух", "Farrukh,Farukh"},
        {"Шерзод", "Sherzod"},
        {"Ҷамшед/Джамшед", "Jamshed,Jamshid"},
        {"Рустам", "Rustam"},
        {"Далер", "Daler"},
        {"Фирдавс", "Firdavs"},
        {"Бахтиёр", "Bakhtiyor,Bakhtiyar"},
        {"Умед", "Umed"},
        {"Искандар", "Iskandar"},
        {"Зафар", "Zafar"},
        {"Хуршед", "Khurshed,Hurshed"},
        {"Сӯҳроб/Сухроб", "Suhrob,Sukhrob"}},
       {{"Фарзона", "Farzona"},
        {"Мадина", "Madina"},
        {"Нилуфар", "Nilufar"},
        {"Шаҳло", "Shahlo"},
        {"Гулнора", "Gulnora"},
        {"Зарина", "Zarina"},
        {"Малика", "Malika"},
        {"Мавҷуда", "Mavjuda"},
        {"Дилноза", "Dilnoza"},
        {"Парвина", "Parvina"},
        {"Ситора", "Sitora"},
        {"Манижа", "Manizha,Manija"}},
       {{"Раҳимов", "Rahimov,Rakhimov"},
        {"Каримов", "Karimov"},
        {"Назаров", "Nazarov"},
        {"Саидов", "Saidov"},
        {"Шарипов", "Sharipov"},
        {"Иброҳимов", "Ibrohimov,Ibragimov"},
        {"Раҳмонов", "Rahmonov,Rakhmonov"},
        {"Ҳасанов", "Hasanov,Khasanov"},
        {"Юсуфов", "Yusufov"},
        {"Давлатов", "Davlatov"},
        {"Алиев", "Aliev,Aliyev"},
        {"Қодиров", "Qodirov,Kodirov"},
        {"Мирзоев", "Mirzoev,Mirzoyev"},
        {"Сафаров", "Safarov"}},
       true},
  };
  return k;
}

std::vector<std::string> Split(std::string_view text, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t at; (at = text.find(sep, start)) != std::string_view::npos; start = at + 1) {
    out.emplace_back(text.substr(start, at - start));
  }
  out.emplace_back(text.substr(start));
  return out;
}

class Generator {
 public:
  Generator(uint64_t seed, std::string_view today) : rng_(seed), today_(*ParseDate(today)) {}

  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool Chance(double p) { return Uniform() < p; }
  int Between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }

  // Common names are common: rank r is drawn with weight 1 / (r + 1).
  size_t Skewed(size_t n) {
    double total = 0;
    for (size_t r = 0; r < n; ++r) total += 1.0 / double(r + 1);
    double x = Uniform() * total;
    for (size_t r = 0; r < n; ++r) {
      x -= 1.0 / double(r + 1);
      if (x <= 0) return r;
    }
    return n - 1;
  }
  // A spelling: the first most often.
  std::string Spelling(const std::vector<std::string>& spellings) {
    if (spellings.size() == 1 || Chance(0.55)) return spellings[0];
    return spellings[1 + size_t(Between(0, int(spellings.size()) - 2))];
  }

  std::string BirthDate(int age) {
    int year = int(today_.year()) - age - 1 + (Chance(0.5) ? 1 : 0);
    std::chrono::year_month_day d{std::chrono::year(year),
                                  std::chrono::month(unsigned(Between(1, 12))),
                                  std::chrono::day(unsigned(Between(1, 28)))};
    return DateText(d);
  }

  std::string Phone(const std::string& country) {
    for (;;) {
      std::string digits;
      auto some = [&](int n) {
        for (int i = 0; i < n; ++i) digits += char('0' + Between(0, 9));
      };
      std::string national;
      if (country == "AF") {
        national = "07" + std::to_string(Between(0, 9));
        some(7);
      } else if (country == "PK") {
        national = "03" + std::to_string(Between(0, 4)) + std::to_string(Between(0, 9));
        some(7);
      } else if (country == "BD") {
        national = "01" + std::to_string(Between(3, 9));
        some(8);
      } else if (country == "IQ") {
        national = "07" + std::to_string(Between(7, 9)) + std::to_string(Between(0, 9));
        some(7);
      } else {  // Tajikistan dials nine digits without a trunk 0
        national = "9" + std::to_string(Between(0, 3));
        some(7);
      }
      std::string number = national + digits;
      if (search::NormalisePhone(number, country)) return number;
    }
  }

  // The way people type a number: "0799 123 456", "+93 799-123-456", "0093799123456".
  std::string Typed(const std::string& national, const std::string& country) {
    static const std::vector<std::pair<std::string, std::string>> kCodes = {
        {"AF", "93"}, {"PK", "92"}, {"BD", "880"}, {"IQ", "964"}, {"TJ", "992"}};
    std::string code;
    for (const auto& [c, cc] : kCodes) {
      if (c == country) code = cc;
    }
    std::string rest = national[0] == '0' ? national.substr(1) : national;
    std::string typed = TypedAs(Between(0, 3), national, code, rest);
    // Not every country dials 00 abroad (Tajikistan dials 810): such a number is typed plainly.
    return search::NormalisePhone(typed, country) ? typed : national;
  }

  static std::string TypedAs(int way, const std::string& national, const std::string& code,
                             const std::string& rest) {
    switch (way) {
      case 0:
        return national.substr(0, 4) + " " + national.substr(4, 3) + " " + national.substr(7);
      case 1:
        return "+" + code + " " + rest.substr(0, 3) + "-" + rest.substr(3, 3) + "-" +
               rest.substr(6);
      case 2:
        return "00" + code + rest;
      default:
        return national;
    }
  }

  // One mistyped letter: dropped, doubled, two swapped, or another in its place.
  std::string Typo(const std::string& utf8) {
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(utf8);
    std::vector<int> letters;
    for (int i = 0; i < u.length(); ++i) {
      if (u[i] != u' ' && u[i] != u'-') letters.push_back(i);
    }
    if (letters.size() < 4) return utf8;
    int at = letters[size_t(Between(1, int(letters.size()) - 1))];
    switch (Between(0, 3)) {
      case 0:
        u.remove(at, 1);
        break;
      case 1:
        u.insert(at, u[at]);
        break;
      case 2:
        if (at + 1 < u.length() && u[at + 1] != u' ') {
          char16_t c = u[at];
          u.setCharAt(at, u[at + 1]);
          u.setCharAt(at + 1, c);
        }
        break;
      default: {
        int other = letters[size_t(Between(0, int(letters.size()) - 1))];
        u.setCharAt(at, u[other]);
      }
    }
    std::string out;
    u.toUTF8String(out);
    return out;
  }

  std::mt19937_64 rng_;
  std::chrono::year_month_day today_;
};

struct Individual {
  const Country* country;
  const Name* given;
  const Name* middle = nullptr;  // a second given name
  const Name* family;
  std::string sex;
  std::string birth_date;
  std::string phone;  // national format; "" for none
  std::string document;
};

std::string AgeBandOf(int age) {
  if (age < 18) return "0-17";
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 50) return "35-49";
  if (age < 65) return "50-64";
  return "65+";
}

int AgeOn(const std::string& birth, std::chrono::year_month_day today) {
  auto b = *ParseDate(birth);
  int age = int(today.year()) - int(b.year());
  if (std::pair(unsigned(today.month()), unsigned(today.day())) <
      std::pair(unsigned(b.month()), unsigned(b.day()))) {
    --age;
  }
  return age;
}

// A record of `who` as one visit wrote it; `again` for a later visit.
people::Identity Record(Generator& g, const Individual& who, bool again) {
  people::Identity id;
  const Country& c = *who.country;
  bool tajik_woman = c.family_by_sex && who.sex == "female";
  std::vector<std::string> native, latin;
  auto words = [&](const Name& n, bool family) {
    std::string nat = g.Spelling(Split(n.native, '/'));
    std::string lat = g.Spelling(Split(n.latin, ','));
    if (family && tajik_woman) {
      nat += "а";
      lat += "a";
    }
    native.push_back(nat);
    latin.push_back(lat);
  };
  words(*who.given, false);
  if (who.middle && !(again && g.Chance(0.3))) words(*who.middle, false);
  words(*who.family, true);
  if (again && g.Chance(0.05)) {
    std::reverse(native.begin(), native.end());
    std::reverse(latin.begin(), latin.end());
  }
  auto join = [](const std::vector<std::string>& w) {
    std::string out;
    for (const std::string& x : w) out += (out.empty() ? "" : " ") + x;
    return out;
  };
  bool with_native = g.Chance(0.8), with_latin = !with_native || g.Chance(0.65);
  if (with_native) id.name = join(native);
  if (with_latin) id.name_latin = join(latin);
  if (again && g.Chance(0.2) && !id.name_latin.empty()) id.name_latin = g.Typo(id.name_latin);
  if (again && g.Chance(0.08) && !id.name.empty()) id.name = g.Typo(id.name);
  if (g.Chance(0.1)) {
    for (char& ch : id.name_latin) ch = char(std::toupper(static_cast<unsigned char>(ch)));
  }

  double dob = g.Uniform();
  if (dob < 0.7) {
    id.birth_date = who.birth_date;
    if (again && g.Chance(0.05)) {
      auto d = *ParseDate(who.birth_date);
      if (g.Chance(0.5) && unsigned(d.day()) <= 12) {
        d = {d.year(), std::chrono::month(unsigned(d.day())),
             std::chrono::day(unsigned(d.month()))};
      } else {
        d = {d.year() + std::chrono::years(g.Chance(0.5) ? 1 : -1), d.month(), d.day()};
      }
      if (d.ok()) id.birth_date = DateText(d);
    }
  } else if (dob < 0.9) {
    id.age_band = AgeBandOf(AgeOn(who.birth_date, g.today_));
  }
  if (g.Chance(0.9)) id.sex = who.sex;
  if (g.Chance(0.7)) id.nationality = c.code;
  double phone = g.Uniform();
  if (!who.phone.empty() && (again ? phone < 0.9 : phone < 0.97)) {
    id.phones.push_back(g.Typed(who.phone, c.code));
  } else if (again && phone < 0.97) {
    id.phones.push_back(g.Typed(g.Phone(c.code), c.code));  // a new number
  }
  if (!who.document.empty() && g.Chance(again ? 0.2 : 0.25)) {
    id.documents.push_back({"passport", who.document});
  }
  return id;
}

}  // namespace

std::vector<GeneratedRecord> GeneratePeople(size_t records, uint64_t seed, std::string_view today) {
  Generator g(seed, today);
  std::vector<GeneratedRecord> out;
  out.reserve(records);
  int64_t next_individual = 0;
  while (out.size() < records) {
    // A family: its country, name and phone, and 1 to 6 members.
    double pick = g.Uniform();
    const Country* country = &Countries().back();
    for (const Country& c : Countries()) {
      if ((pick -= c.share) <= 0) {
        country = &c;
        break;
      }
    }
    const Name* family = &country->families[g.Skewed(country->families.size())];
    std::string family_phone = g.Phone(country->code);
    int members = 1 + std::min(5, int(std::floor(-std::log(1 - g.Uniform()) * 1.5)));
    int parent_age = g.Between(22, 60);
    std::string twin_birth;
    std::vector<const Name*> names_taken;  // brothers and sisters have names of their own
    for (int m = 0; m < members && out.size() < records; ++m) {
      Individual who{country, nullptr, nullptr, family, "", "", "", ""};
      who.sex = m == 0 ? (g.Chance(0.75) ? "male" : "female") : (g.Chance(0.5) ? "male" : "female");
      const std::vector<Name>& given = who.sex == "male" ? country->men : country->women;
      do {
        who.given = &given[g.Skewed(given.size())];
      } while (std::find(names_taken.begin(), names_taken.end(), who.given) != names_taken.end());
      names_taken.push_back(who.given);
      if (g.Chance(0.15)) who.middle = &given[g.Skewed(given.size())];
      int age = m == 0   ? parent_age
                : m == 1 ? std::max(18, parent_age + g.Between(-8, 3))
                         : std::max(0, parent_age - g.Between(18, 35));
      who.birth_date = g.BirthDate(age);
      if (m >= 2 && !twin_birth.empty() && g.Chance(0.1)) who.birth_date = twin_birth;
      if (m >= 2) twin_birth = who.birth_date;
      // Children are reached on the family's phone.
      who.phone = age >= 16 && g.Chance(0.4) ? g.Phone(country->code) : family_phone;
      if (g.Chance(0.4)) who.document = "P" + std::to_string(g.Between(1000000, 9999999));
      int64_t individual = next_individual++;
      double visits = g.Uniform();
      int count = visits < 0.03 ? 3 : visits < 0.15 ? 2 : 1;
      for (int v = 0; v < count && out.size() < records; ++v) {
        out.push_back({Record(g, who, v > 0), country->code, individual});
      }
    }
  }
  // Later visits come later, among everyone else's.
  std::vector<size_t> order(out.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), g.rng_);
  std::vector<GeneratedRecord> shuffled;
  shuffled.reserve(out.size());
  for (size_t i : order) shuffled.push_back(std::move(out[i]));
  return shuffled;
}

}  // namespace serai::testdata
