//! `scandir()`, its iterator (a context manager) and `DirEntry`, which
//! caches what `readdir` told and the `stat` results it fetches.

use std::cell::Cell;
use std::ffi::{CStr, CString};

use taipan_vm::api::types::{new_type, payload_or_err, GetSetDef, MethodDef, TypeSpec};
use taipan_vm::api::{args, Obj, ObjCell, PyPayload, PyResult, Vm};

use super::path::{self, blocking, PathArg, PathOpts};
use super::stat::{do_stat, stat_result};

pub(crate) struct DirEntry {
    name: Obj,
    path: Obj,
    /// `d_type` of the entry (DT_UNKNOWN when the file system gave none).
    d_type: u8,
    ino: u64,
    /// The directory descriptor of `scandir(fd)`, or -1.
    dir_fd: i32,
    stat: ObjCell,
    lstat: ObjCell,
}

impl PyPayload for DirEntry {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.name);
        visit(&self.path);
        if let Some(s) = self.stat.get() {
            visit(&s);
        }
        if let Some(s) = self.lstat.get() {
            visit(&s);
        }
    }
    fn clear(&self) {
        self.stat.set(None);
        self.lstat.set(None);
    }
}

pub(crate) struct ScandirIterator {
    /// The open `DIR*` (0 once closed).
    dir: Cell<usize>,
    /// What was passed (None for "."): `DirEntry.path` joins onto it.
    path: Obj,
    prefix: Vec<u8>,
    bytes: bool,
    /// `scandir(fd)`: the descriptor (entries' paths are their names).
    fd: i32,
}

impl PyPayload for ScandirIterator {
    fn traverse(&self, visit: &mut dyn FnMut(&Obj)) {
        visit(&self.path);
    }
}

impl Drop for ScandirIterator {
    fn drop(&mut self) {
        close_dir(self);
    }
}

fn close_dir(it: &ScandirIterator) {
    let d = it.dir.replace(0);
    if d != 0 {
        if it.fd >= 0 {
            // SAFETY: `d` is the DIR* this iterator opened; rewinding keeps
            // the caller's descriptor usable as CPython does.
            unsafe { libc::rewinddir(d as *mut libc::DIR) };
        }
        // SAFETY: `d` is the DIR* this iterator opened and is closed once
        // (the cell now holds 0).
        unsafe { libc::closedir(d as *mut libc::DIR) };
    }
}

const ENTRY: &str = "posix.DirEntry";
const ITER: &str = "posix.ScandirIterator";

pub(crate) fn make_types(vm: &Vm) -> (Obj, Obj) {
    let entry = new_type::<DirEntry>(
        vm,
        &TypeSpec {
            name: ENTRY,
            gc: true,
            methods: &[
                MethodDef::method("is_dir", entry_is_dir),
                MethodDef::method("is_file", entry_is_file),
                MethodDef::method("is_symlink", entry_is_symlink),
                MethodDef::method("stat", entry_stat),
                MethodDef::method("inode", entry_inode),
                MethodDef::method("__fspath__", entry_fspath),
                MethodDef::class("__class_getitem__", entry_class_getitem),
            ],
            getsets: &[GetSetDef::new("name", entry_name, None), GetSetDef::new("path", entry_path, None)],
            ..Default::default()
        },
        |s| {
            s.new.set(Some(entry_new));
            s.repr.set(Some(entry_repr));
        },
    );
    let iter = new_type::<ScandirIterator>(
        vm,
        &TypeSpec {
            name: ITER,
            gc: true,
            methods: &[
                MethodDef::method("close", iter_close),
                MethodDef::method("__enter__", iter_enter),
                MethodDef::method("__exit__", iter_exit),
                MethodDef::method("__del__", iter_del),
            ],
            ..Default::default()
        },
        |s| {
            s.new.set(Some(iter_new));
            s.iter.set(Some(iter_self));
            s.iternext.set(Some(iter_next));
        },
    );
    if let Some(t) = iter.payload::<taipan_vm::api::types::TypeObject>() {
        t.finalize.set(Some(iter_finalize));
    }
    vm.lazy_types.borrow_mut().insert(ENTRY, entry.clone());
    vm.lazy_types.borrow_mut().insert(ITER, iter.clone());
    (entry, iter)
}

fn entry_new(vm: &Vm, _cls: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Err(vm.type_error("cannot create 'posix.DirEntry' instances"))
}

fn iter_new(vm: &Vm, _cls: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    Err(vm.type_error("cannot create 'posix.ScandirIterator' instances"))
}

fn entry<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a DirEntry> {
    payload_or_err::<DirEntry>(vm, o, "posix.DirEntry")
}

fn entry_name(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(entry(vm, o)?.name.clone())
}

fn entry_path(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(entry(vm, o)?.path.clone())
}

fn entry_fspath(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__fspath__", a, kw)?;
    Ok(entry(vm, o)?.path.clone())
}

fn entry_inode(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "inode", a, kw)?;
    Ok(super::u64_obj(vm, entry(vm, o)?.ino))
}

fn entry_repr(vm: &Vm, o: &Obj) -> PyResult<Obj> {
    let r = vm.repr_string(&entry(vm, o)?.name)?;
    Ok(vm.new_str(&format!("<DirEntry {r}>")))
}

fn entry_class_getitem(vm: &Vm, cls: &Obj, a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    let types = super::import_module(vm, "types")?;
    let ga = vm.getattr_str(&types, "GenericAlias")?;
    vm.call(&ga, &[cls.clone(), a.first().cloned().unwrap_or_else(|| vm.none())], None)
}

/// The stat of the entry itself (`lstat`) or of what it points to.
fn fetch_stat(vm: &Vm, e: &DirEntry, follow: bool) -> PyResult<Obj> {
    let p = if e.dir_fd >= 0 {
        let raw = name_bytes(vm, &e.name)?;
        PathArg { obj: e.path.clone(), c: Some(raw), fd: -1, bytes: false }
    } else {
        let raw = name_bytes(vm, &e.path)?;
        PathArg { obj: e.path.clone(), c: Some(raw), fd: -1, bytes: false }
    };
    let dir_fd = if e.dir_fd >= 0 { e.dir_fd } else { libc::AT_FDCWD };
    match do_stat(vm, &p, dir_fd, follow)? {
        Ok(st) => stat_result(vm, &st),
        Err(code) => Err(path::path_error(vm, code, &p)),
    }
}

fn name_bytes(vm: &Vm, o: &Obj) -> PyResult<CString> {
    let raw = path::fs_converter(vm, o)?;
    CString::new(raw).map_err(|_| vm.value_error("embedded null byte"))
}

fn get_lstat(vm: &Vm, e: &DirEntry) -> PyResult<Obj> {
    if let Some(s) = e.lstat.get() {
        return Ok(s);
    }
    let s = fetch_stat(vm, e, false)?;
    e.lstat.set(Some(s.clone()));
    Ok(s)
}

fn get_stat(vm: &Vm, e: &DirEntry, follow: bool) -> PyResult<Obj> {
    if !follow {
        return get_lstat(vm, e);
    }
    if let Some(s) = e.stat.get() {
        return Ok(s);
    }
    let s = if is_symlink(vm, e)? { fetch_stat(vm, e, true)? } else { get_lstat(vm, e)? };
    e.stat.set(Some(s.clone()));
    Ok(s)
}

fn is_symlink(vm: &Vm, e: &DirEntry) -> PyResult<bool> {
    if e.d_type != libc::DT_UNKNOWN {
        return Ok(e.d_type == libc::DT_LNK);
    }
    test_mode(vm, e, false, libc::S_IFLNK)
}

fn mode_of(vm: &Vm, st: &Obj) -> PyResult<u32> {
    let m = vm.getattr_str(st, "st_mode")?;
    Ok(vm.to_i64(&m)? as u32)
}

/// CPython's `DirEntry_test_mode`: a missing file is neither a file nor a
/// directory.
fn test_mode(vm: &Vm, e: &DirEntry, follow: bool, fmt: u32) -> PyResult<bool> {
    let need_stat = e.d_type == libc::DT_UNKNOWN || (follow && e.d_type == libc::DT_LNK);
    if !need_stat {
        let t = match fmt {
            libc::S_IFDIR => libc::DT_DIR,
            libc::S_IFREG => libc::DT_REG,
            _ => libc::DT_LNK,
        };
        return Ok(e.d_type == t);
    }
    let st = match get_stat(vm, e, follow) {
        Ok(st) => st,
        Err(err) => {
            let fnf = vm.ctx.exceptions.file_not_found_error.clone();
            if vm.isinstance_type(err.value(), &fnf) {
                return Ok(false);
            }
            return Err(err);
        }
    };
    Ok(mode_of(vm, &st)? & libc::S_IFMT == fmt)
}

fn follow_arg(vm: &Vm, fname: &str, a: &[Obj], kw: Option<&Obj>) -> PyResult<bool> {
    let spec = args::ArgSpec { fname, names: &["follow_symlinks"], posonly: 0, required: 0, kwonly_from: 0 };
    let v = args::parse_spec(vm, &spec, a, kw)?;
    path::flag(vm, v[0].as_ref(), true)
}

fn entry_is_dir(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let follow = follow_arg(vm, "is_dir", a, kw)?;
    Ok(vm.bool_obj(test_mode(vm, entry(vm, o)?, follow, libc::S_IFDIR)?))
}

fn entry_is_file(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let follow = follow_arg(vm, "is_file", a, kw)?;
    Ok(vm.bool_obj(test_mode(vm, entry(vm, o)?, follow, libc::S_IFREG)?))
}

fn entry_is_symlink(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "is_symlink", a, kw)?;
    Ok(vm.bool_obj(is_symlink(vm, entry(vm, o)?)?))
}

fn entry_stat(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let follow = follow_arg(vm, "stat", a, kw)?;
    get_stat(vm, entry(vm, o)?, follow)
}

// ---- the iterator ----------------------------------------------------------------------------

pub(crate) fn os_scandir(vm: &Vm, _m: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    let v = args::parse(vm, "scandir", a, kw, &["path"], 0)?;
    let p = path::path_arg(vm, "scandir", "path", v[0].as_ref(), PathOpts { nullable: true, allow_fd: true })?;
    let dir = open_dir(vm, &p)?;
    let prefix = p.bytes_of().to_vec();
    let it = ScandirIterator { dir: Cell::new(dir), path: p.obj.clone(), prefix, bytes: p.bytes, fd: p.fd };
    let ty = super::lazy_type(vm, ITER)?;
    taipan_vm::api::types::alloc_instance(vm, &ty, &ty, it)
}

/// `opendir(path)`, or `fdopendir` on a duplicate of the caller's descriptor.
pub(crate) fn open_dir(vm: &Vm, p: &PathArg) -> PyResult<usize> {
    let fd = p.fd;
    let cpath = p.c.clone();
    let r = blocking(vm, move || {
        let d = match &cpath {
            None => {
                // SAFETY: dup takes no memory.
                let fd2 = unsafe { libc::dup(fd) };
                if fd2 < 0 {
                    return Err(path::errno());
                }
                // SAFETY: `fd2` is a descriptor we own; fdopendir takes it over.
                let d = unsafe { libc::fdopendir(fd2) };
                if d.is_null() {
                    let e = path::errno();
                    // SAFETY: closing our own duplicate.
                    unsafe { libc::close(fd2) };
                    return Err(e);
                }
                d
            }
            // SAFETY: `c` is NUL-terminated and lives across the call.
            Some(c) => unsafe { libc::opendir(c.as_ptr()) },
        };
        if d.is_null() {
            Err(path::errno())
        } else {
            Ok(d as usize)
        }
    })?;
    r.map_err(|e| path::path_error(vm, e, p))
}

fn iter_payload<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a ScandirIterator> {
    payload_or_err::<ScandirIterator>(vm, o, "posix.ScandirIterator")
}

fn iter_self(_vm: &Vm, o: &Obj) -> PyResult<Obj> {
    Ok(o.clone())
}

/// What `readdir` tells of an entry: name, d_type, d_ino.
type DirRecord = (Vec<u8>, u8, u64);

/// One `readdir` step, None at the end.
fn read_one(vm: &Vm, dir: usize) -> PyResult<Result<Option<DirRecord>, i32>> {
    blocking(vm, move || {
        // SAFETY: resetting errno, the only way to tell readdir's end from its errors.
        unsafe { *libc::__errno_location() = 0 };
        // SAFETY: `dir` is an open DIR* owned by the iterator, which the
        // GIL-holding caller keeps alive.
        let ent = unsafe { libc::readdir(dir as *mut libc::DIR) };
        if ent.is_null() {
            let e = path::errno();
            return if e == 0 { Ok(None) } else { Err(e) };
        }
        // SAFETY: readdir returned a valid dirent whose d_name is NUL-terminated.
        let (name, t, ino) = unsafe {
            let ent = &*ent;
            (CStr::from_ptr(ent.d_name.as_ptr()).to_bytes().to_vec(), ent.d_type, ent.d_ino)
        };
        Ok(Some((name, t, ino)))
    })
}

fn iter_next(vm: &Vm, o: &Obj) -> PyResult<Option<Obj>> {
    let it = iter_payload(vm, o)?;
    loop {
        let dir = it.dir.get();
        if dir == 0 {
            return Ok(None);
        }
        let step = match read_one(vm, dir)? {
            Ok(s) => s,
            Err(e) => {
                close_dir(it);
                return Err(path::os_error(vm, e, Some(&it.path), None));
            }
        };
        let Some((name, d_type, ino)) = step else {
            close_dir(it);
            return Ok(None);
        };
        if name == b"." || name == b".." {
            continue;
        }
        return make_entry(vm, it, &name, d_type, ino).map(Some);
    }
}

fn make_entry(vm: &Vm, it: &ScandirIterator, name: &[u8], d_type: u8, ino: u64) -> PyResult<Obj> {
    let name_obj = path::name_obj(vm, name, it.bytes)?;
    let path_obj = if it.fd >= 0 {
        name_obj.clone()
    } else {
        let mut full = it.prefix.clone();
        if !full.is_empty() && !full.ends_with(b"/") {
            full.push(b'/');
        }
        full.extend_from_slice(name);
        path::name_obj(vm, &full, it.bytes)?
    };
    let e = DirEntry {
        name: name_obj,
        path: path_obj,
        d_type,
        ino,
        dir_fd: it.fd,
        stat: ObjCell::default(),
        lstat: ObjCell::default(),
    };
    let ty = super::lazy_type(vm, ENTRY)?;
    taipan_vm::api::types::alloc_instance(vm, &ty, &ty, e)
}

fn iter_close(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "close", a, kw)?;
    close_dir(iter_payload(vm, o)?);
    Ok(vm.none())
}

fn iter_enter(vm: &Vm, o: &Obj, a: &[Obj], kw: Option<&Obj>) -> PyResult<Obj> {
    args::exact::<0>(vm, "__enter__", a, kw)?;
    iter_payload(vm, o)?;
    Ok(o.clone())
}

fn iter_exit(vm: &Vm, o: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    close_dir(iter_payload(vm, o)?);
    Ok(vm.none())
}

/// `tp_finalize`: an iterator collected before it was exhausted or
/// closed closes its directory and warns "unclosed scandir iterator"
/// (CPython's `ScandirIterator_finalize`).
fn iter_finalize(vm: &Vm, o: &Obj) {
    let Ok(it) = iter_payload(vm, o) else { return };
    if it.dir.get() == 0 {
        return;
    }
    close_dir(it);
    let Ok(r) = vm.repr(o) else { return };
    let message = vm.new_str(&format!("unclosed scandir iterator {}", taipan_vm::api::str::as_str_lossy(&r)));
    let category = vm.ctx.exceptions.by_name["ResourceWarning"].clone();
    if let Err(e) = taipan_vm::api::warnings::warn_object(vm, message, category, 1, Some(o.clone())) {
        if vm.err_matches(&e, &vm.ctx.exceptions.by_name["Warning"]) {
            vm.write_unraisable(&e, Some(o));
        }
    }
}

fn iter_del(vm: &Vm, o: &Obj, _a: &[Obj], _kw: Option<&Obj>) -> PyResult<Obj> {
    close_dir(iter_payload(vm, o)?);
    Ok(vm.none())
}
