//! Character classes and case mappings of the matcher (CPython's
//! `sre_category`, `sre_lower_*`, `sre_upper_*`, `char_loc_ignore`).
//! Taipan has no `setlocale`, so the locale variants follow the C locale
//! (ASCII), as CPython does until a program changes LC_CTYPE.

use taipan_vm::api::unicode;

use super::constants::category as cat;

#[inline]
pub(crate) fn is_linebreak(ch: u32) -> bool {
    ch == '\n' as u32
}

#[inline]
fn is_ascii_digit(ch: u32) -> bool {
    (0x30..=0x39).contains(&ch)
}

#[inline]
fn is_ascii_space(ch: u32) -> bool {
    matches!(ch, 0x09..=0x0d | 0x20)
}

#[inline]
fn is_ascii_alnum(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_alphanumeric()
}

#[inline]
pub(crate) fn is_word(ch: u32) -> bool {
    is_ascii_alnum(ch) || ch == '_' as u32
}

/// A word character in the C locale (`isalnum` on values below 256).
#[inline]
pub(crate) fn is_loc_word(ch: u32) -> bool {
    is_word(ch)
}

#[inline]
pub(crate) fn is_uni_word(ch: u32) -> bool {
    if ch < 128 {
        return is_word(ch);
    }
    unicode::is_alnum(ch)
}

/// `str.isdecimal` of one character.
#[inline]
fn is_uni_digit(ch: u32) -> bool {
    if ch < 128 {
        return is_ascii_digit(ch);
    }
    unicode::is_decimal(ch)
}

/// `str.isspace` of one character (in ASCII also the separators
/// 0x1c..=0x1f).
#[inline]
fn is_uni_space(ch: u32) -> bool {
    if ch < 128 {
        return matches!(ch, 0x09..=0x0d | 0x1c..=0x20);
    }
    unicode::is_space(ch)
}

#[inline]
pub(crate) fn lower_ascii(ch: u32) -> u32 {
    if (0x41..=0x5a).contains(&ch) {
        ch + 32
    } else {
        ch
    }
}

#[inline]
pub(crate) fn upper_ascii(ch: u32) -> u32 {
    if (0x61..=0x7a).contains(&ch) {
        ch - 32
    } else {
        ch
    }
}

#[inline]
pub(crate) fn lower_locale(ch: u32) -> u32 {
    lower_ascii(ch)
}

#[inline]
pub(crate) fn upper_locale(ch: u32) -> u32 {
    upper_ascii(ch)
}

#[inline]
pub(crate) fn lower_unicode(ch: u32) -> u32 {
    unicode::to_lower_simple(ch)
}

#[inline]
pub(crate) fn upper_unicode(ch: u32) -> u32 {
    unicode::to_upper_simple(ch)
}

/// `char_loc_ignore`: does `ch` equal `pattern` up to locale case?
#[inline]
pub(crate) fn char_loc_ignore(pattern: u32, ch: u32) -> bool {
    ch == pattern || lower_locale(ch) == pattern || upper_locale(ch) == pattern
}

pub(crate) fn ascii_iscased(ch: u32) -> bool {
    ch < 128 && (ch as u8).is_ascii_alphabetic()
}

pub(crate) fn unicode_iscased(ch: u32) -> bool {
    ch != lower_unicode(ch) || ch != upper_unicode(ch)
}

/// Is `ch` in the category `code`? (An unknown code is no member.)
pub(crate) fn category(code: u32, ch: u32) -> bool {
    match code {
        cat::DIGIT => is_ascii_digit(ch),
        cat::NOT_DIGIT => !is_ascii_digit(ch),
        cat::SPACE => is_ascii_space(ch),
        cat::NOT_SPACE => !is_ascii_space(ch),
        cat::WORD => is_word(ch),
        cat::NOT_WORD => !is_word(ch),
        cat::LINEBREAK => is_linebreak(ch),
        cat::NOT_LINEBREAK => !is_linebreak(ch),
        cat::LOC_WORD => is_loc_word(ch),
        cat::LOC_NOT_WORD => !is_loc_word(ch),
        cat::UNI_DIGIT => is_uni_digit(ch),
        cat::UNI_NOT_DIGIT => !is_uni_digit(ch),
        cat::UNI_SPACE => is_uni_space(ch),
        cat::UNI_NOT_SPACE => !is_uni_space(ch),
        cat::UNI_WORD => is_uni_word(ch),
        cat::UNI_NOT_WORD => !is_uni_word(ch),
        cat::UNI_LINEBREAK => unicode::is_linebreak(ch),
        cat::UNI_NOT_LINEBREAK => !unicode::is_linebreak(ch),
        _ => false,
    }
}
