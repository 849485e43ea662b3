//! `~/.python_history`, read when the interactive loop starts and written
//! when it ends, in GNU readline's format (one entry a line), as `site.py`
//! sets up CPython's readline; the file is shared with CPython.

use std::path::PathBuf;

/// `os.path.join(os.path.expanduser('~'), '.python_history')`.
pub fn default_path() -> Option<PathBuf> {
    let home = std::env::var_os("HOME").map(PathBuf::from).or_else(home_from_passwd)?;
    Some(home.join(".python_history"))
}

fn home_from_passwd() -> Option<PathBuf> {
    // SAFETY: getpwuid returns a pointer into static storage or null; the
    // directory string is copied out before any other call.
    unsafe {
        let pw = libc::getpwuid(libc::getuid());
        if pw.is_null() || (*pw).pw_dir.is_null() {
            return None;
        }
        let dir = std::ffi::CStr::from_ptr((*pw).pw_dir);
        Some(PathBuf::from(std::ffi::OsStr::from_encoded_bytes_unchecked(dir.to_bytes())))
    }
}

/// The history the session navigates and saves: what the file held, then
/// each line read (readline's `read_history` and `add_history`).
pub struct History {
    pub entries: Vec<String>,
}

impl History {
    /// The file's lines (empty ones skipped, as readline does); nothing if
    /// it cannot be read.
    pub fn load(path: &std::path::Path) -> History {
        let mut entries = Vec::new();
        if let Ok(bytes) = std::fs::read(path) {
            let text = String::from_utf8_lossy(&bytes);
            let mut rest: &str = &text;
            while let Some(nl) = rest.find('\n') {
                let line = rest[..nl].strip_suffix('\r').unwrap_or(&rest[..nl]);
                if !line.is_empty() {
                    entries.push(line.to_string());
                }
                rest = &rest[nl + 1..];
            }
        }
        History { entries }
    }

    /// CPython's readline adds a line read at a prompt unless it is empty or
    /// the same as the last entry. True when added.
    pub fn add(&mut self, line: &str) -> bool {
        if line.is_empty() || self.entries.last().is_some_and(|l| l == line) {
            return false;
        }
        self.entries.push(line.to_string());
        true
    }

    /// Write every entry, one a line (errors are ignored, as site.py does).
    pub fn save(&self, path: &std::path::Path) {
        let mut text = String::new();
        for e in &self.entries {
            text.push_str(e);
            text.push('\n');
        }
        let _ = std::fs::write(path, text);
    }
}
