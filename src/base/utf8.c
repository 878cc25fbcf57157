/* utf8.c - decoding, display width, sanitising and truncating untrusted names.
 *
 * The display form and the glyph model are described in flamex/base/utf8.h. Every
 * function here is built on one glyph iterator, so sanitising, measuring and
 * truncating cannot disagree about what a name looks like on screen.
 *
 * Width tables. wcwidth() is not used: its answer depends on the locale (a
 * hidden input: DESIGN.md rule 3, "No hidden inputs in the core") and on the
 * C library's Unicode version. The two tables below were generated from
 * Unicode 14.0.0 (Python 3.11's unicodedata) by this script; rerun it with a
 * newer Python to update them:
 *
 *   import unicodedata as u
 *   def cat(c): return u.category(chr(c))
 *   PCM = {0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891,
 *          0x8E2, 0x110BD, 0x110CD}  # prepended concatenation marks: visible
 *   def zero(c):
 *       return (cat(c) in ('Mn', 'Me') or (cat(c) == 'Cf' and c not in PCM | {0xAD})
 *               or 0x1160 <= c <= 0x11FF or 0xD7B0 <= c <= 0xD7FF)
 *   def wide(c):
 *       for lo, hi in ((0x3248, 0x324F), (0x4DC0, 0x4DFF), (0x1FA70, 0x1FAFF),
 *                      (0x20000, 0x3FFFD)):
 *           if lo <= c <= hi: return True
 *       return cat(c) != 'Cn' and not zero(c) and u.east_asian_width(chr(c)) in 'WF'
 *   def ranges(pred, merge):
 *       out = []
 *       for c in filter(pred, range(0x110000)):
 *           if out and (merge or out[-1][1] + 1 == c) and all(
 *                   cat(g) == 'Cn' for g in range(out[-1][1] + 1, c)):
 *               out[-1][1] = c
 *           else: out.append([c, c])
 *       return out
 *   for name, pred, merge in (('zero_width', zero, False), ('wide', wide, True)):
 *       rs = ranges(pred, merge)
 *       print('static const struct utf8_range utf8_%s[] = {' % name)
 *       for i in range(0, len(rs), 4):
 *           print('    ' + ' '.join('{0x%04X, 0x%04X},' % tuple(r) for r in rs[i:i + 4]))
 *       print('};')
 *
 * Zero width: nonspacing and enclosing marks (Mn, Me), format characters (Cf:
 * ZWSP, ZWJ, ZWNJ, bidi controls, BOM, tag characters...) except the soft
 * hyphen and the visible prepended concatenation marks (U+0600..U+0605...),
 * and the conjoining Hangul medial vowels and final consonants. Spacing marks
 * (Mc) are one column. Wide: East Asian Width W or F (CJK, kana, Hangul
 * syllables, fullwidth forms, emoji with emoji presentation such as most of
 * U+1F300..U+1F64F and U+1F900..U+1F9FF), plus all of planes 2 and 3, the emoji
 * block U+1FA70..U+1FAFF (newer Unicode versions keep filling it with wide
 * emoji), and U+3248..U+324F and U+4DC0..U+4DFF, which glibc also counts as
 * wide. Wide ranges are merged across unassigned gaps (new CJK and emoji land
 * there); zero-width ranges are not. Ambiguous-width characters (East Asian
 * Width A) are one column. The point of matching glibc's wcwidth() in a UTF-8
 * locale is that curses advances its cursor by that width: on the 0x110000
 * code points, these tables differ from glibc 2.36 only where glibc reports an
 * unassigned code point as unprintable (checked when the tables were made).
 */
#include "flamex/base/utf8.h"

#include <string.h>

struct utf8_range {
    uint32_t lo;
    uint32_t hi;
};

static const struct utf8_range utf8_zero_width[] = {
    {0x0300, 0x036F}, {0x0483, 0x0489}, {0x0591, 0x05BD}, {0x05BF, 0x05BF},
    {0x05C1, 0x05C2}, {0x05C4, 0x05C5}, {0x05C7, 0x05C7}, {0x0610, 0x061A},
    {0x061C, 0x061C}, {0x064B, 0x065F}, {0x0670, 0x0670}, {0x06D6, 0x06DC},
    {0x06DF, 0x06E4}, {0x06E7, 0x06E8}, {0x06EA, 0x06ED}, {0x0711, 0x0711},
    {0x0730, 0x074A}, {0x07A6, 0x07B0}, {0x07EB, 0x07F3}, {0x07FD, 0x07FD},
    {0x0816, 0x0819}, {0x081B, 0x0823}, {0x0825, 0x0827}, {0x0829, 0x082D},
    {0x0859, 0x085B}, {0x0898, 0x089F}, {0x08CA, 0x08E1}, {0x08E3, 0x0902},
    {0x093A, 0x093A}, {0x093C, 0x093C}, {0x0941, 0x0948}, {0x094D, 0x094D},
    {0x0951, 0x0957}, {0x0962, 0x0963}, {0x0981, 0x0981}, {0x09BC, 0x09BC},
    {0x09C1, 0x09C4}, {0x09CD, 0x09CD}, {0x09E2, 0x09E3}, {0x09FE, 0x09FE},
    {0x0A01, 0x0A02}, {0x0A3C, 0x0A3C}, {0x0A41, 0x0A42}, {0x0A47, 0x0A48},
    {0x0A4B, 0x0A4D}, {0x0A51, 0x0A51}, {0x0A70, 0x0A71}, {0x0A75, 0x0A75},
    {0x0A81, 0x0A82}, {0x0ABC, 0x0ABC}, {0x0AC1, 0x0AC5}, {0x0AC7, 0x0AC8},
    {0x0ACD, 0x0ACD}, {0x0AE2, 0x0AE3}, {0x0AFA, 0x0AFF}, {0x0B01, 0x0B01},
    {0x0B3C, 0x0B3C}, {0x0B3F, 0x0B3F}, {0x0B41, 0x0B44}, {0x0B4D, 0x0B4D},
    {0x0B55, 0x0B56}, {0x0B62, 0x0B63}, {0x0B82, 0x0B82}, {0x0BC0, 0x0BC0},
    {0x0BCD, 0x0BCD}, {0x0C00, 0x0C00}, {0x0C04, 0x0C04}, {0x0C3C, 0x0C3C},
    {0x0C3E, 0x0C40}, {0x0C46, 0x0C48}, {0x0C4A, 0x0C4D}, {0x0C55, 0x0C56},
    {0x0C62, 0x0C63}, {0x0C81, 0x0C81}, {0x0CBC, 0x0CBC}, {0x0CBF, 0x0CBF},
    {0x0CC6, 0x0CC6}, {0x0CCC, 0x0CCD}, {0x0CE2, 0x0CE3}, {0x0D00, 0x0D01},
    {0x0D3B, 0x0D3C}, {0x0D41, 0x0D44}, {0x0D4D, 0x0D4D}, {0x0D62, 0x0D63},
    {0x0D81, 0x0D81}, {0x0DCA, 0x0DCA}, {0x0DD2, 0x0DD4}, {0x0DD6, 0x0DD6},
    {0x0E31, 0x0E31}, {0x0E34, 0x0E3A}, {0x0E47, 0x0E4E}, {0x0EB1, 0x0EB1},
    {0x0EB4, 0x0EBC}, {0x0EC8, 0x0ECD}, {0x0F18, 0x0F19}, {0x0F35, 0x0F35},
    {0x0F37, 0x0F37}, {0x0F39, 0x0F39}, {0x0F71, 0x0F7E}, {0x0F80, 0x0F84},
    {0x0F86, 0x0F87}, {0x0F8D, 0x0F97}, {0x0F99, 0x0FBC}, {0x0FC6, 0x0FC6},
    {0x102D, 0x1030}, {0x1032, 0x1037}, {0x1039, 0x103A}, {0x103D, 0x103E},
    {0x1058, 0x1059}, {0x105E, 0x1060}, {0x1071, 0x1074}, {0x1082, 0x1082},
    {0x1085, 0x1086}, {0x108D, 0x108D}, {0x109D, 0x109D}, {0x1160, 0x11FF},
    {0x135D, 0x135F}, {0x1712, 0x1714}, {0x1732, 0x1733}, {0x1752, 0x1753},
    {0x1772, 0x1773}, {0x17B4, 0x17B5}, {0x17B7, 0x17BD}, {0x17C6, 0x17C6},
    {0x17C9, 0x17D3}, {0x17DD, 0x17DD}, {0x180B, 0x180F}, {0x1885, 0x1886},
    {0x18A9, 0x18A9}, {0x1920, 0x1922}, {0x1927, 0x1928}, {0x1932, 0x1932},
    {0x1939, 0x193B}, {0x1A17, 0x1A18}, {0x1A1B, 0x1A1B}, {0x1A56, 0x1A56},
    {0x1A58, 0x1A5E}, {0x1A60, 0x1A60}, {0x1A62, 0x1A62}, {0x1A65, 0x1A6C},
    {0x1A73, 0x1A7C}, {0x1A7F, 0x1A7F}, {0x1AB0, 0x1ACE}, {0x1B00, 0x1B03},
    {0x1B34, 0x1B34}, {0x1B36, 0x1B3A}, {0x1B3C, 0x1B3C}, {0x1B42, 0x1B42},
    {0x1B6B, 0x1B73}, {0x1B80, 0x1B81}, {0x1BA2, 0x1BA5}, {0x1BA8, 0x1BA9},
    {0x1BAB, 0x1BAD}, {0x1BE6, 0x1BE6}, {0x1BE8, 0x1BE9}, {0x1BED, 0x1BED},
    {0x1BEF, 0x1BF1}, {0x1C2C, 0x1C33}, {0x1C36, 0x1C37}, {0x1CD0, 0x1CD2},
    {0x1CD4, 0x1CE0}, {0x1CE2, 0x1CE8}, {0x1CED, 0x1CED}, {0x1CF4, 0x1CF4},
    {0x1CF8, 0x1CF9}, {0x1DC0, 0x1DFF}, {0x200B, 0x200F}, {0x202A, 0x202E},
    {0x2060, 0x2064}, {0x2066, 0x206F}, {0x20D0, 0x20F0}, {0x2CEF, 0x2CF1},
    {0x2D7F, 0x2D7F}, {0x2DE0, 0x2DFF}, {0x302A, 0x302D}, {0x3099, 0x309A},
    {0xA66F, 0xA672}, {0xA674, 0xA67D}, {0xA69E, 0xA69F}, {0xA6F0, 0xA6F1},
    {0xA802, 0xA802}, {0xA806, 0xA806}, {0xA80B, 0xA80B}, {0xA825, 0xA826},
    {0xA82C, 0xA82C}, {0xA8C4, 0xA8C5}, {0xA8E0, 0xA8F1}, {0xA8FF, 0xA8FF},
    {0xA926, 0xA92D}, {0xA947, 0xA951}, {0xA980, 0xA982}, {0xA9B3, 0xA9B3},
    {0xA9B6, 0xA9B9}, {0xA9BC, 0xA9BD}, {0xA9E5, 0xA9E5}, {0xAA29, 0xAA2E},
    {0xAA31, 0xAA32}, {0xAA35, 0xAA36}, {0xAA43, 0xAA43}, {0xAA4C, 0xAA4C},
    {0xAA7C, 0xAA7C}, {0xAAB0, 0xAAB0}, {0xAAB2, 0xAAB4}, {0xAAB7, 0xAAB8},
    {0xAABE, 0xAABF}, {0xAAC1, 0xAAC1}, {0xAAEC, 0xAAED}, {0xAAF6, 0xAAF6},
    {0xABE5, 0xABE5}, {0xABE8, 0xABE8}, {0xABED, 0xABED}, {0xD7B0, 0xD7FF},
    {0xFB1E, 0xFB1E}, {0xFE00, 0xFE0F}, {0xFE20, 0xFE2F}, {0xFEFF, 0xFEFF},
    {0xFFF9, 0xFFFB}, {0x101FD, 0x101FD}, {0x102E0, 0x102E0}, {0x10376, 0x1037A},
    {0x10A01, 0x10A03}, {0x10A05, 0x10A06}, {0x10A0C, 0x10A0F}, {0x10A38, 0x10A3A},
    {0x10A3F, 0x10A3F}, {0x10AE5, 0x10AE6}, {0x10D24, 0x10D27}, {0x10EAB, 0x10EAC},
    {0x10F46, 0x10F50}, {0x10F82, 0x10F85}, {0x11001, 0x11001}, {0x11038, 0x11046},
    {0x11070, 0x11070}, {0x11073, 0x11074}, {0x1107F, 0x11081}, {0x110B3, 0x110B6},
    {0x110B9, 0x110BA}, {0x110C2, 0x110C2}, {0x11100, 0x11102}, {0x11127, 0x1112B},
    {0x1112D, 0x11134}, {0x11173, 0x11173}, {0x11180, 0x11181}, {0x111B6, 0x111BE},
    {0x111C9, 0x111CC}, {0x111CF, 0x111CF}, {0x1122F, 0x11231}, {0x11234, 0x11234},
    {0x11236, 0x11237}, {0x1123E, 0x1123E}, {0x112DF, 0x112DF}, {0x112E3, 0x112EA},
    {0x11300, 0x11301}, {0x1133B, 0x1133C}, {0x11340, 0x11340}, {0x11366, 0x1136C},
    {0x11370, 0x11374}, {0x11438, 0x1143F}, {0x11442, 0x11444}, {0x11446, 0x11446},
    {0x1145E, 0x1145E}, {0x114B3, 0x114B8}, {0x114BA, 0x114BA}, {0x114BF, 0x114C0},
    {0x114C2, 0x114C3}, {0x115B2, 0x115B5}, {0x115BC, 0x115BD}, {0x115BF, 0x115C0},
    {0x115DC, 0x115DD}, {0x11633, 0x1163A}, {0x1163D, 0x1163D}, {0x1163F, 0x11640},
    {0x116AB, 0x116AB}, {0x116AD, 0x116AD}, {0x116B0, 0x116B5}, {0x116B7, 0x116B7},
    {0x1171D, 0x1171F}, {0x11722, 0x11725}, {0x11727, 0x1172B}, {0x1182F, 0x11837},
    {0x11839, 0x1183A}, {0x1193B, 0x1193C}, {0x1193E, 0x1193E}, {0x11943, 0x11943},
    {0x119D4, 0x119D7}, {0x119DA, 0x119DB}, {0x119E0, 0x119E0}, {0x11A01, 0x11A0A},
    {0x11A33, 0x11A38}, {0x11A3B, 0x11A3E}, {0x11A47, 0x11A47}, {0x11A51, 0x11A56},
    {0x11A59, 0x11A5B}, {0x11A8A, 0x11A96}, {0x11A98, 0x11A99}, {0x11C30, 0x11C36},
    {0x11C38, 0x11C3D}, {0x11C3F, 0x11C3F}, {0x11C92, 0x11CA7}, {0x11CAA, 0x11CB0},
    {0x11CB2, 0x11CB3}, {0x11CB5, 0x11CB6}, {0x11D31, 0x11D36}, {0x11D3A, 0x11D3A},
    {0x11D3C, 0x11D3D}, {0x11D3F, 0x11D45}, {0x11D47, 0x11D47}, {0x11D90, 0x11D91},
    {0x11D95, 0x11D95}, {0x11D97, 0x11D97}, {0x11EF3, 0x11EF4}, {0x13430, 0x13438},
    {0x16AF0, 0x16AF4}, {0x16B30, 0x16B36}, {0x16F4F, 0x16F4F}, {0x16F8F, 0x16F92},
    {0x16FE4, 0x16FE4}, {0x1BC9D, 0x1BC9E}, {0x1BCA0, 0x1BCA3}, {0x1CF00, 0x1CF2D},
    {0x1CF30, 0x1CF46}, {0x1D167, 0x1D169}, {0x1D173, 0x1D182}, {0x1D185, 0x1D18B},
    {0x1D1AA, 0x1D1AD}, {0x1D242, 0x1D244}, {0x1DA00, 0x1DA36}, {0x1DA3B, 0x1DA6C},
    {0x1DA75, 0x1DA75}, {0x1DA84, 0x1DA84}, {0x1DA9B, 0x1DA9F}, {0x1DAA1, 0x1DAAF},
    {0x1E000, 0x1E006}, {0x1E008, 0x1E018}, {0x1E01B, 0x1E021}, {0x1E023, 0x1E024},
    {0x1E026, 0x1E02A}, {0x1E130, 0x1E136}, {0x1E2AE, 0x1E2AE}, {0x1E2EC, 0x1E2EF},
    {0x1E8D0, 0x1E8D6}, {0x1E944, 0x1E94A}, {0xE0001, 0xE0001}, {0xE0020, 0xE007F},
    {0xE0100, 0xE01EF},
};

static const struct utf8_range utf8_wide[] = {
    {0x1100, 0x115F}, {0x231A, 0x231B}, {0x2329, 0x232A}, {0x23E9, 0x23EC},
    {0x23F0, 0x23F0}, {0x23F3, 0x23F3}, {0x25FD, 0x25FE}, {0x2614, 0x2615},
    {0x2648, 0x2653}, {0x267F, 0x267F}, {0x2693, 0x2693}, {0x26A1, 0x26A1},
    {0x26AA, 0x26AB}, {0x26BD, 0x26BE}, {0x26C4, 0x26C5}, {0x26CE, 0x26CE},
    {0x26D4, 0x26D4}, {0x26EA, 0x26EA}, {0x26F2, 0x26F3}, {0x26F5, 0x26F5},
    {0x26FA, 0x26FA}, {0x26FD, 0x26FD}, {0x2705, 0x2705}, {0x270A, 0x270B},
    {0x2728, 0x2728}, {0x274C, 0x274C}, {0x274E, 0x274E}, {0x2753, 0x2755},
    {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27B0, 0x27B0}, {0x27BF, 0x27BF},
    {0x2B1B, 0x2B1C}, {0x2B50, 0x2B50}, {0x2B55, 0x2B55}, {0x2E80, 0x3029},
    {0x302E, 0x303E}, {0x3041, 0x3096}, {0x309B, 0xA4C6}, {0xA960, 0xA97C},
    {0xAC00, 0xD7A3}, {0xF900, 0xFAD9}, {0xFE10, 0xFE19}, {0xFE30, 0xFE6B},
    {0xFF01, 0xFF60}, {0xFFE0, 0xFFE6}, {0x16FE0, 0x16FE3}, {0x16FF0, 0x1B2FB},
    {0x1F004, 0x1F004}, {0x1F0CF, 0x1F0CF}, {0x1F18E, 0x1F18E}, {0x1F191, 0x1F19A},
    {0x1F200, 0x1F320}, {0x1F32D, 0x1F335}, {0x1F337, 0x1F37C}, {0x1F37E, 0x1F393},
    {0x1F3A0, 0x1F3CA}, {0x1F3CF, 0x1F3D3}, {0x1F3E0, 0x1F3F0}, {0x1F3F4, 0x1F3F4},
    {0x1F3F8, 0x1F43E}, {0x1F440, 0x1F440}, {0x1F442, 0x1F4FC}, {0x1F4FF, 0x1F53D},
    {0x1F54B, 0x1F54E}, {0x1F550, 0x1F567}, {0x1F57A, 0x1F57A}, {0x1F595, 0x1F596},
    {0x1F5A4, 0x1F5A4}, {0x1F5FB, 0x1F64F}, {0x1F680, 0x1F6C5}, {0x1F6CC, 0x1F6CC},
    {0x1F6D0, 0x1F6D2}, {0x1F6D5, 0x1F6DF}, {0x1F6EB, 0x1F6EC}, {0x1F6F4, 0x1F6FC},
    {0x1F7E0, 0x1F7F0}, {0x1F90C, 0x1F93A}, {0x1F93C, 0x1F945}, {0x1F947, 0x1F9FF},
    {0x1FA70, 0x1FAFF}, {0x20000, 0x3FFFD},
};

#define UTF8_TABLE_LEN(t) (sizeof(t) / sizeof((t)[0]))

static const char utf8_hex[] = "0123456789abcdef";

static bool utf8_in_table(uint32_t cp, const struct utf8_range *t, size_t n)
{
    if (cp < t[0].lo || cp > t[n - 1].hi)
        return false;
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp > t[mid].hi)
            lo = mid + 1;
        else if (cp < t[mid].lo)
            hi = mid;
        else
            return true;
    }
    return false;
}

size_t utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *p = (const unsigned char *)s;
    *cp = UTF8_INVALID;
    if (len == 0)
        return 0;
    unsigned c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        v = c & 0x1F;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        v = c & 0x0F;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        v = c & 0x07;
        min = 0x10000;
    } else {
        return 1; /* continuation byte, C0/C1 (always overlong) or F5..FF */
    }
    if (len < n)
        return 1; /* truncated by the end of the input */
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 1; /* truncated by a byte that is not a continuation */
        v = (v << 6) | (p[i] & 0x3Fu);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 1; /* overlong, beyond Unicode, or a UTF-16 surrogate */
    *cp = v;
    return n;
}

int utf8_cp_width(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return 0; /* C0, DEL, C1 */
    if (cp < 0x300)
        return 1;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    if (utf8_in_table(cp, utf8_zero_width, UTF8_TABLE_LEN(utf8_zero_width)))
        return 0;
    if (utf8_in_table(cp, utf8_wide, UTF8_TABLE_LEN(utf8_wide)))
        return 2;
    return 1;
}

/* True for a valid code point that must never reach the terminal as itself. */
static bool utf8_cp_is_unsafe(uint32_t cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return true; /* C0 controls, DEL, C1 controls */
    switch (cp) {
    case 0x061C:                   /* ARABIC LETTER MARK */
    case 0x200E: case 0x200F:      /* LRM, RLM */
    case 0x2028: case 0x2029:      /* LINE / PARAGRAPH SEPARATOR */
        return true;
    default:
        return (cp >= 0x202A && cp <= 0x202E)   /* LRE RLE PDF LRO RLO */
               || (cp >= 0x2066 && cp <= 0x2069); /* LRI RLI FSI PDI */
    }
}

/* Arm the iterator to emit "\xHH" for one raw byte. */
static void utf8_iter_escape_byte(struct utf8_iter *it, unsigned char b)
{
    it->esc[0] = '\\';
    it->esc[1] = 'x';
    it->esc[2] = utf8_hex[b >> 4];
    it->esc[3] = utf8_hex[b & 0xF];
    it->esc_len = 4;
}

/* Arm the iterator to emit "\uXXXX" or "\UXXXXXXXX" for a code point. */
static void utf8_iter_escape_cp(struct utf8_iter *it, uint32_t cp)
{
    int digits = cp > 0xFFFF ? 8 : 4;
    it->esc[0] = '\\';
    it->esc[1] = cp > 0xFFFF ? 'U' : 'u';
    for (int i = 0; i < digits; i++)
        it->esc[2 + i] = utf8_hex[(cp >> (4 * (digits - 1 - i))) & 0xF];
    it->esc_len = (uint8_t)(2 + digits);
}

void utf8_iter_init(struct utf8_iter *it, const char *s, size_t len, bool ascii)
{
    memset(it, 0, sizeof *it);
    it->s = s;
    it->len = len;
    it->ascii = ascii;
}

bool utf8_iter_next(struct utf8_iter *it, struct utf8_glyph *g)
{
    if (it->esc_pos == it->esc_len) {
        if (it->pos >= it->len)
            return false;
        const unsigned char *p = (const unsigned char *)it->s + it->pos;
        size_t rest = it->len - it->pos;

        /* Fast path: printable ASCII not followed by a possible mark. */
        if (p[0] >= 0x20 && p[0] < 0x7F && (rest == 1 || p[1] < 0x80)) {
            g->bytes[0] = (char)p[0];
            g->bytes[1] = '\0';
            g->len = 1;
            g->width = 1;
            g->src_off = it->pos;
            g->src_len = 1;
            it->pos++;
            return true;
        }

        uint32_t cp;
        size_t n = utf8_decode(it->s + it->pos, rest, &cp);
        int w = cp == UTF8_INVALID ? 0 : utf8_cp_width(cp);
        if (cp == UTF8_INVALID || (cp < 0x80 && utf8_cp_is_unsafe(cp))) {
            utf8_iter_escape_byte(it, p[0]);
        } else if (utf8_cp_is_unsafe(cp) || w == 0) {
            /* C1 and bidi controls, and marks with no base to sit on (a
             * base glyph swallows the marks after it, so a mark seen here
             * starts the name or follows an escape). */
            utf8_iter_escape_cp(it, cp);
        } else {
            /* A printable base followed by its zero-width marks. */
            size_t q = it->pos + n;
            bool full = false;
            bool plain = cp < 0x80;
            memcpy(g->bytes, p, n);
            g->len = (uint8_t)n;
            while (q < it->len) {
                uint32_t mc;
                size_t mn = utf8_decode(it->s + q, it->len - q, &mc);
                if (mc == UTF8_INVALID || utf8_cp_is_unsafe(mc) || utf8_cp_width(mc) != 0)
                    break;
                if (!full && g->len + mn < UTF8_GLYPH_SIZE) {
                    memcpy(g->bytes + g->len, it->s + q, mn);
                    g->len = (uint8_t)(g->len + mn);
                } else {
                    full = true; /* drop this mark and every later one */
                }
                plain = false;
                q += mn;
            }
            if (it->ascii && !plain) {
                g->bytes[0] = '?';
                g->len = 1;
                w = 1;
            }
            g->bytes[g->len] = '\0';
            g->width = (uint8_t)w;
            g->src_off = it->pos;
            g->src_len = q - it->pos;
            it->pos = q;
            return true;
        }
        it->esc_pos = 0;
        it->esc_src_off = it->pos;
        it->esc_src_len = n;
        it->pos += n;
    }
    /* Next character of the escape being emitted. */
    g->bytes[0] = it->esc[it->esc_pos++];
    g->bytes[1] = '\0';
    g->len = 1;
    g->width = 1;
    g->src_off = it->esc_src_off;
    g->src_len = it->esc_src_len;
    return true;
}

size_t utf8_sanitize(const char *in, size_t len, bool ascii, char *out, size_t outcap)
{
    struct utf8_iter it;
    struct utf8_glyph g;
    size_t total = 0;     /* length of the whole display form */
    size_t written = 0;   /* bytes stored in out */
    size_t item_start = 0; /* where the current raw character's text began in out */
    size_t item_src = 0;
    bool stopped = outcap == 0;

    utf8_iter_init(&it, in, len, ascii);
    while (utf8_iter_next(&it, &g)) {
        if (!stopped) {
            if (total == 0 || g.src_off != item_src) {
                item_src = g.src_off;
                item_start = written;
            }
            if (written + g.len < outcap) {
                memcpy(out + written, g.bytes, g.len);
                written += g.len;
            } else {
                stopped = true;
                written = item_start; /* no half escape */
            }
        }
        total += g.len;
    }
    if (outcap > 0)
        out[written] = '\0';
    return total;
}

size_t utf8_display_width(const char *s, size_t len, bool ascii)
{
    struct utf8_iter it;
    struct utf8_glyph g;
    size_t cols = 0;

    utf8_iter_init(&it, s, len, ascii);
    while (utf8_iter_next(&it, &g))
        cols += g.width;
    return cols;
}

size_t utf8_truncate(const char *in, size_t len, size_t cols, bool ascii, char *out,
                     size_t outcap, size_t *out_len)
{
    const char *ell = ascii ? "~" : "\xe2\x80\xa6"; /* U+2026 HORIZONTAL ELLIPSIS */
    size_t ell_len = strlen(ell);
    struct utf8_iter it;
    struct utf8_glyph g;
    size_t used_b = 0, used_c = 0; /* bytes and columns written */
    size_t keep_b = 0, keep_c = 0; /* longest prefix that leaves room for the ellipsis */
    bool cut = false;

    if (outcap > 0 && cols > 0) {
        utf8_iter_init(&it, in, len, ascii);
        while (utf8_iter_next(&it, &g)) {
            if (g.width > cols - used_c || g.len >= outcap - used_b) {
                cut = true;
                break;
            }
            memcpy(out + used_b, g.bytes, g.len);
            used_b += g.len;
            used_c += g.width;
            if (used_c < cols && used_b + ell_len < outcap) {
                keep_b = used_b;
                keep_c = used_c;
            }
        }
        if (cut) {
            if (keep_b + ell_len < outcap) {
                memcpy(out + keep_b, ell, ell_len);
                used_b = keep_b + ell_len;
                used_c = keep_c + 1;
            } else {
                used_b = 0; /* not even the ellipsis fits */
                used_c = 0;
            }
        }
    }
    if (outcap > 0)
        out[used_b] = '\0';
    if (out_len)
        *out_len = used_b;
    return used_c;
}

size_t utf8_wrap_line(const char *s, size_t n, int width, bool ascii)
{
    struct utf8_iter it;
    struct utf8_glyph g;
    utf8_iter_init(&it, s, n, ascii);
    int cols = 0;
    size_t fit = 0, brk = 0;
    while (utf8_iter_next(&it, &g)) {
        if (g.len == 1 && g.bytes[0] == ' ' && g.src_off > 0)
            brk = g.src_off;
        if (cols + g.width > width)
            return brk ? brk : (fit ? fit : g.src_off + g.src_len);
        cols += g.width;
        fit = g.src_off + g.src_len;
    }
    return n;
}
