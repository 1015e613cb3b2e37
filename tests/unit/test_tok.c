/*
 * test_tok.c: the tokenizer on Indonesian text (cases of issue 2, item 3).
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "tok/tok.h"

static tok_list tl;
static const char *cur;

static void
run(const char *s)
{
    cur = s;
    CHECK(tok_run(&tl, s, strlen(s)) == IDNER_OK);
}

/* The text of token I. */
static const char *
text_of(size_t i)
{
    static char buf[256];
    if (i >= tl.n)
        return "(none)";
    size_t n = tl.v[i].byte_end - tl.v[i].byte_start;
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, cur + tl.v[i].byte_start, n);
    buf[n] = '\0';
    return buf;
}

/* The index of the token whose text is S, or -1. */
static long
find(const char *s)
{
    for (size_t i = 0; i < tl.n; i++)
        if (!strcmp(text_of(i), s))
            return (long)i;
    return -1;
}

static void
expect_tokens(const char *s, const char *const *want, size_t n)
{
    run(s);
    CHECK_INT(tl.n, n);
    for (size_t i = 0; i < n && i < tl.n; i++)
        CHECK_STR(text_of(i), want[i]);
}

#define EXPECT(s, ...)                                                                             \
    do {                                                                                           \
        static const char *const w_[] = {__VA_ARGS__};                                             \
        expect_tokens(s, w_, sizeof w_ / sizeof w_[0]);                                            \
    } while (0)

/* A sentence too long is cut at its first word TOK_SENT_MAX bytes or more after it began, and
 * only at a word; tok_more in steps cuts it at the same tokens. */
static void
sentence_cuts(void)
{
    const char *unit = "warga di Jakarta, (Bogor) dan 12 ";
    size_t ulen = strlen(unit), reps = 3 * TOK_SENT_MAX / ulen + 5;
    char *text = malloc(reps * ulen + 1);
    for (size_t r = 0; r < reps; r++)
        memcpy(text + r * ulen, unit, ulen);
    text[reps * ulen] = '\0';
    run(text);
    size_t cuts = 0, sent_at = 0;
    int ok = 1;
    for (size_t i = 0; i < tl.n; i++) {
        const tok *t = &tl.v[i];
        if (t->flags & TOK_F_SENT_CUT) {
            cuts++;
            /* a word, past the cap, and the first such word */
            ok &= t->kind == TOK_WORD && (t->flags & TOK_F_SENT_START) &&
                  t->byte_start - sent_at >= TOK_SENT_MAX && t->sent == cuts &&
                  (tl.v[i - 1].flags & TOK_F_SENT_END);
            for (size_t k = i - 1; tl.v[k].byte_start - sent_at >= TOK_SENT_MAX; k--)
                ok &= tl.v[k].kind != TOK_WORD;
            sent_at = t->byte_start;
        } else if (i > 0) {
            ok &= !(t->flags & TOK_F_SENT_START);
        }
    }
    CHECK(ok);
    CHECK_INT(cuts, 3);
    CHECK_INT(tl.cuts, 3);
    tok_list steps = {0};
    tok_state st;
    tok_begin(&st, text, strlen(text), TOK_SENT_MAX);
    for (size_t upto = 1000; st.i < strlen(text); upto += 1000)
        CHECK(tok_more(&steps, &st, text, strlen(text),
                       upto < strlen(text) ? upto : strlen(text)) == IDNER_OK);
    tok_end(&steps);
    CHECK_INT(steps.n, tl.n);
    int same = steps.n == tl.n;
    for (size_t i = 0; same && i < tl.n; i++)
        same = steps.v[i].flags == tl.v[i].flags && steps.v[i].sent == tl.v[i].sent &&
               steps.v[i].byte_start == tl.v[i].byte_start;
    CHECK(same);
    tok_list_free(&steps);
    /* no word, no cut: a run of "(" is one sentence however long */
    memset(text, '(', 2 * TOK_SENT_MAX);
    text[2 * TOK_SENT_MAX] = '\0';
    run(text);
    CHECK_INT(tl.cuts, 0);
    CHECK_INT(tl.v[tl.n - 1].sent, 0);
    free(text);
}

int
main(void)
{
    /* words, punctuation, reduplication, clitics */
    EXPECT("Negara-negara itu membahas isu-isu penting.", "Negara-negara", "itu", "membahas",
           "isu-isu", "penting", ".");
    CHECK(tl.v[0].flags & TOK_F_REDUP);
    CHECK(tl.v[3].flags & TOK_F_REDUP);
    EXPECT("Mereka berhari-hari tembak-menembak.", "Mereka", "berhari-hari", "tembak-menembak",
           ".");
    run("Rumahnya di Jakartanya sendiri, bukankah begitu?");
    long k = find("Jakartanya");
    CHECK(k >= 0 && (tl.v[k].flags & TOK_F_CLITIC));
    CHECK(k >= 0 && tl.v[k].stem_len == 7);
    k = find("bukankah");
    CHECK(k >= 0 && (tl.v[k].flags & TOK_F_CLITIC));
    /* hyphens before capitals and digits split; ke-21 is one ordinal */
    EXPECT("Korea Utara-Rusia meluncurkan Hwasong-19 pada abad ke-21.", "Korea", "Utara", "-",
           "Rusia", "meluncurkan", "Hwasong", "-", "19", "pada", "abad", "ke-21", ".");
    CHECK(tl.v[10].flags & TOK_F_ORDINAL);
    EXPECT("Menlu Choe Son-hui bertemu Kim Jong-un.", "Menlu", "Choe", "Son-hui", "bertemu", "Kim",
           "Jong-un", ".");
    /* numbers in Indonesian format and digit dates */
    EXPECT("Sebanyak 10.000 tentara, inflasi 9,2 persen, bunga 1,30% dan Rp9,2 miliar.", "Sebanyak",
           "10.000", "tentara", ",", "inflasi", "9,2", "persen", ",", "bunga", "1,30%", "dan",
           "Rp9,2", "miliar", ".");
    CHECK_INT(tl.v[1].kind, TOK_NUMBER);
    CHECK_INT(tl.v[11].kind, TOK_NUMBER);
    EXPECT("Minggu (3/11/2024) dan Senin (28/10) pukul 10.30 atau 10:30 WIB.", "Minggu", "(",
           "3/11/2024", ")", "dan", "Senin", "(", "28/10", ")", "pukul", "10.30", "atau", "10:30",
           "WIB", ".");
    CHECK_INT(tl.v[2].kind, TOK_DATEDIGITS);
    CHECK_INT(tl.v[7].kind, TOK_DATEDIGITS);
    EXPECT("Tanggal 2024-11-03 dan skor 3-1 pada tahun 1990-an.", "Tanggal", "2024-11-03", "dan",
           "skor", "3", "-", "1", "pada", "tahun", "1990-an", ".");
    CHECK_INT(tl.v[1].kind, TOK_DATEDIGITS);
    /* abbreviations keep their period and do not end the sentence */
    run("Dr. Budi dan Prof. Siti tinggal di Jl. Merdeka No. 5 dll. bersama H. Ahmad dan KH. Umar "
        "di Jl. HR. Sutan.");
    CHECK(find("KH.") >= 0);
    CHECK(find("HR.") >= 0);
    CHECK(find("Dr.") >= 0);
    CHECK(find("Prof.") >= 0);
    CHECK(find("Jl.") >= 0);
    CHECK(find("No.") >= 0);
    CHECK(find("dll.") >= 0);
    CHECK(find("H.") >= 0);
    CHECK(find("Ahmad") >= 0);
    for (size_t i = 1; i < tl.n; i++)
        CHECK(!(tl.v[i].flags & TOK_F_SENT_START));
    /* URLs, e-mail, hashtags, domains */
    EXPECT(
        "Lihat https://contoh.go.id/berita?id=5, tulis ke redaksi@contoh.co.id atau #PemiluDamai.",
        "Lihat", "https://contoh.go.id/berita?id=5", ",", "tulis", "ke", "redaksi@contoh.co.id",
        "atau", "#PemiluDamai", ".");
    CHECK_INT(tl.v[1].kind, TOK_URL);
    CHECK_INT(tl.v[5].kind, TOK_EMAIL);
    CHECK_INT(tl.v[7].kind, TOK_HASHTAG);
    EXPECT("Suara.com - Berita", "Suara.com", "-", "Berita");
    CHECK_INT(tl.v[0].kind, TOK_URL);
    /* sentences and paragraphs */
    run("Hujan turun. Banjir datang!\nWarga mengungsi. \"Kami takut.\" Lalu pergi.\n\nEsok hari.");
    CHECK(tl.v[find("Hujan")].flags & TOK_F_SENT_START);
    CHECK(tl.v[find("Banjir")].flags & TOK_F_SENT_START);
    CHECK(tl.v[find("Warga")].flags & TOK_F_SENT_START);
    CHECK(tl.v[find("Warga")].flags & TOK_F_PARA_START);
    CHECK(tl.v[find("Lalu")].flags & TOK_F_SENT_START);
    CHECK(tl.v[find("Esok")].flags & TOK_F_PARA_START);
    CHECK_INT(tl.v[find("Esok")].sent, 5);
    run("Harga naik 2.5 persen... lalu turun.");
    CHECK(!(tl.v[find("lalu")].flags & TOK_F_SENT_START));
    /* an initial written as tokenized text writes it ("B ."): no sentence ends there */
    run("Penulis Agus B . Wicaksono datang. Hadirin senang.");
    CHECK(!(tl.v[find("Wicaksono")].flags & TOK_F_SENT_START));
    CHECK(tl.v[find("Hadirin")].flags & TOK_F_SENT_START);
    /* shapes and keys: NFKC + case fold, curly quotes and dashes unified */
    run("KPK memanggil Jum\xe2\x80\x99"
        "at \xe2\x80\x9c"
        "Ketua\xe2\x80\x9d \xe2\x80\x93 ﬁnal");
    CHECK(tl.v[0].flags & TOK_F_ALLCAPS);
    CHECK(tl.v[1].flags & TOK_F_LOWER);
    CHECK_STR(tok_key(&tl, &tl.v[2]), "jum'at");
    CHECK_STR(tok_key(&tl, &tl.v[3]), "\"");
    CHECK_STR(tok_key(&tl, &tl.v[4]), "ketua");
    CHECK_STR(tok_key(&tl, &tl.v[6]), "-");
    CHECK_STR(tok_key(&tl, &tl.v[7]), "final");
    /* byte offsets (code points are counted by result.c); no-break space separates */
    run("Kota Bogotá\xc2\xa0"
        "dan Sulawesi");
    CHECK_INT(tl.n, 4);
    CHECK_INT(tl.v[1].byte_end, 12);
    CHECK_INT(tl.v[2].byte_start, 14);
    CHECK_INT(sizeof(tok), 32);
    /* empty and white-space-only text */
    run("");
    CHECK_INT(tl.n, 0);
    run(" \n\t ");
    CHECK_INT(tl.n, 0);
    tok_list_free(&tl);
    sentence_cuts();
    return harness_done();
}
