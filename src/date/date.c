/*
 * date.c: the date and time stage (SPEC.md section 4): the model (pcre2 patterns compiled once
 * with JIT, a word table for the prefilter), the scan over tokens and the candidates it emits.
 * The forms are read in date/forms.c, date/words.c and date/holiday.c, joined into mentions
 * in date/join.c and resolved in date/resolve.c (date/impl.h has the layering).
 *
 * Conventions decided here (issue 4):
 * - Law numbers are not dates: "UU No. 11/2020" has no d/m/y reading (a number/year pair is
 *   not a date form), and in "UU Nomor 11 Tahun 2020" the "Tahun 2020" after "Nomor 11" (or
 *   after UU/PP/Perpres + number) is part of the law's name, so no DATE either.
 * - A 4-digit number alone is a year (value "2026") when it lies in 1900-2100, is not glued to
 *   a word or another number ("Hwasong-2024"), does not follow a word that makes numbers into
 *   amounts or identifiers ("Rp", "nomor", "pasal", "sebanyak", "sekitar") and is not followed
 *   by a counted noun ("2000 orang", "2024 unit"). After "tahun", "awal", "akhir" any 4-digit
 *   year 1000-2999 is accepted.
 * - A yearless d/m ("28/10") is a date after a weekday, after "tanggal" or alone in
 *   parentheses; elsewhere it is a fraction or a score.
 * - d-m-y and d.m.y need a 4-digit year (3-1 is a score, 2.0 a version); d/m/yy takes the
 *   two-digit year rule of SPEC 4.2.
 * - A clock time needs "pukul"/"jam", a zone, or "waktu setempat": "10.30" alone is a number.
 * - "akhir bulan", "awal tahun" and other mod + bulan/tahun without more are the reference
 *   date's month/year with the mod; "akhir pekan" is a weekend (issue 10, below).
 * - A yearless date after "sejak" is resolved into the past (what started has started).
 * - Fixed holidays take the year nearest the reference date like any yearless date.
 * - A stand-alone "HUT" is any anniversary: only "HUT <RI|TNI|Polri|Jakarta> ke-N" is a date.
 *
 * Conventions decided here (issue 10; docs/dates.md has them in full, with examples):
 * - Ranges in every spelling are one mention: dashes (en, em), hingga, sampai (dengan), s.d.,
 *   s/d, "s / d"; "D dan D Month"; short second years (1933-34, 2011/12); weekday pairs
 *   (Sabtu-Minggu; "dan" only for two days in a row; after setiap, XXXX-WXX-a/XXXX-WXX-b);
 *   years in parentheses (1712-1773); clock ranges, a day repeated on both sides.
 * - A part of day after a comma belongs to its date; a clock time right after a written day
 *   needs no "pukul"; a clock time followed by ", <date>" takes that day; otherwise a clock
 *   time alone takes the nearest preceding full day of the whole document (SPEC 4.2).
 * - Tokenized text: separators with spaces around them read as without.
 * - Dates counted from another one (dua hari kemudian, keesokan harinya, tahun yang sama)
 *   count from the last full day / month / year named before, else null ("X berikutnya":
 *   from the reference date).
 * - A clause about the future (SPEC 4.3) is bounded by punctuation and clause words (dan,
 *   bahwa, yang, ...) within 16 tokens; its cues may stand before or after the mention.
 * - Quarters and halves without a year: the latest begun by the reference date (the future:
 *   the first not over). Seasons are northern, named by the year they begin in. "akhir pekan"
 *   is the reference week's weekend (YYYY-Www-WE). tengah malam T24:00, tengah hari T12:00.
 * - Holidays and Hijri dates come from tables generated from ICU (Umm al-Qura: the one-day
 *   caveat of README), Nyepi and Waisak from the decrees of 2013-2025, Easter computed;
 *   Hijri mentions carry calendar "hijri". Years "SM" are mentions with value null.
 * - Bare months after a noun count, except after words that introduce a person or before a
 *   capitalized word; years of three digits need "tahun" or an era ("M").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/error.h"
#include "date/impl.h"
#include "date/names.h"

/* ---- the word table ------------------------------------------------------------------- */

static int
words_add(date_word_ent *t, size_t mask, const char *w, uint32_t bits)
{
    uint64_t h = tok_hash(w, strlen(w));
    if (!h)
        h = 1;
    for (size_t k = h & mask;; k = (k + 1) & mask) {
        if (t[k].h == h || t[k].h == 0) {
            t[k].h = h;
            t[k].bits |= bits;
            return 0;
        }
    }
}

/* Adds the word of NAME that starts at its byte FROM (words separated by spaces; ' an
 * optional apostrophe, so "isra' mi'raj" is also written "isra miraj") in each spelling a
 * token key can have. */
static void
words_add_word(date_word_ent *t, size_t mask, const char *name, size_t from, uint32_t bits)
{
    char with[48], without[48];
    size_t n = strcspn(name + from, " "), a = 0, b = 0;
    name += from;
    for (size_t k = 0; k < n && a + 1 < sizeof with; k++) {
        with[a++] = name[k];
        if (name[k] != '\'')
            without[b++] = name[k];
    }
    while (a && with[a - 1] == '\'') /* a word-final apostrophe is a token of its own */
        a--;
    with[a] = without[b] = '\0';
    words_add(t, mask, with, bits);
    words_add(t, mask, without, bits);
}

static void
words_add_first(date_word_ent *t, size_t mask, const char *name, uint32_t bits)
{
    words_add_word(t, mask, name, 0, bits);
}

static int
words_build(date_model *dm)
{
    size_t n = date_n_months + date_n_weekdays + date_n_numwords + date_n_pods + date_n_holidays +
               date_n_hijri_months + date_n_cwords + date_n_trigger_words;
    size_t size = 64;
    n += date_n_months + date_n_holidays + date_n_hijri_months; /* second spellings */
    while (size < n * 4)
        size *= 2;
    dm->words = calloc(size, sizeof *dm->words);
    if (!dm->words)
        return -1;
    dm->words_mask = size - 1;
    date_word_ent *t = dm->words;
    size_t mask = dm->words_mask;
    for (size_t k = 0; k < date_n_months; k++) {
        words_add(t, mask, date_months[k].w, TB_TRIGGER | TB_MONTH);
        if (date_months[k].abbrev) { /* the tokenizer keeps the period of "Nov." */
            char dotted[16];
            snprintf(dotted, sizeof dotted, "%s.", date_months[k].w);
            words_add(t, mask, dotted, TB_TRIGGER | TB_MONTH);
        }
    }
    for (size_t k = 0; k < date_n_weekdays; k++)
        words_add(t, mask, date_weekdays[k].w,
                  TB_TRIGGER | TB_WD | (date_weekdays[k].abbrev ? TB_WDABBR : 0));
    for (size_t k = 0; k < date_n_numwords; k++)
        words_add(t, mask, date_numwords[k].w, TB_TRIGGER | TB_NUMW);
    for (size_t k = 0; k < date_n_pods; k++)
        words_add_first(t, mask, date_pods[k].w, TB_TRIGGER | TB_POD);
    for (size_t k = 0; k < date_n_holidays; k++) {
        /* Most first words of holidays are common words ("hari", "tahun", "kenaikan"): the
         * second word is checked before the pattern runs. */
        const char *name = date_holidays[k].name, *sp = strchr(name, ' ');
        words_add_first(t, mask, name, TB_TRIGGER | TB_HOL | (sp ? 0 : TB_HOL1));
        if (sp)
            words_add_word(t, mask, name, (size_t)(sp + 1 - name), TB_HOL2);
    }
    /* "HUT", "Milad", "ulang tahun", "hari ulang tahun" open an anniversary (RE_HOL). */
    words_add(t, mask, "hut", TB_TRIGGER | TB_HOL | TB_HOL1);
    words_add(t, mask, "milad", TB_TRIGGER | TB_HOL | TB_HOL1);
    words_add(t, mask, "ulang", TB_TRIGGER | TB_HOL | TB_HOL2);
    words_add(t, mask, "tahun", TB_HOL2);
    for (size_t k = 0; k < date_n_hijri_months; k++)
        words_add_first(t, mask, date_hijri_months[k].w, TB_TRIGGER | TB_HIJRI);
    static const uint32_t cls_bits[] = {0, TB_UNIT, TB_NUMBEFORE, TB_MONTHCTX, TB_WEEKCTX};
    for (size_t k = 0; k < date_n_cwords; k++)
        words_add(t, mask, date_cwords[k].w, cls_bits[date_cwords[k].cls]);
    for (size_t k = 0; k < date_n_trigger_words; k++) {
        int b = date_trigger_words[k].bits;
        int starts = b & (DW_REL | DW_PREFIX | DW_MOD | DW_TIMEKW | DW_CENT | DW_POD | DW_PERIOD);
        words_add(t, mask, date_trigger_words[k].w, TB_DW(b) | (starts ? TB_TRIGGER : 0));
    }
    for (size_t k = 0; k <= mask; k++)
        if (t[k].h && (t[k].bits & TB_TRIGGER)) {
            uint64_t b = t[k].h >> (64 - DATE_TRIG_LOG2);
            dm->trig_filter[b >> 6] |= 1ull << (b & 63);
        }
    return 0;
}

/* ---- the patterns --------------------------------------------------------------------- */

/* A small string builder for the patterns; fails (returns -1) rather than truncating. */
typedef buf sbuf;

static int
sb_add(sbuf *b, const char *s)
{
    return buf_puts(b, s);
}

/* One word of an alternation: a space matches any run of blanks, a period itself, and ' an
 * optional apostrophe (straight or typographic). */
static int
sb_word(sbuf *b, const char *word)
{
    for (const char *s = word; *s; s++) {
        char one[2] = {*s, 0};
        const char *piece = *s == ' '    ? "\\h+"
                            : *s == '.'  ? "\\."
                            : *s == '\'' ? "['\\x{2019}]?"
                                         : one;
        if (sb_add(b, piece))
            return -1;
    }
    return 0;
}

static int
sb_alt(sbuf *b, const char *const *w, size_t stride, size_t n, const int *abbrev, int want)
{
    int first = 1;
    for (size_t k = 0; k < n; k++) {
        const char *word = *(const char *const *)((const char *)w + k * stride);
        if (want >= 0 && *(const int *)((const char *)abbrev + k * stride) != want)
            continue;
        if ((!first && sb_add(b, "|")) || sb_word(b, word))
            return -1;
        first = 0;
    }
    return 0;
}

static int
longer_first(const void *x, const void *y)
{
    size_t a = strlen(*(const char *const *)x), b = strlen(*(const char *const *)y);
    return a < b ? 1 : a > b ? -1 : 0;
}

/* The same over a table whose order does not matter: longest first, so that "tahun baru
 * imlek" is tried before "tahun baru". */
static int
sb_alt_longest(sbuf *b, const char *const *w, size_t stride, size_t n)
{
    const char *words[128];
    if (n > sizeof words / sizeof words[0])
        return -1;
    for (size_t k = 0; k < n; k++)
        words[k] = *(const char *const *)((const char *)w + k * stride);
    qsort(words, n, sizeof words[0], longer_first);
    return sb_alt(b, words, sizeof words[0], n, NULL, -1);
}

/* Separators of a range: a dash (also en and em dash), hingga, sampai (dengan), s.d., s/d. */
#define RSEP                                                                                       \
    "(?:\\h*[-\\x{2013}\\x{2014}]\\h*|\\h+(?:hingga|sampai(?:\\h+dengan)?|s\\h*[./"                \
    "]?\\h*d\\.?)\\h+)"
#define NOTDIG "(?!\\d|[.,]\\d)"
#define ZONE   "(wita|wib|wit|gmt|utc)(?![a-z])"
#define ORDW   "(iv|i{1,3}|[1-4]|pertama|kedua|ketiga|keempat|satu|dua|tiga|empat)(?![a-z0-9])"

/* Builds the text of pattern RE into B. "@M" stands for the month alternation (full names, or
 * abbreviations whose period is taken only before a year), "@W" weekdays, "@N" number words,
 * "@P" parts of day, "@H" holiday names, "@J" Hijri months, "@A" the bodies of anniversaries. The
 * groups of each pattern are listed at the reader that uses it (date/forms.c, date/words.c,
 * date/holiday.c). */
static int
pattern_text(int re, sbuf *b)
{
    static const char *const src[RE_COUNT] = {
        [RE_DIGIT] =
            "(?:(\\d{4})\\h*([-/])\\h*(\\d{1,2})\\h*\\2\\h*(\\d{1,2})|(\\d{1,2})\\h*"
            "([/.\\-])\\h*(\\d{1,2})(?:\\h*\\6\\h*(\\d{4}|\\d{2}))?|(\\d{1,2})\\h*"
            "[-\\x{2013}]\\h*(\\d{1,2})\\h*/\\h*(\\d{1,2})(?:\\h*/\\h*(\\d{4}|\\d{2}))?|"
            "(\\d{1,2})\\h*/\\h*(\\d{1,2})\\h*[-\\x{2013}]\\h*(\\d{1,2})\\h*/\\h*(\\d{1,2})"
            "(?:\\h*/\\h*(\\d{4}|\\d{2}))?)"
            "(?![\\d/]|[.,\\-]\\d)",
        [RE_WRITTEN] =
            "((?:(?:(\\d{1,2})(?:" RSEP "|\\h+dan\\h+))?(\\d{1,2})\\h+)?(@M)(?:\\h+(\\d{4})" NOTDIG
            ")?)(?:" RSEP "(?:(\\d{1,2})\\h+)?(@M)(?:\\h+(\\d{4})" NOTDIG ")?)?",
        [RE_TIME] =
            "(?:(?:(pukul|jam|pkl\\.?)\\h+)?(\\d{1,2})(?:\\h?([.:])\\h?(\\d{2})(?:\\3(\\d{2}))?)?"
            "(?!\\d|[.,:]\\d)(?:\\h*" ZONE "(?:\\h*([+-])\\h*(\\d{1,2})(?!\\d))?)?"
            "(?:" RSEP "(?:(?:pukul|jam)\\h+)?(\\d{1,2})\\h?[.:]\\h?(\\d{2})(?::(\\d{2}))?"
            "(?!\\d|[.,:]\\d)(?:\\h*" ZONE ")?)?(?:\\h+(waktu\\h+setempat))?"
            "(?:\\h+(@P|tengah\\h+malam|tengah\\h+hari)(?![a-z]))?"
            "|(tengah\\h+(malam|hari))(?![a-z]))",
        [RE_REL] =
            "(?:(keesokan\\h+harinya|keesokan\\h+hari|esok\\h+harinya|lusanya)"
            "|(kemarin\\h+lusa|kemarin|besok\\h+lusa|esok\\h+lusa|besok|esok\\h+hari|esok|lusa|"
            "hari\\h+ini)|(pekan|minggu|mgg|bulan|bln|tahun|thn)\\h+(lalu|ini|depan|kemarin"
            "|mendatang|yang\\h+lalu)|(?:(\\d{1,3}|@N)\\h+|(se))(hari|hr|pekan|minggu|mgg|bulan"
            "|bln|tahun|thn)\\h+(yang\\h+lalu|lalu|silam|mendatang|lagi|kemudian|sebelumnya"
            "|setelahnya|sesudahnya|berikutnya|setelah\\h+itu|sesudah\\h+itu)"
            "|(hari|pekan|minggu|bulan|tahun)\\h+(yang\\h+sama|berikutnya|selanjutnya"
            "|sebelumnya))(?![a-z])",
        [RE_YEAR] =
            "(\\d{1,4})" NOTDIG "(?:(\\h*[-/\\x{2013}\\x{2014}]\\h*|\\h+(?:hingga|sampai"
            "(?:\\h+dengan)?|s\\h*[./]?\\h*d\\.?|dan)\\h+)(?:tahun\\h+)?(\\d{2,4})" NOTDIG ")?"
            "(?:\\h*(sm|s\\.m\\.?|sebelum\\h+masehi|m|h|hijriah|hijriyah|masehi)(?![a-z0-9]))?",
        [RE_DECADE] = "(?:(\\d{2})(\\d)0|(\\d)0)(?:\\h?-\\h?|\\h)?an(?![a-z])",
        [RE_CENT] = "abad\\h+(?:ke\\h*-?\\h*)?(\\d{1,2}|[ivxl]+)(?![a-z0-9])"
                    "(?:\\h+(sm|s\\.m\\.?)(?![a-z]))?(?:" RSEP
                    "(?:abad\\h+)?(?:ke\\h*-?\\h*)?(\\d{1,2}|[ivxl]+)(?![a-z0-9]|[.,]\\d))?",
        [RE_HOL] = "(?:(@H)|(hut|hari\\h+ulang\\h+tahun|ulang\\h+tahun|milad)(?:\\h+(@A))?)"
                   "(?![a-z])(?:\\h+ke\\h*-?\\h*(\\d{1,3})(?!\\d)(?:\\h+(@A)(?![a-z]))?)?"
                   "(?:\\h+(?:tahun\\h+)?(\\d{4})(?:\\h*(h|hijriah|hijriyah|m|masehi)(?![a-z]))?"
                   "(?!\\d))?",
        [RE_HIJRI] = "(?:(\\d{1,2})\\h+)?(@J)(?![a-z])(?:\\h+(?:tahun\\h+)?(\\d{3,4})"
                     "(?:\\h*(h|hijriah|hijriyah|hijri)(?![a-z]))?(?!\\d))?",
        [RE_PERIOD] = "(?:(kuartal|triwulan|semester|paruh)\\h*(?:ke\\h*-?\\h*)?" ORDW
                      "(?:(?:\\h*[-/]\\h*|\\h+(?:tahun\\h+)?)(\\d{4})(?!\\d))?"
                      "|(kuartal|triwulan|semester)\\h+(lalu|ini|depan|mendatang)(?![a-z])"
                      "|musim\\h+(semi|panas|gugur|dingin)(?![a-z])(?:\\h+(?:tahun\\h+)?(\\d{4})"
                      "(?!\\d))?)",
        [RE_POD] = "(?:(@P)\\h+(?:hari\\h+)?ini|tadi\\h+(@P)|(@P)\\h+tadi)(?![a-z])",
        [RE_PODW] = "(@P)(?![a-z])(?:\\h+hari(?![a-z]))?",
        [RE_WD] = "(@W)(?![a-z'\\x{2019}])(?:\\h+(@P)(?![a-z])(?=\\h*,))?(?:(\\h*\\(\\h*)|"
                  "(\\h*,\\h*)|(\\h+(?:(?:tanggal|tgl\\.?)\\h+)?)(?=\\d))?",
    };
    for (const char *s = src[re]; *s; s++) {
        int r = 0;
        if (*s == '@') {
            s++;
            switch (*s) {
            case 'M':
                r = sb_add(b, "(?:") ||
                    sb_alt(b, &date_months[0].w, sizeof date_months[0], date_n_months,
                           &date_months[0].abbrev, 0) ||
                    sb_add(b, ")(?![a-z])|(?:") ||
                    sb_alt(b, &date_months[0].w, sizeof date_months[0], date_n_months,
                           &date_months[0].abbrev, 1) ||
                    sb_add(b, ")(?![a-z])(?:\\.(?=\\h+\\d))?");
                break;
            case 'W':
                r = sb_alt(b, &date_weekdays[0].w, sizeof date_weekdays[0], date_n_weekdays, NULL,
                           -1);
                break;
            case 'N':
                r = sb_alt(b, &date_numwords[0].w, sizeof date_numwords[0], date_n_numwords, NULL,
                           -1);
                break;
            case 'P':
                r = sb_alt(b, &date_pods[0].w, sizeof date_pods[0], date_n_pods, NULL, -1);
                break;
            case 'H':
                r = sb_alt_longest(b, &date_holidays[0].name, sizeof date_holidays[0],
                                   date_n_holidays);
                break;
            case 'J':
                r = sb_alt_longest(b, &date_hijri_months[0].w, sizeof date_hijri_months[0],
                                   date_n_hijri_months);
                break;
            case 'A':
                r = sb_alt_longest(b, &date_anniversaries[0].body, sizeof date_anniversaries[0],
                                   date_n_anniversaries);
                break;
            }
        } else {
            char one[2] = {*s, 0};
            r = sb_add(b, one);
        }
        if (r)
            return -1;
    }
    return 0;
}

idner_status
date_model_new(date_model **out, idner_error *err)
{
    *out = NULL;
    date_model *dm = calloc(1, sizeof *dm);
    sbuf b = {0};
    if (!dm || words_build(dm))
        goto nomem;
    dm->mctx = pcre2_match_context_create(NULL);
    if (!dm->mctx)
        goto nomem;
    /* The patterns have no nested quantifiers; these bounds only guard against surprises. */
    pcre2_set_match_limit(dm->mctx, 100000);
    pcre2_set_depth_limit(dm->mctx, 2000);
    uint32_t most = 0;
    for (int re = 0; re < RE_COUNT; re++) {
        b.n = 0;
        if (pattern_text(re, &b))
            goto nomem;
        int code;
        PCRE2_SIZE off;
        dm->re[re] = pcre2_compile((PCRE2_SPTR)b.p, b.n,
                                   PCRE2_ANCHORED | PCRE2_CASELESS | PCRE2_UTF, &code, &off, NULL);
        if (!dm->re[re]) {
            PCRE2_UCHAR msg[128];
            pcre2_get_error_message(code, msg, sizeof msg);
            error_set(err, IDNER_ERR_DATA, "date pattern %d at %zu: %s", re, (size_t)off,
                      (const char *)msg);
            free(b.p);
            date_model_free(dm);
            return IDNER_ERR_DATA;
        }
        /* JIT is an optimisation: without it (unsupported CPU) the interpreter runs. */
        pcre2_jit_compile(dm->re[re], PCRE2_JIT_COMPLETE);
        uint32_t groups = 0;
        pcre2_pattern_info(dm->re[re], PCRE2_INFO_CAPTURECOUNT, &groups);
        if (groups > most) {
            most = groups;
            dm->big = re;
        }
    }
    free(b.p);
    *out = dm;
    return IDNER_OK;
nomem:
    free(b.p);
    date_model_free(dm);
    return error_set(err, IDNER_ERR_NOMEM, "out of memory building the date patterns");
}

void
date_model_free(date_model *dm)
{
    if (!dm)
        return;
    for (int re = 0; re < RE_COUNT; re++)
        pcre2_code_free(dm->re[re]);
    pcre2_match_context_free(dm->mctx);
    free(dm->words);
    free(dm);
}

static int
emit(date_ctx *c, const date_ment *m, cand_list *out)
{
    cand *cd = cand_push(out);
    if (!cd)
        return -1;
    const tok *s = &c->tl->v[m->s], *e = &c->tl->v[m->e - 1];
    cd->byte_start = s->byte_start;
    cd->byte_end = e->byte_end;
    cd->tok_start = (uint32_t)(c->base + m->s);
    cd->tok_end = (uint32_t)(c->base + m->e);
    cd->type = (uint8_t)m->type;
    cd->source = SRC_DATE;
    cd->mod = (uint8_t)m->mod;
    const date_point *a = &m->v.a;
    if (m->stated_wd < 0)
        cd->flags |= CAND_WEEKDAY_CONFLICT;
    if (m->hijri)
        cd->flags |= CAND_HIJRI;
    char value[CAND_VALUE_MAX];
    if (m->v.null || date_val_format(&m->v, value, sizeof value) || !value[0]) {
        cd->flags |= CAND_VALUE_NULL;
    } else if (cand_set_value(out, cd, value)) {
        return -1;
    } else if (a->kind == DP_YMD && a->y && a->m && a->d && m->v.b.kind == DP_NONE) {
        cd->flags |= CAND_FULL_DATE;
    }
    return 0;
}

idner_status
date_run(const date_model *dm, const char *text, size_t len, const tok_list *tl,
         const date_ymd *ref, cand_list *out, idner_error *err)
{
    date_last last = {{0, 0, 0}, 0, 0, 0};
    return date_run_from(dm, text, len, tl, ref, &last, out, err);
}

/* The mentions of C's tokens (a stretch of the list that no mention reads outside of). */
static int
run_stretch(date_ctx *c, date_last *last, cand_list *out)
{
    const tok *v = c->tl->v;
    const date_model *dm = c->dm;
    size_t n = c->tl->n;
    for (size_t i = 0; i < n;) {
        /* The prefilter: no regex runs at a token without a digit that starts no date. */
        if (!date_has_digit(&v[i]) && !date_may_trigger(dm, v[i].hash)) {
            i++;
            continue;
        }
        if (!c->md) {
            /* Per call, never shared: match data is the one thing pcre2 writes to. */
            c->md = pcre2_match_data_create_from_pattern(dm->re[dm->big], NULL);
            if (!c->md)
                return -1;
        }
        if (date_key_is(c, i, "tahun") && date_law_year(c, i)) {
            i += 2; /* "Nomor 11 Tahun 2020": neither "Tahun 2020" nor "2020" is a date */
            continue;
        }
        date_ment m;
        if (!date_parse_mention(c, i, &m)) {
            i++;
            continue;
        }
        date_tail(c, &m);
        date_resolve(c, &m, last);
        date_join_range(c, &m, last);
        if (emit(c, &m, out))
            return -1;
        date_last_update(last, &m);
        i = m.e;
    }
    return 0;
}

idner_status
date_run_from(const date_model *dm, const char *text, size_t len, const tok_list *tl,
              const date_ymd *ref, date_last *lastp, cand_list *out, idner_error *err)
{
    date_last last = *lastp;
    date_ymd r = ref && ref->y ? *ref : (date_ymd){0, 0, 0};
    int failed = 0, limit_hit = 0;
    pcre2_match_data *md = NULL;
    /* A sentence cut for its length (TOK_F_SENT_CUT) ends a stretch: no pattern, look-back or
     * look-ahead reads across it, as none reads across a window that ends there (idner.c). */
    for (size_t from = 0, to; from < tl->n && !failed; from = to) {
        to = from + 1;
        while (tl->cuts && to < tl->n && !(tl->v[to].flags & TOK_F_SENT_CUT))
            to++;
        if (!tl->cuts)
            to = tl->n;
        tok_list view = *tl;
        view.v += from;
        view.n = to - from;
        date_ctx c = {dm, text, to < tl->n ? tl->v[to].byte_start : len, &view, r, md, 0, from};
        failed = run_stretch(&c, &last, out);
        md = c.md;
        limit_hit |= c.limit_hit;
    }
    *lastp = last;
    pcre2_match_data_free(md);
    if (failed)
        return error_set(err, IDNER_ERR_NOMEM, "out of memory");
    if (limit_hit)
        return error_set(err, IDNER_ERR_LIMIT, "a date pattern hit its match limit");
    return IDNER_OK;
}
