//! `termios` (CPython's `Modules/termios.c`): POSIX terminal control
//! through libc: `tcgetattr`/`tcsetattr`, `tcsendbreak`, `tcdrain`,
//! `tcflush`, `tcflow`, `tcgetwinsize`/`tcsetwinsize`, `error`, and the
//! constants of the platform.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{bytes, dict, int, list, module, Obj, PyErr, PyResult, Vm};

use crate::posix::path::{errno, fildes, strerror};
use crate::support::positional;

const DOC: &str = "This module provides an interface to the Posix calls for tty I/O control.\nFor a complete description of these calls, see the Posix or Unix manual\npages. It is only available for those Unix versions that support POSIX\ntermios style tty I/O control.\n\nAll functions in this module take a file descriptor fd as their first\nargument. This can be an integer file descriptor, such as returned by\nsys.stdin.fileno(), or a file object, such as sys.stdin itself.";

const ERROR_KEY: &str = "termios.error";

type Args<'a> = &'a [Obj];
type Kw<'a> = Option<&'a Obj>;

fn termios_error(vm: &Vm, code: i32) -> PyErr {
    let ty = vm.lazy_types.borrow().get(ERROR_KEY).cloned().unwrap_or_else(|| vm.ctx.exceptions.os_error.clone());
    vm.new_exception(&ty, vec![vm.new_int(code as i64), vm.new_str(&strerror(code))])
}

/// Argument Clinic's `int` converter.
fn c_int(vm: &Vm, o: &Obj) -> PyResult<i32> {
    if vm.isinstance_type(o, &vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let v = vm.to_i64(o)?;
    i32::try_from(v).map_err(|_| {
        vm.overflow_error(if v < 0 {
            "signed integer is less than minimum"
        } else {
            "signed integer is greater than maximum"
        })
    })
}

/// A C `long` (PyLong_AsLong).
fn c_long(vm: &Vm, o: &Obj) -> PyResult<i64> {
    vm.to_i64(o).map_err(|e| {
        if int::value(o).is_some() {
            vm.overflow_error("Python int too large to convert to C long")
        } else {
            e
        }
    })
}

fn get_attr(vm: &Vm, fd: i32) -> PyResult<libc::termios> {
    // SAFETY: termios is plain old data; all-zero is a valid value.
    let mut t: libc::termios = unsafe { std::mem::zeroed() };
    // SAFETY: `t` is a valid, writable termios.
    let r = unsafe { libc::tcgetattr(fd, &mut t) };
    if r == -1 {
        return Err(termios_error(vm, errno()));
    }
    Ok(t)
}

fn tcgetattr(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [fd] = taipan_vm::api::args::exact::<1>(vm, "termios.tcgetattr", a, k)?;
    let fd = fildes(vm, &fd)?;
    let t = get_attr(vm, fd)?;
    // SAFETY: reads fields of a valid termios.
    let (ispeed, ospeed) = unsafe { (libc::cfgetispeed(&t), libc::cfgetospeed(&t)) };
    let canonical = t.c_lflag & libc::ICANON != 0;
    let cc: Vec<Obj> = t
        .c_cc
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if !canonical && (i == libc::VMIN || i == libc::VTIME) {
                vm.new_int(c as i64)
            } else {
                vm.new_bytes(vec![c])
            }
        })
        .collect();
    Ok(vm.new_list(vec![
        vm.new_int(t.c_iflag as i64),
        vm.new_int(t.c_oflag as i64),
        vm.new_int(t.c_cflag as i64),
        vm.new_int(t.c_lflag as i64),
        vm.new_int(ispeed as i64),
        vm.new_int(ospeed as i64),
        vm.new_list(cc),
    ]))
}

fn tcsetattr(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = positional(vm, "tcsetattr", a, k, 3, 3)?;
    let fd = fildes(vm, &a[0])?;
    let when = c_int(vm, &a[1])?;
    let attrs = match list::items(&a[2]) {
        Some(items) if items.len() == 7 => items,
        _ => return Err(vm.type_error("tcsetattr, arg 3: must be 7 element list")),
    };
    let mut t = get_attr(vm, fd)?;
    t.c_iflag = c_long(vm, &attrs[0])? as libc::tcflag_t;
    t.c_oflag = c_long(vm, &attrs[1])? as libc::tcflag_t;
    t.c_cflag = c_long(vm, &attrs[2])? as libc::tcflag_t;
    t.c_lflag = c_long(vm, &attrs[3])? as libc::tcflag_t;
    let ispeed = c_long(vm, &attrs[4])? as libc::speed_t;
    let ospeed = c_long(vm, &attrs[5])? as libc::speed_t;
    let cc = match list::items(&attrs[6]) {
        Some(items) if items.len() == libc::NCCS => items,
        _ => return Err(vm.type_error(format!("tcsetattr: attributes[6] must be {} element list", libc::NCCS))),
    };
    for (i, c) in cc.iter().enumerate() {
        t.c_cc[i] = match bytes::as_bytes_ref(c) {
            Some(b) if b.len() == 1 => b[0],
            _ if int::value(c).is_some() => c_long(vm, c)? as libc::cc_t,
            _ => return Err(vm.type_error("tcsetattr: elements of attributes must be characters or integers")),
        };
    }
    // SAFETY: `t` is a valid termios; the calls only read or write it.
    unsafe {
        if libc::cfsetispeed(&mut t, ispeed) == -1 || libc::cfsetospeed(&mut t, ospeed) == -1 {
            return Err(termios_error(vm, errno()));
        }
        if libc::tcsetattr(fd, when, &t) == -1 {
            return Err(termios_error(vm, errno()));
        }
    }
    Ok(vm.none())
}

/// `f(fd, int)` functions over a libc call.
fn fd_and_int(vm: &Vm, fname: &str, a: Args, k: Kw, call: fn(i32, i32) -> i32) -> PyResult<Obj> {
    let a = positional(vm, fname, a, k, 2, 2)?;
    let fd = fildes(vm, &a[0])?;
    let n = c_int(vm, &a[1])?;
    if vm.allow_threads(move || call(fd, n)) == -1 {
        return Err(termios_error(vm, errno()));
    }
    Ok(vm.none())
}

fn tcsendbreak(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    // SAFETY: plain libc call on a descriptor.
    fd_and_int(vm, "tcsendbreak", a, k, |fd, n| unsafe { libc::tcsendbreak(fd, n) })
}

fn tcflush(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    // SAFETY: plain libc call on a descriptor.
    fd_and_int(vm, "tcflush", a, k, |fd, n| unsafe { libc::tcflush(fd, n) })
}

fn tcflow(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    // SAFETY: plain libc call on a descriptor.
    fd_and_int(vm, "tcflow", a, k, |fd, n| unsafe { libc::tcflow(fd, n) })
}

fn tcdrain(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [fd] = taipan_vm::api::args::exact::<1>(vm, "termios.tcdrain", a, k)?;
    let fd = fildes(vm, &fd)?;
    // SAFETY: plain libc call on a descriptor; it may block, so without the GIL.
    if vm.allow_threads(move || unsafe { libc::tcdrain(fd) }) == -1 {
        return Err(termios_error(vm, errno()));
    }
    Ok(vm.none())
}

fn get_winsize(vm: &Vm, fd: i32) -> PyResult<libc::winsize> {
    let mut w = libc::winsize { ws_row: 0, ws_col: 0, ws_xpixel: 0, ws_ypixel: 0 };
    // SAFETY: TIOCGWINSZ writes a winsize into `w`.
    if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut w) } == -1 {
        return Err(termios_error(vm, errno()));
    }
    Ok(w)
}

fn tcgetwinsize(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let [fd] = taipan_vm::api::args::exact::<1>(vm, "termios.tcgetwinsize", a, k)?;
    let w = get_winsize(vm, fildes(vm, &fd)?)?;
    Ok(vm.new_tuple(vec![vm.new_int(w.ws_row as i64), vm.new_int(w.ws_col as i64)]))
}

fn tcsetwinsize(vm: &Vm, _m: &Obj, a: Args, k: Kw) -> PyResult<Obj> {
    let a = positional(vm, "tcsetwinsize", a, k, 2, 2)?;
    let fd = fildes(vm, &a[0])?;
    let bad = || vm.type_error("tcsetwinsize, arg 2: must be a two-item sequence");
    let is_seq = vm.getattr_str_opt(&a[1].class_obj(), "__getitem__")?.is_some()
        && !vm.isinstance_type(&a[1], &vm.ctx.types.dict);
    if !is_seq || vm.len(&a[1]).map_err(|_| bad())? != 2 {
        return Err(bad());
    }
    let rows = vm.getitem(&a[1], &vm.new_int(0))?;
    let cols = vm.getitem(&a[1], &vm.new_int(1))?;
    let rows = vm.to_i64(&rows)?;
    let cols = vm.to_i64(&cols)?;
    let mut w = get_winsize(vm, fd)?;
    match (u16::try_from(rows), u16::try_from(cols)) {
        (Ok(r), Ok(c)) => {
            w.ws_row = r;
            w.ws_col = c;
        }
        _ => return Err(vm.overflow_error("winsize value(s) out of range.")),
    }
    // SAFETY: TIOCSWINSZ reads a winsize from `w`.
    if unsafe { libc::ioctl(fd, libc::TIOCSWINSZ, &w) } == -1 {
        return Err(termios_error(vm, errno()));
    }
    Ok(vm.none())
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("tcgetattr", tcgetattr),
    MethodDef::static_("tcsetattr", tcsetattr),
    MethodDef::static_("tcsendbreak", tcsendbreak),
    MethodDef::static_("tcdrain", tcdrain),
    MethodDef::static_("tcflush", tcflush),
    MethodDef::static_("tcflow", tcflow),
    MethodDef::static_("tcgetwinsize", tcgetwinsize),
    MethodDef::static_("tcsetwinsize", tcsetwinsize),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "termios");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    let existing = vm.lazy_types.borrow().get(ERROR_KEY).cloned();
    let error = match existing {
        Some(e) => e,
        None => {
            let ns = vm.new_dict();
            dict::set_item_str(vm, &ns, "__module__", vm.new_str("termios"))?;
            let bases = vm.new_tuple(vec![vm.ctx.exceptions.exception.clone()]);
            let e = vm.call(&vm.ctx.types.type_, &[vm.new_str("error"), bases, ns], None)?;
            vm.lazy_types.borrow_mut().insert(ERROR_KEY, e.clone());
            e
        }
    };
    dict::set_item_str(vm, &d, "error", error)?;
    for &(name, value) in CONSTANTS {
        dict::set_item_str(vm, &d, name, vm.new_int(value))?;
    }
    module::add_functions(vm, &m, "termios", FUNCTIONS);
    Ok(m)
}

/// The constants CPython's termios defines on Linux: libc's where it has
/// them, else the values of Linux's headers (`<termios.h>`,
/// `<sys/ttydefaults.h>`, `<linux/serial.h>`), as CPython 3.11 reports them.
const CONSTANTS: &[(&str, i64)] = &[
    ("B0", libc::B0 as i64),
    ("B1000000", libc::B1000000 as i64),
    ("B110", libc::B110 as i64),
    ("B115200", libc::B115200 as i64),
    ("B1152000", libc::B1152000 as i64),
    ("B1200", libc::B1200 as i64),
    ("B134", libc::B134 as i64),
    ("B150", libc::B150 as i64),
    ("B1500000", libc::B1500000 as i64),
    ("B1800", libc::B1800 as i64),
    ("B19200", libc::B19200 as i64),
    ("B200", libc::B200 as i64),
    ("B2000000", libc::B2000000 as i64),
    ("B230400", libc::B230400 as i64),
    ("B2400", libc::B2400 as i64),
    ("B2500000", libc::B2500000 as i64),
    ("B300", libc::B300 as i64),
    ("B3000000", libc::B3000000 as i64),
    ("B3500000", libc::B3500000 as i64),
    ("B38400", libc::B38400 as i64),
    ("B4000000", libc::B4000000 as i64),
    ("B460800", libc::B460800 as i64),
    ("B4800", libc::B4800 as i64),
    ("B50", libc::B50 as i64),
    ("B500000", libc::B500000 as i64),
    ("B57600", libc::B57600 as i64),
    ("B576000", libc::B576000 as i64),
    ("B600", libc::B600 as i64),
    ("B75", libc::B75 as i64),
    ("B921600", libc::B921600 as i64),
    ("B9600", libc::B9600 as i64),
    ("BRKINT", libc::BRKINT as i64),
    ("BS0", libc::BS0 as i64),
    ("BS1", libc::BS1 as i64),
    ("BSDLY", libc::BSDLY as i64),
    ("CBAUD", libc::CBAUD as i64),
    ("CBAUDEX", libc::CBAUDEX as i64),
    ("CDSUSP", 0x19),
    ("CEOF", 0x4),
    ("CEOL", 0x0),
    ("CEOT", 0x4),
    ("CERASE", 0x7f),
    ("CFLUSH", 0xf),
    ("CIBAUD", libc::CIBAUD as i64),
    ("CINTR", 0x3),
    ("CKILL", 0x15),
    ("CLNEXT", 0x16),
    ("CLOCAL", libc::CLOCAL as i64),
    ("CQUIT", 0x1c),
    ("CR0", libc::CR0 as i64),
    ("CR1", libc::CR1 as i64),
    ("CR2", libc::CR2 as i64),
    ("CR3", libc::CR3 as i64),
    ("CRDLY", libc::CRDLY as i64),
    ("CREAD", libc::CREAD as i64),
    ("CRPRNT", 0x12),
    ("CRTSCTS", libc::CRTSCTS as i64),
    ("CS5", libc::CS5 as i64),
    ("CS6", libc::CS6 as i64),
    ("CS7", libc::CS7 as i64),
    ("CS8", libc::CS8 as i64),
    ("CSIZE", libc::CSIZE as i64),
    ("CSTART", 0x11),
    ("CSTOP", 0x13),
    ("CSTOPB", libc::CSTOPB as i64),
    ("CSUSP", 0x1a),
    ("CWERASE", 0x17),
    ("ECHO", libc::ECHO as i64),
    ("ECHOCTL", libc::ECHOCTL as i64),
    ("ECHOE", libc::ECHOE as i64),
    ("ECHOK", libc::ECHOK as i64),
    ("ECHOKE", libc::ECHOKE as i64),
    ("ECHONL", libc::ECHONL as i64),
    ("ECHOPRT", libc::ECHOPRT as i64),
    ("EXTA", libc::EXTA as i64),
    ("EXTB", libc::EXTB as i64),
    ("FF0", libc::FF0 as i64),
    ("FF1", libc::FF1 as i64),
    ("FFDLY", libc::FFDLY as i64),
    ("FIOASYNC", libc::FIOASYNC as i64),
    ("FIOCLEX", libc::FIOCLEX as i64),
    ("FIONBIO", libc::FIONBIO as i64),
    ("FIONCLEX", libc::FIONCLEX as i64),
    ("FIONREAD", libc::FIONREAD as i64),
    ("FLUSHO", libc::FLUSHO as i64),
    ("HUPCL", libc::HUPCL as i64),
    ("ICANON", libc::ICANON as i64),
    ("ICRNL", libc::ICRNL as i64),
    ("IEXTEN", libc::IEXTEN as i64),
    ("IGNBRK", libc::IGNBRK as i64),
    ("IGNCR", libc::IGNCR as i64),
    ("IGNPAR", libc::IGNPAR as i64),
    ("IMAXBEL", libc::IMAXBEL as i64),
    ("INLCR", libc::INLCR as i64),
    ("INPCK", libc::INPCK as i64),
    ("IOCSIZE_MASK", 0x3fff0000),
    ("IOCSIZE_SHIFT", 0x10),
    ("ISIG", libc::ISIG as i64),
    ("ISTRIP", libc::ISTRIP as i64),
    ("IUCLC", libc::IUCLC as i64),
    ("IXANY", libc::IXANY as i64),
    ("IXOFF", libc::IXOFF as i64),
    ("IXON", libc::IXON as i64),
    ("NCC", 0x8),
    ("NCCS", libc::NCCS as i64),
    ("NL0", libc::NL0 as i64),
    ("NL1", libc::NL1 as i64),
    ("NLDLY", libc::NLDLY as i64),
    ("NOFLSH", libc::NOFLSH as i64),
    ("N_MOUSE", 0x2),
    ("N_PPP", 0x3),
    ("N_SLIP", 0x1),
    ("N_STRIP", 0x4),
    ("N_TTY", 0x0),
    ("OCRNL", libc::OCRNL as i64),
    ("OFDEL", libc::OFDEL as i64),
    ("OFILL", libc::OFILL as i64),
    ("OLCUC", libc::OLCUC as i64),
    ("ONLCR", libc::ONLCR as i64),
    ("ONLRET", libc::ONLRET as i64),
    ("ONOCR", libc::ONOCR as i64),
    ("OPOST", libc::OPOST as i64),
    ("PARENB", libc::PARENB as i64),
    ("PARMRK", libc::PARMRK as i64),
    ("PARODD", libc::PARODD as i64),
    ("PENDIN", libc::PENDIN as i64),
    ("TAB0", libc::TAB0 as i64),
    ("TAB1", libc::TAB1 as i64),
    ("TAB2", libc::TAB2 as i64),
    ("TAB3", libc::TAB3 as i64),
    ("TABDLY", libc::TABDLY as i64),
    ("TCFLSH", libc::TCFLSH as i64),
    ("TCGETA", libc::TCGETA as i64),
    ("TCGETS", libc::TCGETS as i64),
    ("TCIFLUSH", libc::TCIFLUSH as i64),
    ("TCIOFF", libc::TCIOFF as i64),
    ("TCIOFLUSH", libc::TCIOFLUSH as i64),
    ("TCION", libc::TCION as i64),
    ("TCOFLUSH", libc::TCOFLUSH as i64),
    ("TCOOFF", libc::TCOOFF as i64),
    ("TCOON", libc::TCOON as i64),
    ("TCSADRAIN", libc::TCSADRAIN as i64),
    ("TCSAFLUSH", libc::TCSAFLUSH as i64),
    ("TCSANOW", libc::TCSANOW as i64),
    ("TCSBRK", libc::TCSBRK as i64),
    ("TCSBRKP", libc::TCSBRKP as i64),
    ("TCSETA", libc::TCSETA as i64),
    ("TCSETAF", libc::TCSETAF as i64),
    ("TCSETAW", libc::TCSETAW as i64),
    ("TCSETS", libc::TCSETS as i64),
    ("TCSETSF", libc::TCSETSF as i64),
    ("TCSETSW", libc::TCSETSW as i64),
    ("TCXONC", libc::TCXONC as i64),
    ("TIOCCONS", libc::TIOCCONS as i64),
    ("TIOCEXCL", libc::TIOCEXCL as i64),
    ("TIOCGETD", libc::TIOCGETD as i64),
    ("TIOCGICOUNT", libc::TIOCGICOUNT as i64),
    ("TIOCGLCKTRMIOS", libc::TIOCGLCKTRMIOS as i64),
    ("TIOCGPGRP", libc::TIOCGPGRP as i64),
    ("TIOCGSERIAL", libc::TIOCGSERIAL as i64),
    ("TIOCGSOFTCAR", libc::TIOCGSOFTCAR as i64),
    ("TIOCGWINSZ", libc::TIOCGWINSZ as i64),
    ("TIOCINQ", libc::TIOCINQ as i64),
    ("TIOCLINUX", libc::TIOCLINUX as i64),
    ("TIOCMBIC", libc::TIOCMBIC as i64),
    ("TIOCMBIS", libc::TIOCMBIS as i64),
    ("TIOCMGET", libc::TIOCMGET as i64),
    ("TIOCMIWAIT", libc::TIOCMIWAIT as i64),
    ("TIOCMSET", libc::TIOCMSET as i64),
    ("TIOCM_CAR", libc::TIOCM_CAR as i64),
    ("TIOCM_CD", libc::TIOCM_CD as i64),
    ("TIOCM_CTS", libc::TIOCM_CTS as i64),
    ("TIOCM_DSR", libc::TIOCM_DSR as i64),
    ("TIOCM_DTR", libc::TIOCM_DTR as i64),
    ("TIOCM_LE", libc::TIOCM_LE as i64),
    ("TIOCM_RI", libc::TIOCM_RI as i64),
    ("TIOCM_RNG", libc::TIOCM_RNG as i64),
    ("TIOCM_RTS", libc::TIOCM_RTS as i64),
    ("TIOCM_SR", libc::TIOCM_SR as i64),
    ("TIOCM_ST", libc::TIOCM_ST as i64),
    ("TIOCNOTTY", libc::TIOCNOTTY as i64),
    ("TIOCNXCL", libc::TIOCNXCL as i64),
    ("TIOCOUTQ", libc::TIOCOUTQ as i64),
    ("TIOCPKT", libc::TIOCPKT as i64),
    ("TIOCPKT_DATA", 0x0),
    ("TIOCPKT_DOSTOP", 0x20),
    ("TIOCPKT_FLUSHREAD", 0x1),
    ("TIOCPKT_FLUSHWRITE", 0x2),
    ("TIOCPKT_NOSTOP", 0x10),
    ("TIOCPKT_START", 0x8),
    ("TIOCPKT_STOP", 0x4),
    ("TIOCSCTTY", libc::TIOCSCTTY as i64),
    ("TIOCSERCONFIG", libc::TIOCSERCONFIG as i64),
    ("TIOCSERGETLSR", libc::TIOCSERGETLSR as i64),
    ("TIOCSERGETMULTI", libc::TIOCSERGETMULTI as i64),
    ("TIOCSERGSTRUCT", libc::TIOCSERGSTRUCT as i64),
    ("TIOCSERGWILD", libc::TIOCSERGWILD as i64),
    ("TIOCSERSETMULTI", libc::TIOCSERSETMULTI as i64),
    ("TIOCSERSWILD", libc::TIOCSERSWILD as i64),
    ("TIOCSER_TEMT", 0x1),
    ("TIOCSETD", libc::TIOCSETD as i64),
    ("TIOCSLCKTRMIOS", libc::TIOCSLCKTRMIOS as i64),
    ("TIOCSPGRP", libc::TIOCSPGRP as i64),
    ("TIOCSSERIAL", libc::TIOCSSERIAL as i64),
    ("TIOCSSOFTCAR", libc::TIOCSSOFTCAR as i64),
    ("TIOCSTI", libc::TIOCSTI as i64),
    ("TIOCSWINSZ", libc::TIOCSWINSZ as i64),
    ("TOSTOP", libc::TOSTOP as i64),
    ("VDISCARD", libc::VDISCARD as i64),
    ("VEOF", libc::VEOF as i64),
    ("VEOL", libc::VEOL as i64),
    ("VEOL2", libc::VEOL2 as i64),
    ("VERASE", libc::VERASE as i64),
    ("VINTR", libc::VINTR as i64),
    ("VKILL", libc::VKILL as i64),
    ("VLNEXT", libc::VLNEXT as i64),
    ("VMIN", libc::VMIN as i64),
    ("VQUIT", libc::VQUIT as i64),
    ("VREPRINT", libc::VREPRINT as i64),
    ("VSTART", libc::VSTART as i64),
    ("VSTOP", libc::VSTOP as i64),
    ("VSUSP", libc::VSUSP as i64),
    ("VSWTC", libc::VSWTC as i64),
    ("VSWTCH", 0x7),
    ("VT0", libc::VT0 as i64),
    ("VT1", libc::VT1 as i64),
    ("VTDLY", libc::VTDLY as i64),
    ("VTIME", libc::VTIME as i64),
    ("VWERASE", libc::VWERASE as i64),
    ("XCASE", libc::XCASE as i64),
    ("XTABS", libc::XTABS as i64),
];
