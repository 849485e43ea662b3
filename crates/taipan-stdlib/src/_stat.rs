//! `_stat` (CPython's `Modules/_stat.c`): the file mode constants, the
//! `S_IS*` tests and `filemode`, which `stat.py` imports over its own.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, int, module, Obj, PyResult, Vm};

/// The constants (Linux values; the BSD and Solaris ones are 0 or their
/// BSD numbers, as CPython defines them everywhere).
const CONSTANTS: &[(&str, i64)] = &[
    ("SF_APPEND", 262144),
    ("SF_ARCHIVED", 65536),
    ("SF_IMMUTABLE", 131072),
    ("SF_NOUNLINK", 1048576),
    ("SF_SNAPSHOT", 2097152),
    ("ST_ATIME", 7),
    ("ST_CTIME", 9),
    ("ST_DEV", 2),
    ("ST_GID", 5),
    ("ST_INO", 1),
    ("ST_MODE", 0),
    ("ST_MTIME", 8),
    ("ST_NLINK", 3),
    ("ST_SIZE", 6),
    ("ST_UID", 4),
    ("S_ENFMT", 1024),
    ("S_IEXEC", 0o100),
    ("S_IFBLK", 0o60000),
    ("S_IFCHR", 0o20000),
    ("S_IFDIR", 0o40000),
    ("S_IFDOOR", 0o0),
    ("S_IFIFO", 0o10000),
    ("S_IFLNK", 0o120000),
    ("S_IFPORT", 0o0),
    ("S_IFREG", 0o100000),
    ("S_IFSOCK", 0o140000),
    ("S_IFWHT", 0o0),
    ("S_IREAD", 0o400),
    ("S_IRGRP", 0o40),
    ("S_IROTH", 0o4),
    ("S_IRUSR", 0o400),
    ("S_IRWXG", 0o70),
    ("S_IRWXO", 0o7),
    ("S_IRWXU", 0o700),
    ("S_ISGID", 0o2000),
    ("S_ISUID", 0o4000),
    ("S_ISVTX", 0o1000),
    ("S_IWGRP", 0o20),
    ("S_IWOTH", 0o2),
    ("S_IWRITE", 0o200),
    ("S_IWUSR", 0o200),
    ("S_IXGRP", 0o10),
    ("S_IXOTH", 0o1),
    ("S_IXUSR", 0o100),
    ("UF_APPEND", 4),
    ("UF_COMPRESSED", 32),
    ("UF_HIDDEN", 32768),
    ("UF_IMMUTABLE", 2),
    ("UF_NODUMP", 1),
    ("UF_NOUNLINK", 16),
    ("UF_OPAQUE", 8),
];

/// A mode argument (CPython's `_PyLong_AsMode_t`: an unsigned long that
/// must fit mode_t).
fn mode_arg(vm: &Vm, o: &Obj) -> PyResult<u32> {
    let Some(v) = int::value(o) else {
        return match vm.index_value(o) {
            Ok(v) => mode_from(vm, &v),
            Err(_) => Err(vm.type_error("an integer is required")),
        };
    };
    let v = v.clone();
    mode_from(vm, &v)
}

fn mode_from(vm: &Vm, v: &int::IntValue) -> PyResult<u32> {
    match v {
        int::IntValue::Small(x) if *x < 0 => Err(vm.overflow_error("can't convert negative value to unsigned int")),
        int::IntValue::Small(x) if *x <= u32::MAX as i64 => Ok(*x as u32),
        int::IntValue::Small(_) => Err(vm.overflow_error("mode out of range")),
        int::IntValue::Big(b) if b.sign() == num_bigint::Sign::Minus => {
            Err(vm.overflow_error("can't convert negative value to unsigned int"))
        }
        int::IntValue::Big(_) => Err(vm.overflow_error("Python int too large to convert to C unsigned long")),
    }
}

fn one_mode(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<u32> {
    // METH_O functions name their module in arity errors.
    let [m] = args::exact::<1>(vm, &format!("_stat.{fname}"), a, kw)?;
    mode_arg(vm, &m)
}

macro_rules! tests {
    ($($fname:ident, $name:literal => $fmt:expr);* $(;)?) => {
        $(
            fn $fname(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
                let m = one_mode(vm, $name, a, kw)?;
                let fmt: u32 = $fmt;
                Ok(vm.bool_obj(fmt != 0 && m & 0o170000 == fmt))
            }
        )*
    };
}

tests! {
    s_isdir, "S_ISDIR" => 0o040000;
    s_ischr, "S_ISCHR" => 0o020000;
    s_isblk, "S_ISBLK" => 0o060000;
    s_isreg, "S_ISREG" => 0o100000;
    s_isfifo, "S_ISFIFO" => 0o010000;
    s_islnk, "S_ISLNK" => 0o120000;
    s_issock, "S_ISSOCK" => 0o140000;
    s_isdoor, "S_ISDOOR" => 0;
    s_isport, "S_ISPORT" => 0;
    s_iswht, "S_ISWHT" => 0;
}

fn s_imode(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let m = one_mode(vm, "S_IMODE", a, kw)?;
    Ok(vm.new_int((m & 0o7777) as i64))
}

fn s_ifmt(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let m = one_mode(vm, "S_IFMT", a, kw)?;
    Ok(vm.new_int((m & 0o170000) as i64))
}

/// The file type letter of `ls -l`.
fn type_char(m: u32) -> char {
    match m & 0o170000 {
        0o040000 => 'd',
        0o100000 => '-',
        0o120000 => 'l',
        0o020000 => 'c',
        0o060000 => 'b',
        0o010000 => 'p',
        0o140000 => 's',
        _ => '?',
    }
}

/// `ls -l`'s permission letters, with setuid/setgid/sticky folded in.
fn perm_chars(m: u32) -> String {
    let mut s = String::with_capacity(9);
    let triple = |s: &mut String, r: u32, w: u32, x: u32, special: u32, on: char, off: char| {
        s.push(if m & r != 0 { 'r' } else { '-' });
        s.push(if m & w != 0 { 'w' } else { '-' });
        s.push(match (m & special != 0, m & x != 0) {
            (true, true) => on,
            (true, false) => off,
            (false, true) => 'x',
            (false, false) => '-',
        });
    };
    triple(&mut s, 0o400, 0o200, 0o100, 0o4000, 's', 'S');
    triple(&mut s, 0o040, 0o020, 0o010, 0o2000, 's', 'S');
    triple(&mut s, 0o004, 0o002, 0o001, 0o1000, 't', 'T');
    s
}

fn filemode(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let m = one_mode(vm, "filemode", a, kw)?;
    let mut s = String::with_capacity(10);
    s.push(type_char(m));
    s.push_str(&perm_chars(m));
    Ok(vm.new_str(&s))
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("S_ISDIR", s_isdir),
    MethodDef::static_("S_ISCHR", s_ischr),
    MethodDef::static_("S_ISBLK", s_isblk),
    MethodDef::static_("S_ISREG", s_isreg),
    MethodDef::static_("S_ISFIFO", s_isfifo),
    MethodDef::static_("S_ISLNK", s_islnk),
    MethodDef::static_("S_ISSOCK", s_issock),
    MethodDef::static_("S_ISDOOR", s_isdoor),
    MethodDef::static_("S_ISPORT", s_isport),
    MethodDef::static_("S_ISWHT", s_iswht),
    MethodDef::static_("S_IMODE", s_imode),
    MethodDef::static_("S_IFMT", s_ifmt),
    MethodDef::static_("filemode", filemode),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_stat");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "_stat", FUNCTIONS);
    for &(name, value) in CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(value))?;
    }
    Ok(m)
}
