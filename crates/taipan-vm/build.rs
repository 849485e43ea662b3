//! Records where the installed CPython 3.11 keeps its standard library, the
//! default of `TAIPAN_STDLIB` (DESIGN.md: Taipan runs CPython's own Lib).

fn main() {
    println!("cargo:rerun-if-env-changed=TAIPAN_STDLIB");
    let out = std::process::Command::new("python3")
        .args(["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"])
        .output();
    if let Ok(out) = out {
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && !path.is_empty() {
            println!("cargo:rustc-env=TAIPAN_BUILD_STDLIB={path}");
        }
    }
    // `sys.stdlib_module_names` of the standard library Taipan runs.
    let names = std::process::Command::new("python3")
        .args(["-c", "import sys; print(','.join(sorted(sys.stdlib_module_names)))"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    println!("cargo:rustc-env=TAIPAN_STDLIB_MODULE_NAMES={names}");
    // `sys.version` names the compiler as CPython's does ("[GCC 12.2.0]").
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let version = std::process::Command::new(rustc)
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8_lossy(&o.stdout).split_whitespace().nth(1).map(str::to_string))
        .unwrap_or_default();
    println!("cargo:rustc-env=TAIPAN_RUSTC_VERSION={version}");
}
