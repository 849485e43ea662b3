//! Tokens: a kind and a position, no owned text (the text is read back from the
//! source when the parser needs it).

/// Token kinds, as CPython's `Grammar/Tokens` plus the keywords, which CPython's
/// parser also turns into their own token types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum TokenKind {
    EndMarker,
    Name,
    Number,
    String,
    Newline,
    Indent,
    Dedent,
    LPar,
    RPar,
    LSqb,
    RSqb,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    LBrace,
    RBrace,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    Tilde,
    Circumflex,
    LeftShift,
    RightShift,
    DoubleStar,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlash,
    DoubleSlashEqual,
    At,
    AtEqual,
    RArrow,
    Ellipsis,
    ColonEqual,
    /// A character that is no token of Python (`$`, `?`, `!`, a backtick).
    Op,
    /// Where the tokenizer failed (the parser records it as CPython does).
    ErrorToken,
    /// A `# type: ...` comment (only with `PyCF_TYPE_COMMENTS`); the token's
    /// text is what follows the `type:` prefix.
    TypeComment,
    /// A `# type: ignore...` comment (only with `PyCF_TYPE_COMMENTS`); the
    /// token's text is the tag after `ignore`. The parser records these and
    /// never sees them.
    TypeIgnore,
    // Keywords.
    FalseKw,
    NoneKw,
    TrueKw,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
}

impl TokenKind {
    pub fn is_keyword(self) -> bool {
        self as u8 >= TokenKind::FalseKw as u8
    }

    /// The keyword token for `name`, if it is one of Python's reserved words.
    pub fn keyword(name: &[u8]) -> Option<TokenKind> {
        use TokenKind::*;
        // Most names are no keyword: rule them out by length and first letter.
        if !(2..=8).contains(&name.len()) || !matches!(name[0], b'a'..=b'y' | b'F' | b'N' | b'T') {
            return Option::None;
        }
        Some(match name {
            b"False" => FalseKw,
            b"None" => NoneKw,
            b"True" => TrueKw,
            b"and" => And,
            b"as" => As,
            b"assert" => Assert,
            b"async" => Async,
            b"await" => Await,
            b"break" => Break,
            b"class" => Class,
            b"continue" => Continue,
            b"def" => Def,
            b"del" => Del,
            b"elif" => Elif,
            b"else" => Else,
            b"except" => Except,
            b"finally" => Finally,
            b"for" => For,
            b"from" => From,
            b"global" => Global,
            b"if" => If,
            b"import" => Import,
            b"in" => In,
            b"is" => Is,
            b"lambda" => Lambda,
            b"nonlocal" => Nonlocal,
            b"not" => Not,
            b"or" => Or,
            b"pass" => Pass,
            b"raise" => Raise,
            b"return" => Return,
            b"try" => Try,
            b"while" => While,
            b"with" => With,
            b"yield" => Yield,
            _ => return Option::None,
        })
    }

    /// One-character operators (CPython's `PyToken_OneChar`): one table read.
    #[inline]
    pub fn one_char(c: u8) -> TokenKind {
        ONE_CHAR[c as usize]
    }

    const fn one_char_slow(c: u8) -> TokenKind {
        use TokenKind::*;
        match c {
            b'%' => Percent,
            b'&' => Amper,
            b'(' => LPar,
            b')' => RPar,
            b'*' => Star,
            b'+' => Plus,
            b',' => Comma,
            b'-' => Minus,
            b'.' => Dot,
            b'/' => Slash,
            b':' => Colon,
            b';' => Semi,
            b'<' => Less,
            b'=' => Equal,
            b'>' => Greater,
            b'@' => At,
            b'[' => LSqb,
            b']' => RSqb,
            b'^' => Circumflex,
            b'{' => LBrace,
            b'|' => VBar,
            b'}' => RBrace,
            b'~' => Tilde,
            _ => Op,
        }
    }

    /// Two-character operators (`PyToken_TwoChars`).
    #[inline]
    pub fn two_chars(c1: u8, c2: u8) -> Option<TokenKind> {
        use TokenKind::*;
        Some(match (c1, c2) {
            (b'!', b'=') => NotEqual,
            (b'%', b'=') => PercentEqual,
            (b'&', b'=') => AmperEqual,
            (b'*', b'*') => DoubleStar,
            (b'*', b'=') => StarEqual,
            (b'+', b'=') => PlusEqual,
            (b'-', b'=') => MinEqual,
            (b'-', b'>') => RArrow,
            (b'/', b'/') => DoubleSlash,
            (b'/', b'=') => SlashEqual,
            (b':', b'=') => ColonEqual,
            (b'<', b'<') => LeftShift,
            (b'<', b'=') => LessEqual,
            (b'<', b'>') => NotEqual,
            (b'=', b'=') => EqEqual,
            (b'>', b'=') => GreaterEqual,
            (b'>', b'>') => RightShift,
            (b'@', b'=') => AtEqual,
            (b'^', b'=') => CircumflexEqual,
            (b'|', b'=') => VBarEqual,
            _ => return Option::None,
        })
    }

    /// Three-character operators (`PyToken_ThreeChars`).
    pub fn three_chars(c1: u8, c2: u8, c3: u8) -> Option<TokenKind> {
        use TokenKind::*;
        Some(match (c1, c2, c3) {
            (b'*', b'*', b'=') => DoubleStarEqual,
            (b'.', b'.', b'.') => Ellipsis,
            (b'/', b'/', b'=') => DoubleSlashEqual,
            (b'<', b'<', b'=') => LeftShiftEqual,
            (b'>', b'>', b'=') => RightShiftEqual,
            _ => return Option::None,
        })
    }
}

/// `TokenKind::one_char` for every byte, built at compile time.
static ONE_CHAR: [TokenKind; 256] = {
    let mut t = [TokenKind::Op; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = TokenKind::one_char_slow(i as u8);
        i += 1;
    }
    t
};

/// One token. Lines are 1-based, columns 0-based UTF-8 byte offsets from the
/// start of the line, exactly as CPython's `Token`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokenKind,
    /// A NAME (or keyword) with a non-ASCII character: the parser must
    /// NFKC-normalize it. Always false for other kinds.
    pub non_ascii: bool,
    /// Parenthesis nesting level when the token was read.
    pub level: u16,
    /// Byte range in the (decoded) source.
    pub start: u32,
    pub end: u32,
    pub lineno: u32,
    pub col_offset: i32,
    pub end_lineno: u32,
    pub end_col_offset: i32,
}

#[cfg(test)]
mod tests {
    #[test]
    fn token_is_small() {
        assert_eq!(std::mem::size_of::<super::Token>(), 28);
    }
}
