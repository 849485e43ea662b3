//! The command line and the `PYTHON*` environment variables (CPython's
//! `Python/getopt.c`, `config_parse_cmdline`, `config_read_env_vars` and
//! the checks of `config_init_hash_seed` and
//! `config_init_int_max_str_digits`): the same options, the same messages,
//! the same exit statuses.

use std::process::ExitCode;

use taipan_vm::api::Config;

use crate::help;

/// What to run.
pub enum Program {
    /// `-c cmd`
    Command(String),
    /// `FILE`, as the raw bytes of the argument (a path need not be UTF-8)
    File(std::path::PathBuf),
    /// `-m module`
    Module(String),
    /// `-` or nothing: stdin (the interactive loop when it is a terminal or
    /// with `-i`).
    Stdin,
}

/// The parsed command line.
pub struct Invocation {
    pub config: Config,
    pub program: Program,
}

/// The short options and whether each takes an argument (CPython's
/// `SHORT_OPTS`).
const SHORT_OPTS: &str = "bBc:dEhiIJm:OPqRsStuvVW:xX:?";

/// Long options: name, takes an argument.
const LONG_OPTS: &[(&str, bool)] =
    &[("check-hash-based-pycs", true), ("help-all", false), ("help-env", false), ("help-xoptions", false)];

/// The smallest limit `int_max_str_digits` accepts (other than 0).
const MIN_MAX_STR_DIGITS: i64 = 640;

/// Print a usage error (CPython's `config_usage(1, program)`); status 2.
fn usage_error(program: &str, msg: Option<&str>) -> ExitCode {
    let mut text = String::new();
    if let Some(m) = msg {
        text.push_str(m);
        text.push('\n');
    }
    text.push_str(&help::usage_line(program));
    text.push_str("Try `taipan -h' for more information.\n");
    eprint!("{text}");
    ExitCode::from(2)
}

/// CPython's `Py_FatalError` during configuration: the message, the runtime
/// state, a blank line, status 1.
fn fatal(func: &str, msg: &str) -> ExitCode {
    eprint!("Fatal Python error: {func}: {msg}\nPython runtime state: preinitialized\n\n");
    ExitCode::from(1)
}

fn print_usage(program: &str) {
    print!("{}{}", help::usage_line(program), help::OPTIONS);
}

/// One step of CPython's `_PyOS_GetOpt`.
enum Opt {
    Short(char, Option<String>),
    Long(&'static str, Option<String>),
    /// End of the options; the index of the first argument.
    End,
}

struct GetOpt<'a> {
    args: &'a [String],
    /// Index of the next argument to look at.
    index: usize,
    /// The rest of a bundle of short options (`-bBv`).
    rest: Vec<char>,
}

impl GetOpt<'_> {
    /// The next option, or Err(message) for a usage error.
    fn next(&mut self) -> Result<Opt, String> {
        if self.rest.is_empty() {
            let Some(arg) = self.args.get(self.index) else { return Ok(Opt::End) };
            if !arg.starts_with('-') || arg == "-" {
                return Ok(Opt::End);
            }
            if arg == "--" {
                self.index += 1;
                return Ok(Opt::End);
            }
            if arg == "--help" {
                self.index += 1;
                return Ok(Opt::Short('h', None));
            }
            if arg == "--version" {
                self.index += 1;
                return Ok(Opt::Short('V', None));
            }
            self.rest = arg[1..].chars().collect();
            self.index += 1;
        }
        let option = self.rest.remove(0);
        if option == '-' {
            let name: String = std::mem::take(&mut self.rest).into_iter().collect();
            let whole = &self.args[self.index - 1];
            let Some(&(long, has_arg)) = LONG_OPTS.iter().find(|(n, _)| *n == name) else {
                return Err(format!("unknown option {whole}"));
            };
            if !has_arg {
                return Ok(Opt::Long(long, None));
            }
            let Some(value) = self.args.get(self.index) else {
                return Err(format!("Argument expected for the {whole} options"));
            };
            self.index += 1;
            return Ok(Opt::Long(long, Some(value.clone())));
        }
        if option == 'J' {
            return Err("-J is reserved for Jython".into());
        }
        let Some(pos) = SHORT_OPTS.find(option) else {
            return Err(format!("Unknown option: -{option}"));
        };
        if SHORT_OPTS[pos + option.len_utf8()..].starts_with(':') {
            if !self.rest.is_empty() {
                return Ok(Opt::Short(option, Some(std::mem::take(&mut self.rest).into_iter().collect())));
            }
            let Some(value) = self.args.get(self.index) else {
                return Err(format!("Argument expected for the -{option} option"));
            };
            self.index += 1;
            return Ok(Opt::Short(option, Some(value.clone())));
        }
        Ok(Opt::Short(option, None))
    }
}

/// `sys.executable` as CPython's getpath computes it: the program name made
/// absolute (symbolic links kept, so a virtual environment's `bin/python`
/// stays itself), or found on PATH; else the running binary.
fn executable(program_name: &str) -> String {
    let running =
        || std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "taipan".into());
    if program_name.contains('/') {
        return taipan_vm::api::sys::absolute_normalized(program_name);
    }
    if program_name.is_empty() {
        return running();
    }
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path).map(|dir| dir.join(program_name)).find(|p| is_executable_file(p))
    });
    match on_path {
        Some(p) => taipan_vm::api::sys::absolute_normalized(&p.to_string_lossy()),
        None => running(),
    }
}

fn is_executable_file(p: &std::path::Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Parse the command line and read the environment; `Err` is the status to
/// exit with at once (help, version, usage and configuration errors).
pub fn parse(args: &[String], raw_args: &[Vec<u8>]) -> Result<Invocation, ExitCode> {
    let program_name = args.first().map(String::as_str).unwrap_or("taipan");
    let mut config = Config {
        executable: executable(program_name),
        orig_argv: args.to_vec(),
        install_signal_handlers: true,
        ..Config::default()
    };
    let mut getopt = GetOpt { args, index: 1, rest: Vec::new() };
    let mut command = None;
    let mut module = None;
    let mut print_version = 0;
    let mut use_hash_seed = true;
    loop {
        let opt = match getopt.next() {
            Ok(o) => o,
            Err(msg) => return Err(usage_error(program_name, Some(&msg))),
        };
        match opt {
            Opt::End => break,
            Opt::Long("check-hash-based-pycs", Some(v)) => {
                if !matches!(v.as_str(), "always" | "never" | "default") {
                    return Err(usage_error(
                        program_name,
                        Some("--check-hash-based-pycs must be one of 'default', 'always', or 'never'"),
                    ));
                }
                config.check_hash_based_pycs = Some(v.clone());
            }
            Opt::Long("help-all", _) => {
                print_usage(program_name);
                print!("\n\n{}\n\n{}", help::ENV_VARS, help::XOPTIONS);
                return Err(ExitCode::SUCCESS);
            }
            Opt::Long("help-env", _) => {
                print!("{}", help::ENV_VARS);
                return Err(ExitCode::SUCCESS);
            }
            Opt::Long(_, _) => {
                print!("{}", help::XOPTIONS);
                return Err(ExitCode::SUCCESS);
            }
            Opt::Short(c, arg) => match c {
                'c' => {
                    // -c ends the options; the rest is the command's argv.
                    if let Some(raw) = raw_args.get(getopt.index - 1) {
                        check_command_decodes(raw)?;
                    }
                    command = arg;
                    break;
                }
                'm' => {
                    // -m ends the options too.
                    module = arg;
                    break;
                }
                'x' => {
                    eprintln!("taipan: -x is not supported yet");
                    return Err(ExitCode::from(2));
                }
                'b' => config.bytes_warning = config.bytes_warning.saturating_add(1),
                'B' => config.dont_write_bytecode = true,
                'd' => config.debug = config.debug.saturating_add(1),
                'E' => config.ignore_environment = true,
                'h' | '?' => {
                    print_usage(program_name);
                    return Err(ExitCode::SUCCESS);
                }
                'i' => {
                    config.inspect = config.inspect.saturating_add(1);
                    config.interactive = config.interactive.saturating_add(1);
                }
                'I' => {
                    config.isolated = true;
                    config.ignore_environment = true;
                }
                'O' => config.optimize = config.optimize.saturating_add(1),
                'P' => config.safe_path = true,
                'q' => config.quiet = true,
                'R' => use_hash_seed = false,
                's' => config.no_user_site = true,
                'S' => config.no_site = true,
                'u' => config.unbuffered = true,
                'v' => config.verbose = config.verbose.saturating_add(1),
                'V' => print_version += 1,
                'W' => config.warnoptions.extend(arg),
                'X' => config.xoptions.extend(arg),
                // -t is accepted and ignored, as in CPython.
                _ => {}
            },
        }
    }
    if print_version > 0 {
        if print_version >= 2 {
            println!("Python {}", taipan_vm::api::sys::version_string());
        } else {
            let (ma, mi, pa) = taipan_vm::api::sys::VERSION;
            println!("Python {ma}.{mi}.{pa}");
        }
        return Err(ExitCode::SUCCESS);
    }
    let rest = &args[getopt.index.min(args.len())..];
    let raw_rest = &raw_args[getopt.index.min(raw_args.len())..];
    let program = if let Some(m) = module {
        // runpy replaces "-m" with the module's file once it is found.
        config.argv = std::iter::once("-m".to_string()).chain(rest.iter().cloned()).collect();
        config.argv_bytes = Some(std::iter::once(b"-m".to_vec()).chain(raw_rest.iter().cloned()).collect());
        Program::Module(m)
    } else if let Some(cmd) = command {
        config.argv = std::iter::once("-c".to_string()).chain(rest.iter().cloned()).collect();
        config.argv_bytes = Some(std::iter::once(b"-c".to_vec()).chain(raw_rest.iter().cloned()).collect());
        // CPython runs the command with a newline added.
        Program::Command(format!("{cmd}\n"))
    } else if let Some(first) = rest.first() {
        config.argv = rest.to_vec();
        config.argv_bytes = Some(raw_rest.to_vec());
        if first == "-" {
            Program::Stdin
        } else {
            use std::os::unix::ffi::OsStringExt;
            let raw = raw_rest.first().cloned().unwrap_or_else(|| first.clone().into_bytes());
            Program::File(std::ffi::OsString::from_vec(raw).into())
        }
    } else {
        config.argv = vec![String::new()];
        Program::Stdin
    };
    if config.isolated {
        config.no_user_site = true;
        config.safe_path = true;
    }
    read_environment(&mut config, use_hash_seed)?;
    config.utf8_mode = utf8_mode(&config)?;
    configure_locale(&config);
    config.locale_encoding = Some(locale_codeset());
    apply_pth_file(&mut config);
    Ok(Invocation { config, program })
}

/// A `-c` command that is not UTF-8 decodes with surrogateescape and then
/// cannot be encoded for the parser: CPython's `pymain_run_command` reports
/// it and exits with status 1. `raw` is the argument holding the command
/// (`-c CMD`'s CMD, or a bundle such as `-Ec CMD`).
fn check_command_decodes(raw: &[u8]) -> Result<(), ExitCode> {
    let bundled_at = (raw.first() == Some(&b'-'))
        .then(|| raw[1..].iter().position(|&b| !b.is_ascii_alphabetic() || b == b'c'))
        .flatten()
        .filter(|&i| raw[1 + i] == b'c');
    let command = match bundled_at {
        Some(i) if raw.len() > i + 2 => &raw[i + 2..],
        _ => raw,
    };
    let Err(e) = std::str::from_utf8(command) else { return Ok(()) };
    let valid = &command[..e.valid_up_to()];
    let position = String::from_utf8_lossy(valid).chars().count();
    let byte = command[e.valid_up_to()];
    eprint!(
        "Unable to decode the command from the command line:\nUnicodeEncodeError: 'utf-8' codec can't encode \
         character '\\udc{byte:02x}' in position {position}: surrogates not allowed\n"
    );
    Err(ExitCode::from(1))
}

/// The UTF-8 Mode (CPython's `preconfig_init_utf8_mode`): `-X utf8[=0|1]`,
/// else PYTHONUTF8, else on when the LC_CTYPE locale is C or POSIX (or the
/// environment names a locale the system does not have).
fn utf8_mode(config: &Config) -> Result<bool, ExitCode> {
    let preinit_fatal = |msg: &str| {
        eprint!("Fatal Python error: preconfig_init_utf8_mode: {msg}\nPython runtime state: preinitializing\n\n");
        ExitCode::from(1)
    };
    let xopt = config.xoptions.iter().rev().find_map(|x| match x.as_str() {
        "utf8" => Some("1"),
        _ => x.strip_prefix("utf8="),
    });
    if let Some(v) = xopt {
        return match v {
            "1" => Ok(true),
            "0" => Ok(false),
            _ => Err(preinit_fatal("invalid -X utf8 option value")),
        };
    }
    if let Some(v) = env_var(config, "PYTHONUTF8") {
        return match v.as_str() {
            "1" => Ok(true),
            "0" => Ok(false),
            _ => Err(preinit_fatal("invalid PYTHONUTF8 environment variable value")),
        };
    }
    Ok(matches!(user_ctype_locale().as_deref(), None | Some("C") | Some("POSIX")))
}

/// PEP 538's C locale coercion, then the process's LC_CTYPE from the
/// environment (CPython's `_Py_CoerceLegacyLocale` and
/// `_Py_SetLocaleFromEnv(LC_CTYPE)`): a C or POSIX LC_CTYPE, with LC_ALL
/// unset, becomes C.UTF-8 (exported as LC_CTYPE, so child processes see it)
/// unless PYTHONCOERCECLOCALE=0; PYTHONCOERCECLOCALE=warn says so on stderr.
fn configure_locale(config: &Config) {
    let setting = env_var(config, "PYTHONCOERCECLOCALE");
    let legacy = std::env::var_os("LC_ALL").is_none_or(|v| v.is_empty())
        && matches!(user_ctype_locale().as_deref(), Some("C") | Some("POSIX"));
    if legacy && setting.as_deref() != Some("0") {
        coerce_legacy_locale(setting.as_deref() == Some("warn"));
    }
    // SAFETY: no other thread exists yet (start-up, before the VM).
    unsafe {
        libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
    }
    if setting.as_deref() == Some("warn") && current_ctype_locale().as_deref() == Some("C") {
        eprint!("{C_LOCALE_WARNING}");
    }
}

/// CPython's `_C_LOCALE_WARNING`, printed with PYTHONCOERCECLOCALE=warn
/// when LC_CTYPE is still the C locale once the locale is configured.
const C_LOCALE_WARNING: &str = "Python runtime initialized with LC_CTYPE=C (a locale with default ASCII encoding), \
which may cause Unicode compatibility problems. Using C.UTF-8, C.utf8, or UTF-8 (if available) as alternative \
Unicode-compatible locales is recommended.\n";

/// The name of the process's current LC_CTYPE locale.
fn current_ctype_locale() -> Option<String> {
    // SAFETY: a query; the name is copied before any other setlocale call.
    unsafe {
        let p = libc::setlocale(libc::LC_CTYPE, std::ptr::null());
        (!p.is_null()).then(|| std::ffi::CStr::from_ptr(p).to_string_lossy().into_owned())
    }
}

/// The current LC_CTYPE locale's codeset (`nl_langinfo(CODESET)`).
fn locale_codeset() -> String {
    // SAFETY: nl_langinfo returns a NUL-terminated string, copied at once.
    unsafe { std::ffi::CStr::from_ptr(libc::nl_langinfo(libc::CODESET)).to_string_lossy().into_owned() }
}

/// Export the first UTF-8 target locale the system has as LC_CTYPE.
fn coerce_legacy_locale(warn: bool) {
    for target in ["C.UTF-8", "C.utf8", "UTF-8"] {
        let c_target = std::ffi::CString::new(target).expect("no NUL in a literal");
        // SAFETY: start-up, single-threaded; the result is only tested.
        let known = unsafe { !libc::setlocale(libc::LC_CTYPE, c_target.as_ptr()).is_null() };
        if !known {
            continue;
        }
        // Start-up is single-threaded: nothing reads the environment meanwhile.
        std::env::set_var("LC_CTYPE", target);
        if warn {
            eprintln!(
                "Python detected LC_CTYPE=C: LC_CTYPE coerced to {target} (set another locale or \
                 PYTHONCOERCECLOCALE=0 to disable this locale coercion behavior)."
            );
        }
        return;
    }
}

/// The LC_CTYPE locale the environment selects, as `setlocale(LC_CTYPE,
/// "")` resolves it (None when the system does not have it); the process
/// locale is left as it was.
fn user_ctype_locale() -> Option<String> {
    // SAFETY: setlocale is called before any other thread exists; the
    // returned strings are copied before the next call invalidates them.
    unsafe {
        let current = libc::setlocale(libc::LC_CTYPE, std::ptr::null());
        let saved = (!current.is_null()).then(|| std::ffi::CStr::from_ptr(current).to_owned());
        let chosen = libc::setlocale(libc::LC_CTYPE, c"".as_ptr());
        let name = (!chosen.is_null()).then(|| std::ffi::CStr::from_ptr(chosen).to_string_lossy().into_owned());
        if let Some(s) = saved {
            libc::setlocale(libc::LC_CTYPE, s.as_ptr());
        }
        name
    }
}

/// A `._pth` file beside the executable (as invoked, then with symbolic
/// links resolved) replaces `sys.path` and implies isolated mode without
/// `site` unless it says `import site` (CPython's getpath, which runs after
/// the environment variables are read).
fn apply_pth_file(config: &mut Config) {
    let real = std::fs::canonicalize(&config.executable).ok().map(|p| p.to_string_lossy().into_owned());
    let found = [Some(config.executable.clone()), real].into_iter().flatten().find_map(|exe| {
        let pth = format!("{exe}._pth");
        std::fs::read(&pth).ok().map(|bytes| (pth, bytes))
    });
    let Some((pth, bytes)) = found else { return };
    let pth_dir = std::path::Path::new(&pth).parent().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default();
    config.isolated = true;
    config.ignore_environment = true;
    config.safe_path = true;
    config.no_site = true;
    let mut paths = Vec::new();
    for line in String::from_utf8_lossy(&bytes).lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if line == "import site" {
            config.no_site = false;
        } else if line.starts_with("import ") {
            eprintln!("unsupported 'import' line in ._pth file");
        } else if line.starts_with('/') {
            paths.push(line.to_string());
        } else {
            paths.push(format!("{pth_dir}/{line}"));
        }
    }
    config.pythonpath_env = None;
    config.module_search_paths = Some(paths);
}

/// A `PYTHON*` variable, unless `-E`/`-I`; empty counts as unset.
fn env_var(config: &Config, name: &str) -> Option<String> {
    if config.ignore_environment {
        return None;
    }
    std::env::var_os(name).map(|v| v.to_string_lossy().into_owned()).filter(|v| !v.is_empty())
}

/// CPython's `_Py_get_env_flag`: a number raises the flag to it, anything
/// else (or a negative number) counts as 1.
fn env_flag(config: &Config, name: &str, flag: &mut u8) {
    if let Some(v) = env_var(config, name) {
        let value = match c_strtol(&v) {
            Some(n) if (0..=i32::MAX as i64).contains(&n) => n,
            _ => 1,
        };
        let value = value.min(u8::MAX as i64) as u8;
        if *flag < value {
            *flag = value;
        }
    }
}

/// C's `strtol(s, &end, 10)` where the whole string must be used (leading
/// whitespace and a sign allowed; "" is 0); None on junk or overflow.
fn c_strtol(s: &str) -> Option<i64> {
    let t = s.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() {
        // No conversion: the end pointer stays at the start of `s`.
        return if s.is_empty() { Some(0) } else { None };
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: i64 = digits.parse().ok()?;
    Some(if neg { -v } else { v })
}

/// C's `strtoul(s, &end, 10)` with the whole string used (a minus sign
/// negates modulo 2**64, as C does).
fn c_strtoul(s: &str) -> Option<u64> {
    let t = s.trim_start_matches([' ', '\t', '\n', '\x0b', '\x0c', '\r']);
    let (neg, digits) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v: u64 = digits.parse().ok()?;
    Some(if neg { v.wrapping_neg() } else { v })
}

/// The environment variables of CPython's `config_read_env_vars` that Taipan
/// honours, and the checked ones (`PYTHONHASHSEED`, `PYTHONINTMAXSTRDIGITS`
/// and `-X int_max_str_digits`), whose bad values are fatal errors.
fn read_environment(config: &mut Config, use_hash_seed: bool) -> Result<(), ExitCode> {
    let mut debug = config.debug;
    env_flag(config, "PYTHONDEBUG", &mut debug);
    config.debug = debug;
    let mut verbose = config.verbose;
    env_flag(config, "PYTHONVERBOSE", &mut verbose);
    config.verbose = verbose;
    let mut optimize = config.optimize;
    env_flag(config, "PYTHONOPTIMIZE", &mut optimize);
    config.optimize = optimize;
    let mut inspect = config.inspect;
    env_flag(config, "PYTHONINSPECT", &mut inspect);
    config.inspect = inspect;
    let mut flag = 0;
    env_flag(config, "PYTHONDONTWRITEBYTECODE", &mut flag);
    if flag > 0 {
        config.dont_write_bytecode = true;
    }
    // config_init_pycache_prefix: -X first, then the environment.
    // `-X pycache_prefix` with no or an empty value means no prefix, and
    // the environment is not consulted.
    let xopt = config.xoptions.iter().rev().find_map(|x| match x.as_str() {
        "pycache_prefix" => Some(None),
        _ => x.strip_prefix("pycache_prefix=").map(|v| Some(v.to_string()).filter(|v| !v.is_empty())),
    });
    config.pycache_prefix = match xopt {
        Some(value) => value,
        None => env_var(config, "PYTHONPYCACHEPREFIX"),
    };
    let mut flag = 0;
    env_flag(config, "PYTHONNOUSERSITE", &mut flag);
    if flag > 0 {
        config.no_user_site = true;
    }
    let mut flag = 0;
    env_flag(config, "PYTHONUNBUFFERED", &mut flag);
    if flag > 0 {
        config.unbuffered = true;
    }
    config.pythonpath_env = env_var(config, "PYTHONPATH");
    if env_var(config, "PYTHONSAFEPATH").is_some() {
        config.safe_path = true;
    }
    if env_var(config, "PYTHONDEVMODE").is_some() || config.xoptions.iter().any(|x| x == "dev") {
        config.dev_mode = true;
    }
    // Any value of the option turns it on, as CPython's `config_get_xoption`.
    if env_var(config, "PYTHONWARNDEFAULTENCODING").is_some()
        || config.xoptions.iter().any(|x| x == "warn_default_encoding" || x.starts_with("warn_default_encoding="))
    {
        config.warn_default_encoding = true;
    }
    if env_var(config, "PYTHONNODEBUGRANGES").is_some() || config.xoptions.iter().any(|x| x == "no_debug_ranges") {
        config.no_debug_ranges = true;
    }
    if env_var(config, "PYTHONPROFILEIMPORTTIME").is_some()
        || config.xoptions.iter().any(|x| x == "importtime" || x.starts_with("importtime="))
    {
        config.import_time = true;
    }
    if let Some(w) = env_var(config, "PYTHONWARNINGS") {
        // Comma-separated, empty items dropped (C's wcstok), before -W.
        let mut opts: Vec<String> = w.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect();
        opts.append(&mut config.warnoptions);
        config.warnoptions = opts;
    }
    // CPython's config_init_warnoptions: -X dev first, -b/-bb last (the
    // last option wins when `warnings` applies them).
    if config.dev_mode {
        config.warnoptions.insert(0, "default".to_string());
    }
    match config.bytes_warning {
        0 => {}
        1 => config.warnoptions.push("default::BytesWarning".to_string()),
        _ => config.warnoptions.push("error::BytesWarning".to_string()),
    }
    // config_init_hash_seed
    if use_hash_seed {
        if let Some(seed) = env_var(config, "PYTHONHASHSEED") {
            if seed != "random" {
                match c_strtoul(&seed) {
                    Some(n) if n <= 4294967295 => config.hash_seed = Some(n),
                    _ => {
                        return Err(fatal(
                            "config_init_hash_seed",
                            "PYTHONHASHSEED must be \"random\" or an integer in range [0; 4294967295]",
                        ))
                    }
                }
            }
        }
    } else {
        config.hash_seed = None;
    }
    config_init_tracemalloc(config)?;
    // config_init_int_max_str_digits: -X first, then the environment.
    let valid = |n: Option<i64>| n.filter(|&n| n == 0 || (MIN_MAX_STR_DIGITS..=i32::MAX as i64).contains(&n));
    let xopt = config.xoptions.iter().find_map(|x| {
        if x == "int_max_str_digits" {
            Some(None)
        } else {
            x.strip_prefix("int_max_str_digits=").map(Some)
        }
    });
    if let Some(value) = xopt {
        match valid(value.and_then(c_strtol)) {
            Some(n) => config.int_max_str_digits = Some(n as u32),
            None => {
                return Err(fatal(
                    "config_init_int_max_str_digits",
                    "-X int_max_str_digits: invalid limit; must be >= 640 or 0 for unlimited.",
                ))
            }
        }
    } else if let Some(v) = env_var(config, "PYTHONINTMAXSTRDIGITS") {
        match valid(c_strtol(&v)) {
            Some(n) => config.int_max_str_digits = Some(n as u32),
            None => {
                return Err(fatal(
                    "config_init_int_max_str_digits",
                    "PYTHONINTMAXSTRDIGITS: invalid limit; must be >= 640 or 0 for unlimited.",
                ))
            }
        }
    }
    Ok(())
}

/// `PYTHONTRACEMALLOC=N`, then `-X tracemalloc[=N]` (which wins): trace
/// allocations from the start with N frames (CPython's
/// `config_init_tracemalloc`).
fn config_init_tracemalloc(config: &mut Config) -> Result<(), ExitCode> {
    let valid = |n: Option<i64>| n.filter(|&n| (0..=i64::from(MAX_TRACEMALLOC_NFRAME)).contains(&n));
    if let Some(v) = env_var(config, "PYTHONTRACEMALLOC") {
        match valid(c_strtol(&v)) {
            Some(n) => config.tracemalloc = n as u32,
            None => return Err(fatal("config_init_tracemalloc", "PYTHONTRACEMALLOC: invalid number of frames")),
        }
    }
    let xopt = config.xoptions.iter().rev().find_map(|x| {
        if x == "tracemalloc" {
            Some(None)
        } else {
            x.strip_prefix("tracemalloc=").map(Some)
        }
    });
    match xopt {
        Some(None) => config.tracemalloc = 1,
        Some(Some(v)) => match valid(c_strtol(v)) {
            Some(n) => config.tracemalloc = n as u32,
            None => return Err(fatal("config_init_tracemalloc", "-X tracemalloc=NFRAME: invalid number of frames")),
        },
        None => {}
    }
    Ok(())
}

/// `tracemalloc`'s largest traceback limit (CPython's `MAX_NFRAME`).
const MAX_TRACEMALLOC_NFRAME: u32 = 65535;
