//! `_crypt` (CPython's `Modules/_cryptmodule.c`): `crypt(3)` of the system's
//! libcrypt, loaded at import with `dlopen` (the unversioned `libcrypt.so`
//! link is only there with the development package).

use std::ffi::{c_char, c_void, CStr, CString};
use std::sync::OnceLock;

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{args, module, str as pystr, tuple, Obj, PyResult, Vm};

use crate::posix::path;

/// `char *crypt_r(const char *phrase, const char *setting, struct crypt_data *data)`.
type CryptR = unsafe extern "C" fn(*const c_char, *const c_char, *mut c_void) -> *mut c_char;

/// Room for `struct crypt_data`: 32 KiB in libxcrypt, 128 KiB in glibc's
/// older libcrypt; the larger one, zeroed before each call as required.
const CRYPT_DATA_SIZE: usize = 256 * 1024;

const LIBRARIES: &[&CStr] = &[c"libcrypt.so.1", c"libcrypt.so.2", c"libcrypt.so"];

/// The library's `crypt_r`, looked up once per process (a C library's
/// symbol, not interpreter state).
static CRYPT_R: OnceLock<Option<CryptR>> = OnceLock::new();

fn find_crypt_r() -> Option<CryptR> {
    for lib in LIBRARIES {
        // SAFETY: dlopen with a NUL-terminated name; the handle is kept
        // open for the life of the process, as the symbol is used.
        let handle = unsafe { libc::dlopen(lib.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
        if handle.is_null() {
            continue;
        }
        // SAFETY: dlsym on a live handle with a NUL-terminated name.
        let sym = unsafe { libc::dlsym(handle, c"crypt_r".as_ptr()) };
        if !sym.is_null() {
            // SAFETY: libcrypt's crypt_r has the `CryptR` signature.
            return Some(unsafe { std::mem::transmute::<*mut c_void, CryptR>(sym) });
        }
    }
    None
}

/// A str argument as the clinic's `str` converter gives it: UTF-8, no NUL.
fn utf8_arg(vm: &Vm, o: &Obj, pos: usize) -> PyResult<CString> {
    if pystr::data(o).is_none() {
        return Err(vm.type_error(format!("crypt() argument {pos} must be str, not {}", o.class().name())));
    }
    let Some(s) = pystr::as_str(o) else {
        // A lone surrogate: UTF-8 encoding's own UnicodeEncodeError.
        vm.call_method(o, "encode", &[])?;
        return Err(vm.type_error("expected str"));
    };
    CString::new(s).map_err(|_| vm.value_error("embedded null character"))
}

/// Hash `word` with `salt`: the bytes crypt_r wrote, or its errno.
fn hash(f: CryptR, word: &CStr, salt: &CStr) -> Result<Vec<u8>, i32> {
    let mut data = vec![0u8; CRYPT_DATA_SIZE];
    // SAFETY: both strings are NUL-terminated and `data` is a zeroed buffer
    // at least as large as `struct crypt_data`; the result points into it.
    let out = unsafe { f(word.as_ptr(), salt.as_ptr(), data.as_mut_ptr() as *mut c_void) };
    if out.is_null() {
        return Err(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EINVAL));
    }
    // SAFETY: a non-null result is a NUL-terminated string inside `data`.
    Ok(unsafe { CStr::from_ptr(out) }.to_bytes().to_vec())
}

fn crypt_crypt(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    if kw.is_some_and(|k| tuple::len(k) > 0) {
        return Err(vm.type_error("_crypt.crypt() takes no keyword arguments"));
    }
    let [word, salt] = args::exact::<2>(vm, "crypt", a, None)?;
    let (word, salt) = (utf8_arg(vm, &word, 1)?, utf8_arg(vm, &salt, 2)?);
    let Some(f) = *CRYPT_R.get_or_init(find_crypt_r) else {
        return Err(vm.os_error("crypt_r is not available"));
    };
    // Hashing may take milliseconds (thousands of rounds): other threads run.
    match vm.allow_threads(move || hash(f, &word, &salt)) {
        Ok(bytes) => path::decode_fs(vm, &bytes),
        Err(code) => Err(path::os_error(vm, code, None, None)),
    }
}

const FUNCTIONS: &[MethodDef] = &[MethodDef {
    doc: Some(
        "Hash a *word* with the given *salt* and return the hashed password.\n\n*word* will usually be a user's password.  *salt* (either a random 2 or 16\ncharacter string, possibly prefixed with $digit$ to indicate the method)\nwill be used to perturb the encryption algorithm and produce distinct\nresults for a given *word*.",
    ),
    ..MethodDef::static_("crypt", crypt_crypt)
}];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    if CRYPT_R.get_or_init(find_crypt_r).is_none() {
        return Err(vm.import_error("No module named '_crypt' (libcrypt.so.1 with crypt_r was not found)"));
    }
    let m = module::new_module(vm, "_crypt");
    module::add_functions(vm, &m, "_crypt", FUNCTIONS);
    Ok(m)
}
