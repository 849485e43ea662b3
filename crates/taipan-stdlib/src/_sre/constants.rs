//! The SRE code words (CPython's `Modules/_sre/sre_constants.h`, made by
//! Lib/re/_constants.py: the numbers are the positions in its lists).

/// `_sre.MAGIC`: must equal Lib/re/_constants.py's `MAGIC`.
pub(crate) const MAGIC: i64 = 20220615;
/// Bytes per code word (`_sre.CODESIZE`).
pub(crate) const CODESIZE: i64 = 4;
/// "No upper bound" in a repeat (`_sre.MAXREPEAT`).
pub(crate) const MAXREPEAT: u32 = u32::MAX;
/// The most groups a pattern may have (`_sre.MAXGROUPS`, `INT32_MAX / 2`).
pub(crate) const MAXGROUPS: usize = (i32::MAX / 2) as usize;

pub(crate) mod op {
    pub(crate) const FAILURE: u32 = 0;
    pub(crate) const SUCCESS: u32 = 1;
    pub(crate) const ANY: u32 = 2;
    pub(crate) const ANY_ALL: u32 = 3;
    pub(crate) const ASSERT: u32 = 4;
    pub(crate) const ASSERT_NOT: u32 = 5;
    pub(crate) const AT: u32 = 6;
    pub(crate) const BRANCH: u32 = 7;
    pub(crate) const CATEGORY: u32 = 8;
    pub(crate) const CHARSET: u32 = 9;
    pub(crate) const BIGCHARSET: u32 = 10;
    pub(crate) const GROUPREF: u32 = 11;
    pub(crate) const GROUPREF_EXISTS: u32 = 12;
    pub(crate) const IN: u32 = 13;
    pub(crate) const INFO: u32 = 14;
    pub(crate) const JUMP: u32 = 15;
    pub(crate) const LITERAL: u32 = 16;
    pub(crate) const MARK: u32 = 17;
    pub(crate) const MAX_UNTIL: u32 = 18;
    pub(crate) const MIN_UNTIL: u32 = 19;
    pub(crate) const NOT_LITERAL: u32 = 20;
    pub(crate) const NEGATE: u32 = 21;
    pub(crate) const RANGE: u32 = 22;
    pub(crate) const REPEAT: u32 = 23;
    pub(crate) const REPEAT_ONE: u32 = 24;
    pub(crate) const MIN_REPEAT_ONE: u32 = 26;
    pub(crate) const ATOMIC_GROUP: u32 = 27;
    pub(crate) const POSSESSIVE_REPEAT: u32 = 28;
    pub(crate) const POSSESSIVE_REPEAT_ONE: u32 = 29;
    pub(crate) const GROUPREF_IGNORE: u32 = 30;
    pub(crate) const IN_IGNORE: u32 = 31;
    pub(crate) const LITERAL_IGNORE: u32 = 32;
    pub(crate) const NOT_LITERAL_IGNORE: u32 = 33;
    pub(crate) const GROUPREF_LOC_IGNORE: u32 = 34;
    pub(crate) const IN_LOC_IGNORE: u32 = 35;
    pub(crate) const LITERAL_LOC_IGNORE: u32 = 36;
    pub(crate) const NOT_LITERAL_LOC_IGNORE: u32 = 37;
    pub(crate) const GROUPREF_UNI_IGNORE: u32 = 38;
    pub(crate) const IN_UNI_IGNORE: u32 = 39;
    pub(crate) const LITERAL_UNI_IGNORE: u32 = 40;
    pub(crate) const NOT_LITERAL_UNI_IGNORE: u32 = 41;
    pub(crate) const RANGE_UNI_IGNORE: u32 = 42;
}

pub(crate) mod at {
    pub(crate) const BEGINNING: u32 = 0;
    pub(crate) const BEGINNING_LINE: u32 = 1;
    pub(crate) const BEGINNING_STRING: u32 = 2;
    pub(crate) const BOUNDARY: u32 = 3;
    pub(crate) const NON_BOUNDARY: u32 = 4;
    pub(crate) const END: u32 = 5;
    pub(crate) const END_LINE: u32 = 6;
    pub(crate) const END_STRING: u32 = 7;
    pub(crate) const LOC_BOUNDARY: u32 = 8;
    pub(crate) const LOC_NON_BOUNDARY: u32 = 9;
    pub(crate) const UNI_BOUNDARY: u32 = 10;
    pub(crate) const UNI_NON_BOUNDARY: u32 = 11;
}

pub(crate) mod category {
    pub(crate) const DIGIT: u32 = 0;
    pub(crate) const NOT_DIGIT: u32 = 1;
    pub(crate) const SPACE: u32 = 2;
    pub(crate) const NOT_SPACE: u32 = 3;
    pub(crate) const WORD: u32 = 4;
    pub(crate) const NOT_WORD: u32 = 5;
    pub(crate) const LINEBREAK: u32 = 6;
    pub(crate) const NOT_LINEBREAK: u32 = 7;
    pub(crate) const LOC_WORD: u32 = 8;
    pub(crate) const LOC_NOT_WORD: u32 = 9;
    pub(crate) const UNI_DIGIT: u32 = 10;
    pub(crate) const UNI_NOT_DIGIT: u32 = 11;
    pub(crate) const UNI_SPACE: u32 = 12;
    pub(crate) const UNI_NOT_SPACE: u32 = 13;
    pub(crate) const UNI_WORD: u32 = 14;
    pub(crate) const UNI_NOT_WORD: u32 = 15;
    pub(crate) const UNI_LINEBREAK: u32 = 16;
    pub(crate) const UNI_NOT_LINEBREAK: u32 = 17;
    /// One past the last category code.
    pub(crate) const COUNT: u32 = 18;
}

/// Flags of an INFO block.
pub(crate) const INFO_PREFIX: u32 = 1;
pub(crate) const INFO_LITERAL: u32 = 2;
pub(crate) const INFO_CHARSET: u32 = 4;

/// Pattern flags (`re.IGNORECASE`, ...), for the repr.
pub(crate) const FLAG_NAMES: &[(&str, i64)] = &[
    ("re.TEMPLATE", 1),
    ("re.IGNORECASE", 2),
    ("re.LOCALE", 4),
    ("re.MULTILINE", 8),
    ("re.DOTALL", 16),
    ("re.UNICODE", 32),
    ("re.VERBOSE", 64),
    ("re.DEBUG", 128),
    ("re.ASCII", 256),
];
pub(crate) const FLAG_LOCALE: i64 = 4;
pub(crate) const FLAG_UNICODE: i64 = 32;
pub(crate) const FLAG_ASCII: i64 = 256;
