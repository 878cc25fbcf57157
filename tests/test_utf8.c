/* test_utf8.c - decoding, widths, the display form, truncation and the glyph
 * iterator of flamex/utf8.h.
 *
 * Careful with C string literals: a hex escape eats every hex digit after it,
 * so "\xe6\xbc" "a" is split on purpose.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "flamex/base/utf8.h"

#define ELL "\xe2\x80\xa6" /* U+2026 */

/* Display form of s (NUL-terminated literal unless len given) in UTF-8 or ASCII mode. */
static char sanitized[4096];

static const char *san_n(const char *s, size_t len, bool ascii)
{
    size_t want = utf8_sanitize(s, len, ascii, sanitized, sizeof sanitized);
    assert_true(want < sizeof sanitized);
    assert_int_equal(strlen(sanitized), want);
    return sanitized;
}

static const char *san(const char *s)
{
    return san_n(s, strlen(s), false);
}

static size_t width(const char *s)
{
    return utf8_display_width(s, strlen(s), false);
}

/* Truncate s to cols in mode ascii into buf; check the returned widths agree. */
static size_t trunc_to(const char *s, size_t cols, bool ascii, char *buf, size_t cap)
{
    size_t out_len = 12345;
    size_t used = utf8_truncate(s, strlen(s), cols, ascii, buf, cap, &out_len);
    assert_int_equal(out_len, strlen(buf));
    assert_true(used <= cols);
    assert_int_equal(used, utf8_display_width(buf, out_len, ascii));
    return used;
}

/* Fail unless s[0..len) is valid UTF-8 free of controls and bidi controls. */
static void assert_terminal_safe(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        assert_int_not_equal(cp, UTF8_INVALID);
        assert_false(cp < 0x20 || (cp >= 0x7F && cp < 0xA0));
        assert_false(cp == 0x061C || cp == 0x200E || cp == 0x200F || cp == 0x2028 ||
                     cp == 0x2029);
        assert_false(cp >= 0x202A && cp <= 0x202E);
        assert_false(cp >= 0x2066 && cp <= 0x2069);
        i += n;
    }
}

static void test_decode_valid(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        size_t n;
        uint32_t cp;
    } cases[] = {
        {"A", 1, 0x41},
        {"\x7f", 1, 0x7F},
        {"\xc2\x80", 2, 0x80},
        {"\xdf\xbf", 2, 0x7FF},
        {"\xe0\xa0\x80", 3, 0x800},
        {"\xed\x9f\xbf", 3, 0xD7FF},
        {"\xee\x80\x80", 3, 0xE000},
        {"\xef\xbf\xbf", 3, 0xFFFF},
        {"\xf0\x90\x80\x80", 4, 0x10000},
        {"\xf4\x8f\xbf\xbf", 4, 0x10FFFF},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        uint32_t cp = 0;
        assert_int_equal(utf8_decode(cases[i].s, strlen(cases[i].s), &cp), cases[i].n);
        assert_int_equal(cp, cases[i].cp);
    }
    uint32_t cp = 0;
    assert_int_equal(utf8_decode("\0", 1, &cp), 1);
    assert_int_equal(cp, 0);
    assert_int_equal(utf8_decode("abc", 0, &cp), 0);
    assert_int_equal(cp, UTF8_INVALID);
}

static void test_decode_invalid(void **state)
{
    (void)state;
    static const char *const bad[] = {
        "\x80",             /* lone continuation */
        "\xbf",             /* lone continuation */
        "\xe6\xbc",         /* truncated 3-byte (漢 is e6 bc a2) */
        ("\xe6\xbc" "a"),   /* truncated by an ASCII byte */
        "\xc0\x80",         /* overlong NUL */
        "\xc1\xbf",         /* overlong */
        "\xe0\x80\x80",     /* overlong 3-byte */
        "\xf0\x80\x80\x80", /* overlong 4-byte */
        "\xed\xa0\x80",     /* surrogate U+D800 */
        "\xed\xbf\xbf",     /* surrogate U+DFFF */
        "\xf4\x90\x80\x80", /* U+110000 */
        "\xf5\x80\x80\x80", /* F5 never appears */
        "\xff",
        "\xfe",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint32_t cp = 0;
        assert_int_equal(utf8_decode(bad[i], strlen(bad[i]), &cp), 1);
        assert_int_equal(cp, UTF8_INVALID);
    }
    /* A valid sequence cut short by len. */
    uint32_t cp = 0;
    assert_int_equal(utf8_decode("\xe6\xbc\xa2", 2, &cp), 1);
    assert_int_equal(cp, UTF8_INVALID);
}

static void test_cp_width(void **state)
{
    (void)state;
    assert_int_equal(utf8_cp_width('a'), 1);
    assert_int_equal(utf8_cp_width(0xE9), 1);     /* é */
    assert_int_equal(utf8_cp_width(0xAD), 1);     /* soft hyphen */
    assert_int_equal(utf8_cp_width(0x0301), 0);   /* combining acute */
    assert_int_equal(utf8_cp_width(0x20DD), 0);   /* enclosing circle (Me) */
    assert_int_equal(utf8_cp_width(0x200B), 0);   /* ZWSP */
    assert_int_equal(utf8_cp_width(0x200D), 0);   /* ZWJ */
    assert_int_equal(utf8_cp_width(0xFE0F), 0);   /* VS16 */
    assert_int_equal(utf8_cp_width(0x1160), 0);   /* Hangul medial vowel */
    assert_int_equal(utf8_cp_width(0xE0100), 0);  /* variation selector 17 */
    assert_int_equal(utf8_cp_width(0x0903), 1);   /* Devanagari visarga (Mc) */
    assert_int_equal(utf8_cp_width(0x1100), 2);   /* Hangul choseong */
    assert_int_equal(utf8_cp_width(0x6F22), 2);   /* 漢 */
    assert_int_equal(utf8_cp_width(0x3042), 2);   /* あ */
    assert_int_equal(utf8_cp_width(0xAC00), 2);   /* 가 */
    assert_int_equal(utf8_cp_width(0x3000), 2);   /* ideographic space */
    assert_int_equal(utf8_cp_width(0xFF21), 2);   /* fullwidth A */
    assert_int_equal(utf8_cp_width(0xFF61), 1);   /* halfwidth ideographic full stop */
    assert_int_equal(utf8_cp_width(0x1F300), 2);  /* cyclone */
    assert_int_equal(utf8_cp_width(0x1F525), 2);  /* fire */
    assert_int_equal(utf8_cp_width(0x1F600), 2);  /* grinning face */
    assert_int_equal(utf8_cp_width(0x1F9FF), 2);
    assert_int_equal(utf8_cp_width(0x1FAF8), 2);  /* newer than the tables */
    assert_int_equal(utf8_cp_width(0x20000), 2);  /* CJK extension B */
    assert_int_equal(utf8_cp_width(0x1F1E6), 1);  /* regional indicator */
    assert_int_equal(utf8_cp_width(0x2603), 1);   /* snowman, text presentation */
    assert_int_equal(utf8_cp_width(0x0), 0);
    assert_int_equal(utf8_cp_width(0x1B), 0);
    assert_int_equal(utf8_cp_width(0x85), 0);
    assert_int_equal(utf8_cp_width(0xD800), 0);
    assert_int_equal(utf8_cp_width(0x110000), 0);
    assert_int_equal(utf8_cp_width(UTF8_INVALID), 0);
}

static void test_ascii_passthrough(void **state)
{
    (void)state;
    const char *name = "std::vector<int, a\\b>::push_back(x) [clone .cold] ~Foo $1 @plt";
    assert_string_equal(san(name), name);
    assert_int_equal(width(name), strlen(name));
    char buf[256];
    assert_int_equal(trunc_to(name, 200, false, buf, sizeof buf), strlen(name));
    assert_string_equal(buf, name);
    assert_string_equal(san("\\x1b"), "\\x1b"); /* backslash is not doubled */
}

static void test_escape_c0_osc_csi(void **state)
{
    (void)state;
    assert_string_equal(san("\x1b]0;title\x07"), "\\x1b]0;title\\x07");
    assert_string_equal(san("\x1b]8;;http://x\x1b\\"), "\\x1b]8;;http://x\\x1b\\");
    assert_string_equal(san("\x1b[31mred\x1b[0m"), "\\x1b[31mred\\x1b[0m");
    assert_string_equal(san("\x1b" "c"), "\\x1b" "c");
    assert_string_equal(san("a\tb\nc\rd\x7f"), "a\\x09b\\x0ac\\x0dd\\x7f");
    assert_string_equal(san("\x01\x1f"), "\\x01\\x1f");
    assert_int_equal(width("\x1b[2J"), 7);
}

static void test_escape_c1(void **state)
{
    (void)state;
    assert_string_equal(san("\xc2\x9b" "31m"), "\\u009b31m");  /* CSI U+009B */
    assert_string_equal(san("a\xc2\x85" "b"), "a\\u0085b");    /* NEL */
    assert_string_equal(san("\xc2\x9d" "0;x\xc2\x9c"), "\\u009d0;x\\u009c"); /* OSC, ST */
    assert_string_equal(san("\xc2\x80\xc2\x9f"), "\\u0080\\u009f");
    assert_string_equal(san("\xc2\xa0"), "\xc2\xa0");           /* NBSP is printable */
    assert_string_equal(san("\x9b" "2J"), "\\x9b" "2J");        /* raw 8-bit CSI byte */
}

static void test_escape_bidi(void **state)
{
    (void)state;
    assert_string_equal(san("user\xe2\x80\xae" "gnp.exe"), "user\\u202egnp.exe");
    assert_string_equal(san("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad"),
                        "\\u202a\\u202b\\u202c\\u202d");
    assert_string_equal(san("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9"),
                        "\\u2066\\u2067\\u2068\\u2069");
    assert_string_equal(san("a\xe2\x80\x8e" "b\xe2\x80\x8f" "c"), "a\\u200eb\\u200fc");
    assert_string_equal(san("\xd8\xa7\xd8\x9c"), "\xd8\xa7\\u061c"); /* after a base */
    assert_string_equal(san("x\xe2\x80\xa8y\xe2\x80\xa9"), "x\\u2028y\\u2029");
    assert_int_equal(width("\xe2\x80\xae"), 6);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    assert_string_equal(san("a\x80" "b"), "a\\x80b");
    assert_string_equal(san("\xe6\xbc"), "\\xe6\\xbc");
    assert_string_equal(san("\xe6\xbc" "a"), "\\xe6\\xbca");
    assert_string_equal(san("\xe6\xbc\xe6\xbc\xa2"), "\\xe6\\xbc\xe6\xbc\xa2");
    assert_string_equal(san("\xc0\x80"), "\\xc0\\x80");
    assert_string_equal(san("\xed\xa0\x80"), "\\xed\\xa0\\x80");
    assert_string_equal(san("\xf4\x90\x80\x80"), "\\xf4\\x90\\x80\\x80");
    assert_string_equal(san("\xff\xfe"), "\\xff\\xfe");
    assert_int_equal(width("\xc0\x80"), 8);
}

static void test_nul_inside_name(void **state)
{
    (void)state;
    static const char name[] = {'a', '\0', 'b', '\0'};
    assert_string_equal(san_n(name, 4, false), "a\\x00b\\x00");
    assert_int_equal(utf8_display_width(name, 4, false), 10);
    char buf[32];
    size_t n;
    assert_int_equal(utf8_truncate(name, 4, 4, false, buf, sizeof buf, &n), 4);
    assert_string_equal(buf, "a\\x" ELL);
}

static void test_cjk_and_emoji_width(void **state)
{
    (void)state;
    assert_string_equal(san("漢字"), "漢字");
    assert_int_equal(width("漢字"), 4);
    assert_int_equal(width("main::漢字"), 10);
    assert_int_equal(width("한국어"), 6);
    assert_int_equal(width("ＡＢ"), 4);
    assert_string_equal(san("🔥hot"), "🔥hot");
    assert_int_equal(width("🔥"), 2);
    assert_int_equal(width("😀😀"), 4);
    assert_int_equal(width("𠀀"), 2); /* U+20000 */
}

static void test_combining_marks(void **state)
{
    (void)state;
    assert_string_equal(san("cafe\xcc\x81"), "cafe\xcc\x81");
    assert_int_equal(width("cafe\xcc\x81"), 4);
    assert_int_equal(width("e\xcc\x81\xcc\x82\xcc\x83"), 1);
    assert_int_equal(width("漢\xcc\x81"), 2);
    assert_int_equal(width("\xe2\x9d\xa4\xef\xb8\x8f"), 1); /* ❤ + VS16, as wcwidth says */

    /* One glyph: the base and its marks, covering all their raw bytes. */
    struct utf8_iter it;
    struct utf8_glyph g;
    utf8_iter_init(&it, "e\xcc\x81x", 4, false);
    assert_true(utf8_iter_next(&it, &g));
    assert_string_equal(g.bytes, "e\xcc\x81");
    assert_int_equal(g.len, 3);
    assert_int_equal(g.width, 1);
    assert_int_equal(g.src_off, 0);
    assert_int_equal(g.src_len, 3);
    assert_true(utf8_iter_next(&it, &g));
    assert_string_equal(g.bytes, "x");
    assert_int_equal(g.src_off, 3);
    assert_false(utf8_iter_next(&it, &g));

    /* No base: at the start, or after an escape. */
    assert_string_equal(san("\xcc\x81" "x"), "\\u0301x");
    assert_string_equal(san("\x01\xcc\x81"), "\\x01\\u0301");
    assert_string_equal(san("\xe2\x80\x8d"), "\\u200d");
    assert_string_equal(san("\xf3\xa0\x80\x81" "a"), "\\U000e0001a");
    assert_int_equal(width("\xcc\x81"), 6);
}

static void test_combining_marks_capped(void **state)
{
    (void)state;
    char zalgo[1 + 20 * 2 + 2];
    size_t n = 0;
    zalgo[n++] = 'a';
    for (int i = 0; i < 20; i++) {
        zalgo[n++] = '\xcc';
        zalgo[n++] = '\x81';
    }
    zalgo[n++] = 'b';
    zalgo[n] = '\0';

    struct utf8_iter it;
    struct utf8_glyph g;
    utf8_iter_init(&it, zalgo, n, false);
    assert_true(utf8_iter_next(&it, &g));
    assert_int_equal(g.len, 15); /* 'a' and 7 marks */
    assert_int_equal(g.bytes[15], '\0');
    assert_int_equal(g.width, 1);
    assert_int_equal(g.src_len, 41);
    assert_true(utf8_iter_next(&it, &g));
    assert_string_equal(g.bytes, "b");
    assert_false(utf8_iter_next(&it, &g));
    assert_int_equal(strlen(san(zalgo)), 16);
    assert_int_equal(width(zalgo), 2);
}

static void test_truncate_ellipsis(void **state)
{
    (void)state;
    char buf[64];
    memset(buf, 'X', sizeof buf);
    assert_int_equal(trunc_to("abcdef", 0, false, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    assert_int_equal(trunc_to("abcdef", 1, false, buf, sizeof buf), 1);
    assert_string_equal(buf, ELL);
    assert_int_equal(trunc_to("abcdef", 2, false, buf, sizeof buf), 2);
    assert_string_equal(buf, "a" ELL);
    assert_int_equal(trunc_to("abcdef", 5, false, buf, sizeof buf), 5);
    assert_string_equal(buf, "abcd" ELL);
    assert_int_equal(trunc_to("abcdef", 6, false, buf, sizeof buf), 6); /* exact fit */
    assert_string_equal(buf, "abcdef");
    assert_int_equal(trunc_to("abcdef", 7, false, buf, sizeof buf), 6);
    assert_string_equal(buf, "abcdef");
    assert_int_equal(trunc_to("a", 1, false, buf, sizeof buf), 1);
    assert_string_equal(buf, "a");
    assert_int_equal(trunc_to("ab", 1, false, buf, sizeof buf), 1);
    assert_string_equal(buf, ELL);
    assert_int_equal(trunc_to("", 3, false, buf, sizeof buf), 0);
    assert_string_equal(buf, "");
    /* Escapes are cut glyph by glyph, like the cells of a grid. */
    assert_int_equal(trunc_to("\x1b[0m", 4, false, buf, sizeof buf), 4);
    assert_string_equal(buf, "\\x1" ELL);
    /* NULL out_len is allowed. */
    assert_int_equal(utf8_truncate("abc", 3, 2, false, buf, sizeof buf, NULL), 2);
    assert_string_equal(buf, "a" ELL);
}

static void test_truncate_wide(void **state)
{
    (void)state;
    char buf[64];
    const char *s = "漢字漢字"; /* 8 columns */
    assert_int_equal(trunc_to(s, 8, false, buf, sizeof buf), 8);
    assert_string_equal(buf, s);
    assert_int_equal(trunc_to(s, 7, false, buf, sizeof buf), 7);
    assert_string_equal(buf, "漢字漢" ELL);
    assert_int_equal(trunc_to(s, 6, false, buf, sizeof buf), 5); /* one short */
    assert_string_equal(buf, "漢字" ELL);
    assert_int_equal(trunc_to(s, 4, false, buf, sizeof buf), 3);
    assert_string_equal(buf, "漢" ELL);
    assert_int_equal(trunc_to(s, 2, false, buf, sizeof buf), 1);
    assert_string_equal(buf, ELL);
    assert_int_equal(trunc_to(s, 1, false, buf, sizeof buf), 1);
    assert_string_equal(buf, ELL);
    assert_int_equal(trunc_to("a漢", 2, false, buf, sizeof buf), 2);
    assert_string_equal(buf, "a" ELL);
    assert_int_equal(trunc_to("a漢", 3, false, buf, sizeof buf), 3);
    assert_string_equal(buf, "a漢");
    assert_int_equal(trunc_to("🔥🔥x", 4, false, buf, sizeof buf), 3);
    assert_string_equal(buf, "🔥" ELL);
    /* Marks stay with their base. */
    assert_int_equal(trunc_to("e\xcc\x81" "e\xcc\x81" "e", 2, false, buf, sizeof buf), 2);
    assert_string_equal(buf, "e\xcc\x81" ELL);
}

static void test_truncate_small_buffer(void **state)
{
    (void)state;
    char buf[16];
    /* 漢 is 3 bytes: the ellipsis (3) and NUL must fit too. */
    assert_int_equal(trunc_to("漢字漢字", 10, false, buf, 8), 3);
    assert_string_equal(buf, "漢" ELL);
    assert_int_equal(trunc_to("abcdef", 10, false, buf, 4), 1);
    assert_string_equal(buf, ELL);
    assert_int_equal(trunc_to("abcdef", 10, false, buf, 3), 0); /* no room for … */
    assert_string_equal(buf, "");
    assert_int_equal(trunc_to("abcdef", 10, true, buf, 4), 3);
    assert_string_equal(buf, "ab~");
    assert_int_equal(trunc_to("abc", 10, false, buf, 4), 3); /* fits exactly */
    assert_string_equal(buf, "abc");
    assert_int_equal(utf8_truncate("abc", 3, 10, false, buf, 0, NULL), 0);
    assert_int_equal(UTF8_TRUNCATE_SIZE(2), 34);
}

static void test_ascii_mode(void **state)
{
    (void)state;
    char buf[64];
    assert_string_equal(san_n("漢字x", strlen("漢字x"), true), "??x");
    assert_int_equal(utf8_display_width("漢字x", strlen("漢字x"), true), 3);
    assert_string_equal(san_n("caf\xc3\xa9", 5, true), "caf?");
    assert_string_equal(san_n("cafe\xcc\x81", 6, true), "caf?");
    assert_string_equal(san_n("🔥", 4, true), "?");
    assert_string_equal(san_n("\x1b[0m\xc2\x9b\xe2\x80\xae\x80", 10, true),
                        "\\x1b[0m\\u009b\\u202e\\x80");
    assert_string_equal(san_n("\xcc\x81", 2, true), "\\u0301");
    assert_int_equal(trunc_to("abcdef", 3, true, buf, sizeof buf), 3);
    assert_string_equal(buf, "ab~");
    assert_int_equal(trunc_to("abcdef", 1, true, buf, sizeof buf), 1);
    assert_string_equal(buf, "~");
    assert_int_equal(trunc_to("漢字漢字", 3, true, buf, sizeof buf), 3);
    assert_string_equal(buf, "??~");
    assert_int_equal(trunc_to("漢字", 2, true, buf, sizeof buf), 2);
    assert_string_equal(buf, "??");
}

static void test_sanitize_small_buffer(void **state)
{
    (void)state;
    char buf[8];
    const char *s = "ab\x1b" "cd"; /* display form "ab\x1bcd", 8 bytes */
    memset(buf, 'X', sizeof buf);
    assert_int_equal(utf8_sanitize(s, strlen(s), false, buf, 0), 8);
    assert_int_equal(buf[0], 'X');
    assert_int_equal(utf8_sanitize(s, strlen(s), false, buf, 1), 8);
    assert_string_equal(buf, "");
    assert_int_equal(utf8_sanitize(s, strlen(s), false, buf, 5), 8);
    assert_string_equal(buf, "ab"); /* never half an escape */
    assert_int_equal(utf8_sanitize(s, strlen(s), false, buf, 7), 8);
    assert_string_equal(buf, "ab\\x1b"); /* "c" needs an 8th byte for the NUL */
    assert_int_equal(utf8_sanitize("a漢", 4, false, buf, 4), 4);
    assert_string_equal(buf, "a"); /* never half a character */
    assert_int_equal(utf8_sanitize(s, strlen(s), false, buf, 8), 8);
    assert_string_equal(buf, "ab\\x1b" "c"); /* one byte short: no "d" */
}

static void test_iterator_escape_glyphs(void **state)
{
    (void)state;
    const char *s = "a\x1b漢";
    static const char *const want[] = {"a", "\\", "x", "1", "b", "漢"};
    static const size_t want_off[] = {0, 1, 1, 1, 1, 2};
    static const size_t want_srclen[] = {1, 1, 1, 1, 1, 3};
    static const uint8_t want_width[] = {1, 1, 1, 1, 1, 2};
    struct utf8_iter it;
    struct utf8_glyph g;
    size_t i = 0;
    utf8_iter_init(&it, s, strlen(s), false);
    while (utf8_iter_next(&it, &g)) {
        assert_true(i < 6);
        assert_string_equal(g.bytes, want[i]);
        assert_int_equal(g.len, strlen(want[i]));
        assert_int_equal(g.width, want_width[i]);
        assert_int_equal(g.src_off, want_off[i]);
        assert_int_equal(g.src_len, want_srclen[i]);
        i++;
    }
    assert_int_equal(i, 6);
    assert_false(utf8_iter_next(&it, &g)); /* stays at the end */
}

/* Deterministic pseudo-random names biased towards the interesting bytes. */
static uint32_t rng_next(uint64_t *x)
{
    *x = *x * 6364136223846793005ull + 1442695040888963407ull;
    return (uint32_t)(*x >> 33);
}

#define PIECE(s) {s, sizeof(s) - 1}

static size_t random_name(uint64_t *rng, char *buf, size_t cap)
{
    static const struct {
        const char *s;
        size_t n;
    } pieces[] = {
        PIECE("a"), PIECE("Z"), PIECE("::"), PIECE("\\"), PIECE("\x1b"), PIECE("\x07"),
        PIECE("\0"), PIECE("\x7f"), PIECE("\x80"), PIECE("\xff"), PIECE("\xc0\x80"),
        PIECE("\xe6\xbc"), PIECE("\xed\xa0\x80"), PIECE("\xf4\x90\x80\x80"),
        PIECE("\xc2\x9b"), PIECE("\xe2\x80\xae"), PIECE("\xe2\x81\xa6"), PIECE("\xd8\x9c"),
        PIECE("\xcc\x81"), PIECE("\xe2\x80\x8d"), PIECE("漢"), PIECE("🔥"), PIECE("é"),
        PIECE("\xef\xbf\xbd"), PIECE("\xf3\xa0\x80\x81"), PIECE("\xe2\x80\xa8"),
    };
    size_t n = 0, count = rng_next(rng) % 40;
    for (size_t i = 0; i < count; i++) {
        if (rng_next(rng) % 4 == 0) { /* sometimes any byte at all */
            if (n + 1 > cap)
                break;
            buf[n++] = (char)(rng_next(rng) & 0xFF);
            continue;
        }
        size_t k = rng_next(rng) % (sizeof pieces / sizeof pieces[0]);
        if (n + pieces[k].n > cap)
            break;
        memcpy(buf + n, pieces[k].s, pieces[k].n);
        n += pieces[k].n;
    }
    return n;
}

/* For many random names, in both modes: the display form is terminal-safe,
 * idempotent, and agrees with the iterator, the width and truncation. */
static void test_properties_random(void **state)
{
    (void)state;
    uint64_t rng = 42;
    char name[128];
    char disp[UTF8_SANITIZE_SIZE(sizeof name)];
    char again[sizeof disp];
    char cut[UTF8_TRUNCATE_SIZE(40)];

    for (int round = 0; round < 20000; round++) {
        bool ascii = round % 3 == 0;
        size_t n = random_name(&rng, name, sizeof name);
        size_t dlen = utf8_sanitize(name, n, ascii, disp, sizeof disp);
        assert_true(dlen < sizeof disp);
        assert_int_equal(strlen(disp), dlen);
        assert_terminal_safe(disp, dlen);
        if (ascii)
            for (size_t i = 0; i < dlen; i++)
                assert_true((unsigned char)disp[i] < 0x80);

        /* Sanitising the display form changes nothing. */
        assert_int_equal(utf8_sanitize(disp, dlen, ascii, again, sizeof again), dlen);
        assert_memory_equal(again, disp, dlen);

        /* The glyphs spell the display form and cover the raw bytes in order. */
        struct utf8_iter it;
        struct utf8_glyph g;
        size_t off = 0, cols = 0, src_end = 0;
        utf8_iter_init(&it, name, n, ascii);
        while (utf8_iter_next(&it, &g)) {
            assert_true(g.len >= 1 && g.len < UTF8_GLYPH_SIZE);
            assert_int_equal(strlen(g.bytes), g.len);
            assert_true(g.width == 1 || g.width == 2);
            assert_true(off + g.len <= dlen);
            assert_memory_equal(disp + off, g.bytes, g.len);
            assert_true(g.src_off == src_end || g.src_off + g.src_len == src_end);
            src_end = g.src_off + g.src_len;
            off += g.len;
            cols += g.width;
        }
        assert_int_equal(off, dlen);
        assert_int_equal(src_end, n);
        assert_int_equal(utf8_display_width(name, n, ascii), cols);
        assert_int_equal(utf8_display_width(disp, dlen, ascii), cols);

        /* Truncation: within the limit, a prefix of the display form, and an
         * ellipsis exactly when something was left out. */
        size_t limit = rng_next(&rng) % 40;
        size_t clen;
        size_t used = utf8_truncate(name, n, limit, ascii, cut, sizeof cut, &clen);
        assert_true(used <= limit);
        assert_int_equal(strlen(cut), clen);
        assert_terminal_safe(cut, clen);
        if (cols <= limit) {
            assert_int_equal(used, cols);
            assert_int_equal(clen, dlen);
            assert_memory_equal(cut, disp, dlen);
        } else {
            const char *ell = ascii ? "~" : ELL;
            size_t ell_len = strlen(ell);
            assert_true(limit == 0 || used + 1 >= limit); /* at most one column short */
            if (limit > 0) {
                assert_true(clen >= ell_len);
                assert_memory_equal(cut + clen - ell_len, ell, ell_len);
                assert_memory_equal(cut, disp, clen - ell_len);
            }
        }
    }
}

/* Wrapping the display form: at the last space that fits, else between glyphs. */
static void test_wrap_line(void **state)
{
    (void)state;
    const char *s = "alpha beta gamma";
    assert_int_equal(utf8_wrap_line(s, strlen(s), 40, false), strlen(s));
    assert_int_equal(utf8_wrap_line(s, strlen(s), 12, false), 10); /* "alpha beta" */
    assert_int_equal(utf8_wrap_line(s, strlen(s), 5, false), 5);   /* "alpha": the space would not fit */
    assert_int_equal(utf8_wrap_line(s, strlen(s), 3, false), 3);   /* one long word: cut */
    const char *w = "\xe4\xb8\xad\xe6\x96\x87"; /* two wide glyphs: 4 columns */
    assert_int_equal(utf8_wrap_line(w, strlen(w), 3, false), 3);
    assert_int_equal(utf8_wrap_line(w, strlen(w), 1, false), 3); /* at least one glyph */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_valid),
        cmocka_unit_test(test_decode_invalid),
        cmocka_unit_test(test_cp_width),
        cmocka_unit_test(test_ascii_passthrough),
        cmocka_unit_test(test_escape_c0_osc_csi),
        cmocka_unit_test(test_escape_c1),
        cmocka_unit_test(test_escape_bidi),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_nul_inside_name),
        cmocka_unit_test(test_cjk_and_emoji_width),
        cmocka_unit_test(test_combining_marks),
        cmocka_unit_test(test_combining_marks_capped),
        cmocka_unit_test(test_truncate_ellipsis),
        cmocka_unit_test(test_truncate_wide),
        cmocka_unit_test(test_truncate_small_buffer),
        cmocka_unit_test(test_ascii_mode),
        cmocka_unit_test(test_sanitize_small_buffer),
        cmocka_unit_test(test_iterator_escape_glyphs),
        cmocka_unit_test(test_properties_random),
        cmocka_unit_test(test_wrap_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
