//! `.pyc` files for the two modules Taipan runs before importlib exists
//! (`importlib._bootstrap` and `_bootstrap_external` themselves). Every
//! later module is cached by Lib's own `SourceFileLoader`; this is the same
//! format, path and checks, so both read and write the same files:
//!
//! `dir/__pycache__/NAME.taipan-311.pyc` (or under `sys.pycache_prefix`),
//! a 16-byte header (Taipan's magic number, flags 0, the source's mtime and
//! size as little-endian u32) and the marshalled code object. A file whose
//! header does not match, or whose code does not unmarshal and validate, is
//! ignored and rewritten.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::object::Obj;
use crate::vm::{PyResult, Vm};

/// Taipan's bytecode magic number (CPython 3.11's is 3495): a `.pyc` that
/// another implementation wrote is never trusted.
pub const MAGIC_NUMBER: u16 = 20311;

/// The 4 bytes a `.pyc` starts with (`importlib.util.MAGIC_NUMBER`).
pub fn magic_bytes() -> [u8; 4] {
    let [lo, hi] = MAGIC_NUMBER.to_le_bytes();
    [lo, hi, b'\r', b'\n']
}

/// `sys.implementation.cache_tag`.
pub const CACHE_TAG: &str = "taipan-311";

/// What `_bootstrap_external.cache_from_source` returns for `source`.
pub(crate) fn cache_from_source(vm: &Vm, source: &Path) -> Option<PathBuf> {
    let (dir, file) = (source.parent()?, source.file_name()?.to_str()?);
    let base = file.rsplit_once('.').map_or(file, |(b, _)| b);
    let opt = match vm.config.borrow().optimize {
        0 => String::new(),
        n => format!(".opt-{n}"),
    };
    let name = format!("{base}.{CACHE_TAG}{opt}.pyc");
    match vm.config.borrow().pycache_prefix.as_deref() {
        Some(prefix) => {
            let dir = std::path::absolute(dir).ok()?;
            let rel: PathBuf = dir.components().skip_while(|c| matches!(c, std::path::Component::RootDir)).collect();
            Some(Path::new(prefix).join(rel).join(name))
        }
        None => Some(dir.join("__pycache__").join(name)),
    }
}

/// The source's mtime and size as a `.pyc` header records them.
fn source_stamp(meta: &std::fs::Metadata) -> ([u8; 4], [u8; 4]) {
    use std::os::unix::fs::MetadataExt;
    let mtime = (meta.mtime() as u64 & 0xffff_ffff) as u32;
    let size = (meta.size() & 0xffff_ffff) as u32;
    (mtime.to_le_bytes(), size.to_le_bytes())
}

/// The code in `cache` if its header matches the source, else None.
fn read_valid(vm: &Vm, cache: &Path, stamp: &([u8; 4], [u8; 4])) -> Option<Obj> {
    let data = std::fs::read(cache).ok()?;
    let header = data.get(..16)?;
    if header[..4] != magic_bytes() || header[4..8] != [0; 4] || header[8..12] != stamp.0 || header[12..16] != stamp.1 {
        return None;
    }
    let (code, _) = crate::marshal::loads(vm, &data[16..]).ok()?;
    code.has_payload::<crate::objects::code::CodeData>().then_some(code)
}

/// Write `code` to `cache` as `_bootstrap_external._write_atomic` does
/// (a temporary file renamed into place); failures are silent, as
/// CPython's are: the cache is an optimisation.
fn write(vm: &Vm, cache: &Path, code: &Obj, stamp: &([u8; 4], [u8; 4])) {
    let Ok(body) = crate::marshal::dumps(vm, code, 4) else { return };
    let Some(dir) = cache.parent() else { return };
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let tmp =
        dir.join(format!("{}.{}", cache.file_name().and_then(|n| n.to_str()).unwrap_or("pyc"), std::process::id()));
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(&magic_bytes())?;
        f.write_all(&[0; 4])?;
        f.write_all(&stamp.0)?;
        f.write_all(&stamp.1)?;
        f.write_all(&body)
    });
    if written.is_err() || std::fs::rename(&tmp, cache).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// The code object of the source file `path`, its `co_filename` set to
/// `filename`: from its `.pyc` when that is current, else compiled (and
/// cached unless `-B`).
pub(crate) fn load_code(vm: &Vm, path: &Path, filename: &str) -> PyResult<Obj> {
    let io_err = |e: std::io::Error| vm.io_error(&e, Some(&vm.new_str(&path.to_string_lossy())));
    let meta = std::fs::metadata(path).map_err(io_err)?;
    let stamp = source_stamp(&meta);
    let cache = cache_from_source(vm, path);
    if let Some(code) = cache.as_deref().and_then(|c| read_valid(vm, c, &stamp)) {
        crate::import::fix_co_filename(vm, &code, &vm.new_str(filename))?;
        return Ok(code);
    }
    let source = std::fs::read(path).map_err(io_err)?;
    let code = crate::pythonrun::compile_file_source(vm, &source, filename)?;
    if let Some(cache) = cache.filter(|_| !vm.config.borrow().dont_write_bytecode) {
        write(vm, &cache, &code, &stamp);
    }
    Ok(code)
}
