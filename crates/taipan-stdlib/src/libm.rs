//! The platform C math library, as CPython's `math` and `cmath` call it:
//! the same functions give bit-identical results to CPython's on the same
//! machine. Rust's own `f64` methods are not used for these because some
//! of them (`asinh`, `acosh`, `atanh`, ...) are computed in Rust rather
//! than by libm.

mod c {
    extern "C" {
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn acos(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;
        pub fn exp(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn sqrt(x: f64) -> f64;
        pub fn pow(x: f64, y: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn hypot(x: f64, y: f64) -> f64;
        pub fn erf(x: f64) -> f64;
        pub fn erfc(x: f64) -> f64;
        pub fn nextafter(x: f64, y: f64) -> f64;
        pub fn ldexp(x: f64, e: i32) -> f64;
        pub fn frexp(x: f64, e: *mut i32) -> f64;
        pub fn modf(x: f64, ip: *mut f64) -> f64;
    }
}

macro_rules! unary {
    ($($name:ident),*) => {$(
        #[inline]
        pub(crate) fn $name(x: f64) -> f64 {
            // SAFETY: a pure libm function of a double; no pointers, no state
            // beyond errno.
            unsafe { c::$name(x) }
        }
    )*};
}

macro_rules! binary {
    ($($name:ident),*) => {$(
        #[inline]
        pub(crate) fn $name(x: f64, y: f64) -> f64 {
            // SAFETY: a pure libm function of two doubles.
            unsafe { c::$name(x, y) }
        }
    )*};
}

unary!(
    sin, cos, tan, asin, acos, atan, sinh, cosh, tanh, asinh, acosh, atanh, exp, exp2, expm1, log, log2, log10, log1p,
    sqrt, erf, erfc
);
binary!(atan2, pow, fmod, hypot, nextafter);

/// The C library's `cbrt`. Rust's runtime links a `cbrt` of its own into
/// the binary (compiler-builtins' port of musl's), which the static linker
/// prefers and which rounds differently from glibc's: look the C library's
/// up by name instead.
pub(crate) fn cbrt(x: f64) -> f64 {
    type F = unsafe extern "C" fn(f64) -> f64;
    static SYSTEM_CBRT: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let addr = *SYSTEM_CBRT.get_or_init(|| {
        // SAFETY: dlsym with RTLD_DEFAULT and a NUL-terminated name only
        // reads the loaded objects' symbol tables.
        unsafe { libc::dlsym(libc::RTLD_DEFAULT, c"cbrt".as_ptr()) as usize }
    });
    if addr == 0 {
        return x.cbrt();
    }
    // SAFETY: `addr` is the C library's `double cbrt(double)`.
    let f: F = unsafe { std::mem::transmute::<usize, F>(addr) };
    // SAFETY: a pure function of a double.
    unsafe { f(x) }
}

#[inline]
pub(crate) fn ldexp(x: f64, e: i32) -> f64 {
    // SAFETY: a pure libm function.
    unsafe { c::ldexp(x, e) }
}

/// `(m, e)` with `x == m * 2**e`.
#[inline]
pub(crate) fn frexp(x: f64) -> (f64, i32) {
    let mut e = 0i32;
    // SAFETY: `e` is a live local the function writes one int to.
    let m = unsafe { c::frexp(x, &mut e) };
    (m, e)
}

/// `(fractional part, integer part)`.
#[inline]
pub(crate) fn modf(x: f64) -> (f64, f64) {
    let mut ip = 0.0f64;
    // SAFETY: `ip` is a live local the function writes one double to.
    let f = unsafe { c::modf(x, &mut ip) };
    (f, ip)
}

/// The thread's errno (C's `errno`), read and reset around libm calls.
pub(crate) fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

pub(crate) fn clear_errno() {
    // SAFETY: __errno_location returns the calling thread's errno slot,
    // valid for the thread's lifetime.
    unsafe { *libc::__errno_location() = 0 }
}
