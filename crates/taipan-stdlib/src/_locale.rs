//! `_locale` (CPython's `Modules/_localemodule.c`): the C library's locale
//! functions (setlocale, localeconv, nl_langinfo, wide-character collation)
//! and its message catalogs (gettext), for `Lib/locale.py`.

use std::ffi::{CStr, CString};

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, dict, module, str as pystr, Obj, PyErr, PyResult, Vm};

extern "C" {
    fn gettext(msgid: *const libc::c_char) -> *mut libc::c_char;
    fn dgettext(domain: *const libc::c_char, msgid: *const libc::c_char) -> *mut libc::c_char;
    fn dcgettext(domain: *const libc::c_char, msgid: *const libc::c_char, category: libc::c_int) -> *mut libc::c_char;
    fn textdomain(domain: *const libc::c_char) -> *mut libc::c_char;
    fn bindtextdomain(domain: *const libc::c_char, dir: *const libc::c_char) -> *mut libc::c_char;
    fn bind_textdomain_codeset(domain: *const libc::c_char, codeset: *const libc::c_char) -> *mut libc::c_char;
}

fn locale_error(vm: &Vm, msg: &str) -> PyErr {
    match vm.lazy_types.borrow().get("_locale.Error") {
        Some(ty) => vm.new_exception_msg(ty, msg),
        None => vm.runtime_error(msg),
    }
}

/// Text the C library returned (in the locale's encoding, read as UTF-8
/// with CPython's surrogateescape for what is not).
fn c_text(vm: &Vm, p: *const libc::c_char) -> PyResult<Obj> {
    if p.is_null() {
        return Ok(vm.none());
    }
    // SAFETY: the C library returns a NUL-terminated string that stays
    // valid until the next call; it is copied at once.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes().to_vec();
    taipan_vm::api::codecs::decode_bytes(vm, &bytes, Some("utf-8"), Some("surrogateescape"))
}

/// A str argument as a C string ("f() argument N must be str, not T",
/// "embedded null character").
fn c_arg(vm: &Vm, fname: &str, pos: usize, o: &Obj) -> PyResult<CString> {
    if pystr::data(o).is_none() {
        return Err(vm.type_error(format!("{fname}() argument {pos} must be str, not {}", o.class().name())));
    }
    let bytes = taipan_vm::api::codecs::encode_str(vm, o, Some("utf-8"), Some("surrogateescape"))?;
    CString::new(bytes).map_err(|_| vm.value_error("embedded null character"))
}

fn opt_c_arg(vm: &Vm, fname: &str, pos: usize, o: Option<&Obj>) -> PyResult<Option<CString>> {
    match o {
        None => Ok(None),
        Some(o) if vm.is_none(o) => Ok(None),
        Some(o) if pystr::data(o).is_none() => {
            Err(vm.type_error(format!("{fname}() argument {pos} must be str or None, not {}", o.class().name())))
        }
        Some(o) => c_arg(vm, fname, pos, o).map(Some),
    }
}

fn setlocale(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let p = args::parse_spec(
        vm,
        &args::ArgSpec { fname: "setlocale", names: &["category", "locale"], posonly: 2, required: 1, kwonly_from: 2 },
        a,
        k,
    )?;
    let category = vm.index_to_isize(p[0].as_ref().unwrap_or(&vm.none()))? as libc::c_int;
    let locale = opt_c_arg(vm, "setlocale", 2, p[1].as_ref())?;
    // SAFETY: setlocale takes a category and a NUL-terminated name (or
    // null to query); its result is copied before the next call.
    let result = unsafe { libc::setlocale(category, locale.as_ref().map_or(std::ptr::null(), |c| c.as_ptr())) };
    if result.is_null() {
        let msg = if locale.is_some() { "unsupported locale setting" } else { "locale query failed" };
        return Err(locale_error(vm, msg));
    }
    c_text(vm, result)
}

/// `grouping` strings as lists (the terminating 0 or CHAR_MAX included).
fn grouping(vm: &Vm, p: *const libc::c_char) -> Obj {
    let mut items = Vec::new();
    if !p.is_null() {
        // SAFETY: the grouping string is NUL-terminated.
        let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
        // The entries up to and including the terminating 0 or CHAR_MAX.
        for &b in bytes {
            let v = b as libc::c_char;
            items.push(vm.new_int(v as i64));
            if v == libc::c_char::MAX {
                return vm.new_list(items);
            }
        }
        if !bytes.is_empty() {
            items.push(vm.new_int(0));
        }
    }
    vm.new_list(items)
}

fn localeconv(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "localeconv", a, k)?;
    // SAFETY: localeconv returns a pointer to a static struct, read at once
    // under the GIL.
    let lc = unsafe { &*libc::localeconv() };
    let d = vm.new_dict();
    let texts: [(&str, *const libc::c_char); 9] = [
        ("int_curr_symbol", lc.int_curr_symbol),
        ("currency_symbol", lc.currency_symbol),
        ("mon_decimal_point", lc.mon_decimal_point),
        ("mon_thousands_sep", lc.mon_thousands_sep),
        ("positive_sign", lc.positive_sign),
        ("negative_sign", lc.negative_sign),
        ("decimal_point", lc.decimal_point),
        ("thousands_sep", lc.thousands_sep),
        ("", std::ptr::null()),
    ];
    let put = |name: &str, v: Obj| dict::set_item_str(vm, &d, name, v);
    for (name, p) in &texts[..4] {
        put(name, c_text(vm, *p)?)?;
    }
    put("mon_grouping", grouping(vm, lc.mon_grouping))?;
    for (name, p) in &texts[4..6] {
        put(name, c_text(vm, *p)?)?;
    }
    let chars: [(&str, libc::c_char); 8] = [
        ("int_frac_digits", lc.int_frac_digits),
        ("frac_digits", lc.frac_digits),
        ("p_cs_precedes", lc.p_cs_precedes),
        ("p_sep_by_space", lc.p_sep_by_space),
        ("n_cs_precedes", lc.n_cs_precedes),
        ("n_sep_by_space", lc.n_sep_by_space),
        ("p_sign_posn", lc.p_sign_posn),
        ("n_sign_posn", lc.n_sign_posn),
    ];
    for (name, v) in chars {
        put(name, vm.new_int(v as i64))?;
    }
    for (name, p) in &texts[6..8] {
        put(name, c_text(vm, *p)?)?;
    }
    put("grouping", grouping(vm, lc.grouping))?;
    Ok(d)
}

const LANGINFO: &[(&str, libc::nl_item)] = &[
    ("CODESET", libc::CODESET),
    ("D_T_FMT", libc::D_T_FMT),
    ("D_FMT", libc::D_FMT),
    ("T_FMT", libc::T_FMT),
    ("T_FMT_AMPM", libc::T_FMT_AMPM),
    ("AM_STR", libc::AM_STR),
    ("PM_STR", libc::PM_STR),
    ("DAY_1", libc::DAY_1),
    ("DAY_2", libc::DAY_2),
    ("DAY_3", libc::DAY_3),
    ("DAY_4", libc::DAY_4),
    ("DAY_5", libc::DAY_5),
    ("DAY_6", libc::DAY_6),
    ("DAY_7", libc::DAY_7),
    ("ABDAY_1", libc::ABDAY_1),
    ("ABDAY_2", libc::ABDAY_2),
    ("ABDAY_3", libc::ABDAY_3),
    ("ABDAY_4", libc::ABDAY_4),
    ("ABDAY_5", libc::ABDAY_5),
    ("ABDAY_6", libc::ABDAY_6),
    ("ABDAY_7", libc::ABDAY_7),
    ("MON_1", libc::MON_1),
    ("MON_2", libc::MON_2),
    ("MON_3", libc::MON_3),
    ("MON_4", libc::MON_4),
    ("MON_5", libc::MON_5),
    ("MON_6", libc::MON_6),
    ("MON_7", libc::MON_7),
    ("MON_8", libc::MON_8),
    ("MON_9", libc::MON_9),
    ("MON_10", libc::MON_10),
    ("MON_11", libc::MON_11),
    ("MON_12", libc::MON_12),
    ("ABMON_1", libc::ABMON_1),
    ("ABMON_2", libc::ABMON_2),
    ("ABMON_3", libc::ABMON_3),
    ("ABMON_4", libc::ABMON_4),
    ("ABMON_5", libc::ABMON_5),
    ("ABMON_6", libc::ABMON_6),
    ("ABMON_7", libc::ABMON_7),
    ("ABMON_8", libc::ABMON_8),
    ("ABMON_9", libc::ABMON_9),
    ("ABMON_10", libc::ABMON_10),
    ("ABMON_11", libc::ABMON_11),
    ("ABMON_12", libc::ABMON_12),
    ("RADIXCHAR", libc::RADIXCHAR),
    ("THOUSEP", libc::THOUSEP),
    ("YESEXPR", libc::YESEXPR),
    ("NOEXPR", libc::NOEXPR),
    ("CRNCYSTR", libc::CRNCYSTR),
    ("ERA", libc::ERA),
    ("ERA_D_FMT", libc::ERA_D_FMT),
    ("ALT_DIGITS", libc::ALT_DIGITS),
    ("ERA_D_T_FMT", libc::ERA_D_T_FMT),
    ("ERA_T_FMT", libc::ERA_T_FMT),
    ("_DATE_FMT", 0x2006C),
];

fn nl_langinfo(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [key] = args::exact::<1>(vm, "nl_langinfo", a, k)?;
    let key = vm.index_to_isize(&key)?;
    if !LANGINFO.iter().any(|(_, v)| *v as isize == key) {
        return Err(vm.value_error("unsupported langinfo constant"));
    }
    // SAFETY: the item is one of the known constants; the result is
    // copied at once.
    c_text(vm, unsafe { libc::nl_langinfo(key as libc::nl_item) })
}

/// A str as a NUL-terminated wide string.
fn wide(vm: &Vm, fname: &str, pos: usize, o: &Obj) -> PyResult<Vec<libc::wchar_t>> {
    let Some(d) = pystr::data(o) else {
        return Err(vm.type_error(format!("{fname}() argument {pos} must be str, not {}", o.class().name())));
    };
    let mut w: Vec<libc::wchar_t> = d.code_points().map(|c| c as libc::wchar_t).collect();
    if w.contains(&0) {
        return Err(vm.value_error("embedded null character"));
    }
    w.push(0);
    Ok(w)
}

extern "C" {
    fn wcscoll(a: *const libc::wchar_t, b: *const libc::wchar_t) -> libc::c_int;
    fn wcsxfrm(dest: *mut libc::wchar_t, src: *const libc::wchar_t, n: libc::size_t) -> libc::size_t;
}

fn strcoll(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [x, y] = args::exact::<2>(vm, "strcoll", a, k)?;
    let (x, y) = (wide(vm, "strcoll", 1, &x)?, wide(vm, "strcoll", 2, &y)?);
    // SAFETY: both strings are NUL-terminated wide strings.
    Ok(vm.new_int(unsafe { wcscoll(x.as_ptr(), y.as_ptr()) } as i64))
}

fn strxfrm(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [s] = args::exact::<1>(vm, "strxfrm", a, k)?;
    let src = wide(vm, "strxfrm", 1, &s)?;
    // SAFETY: a null destination with size 0 asks for the needed length;
    // the second call writes at most `n + 1` wide characters.
    let n = unsafe { wcsxfrm(std::ptr::null_mut(), src.as_ptr(), 0) };
    let mut out: Vec<libc::wchar_t> = vm.try_vec(n + 1)?;
    out.resize(n + 1, 0);
    unsafe { wcsxfrm(out.as_mut_ptr(), src.as_ptr(), n + 1) };
    out.truncate(n);
    let cps: Vec<u32> = out.iter().map(|&c| c as u32).collect();
    Ok(vm.new_str_from_code_points(&cps))
}

/// `getencoding()`: the current LC_CTYPE locale's codeset (CPython's
/// `_Py_GetLocaleEncoding`: `ANSI_X3.4-1968` in the C locale, UTF-8 when
/// the codeset is empty).
fn getencoding(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "getencoding", a, k)?;
    // SAFETY: nl_langinfo returns a NUL-terminated string, copied at once.
    let codeset = unsafe { CStr::from_ptr(libc::nl_langinfo(libc::CODESET)).to_string_lossy().into_owned() };
    if codeset.is_empty() {
        return Ok(vm.new_str("UTF-8"));
    }
    Ok(vm.new_str(&codeset))
}

// Message catalogs.

fn gettext_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [msg] = args::exact::<1>(vm, "gettext", a, k)?;
    let c = c_arg(vm, "gettext", 1, &msg)?;
    // SAFETY: gettext returns the translation or its argument.
    c_text(vm, unsafe { gettext(c.as_ptr()) })
}

fn dgettext_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [domain, msg] = args::exact::<2>(vm, "dgettext", a, k)?;
    let domain = opt_c_arg(vm, "dgettext", 1, Some(&domain))?;
    let c = c_arg(vm, "dgettext", 2, &msg)?;
    // SAFETY: a null domain means the current one.
    c_text(vm, unsafe { dgettext(domain.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()), c.as_ptr()) })
}

fn dcgettext_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [domain, msg, cat] = args::exact::<3>(vm, "dcgettext", a, k)?;
    let domain = opt_c_arg(vm, "dcgettext", 1, Some(&domain))?;
    let c = c_arg(vm, "dcgettext", 2, &msg)?;
    let cat = vm.index_to_isize(&cat)? as libc::c_int;
    // SAFETY: as dgettext, with a category.
    c_text(vm, unsafe { dcgettext(domain.as_ref().map_or(std::ptr::null(), |d| d.as_ptr()), c.as_ptr(), cat) })
}

fn textdomain_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [domain] = args::exact::<1>(vm, "textdomain", a, k)?;
    let domain = opt_c_arg(vm, "textdomain", 1, Some(&domain))?;
    // SAFETY: a null domain queries the current one.
    let r = unsafe { textdomain(domain.as_ref().map_or(std::ptr::null(), |d| d.as_ptr())) };
    if r.is_null() {
        return Err(vm.io_error(&std::io::Error::last_os_error(), None));
    }
    c_text(vm, r)
}

fn bindtextdomain_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [domain, dir] = args::exact::<2>(vm, "bindtextdomain", a, k)?;
    let domain = c_arg(vm, "bindtextdomain", 1, &domain)?;
    if domain.as_bytes().is_empty() {
        return Err(vm.value_error("empty string"));
    }
    let dir = opt_c_arg(vm, "bindtextdomain", 2, Some(&dir))?;
    // SAFETY: a null directory queries the current binding.
    let r = unsafe { bindtextdomain(domain.as_ptr(), dir.as_ref().map_or(std::ptr::null(), |d| d.as_ptr())) };
    if r.is_null() {
        return Err(vm.io_error(&std::io::Error::last_os_error(), None));
    }
    c_text(vm, r)
}

fn bind_textdomain_codeset_fn(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [domain, codeset] = args::exact::<2>(vm, "bind_textdomain_codeset", a, k)?;
    let domain = c_arg(vm, "bind_textdomain_codeset", 1, &domain)?;
    let codeset = opt_c_arg(vm, "bind_textdomain_codeset", 2, Some(&codeset))?;
    // SAFETY: a null codeset queries the current one.
    let r =
        unsafe { bind_textdomain_codeset(domain.as_ptr(), codeset.as_ref().map_or(std::ptr::null(), |d| d.as_ptr())) };
    c_text(vm, r)
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("setlocale", setlocale),
    MethodDef::static_("localeconv", localeconv),
    MethodDef::static_("nl_langinfo", nl_langinfo),
    MethodDef::static_("strcoll", strcoll),
    MethodDef::static_("strxfrm", strxfrm),
    MethodDef::static_("getencoding", getencoding),
    MethodDef::static_("gettext", gettext_fn),
    MethodDef::static_("dgettext", dgettext_fn),
    MethodDef::static_("dcgettext", dcgettext_fn),
    MethodDef::static_("textdomain", textdomain_fn),
    MethodDef::static_("bindtextdomain", bindtextdomain_fn),
    MethodDef::static_("bind_textdomain_codeset", bind_textdomain_codeset_fn),
];

fn make_error(vm: &Vm) -> PyResult<Obj> {
    let ns = vm.new_dict();
    dict::set_item_str(vm, &ns, "__module__", vm.new_str("locale"))?;
    let bases = vm.new_tuple(vec![vm.ctx.exceptions.exception.clone()]);
    vm.call(&vm.ctx.types.type_.clone(), &[vm.new_str("Error"), bases, ns], None)
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_locale");
    module::add_functions(vm, &m, "_locale", FUNCTIONS);
    let d = module::module_dict(&m);
    let consts: [(&str, libc::c_int); 8] = [
        ("LC_CTYPE", libc::LC_CTYPE),
        ("LC_COLLATE", libc::LC_COLLATE),
        ("LC_TIME", libc::LC_TIME),
        ("LC_MONETARY", libc::LC_MONETARY),
        ("LC_NUMERIC", libc::LC_NUMERIC),
        ("LC_ALL", libc::LC_ALL),
        ("LC_MESSAGES", libc::LC_MESSAGES),
        ("CHAR_MAX", libc::c_char::MAX as libc::c_int),
    ];
    for (name, v) in consts {
        dict::set_item_str(vm, &d, name, vm.new_int(v as i64))?;
    }
    for (name, v) in LANGINFO {
        dict::set_item_str(vm, &d, name, vm.new_int(*v as i64))?;
    }
    let err = make_error(vm)?;
    dict::set_item_str(vm, &d, "Error", err.clone())?;
    vm.lazy_types.borrow_mut().insert("_locale.Error", err);
    Ok(m)
}
