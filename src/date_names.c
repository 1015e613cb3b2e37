/*
 * date_names.c: the fixed vocabulary of the date stage (see date_names.h, SPEC.md section 4).
 */
#include <stddef.h>

#include "date_names.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Longer names first: the regex alternation is built in this order, and "Juni" must be tried
 * before "Jun". "Nopember" and "Pebruari" are old spellings still seen in print. */
const date_word date_months[] = {
    {"januari", 1, 0},   {"jan", 1, 1},       {"februari", 2, 0},  {"pebruari", 2, 0},
    {"feb", 2, 1},       {"peb", 2, 1},       {"maret", 3, 0},     {"mar", 3, 1},
    {"april", 4, 0},     {"apr", 4, 1},       {"mei", 5, 0},       {"juni", 6, 0},
    {"jun", 6, 1},       {"juli", 7, 0},      {"jul", 7, 1},       {"agustus", 8, 0},
    {"agst", 8, 1},      {"agu", 8, 1},       {"agt", 8, 1},       {"ags", 8, 1},
    {"september", 9, 0}, {"sept", 9, 1},      {"sep", 9, 1},       {"oktober", 10, 0},
    {"okt", 10, 1},      {"november", 11, 0}, {"nopember", 11, 0}, {"nov", 11, 1},
    {"nop", 11, 1},      {"desember", 12, 0}, {"des", 12, 1},
};
const size_t date_n_months = COUNT(date_months);

/* ISO weekday numbers. "Ahad" is the Arabic-derived name for Sunday. */
const date_word date_weekdays[] = {
    {"senin", 1, 0},  {"selasa", 2, 0},      {"rabu", 3, 0},  {"kamis", 4, 0},  {"jumat", 5, 0},
    {"jum'at", 5, 0}, {"jum\u2019at", 5, 0}, {"sabtu", 6, 0}, {"minggu", 7, 0}, {"ahad", 7, 0},
};
const size_t date_n_weekdays = COUNT(date_weekdays);

const date_word date_numwords[] = {
    {"satu", 1, 0},     {"dua", 2, 0},      {"tiga", 3, 0},     {"empat", 4, 0},
    {"lima", 5, 0},     {"enam", 6, 0},     {"tujuh", 7, 0},    {"delapan", 8, 0},
    {"sembilan", 9, 0}, {"sepuluh", 10, 0}, {"sebelas", 11, 0},
};
const size_t date_n_numwords = COUNT(date_numwords);

/* "dini hari" before "dini" would be wrong: "dini" alone is not a part of day. */
const date_pod date_pods[] = {
    {"dini hari", "MO"}, {"pagi", "MO"},   {"subuh", "MO"}, {"siang", "AF"},
    {"sore", "AF"},      {"petang", "EV"}, {"malam", "NI"},
};
const size_t date_n_pods = COUNT(date_pods);

/* Longer names first (regex alternation order): "tahun baru imlek" before "tahun baru". */
const date_holiday date_holidays[] = {
    {"hari raya idul fitri", 0, 0, FEAST_FITRI, 0},
    {"hari raya idulfitri", 0, 0, FEAST_FITRI, 0},
    {"hari raya idul adha", 0, 0, FEAST_ADHA, 0},
    {"hari raya iduladha", 0, 0, FEAST_ADHA, 0},
    {"hari raya nyepi", 0, 0, FEAST_NYEPI, 0},
    {"hari raya waisak", 0, 0, FEAST_WAISAK, 0},
    {"tahun baru imlek", 0, 0, FEAST_IMLEK, 0},
    {"hari kemerdekaan republik indonesia", 8, 17, 0, 1},
    {"hari kemerdekaan indonesia", 8, 17, 0, 1},
    {"hari kemerdekaan ri", 8, 17, 0, 1},
    {"hari kemerdekaan", 8, 17, 0, 1},
    {"hut kemerdekaan ri", 8, 17, 0, 1},
    {"hut ri", 8, 17, 0, 1},
    {"hut", 8, 17, 0, 2},
    {"hari buruh internasional", 5, 1, 0, 0},
    {"hari buruh sedunia", 5, 1, 0, 0},
    {"hari buruh", 5, 1, 0, 0},
    {"hari pahlawan", 11, 10, 0, 0},
    {"hari kartini", 4, 21, 0, 0},
    {"hari sumpah pemuda", 10, 28, 0, 0},
    {"hari natal", 12, 25, 0, 0},
    {"tahun baru", 1, 1, 0, 0},
    {"natal", 12, 25, 0, 0},
    {"idul fitri", 0, 0, FEAST_FITRI, 0},
    {"idulfitri", 0, 0, FEAST_FITRI, 0},
    {"lebaran", 0, 0, FEAST_FITRI, 0},
    {"idul adha", 0, 0, FEAST_ADHA, 0},
    {"iduladha", 0, 0, FEAST_ADHA, 0},
    {"imlek", 0, 0, FEAST_IMLEK, 0},
    {"nyepi", 0, 0, FEAST_NYEPI, 0},
    {"waisak", 0, 0, FEAST_WAISAK, 0},
};
const size_t date_n_holidays = COUNT(date_holidays);

/*
 * Moveable feasts as month*100+day, years 2013 onwards (2013-2014 is the period of the Kompas
 * development articles). Idul Fitri, Idul Adha, Nyepi and Waisak: the national holidays fixed
 * each year by the government's joint decree (SKB) on national holidays (for the Islamic feasts
 * the government's date after the isbat session, not an organisation's own). Imlek: the first
 * day of the Chinese lunar year. A year missing here gives value null: an unverified date
 * would be worse than none.
 */
static const short feast_fitri[] = {808, 728, 717, 706, 625, 615, 605,
                                    524, 513, 502, 422, 410, 331};
static const short feast_adha[] = {1015, 1005, 924, 912, 901, 822, 811,
                                   731,  720,  710, 629, 617, 606};
static const short feast_nyepi[] = {312, 331, 321, 309, 328, 317, 307,
                                    325, 314, 303, 322, 311, 329};
static const short feast_waisak[] = {525, 515, 602, 522, 511, 529, 519,
                                     507, 526, 516, 604, 523, 512};
static const short feast_imlek[] = {210, 131, 219, 208, 128, 216, 205, 125, 212,
                                    201, 122, 210, 129, 217, 206, 126, 213, 203};
#define FEAST_FIRST_YEAR 2013

int
date_feast_md(int feast, int y)
{
    const short *t;
    size_t n;
    switch (feast) {
    case FEAST_FITRI:
        t = feast_fitri;
        n = COUNT(feast_fitri);
        break;
    case FEAST_ADHA:
        t = feast_adha;
        n = COUNT(feast_adha);
        break;
    case FEAST_NYEPI:
        t = feast_nyepi;
        n = COUNT(feast_nyepi);
        break;
    case FEAST_WAISAK:
        t = feast_waisak;
        n = COUNT(feast_waisak);
        break;
    case FEAST_IMLEK:
        t = feast_imlek;
        n = COUNT(feast_imlek);
        break;
    default:
        return 0;
    }
    if (y < FEAST_FIRST_YEAR || (size_t)(y - FEAST_FIRST_YEAR) >= n)
        return 0;
    return t[y - FEAST_FIRST_YEAR];
}

const date_cword date_cwords[] = {
    /* Nouns a number counts: "10.000 tentara", "2000 orang". A 4-digit number before one of
     * these is an amount, not a year. */
    {"orang", WC_UNIT},
    {"jiwa", WC_UNIT},
    {"tentara", WC_UNIT},
    {"prajurit", WC_UNIT},
    {"personel", WC_UNIT},
    {"pasukan", WC_UNIT},
    {"unit", WC_UNIT},
    {"buah", WC_UNIT},
    {"ekor", WC_UNIT},
    {"rupiah", WC_UNIT},
    {"dolar", WC_UNIT},
    {"euro", WC_UNIT},
    {"ringgit", WC_UNIT},
    {"yen", WC_UNIT},
    {"won", WC_UNIT},
    {"km", WC_UNIT},
    {"kilometer", WC_UNIT},
    {"meter", WC_UNIT},
    {"m", WC_UNIT},
    {"cm", WC_UNIT},
    {"mm", WC_UNIT},
    {"kg", WC_UNIT},
    {"kilogram", WC_UNIT},
    {"gram", WC_UNIT},
    {"ton", WC_UNIT},
    {"liter", WC_UNIT},
    {"hektare", WC_UNIT},
    {"hektar", WC_UNIT},
    {"ha", WC_UNIT},
    {"persen", WC_UNIT},
    {"%", WC_UNIT},
    {"kali", WC_UNIT},
    {"kasus", WC_UNIT},
    {"rumah", WC_UNIT},
    {"kendaraan", WC_UNIT},
    {"mobil", WC_UNIT},
    {"motor", WC_UNIT},
    {"warga", WC_UNIT},
    {"penduduk", WC_UNIT},
    {"siswa", WC_UNIT},
    {"mahasiswa", WC_UNIT},
    {"pegawai", WC_UNIT},
    {"karyawan", WC_UNIT},
    {"pekerja", WC_UNIT},
    {"peserta", WC_UNIT},
    {"penonton", WC_UNIT},
    {"suara", WC_UNIT},
    {"kursi", WC_UNIT},
    {"desa", WC_UNIT},
    {"sekolah", WC_UNIT},
    {"titik", WC_UNIT},
    {"lokasi", WC_UNIT},
    {"halaman", WC_UNIT},
    {"kata", WC_UNIT},
    {"pasien", WC_UNIT},
    {"korban", WC_UNIT},
    {"anggota", WC_UNIT},
    {"guru", WC_UNIT},
    {"dokter", WC_UNIT},
    {"penumpang", WC_UNIT},
    {"kapal", WC_UNIT},
    {"pesawat", WC_UNIT},
    {"rudal", WC_UNIT},
    {"senjata", WC_UNIT},
    {"butir", WC_UNIT},
    {"lembar", WC_UNIT},
    {"batang", WC_UNIT},
    {"paket", WC_UNIT},
    {"porsi", WC_UNIT},
    {"botol", WC_UNIT},
    {"kotak", WC_UNIT},
    {"poin", WC_UNIT},
    {"gol", WC_UNIT},
    {"detik", WC_UNIT},
    {"menit", WC_UNIT},
    {"jam", WC_UNIT},
    {"hari", WC_UNIT},
    {"minggu", WC_UNIT},
    {"pekan", WC_UNIT},
    {"bulan", WC_UNIT},
    {"tahun", WC_UNIT},
    {"mw", WC_UNIT},
    {"watt", WC_UNIT},
    {"kwh", WC_UNIT},
    {"gb", WC_UNIT},
    {"mb", WC_UNIT},
    {"mah", WC_UNIT},
    {"cc", WC_UNIT},
    {"hp", WC_UNIT},
    {"megapiksel", WC_UNIT},
    {"mp", WC_UNIT},
    {"keluarga", WC_UNIT},
    {"kk", WC_UNIT},
    {"ribu", WC_UNIT},
    {"juta", WC_UNIT},
    {"miliar", WC_UNIT},
    {"triliun", WC_UNIT},
    {"lebih", WC_UNIT},
    {"kilo", WC_UNIT},
    {"mil", WC_UNIT},
    {"sampel", WC_UNIT},
    {"spbu", WC_UNIT},
    {"perusahaan", WC_UNIT},
    {"petugas", WC_UNIT},
    {"polisi", WC_UNIT},
    {"relawan", WC_UNIT},
    {"pengungsi", WC_UNIT},
    {"kl", WC_UNIT},
    {"x", WC_UNIT},
    {"dpi", WC_UNIT},
    {"piksel", WC_UNIT},
    {"mhz", WC_UNIT},
    {"ghz", WC_UNIT},
    {"item", WC_UNIT},
    {"blok", WC_UNIT},
    {"derajat", WC_UNIT},
    {"per", WC_UNIT},
    {"dollar", WC_UNIT},
    {"barel", WC_UNIT},
    /* Words after which a number names or counts something: "Rp 2024", "nomor 2024". */
    {"rp", WC_NUM_BEFORE},
    {"rp.", WC_NUM_BEFORE},
    {"idr", WC_NUM_BEFORE},
    {"usd", WC_NUM_BEFORE},
    {"us$", WC_NUM_BEFORE},
    {"$", WC_NUM_BEFORE},
    {"nomor", WC_NUM_BEFORE},
    {"nomer", WC_NUM_BEFORE},
    {"no", WC_NUM_BEFORE},
    {"no.", WC_NUM_BEFORE},
    {"nr", WC_NUM_BEFORE},
    {"pasal", WC_NUM_BEFORE},
    {"ayat", WC_NUM_BEFORE},
    {"kode", WC_NUM_BEFORE},
    {"tipe", WC_NUM_BEFORE},
    {"type", WC_NUM_BEFORE},
    {"seri", WC_NUM_BEFORE},
    {"model", WC_NUM_BEFORE},
    {"versi", WC_NUM_BEFORE},
    {"hal", WC_NUM_BEFORE},
    {"hal.", WC_NUM_BEFORE},
    {"hlm", WC_NUM_BEFORE},
    {"hlm.", WC_NUM_BEFORE},
    {"jl", WC_NUM_BEFORE},
    {"jl.", WC_NUM_BEFORE},
    {"jalan", WC_NUM_BEFORE},
    {"gang", WC_NUM_BEFORE},
    {"blok", WC_NUM_BEFORE},
    {"lantai", WC_NUM_BEFORE},
    {"kamar", WC_NUM_BEFORE},
    {"ruang", WC_NUM_BEFORE},
    {"rt", WC_NUM_BEFORE},
    {"rw", WC_NUM_BEFORE},
    {"sebanyak", WC_NUM_BEFORE},
    {"sejumlah", WC_NUM_BEFORE},
    {"mencapai", WC_NUM_BEFORE},
    {"senilai", WC_NUM_BEFORE},
    {"seharga", WC_NUM_BEFORE},
    {"berjumlah", WC_NUM_BEFORE},
    {"total", WC_NUM_BEFORE},
    {"sekitar", WC_NUM_BEFORE},
    {"hampir", WC_NUM_BEFORE},
    {"kurang", WC_NUM_BEFORE},
    {"liga", WC_NUM_BEFORE},
    {"skor", WC_NUM_BEFORE},
    {"nilai", WC_NUM_BEFORE},
    {"kurs", WC_NUM_BEFORE},
    {"harga", WC_NUM_BEFORE},
    {"kapasitas", WC_NUM_BEFORE},
    {"pukul", WC_NUM_BEFORE},
    {"jam", WC_NUM_BEFORE},
    {"km", WC_NUM_BEFORE},
    {"tol", WC_NUM_BEFORE},
    {"rute", WC_NUM_BEFORE},
    {"nopol", WC_NUM_BEFORE},
    {"pin", WC_NUM_BEFORE},
    {"kapal", WC_NUM_BEFORE},
    {"penerbangan", WC_NUM_BEFORE},
    {"lebih", WC_NUM_BEFORE},
    {"setidaknya", WC_NUM_BEFORE},
    {"sedikitnya", WC_NUM_BEFORE},
    {"minimal", WC_NUM_BEFORE},
    {"maksimal", WC_NUM_BEFORE},
    {"uu", WC_NUM_BEFORE},
    {"perpres", WC_NUM_BEFORE},
    {"pp", WC_NUM_BEFORE},
    {"perda", WC_NUM_BEFORE},
    {"kepres", WC_NUM_BEFORE},
    {"keppres", WC_NUM_BEFORE},
    {"permen", WC_NUM_BEFORE},
    {"x", WC_NUM_BEFORE},
    {"bernomor", WC_NUM_BEFORE},
    {"nomornya", WC_NUM_BEFORE},
    /* Words after which a bare month name ("pada Juni") is a date. */
    {"pada", WC_MONTH_CTX},
    {"sejak", WC_MONTH_CTX},
    {"hingga", WC_MONTH_CTX},
    {"sampai", WC_MONTH_CTX},
    {"bulan", WC_MONTH_CTX},
    {"awal", WC_MONTH_CTX},
    {"pertengahan", WC_MONTH_CTX},
    {"akhir", WC_MONTH_CTX},
    {"medio", WC_MONTH_CTX},
    {"jelang", WC_MONTH_CTX},
    {"menjelang", WC_MONTH_CTX},
    {"selama", WC_MONTH_CTX},
    {"sepanjang", WC_MONTH_CTX},
    {"mulai", WC_MONTH_CTX},
    {"per", WC_MONTH_CTX},
    {"penghujung", WC_MONTH_CTX},
    {"antara", WC_MONTH_CTX},
    {"dari", WC_MONTH_CTX},
    {"setiap", WC_MONTH_CTX},
    {"tiap", WC_MONTH_CTX},
    /* Words before "minggu" that make it a week, not Sunday: "dua minggu", "tiap minggu". */
    {"beberapa", WC_WEEK_CTX},
    {"tiap", WC_WEEK_CTX},
    {"setiap", WC_WEEK_CTX},
    {"per", WC_WEEK_CTX},
    {"dalam", WC_WEEK_CTX},
    {"selama", WC_WEEK_CTX},
    {"sepanjang", WC_WEEK_CTX},
    {"akhir", WC_WEEK_CTX},
    {"awal", WC_WEEK_CTX},
    {"pertengahan", WC_WEEK_CTX},
    {"satu", WC_WEEK_CTX},
    {"dua", WC_WEEK_CTX},
    {"tiga", WC_WEEK_CTX},
    {"empat", WC_WEEK_CTX},
    {"lima", WC_WEEK_CTX},
    {"enam", WC_WEEK_CTX},
    {"tujuh", WC_WEEK_CTX},
    {"delapan", WC_WEEK_CTX},
    {"sembilan", WC_WEEK_CTX},
    {"sepuluh", WC_WEEK_CTX},
    {"minggu", WC_WEEK_CTX},
    {"pekan", WC_WEEK_CTX},
    {"ke", WC_WEEK_CTX},
};
const size_t date_n_cwords = COUNT(date_cwords);

const date_tword date_trigger_words[] = {
    {"tanggal", DW_PREFIX},
    {"tgl", DW_PREFIX},
    {"tgl.", DW_PREFIX},
    {"tahun", DW_PREFIX | DW_REL | DW_RELUNIT},
    {"thn", DW_PREFIX},
    {"bulan", DW_PREFIX | DW_REL | DW_RELUNIT},
    {"hari", DW_PREFIX | DW_REL | DW_RELUNIT},
    {"pekan", DW_REL | DW_RELUNIT},
    {"minggu", DW_REL | DW_RELUNIT},
    {"awal", DW_MOD},
    {"pertengahan", DW_MOD},
    {"medio", DW_MOD},
    {"akhir", DW_MOD},
    {"penghujung", DW_MOD},
    {"sekitar", DW_MOD},
    {"kemarin", DW_REL},
    {"besok", DW_REL},
    {"esok", DW_REL},
    {"lusa", DW_REL},
    {"sehari", DW_REL},
    {"sepekan", DW_REL},
    {"seminggu", DW_REL},
    {"sebulan", DW_REL},
    {"setahun", DW_REL},
    {"pukul", DW_TIMEKW},
    {"pkl", DW_TIMEKW},
    {"pkl.", DW_TIMEKW},
    {"jam", DW_TIMEKW},
    {"abad", DW_CENT},
    {"tadi", DW_POD},
    {"wib", DW_ZONE},
    {"wita", DW_ZONE},
    {"wit", DW_ZONE},
    {"gmt", DW_ZONE},
    {"utc", DW_ZONE},
    {"waktu", DW_ZONE},
};
const size_t date_n_trigger_words = COUNT(date_trigger_words);
