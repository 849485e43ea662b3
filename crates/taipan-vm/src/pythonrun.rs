//! Compiling and running source, and printing uncaught exceptions
//! (CPython's `Python/pythonrun.c`, the printing half of
//! `Python/traceback.c` and `Python/suggestions.c`).

use std::collections::{HashMap, HashSet};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use taipan_compiler::{CompileOptions, Mode};
use taipan_syntax::{ErrorType, InputMode, StartRule, SyntaxError};

use crate::object::Obj;
use crate::objects::exceptions::{self, get_extra};
use crate::objects::{code::code_of, dict, module, str as pystr, traceback, tuple};
use crate::vm::{PyErr, PyResult, Vm};

// ---- compiling ---------------------------------------------------------------------------------

/// The Python exception for a front-end or compiler error.
pub(crate) fn syntax_error_to_exc(vm: &Vm, e: &SyntaxError) -> PyErr {
    let ex = &vm.ctx.exceptions;
    let ty = match e.error_type {
        ErrorType::SyntaxError => &ex.syntax_error,
        ErrorType::IndentationError => &ex.indentation_error,
        ErrorType::TabError => &ex.tab_error,
        ErrorType::MemoryError => return vm.memory_error(),
        ErrorType::RecursionError => return vm.recursion_error(&e.msg),
    };
    let msg = vm.new_str(&e.msg);
    if !e.has_location() {
        return vm.new_exception(ty, vec![msg]);
    }
    let opt_int = |v: Option<i64>| v.map(|n| vm.new_int(n)).unwrap_or_else(|| vm.none());
    let info = vm.new_tuple(vec![
        vm.new_str(&e.filename),
        opt_int(e.lineno),
        opt_int(e.offset),
        e.text.as_ref().map(|t| vm.new_str(t)).unwrap_or_else(|| vm.none()),
        opt_int(e.end_lineno),
        opt_int(e.end_offset),
    ]);
    vm.new_exception(ty, vec![msg, info])
}

/// Compile source bytes to a code object (`compile()`, `exec`, modules).
pub fn compile_source(
    vm: &Vm,
    bytes: &[u8],
    filename: &str,
    input: InputMode,
    mode: Mode,
    flags: u32,
    optimize: u8,
) -> PyResult<Obj> {
    let start = match mode {
        Mode::Exec => StartRule::File,
        Mode::Eval => StartRule::Eval,
        Mode::Single => StartRule::Interactive,
    };
    let options = taipan_syntax::ParseOptions {
        type_comments: flags & crate::ast_objects::PY_CF_TYPE_COMMENTS != 0,
        allow_incomplete_input: flags & crate::ast_objects::PY_CF_ALLOW_INCOMPLETE_INPUT != 0,
        dont_imply_dedent: flags & crate::ast_objects::PY_CF_DONT_IMPLY_DEDENT != 0,
        barry_as_bdfl: flags & taipan_compiler::code::flags::FUTURE_BARRY_AS_BDFL != 0,
        ..Default::default()
    };
    let tree = parse_source(vm, bytes, filename, input, start, options)?;
    compile_ast_optimized(vm, &tree, filename, mode, flags, optimize)
}

/// Parse source bytes (CPython's `_PyParser_ASTFromString`), issuing the
/// parser's warnings.
pub(crate) fn parse_source(
    vm: &Vm,
    bytes: &[u8],
    filename: &str,
    input: InputMode,
    start: StartRule,
    options: taipan_syntax::ParseOptions,
) -> PyResult<taipan_syntax::ast::Mod> {
    crate::audit::audit(vm, "compile", || vec![vm.new_bytes(bytes.to_vec()), vm.new_str(filename)])?;
    let mut parsed = taipan_syntax::parse_with_options(bytes, filename, input, start, options);
    if let Err(e) = &parsed.result {
        if let Some(text) = decode_with_registry_codec(vm, bytes, filename, e)? {
            parsed = taipan_syntax::parse_with_options(&text, filename, InputMode::Text, start, options);
        }
    }
    for w in &parsed.warnings {
        emit_syntax_warning(vm, w, filename)?;
    }
    let tree = parsed.result.map_err(|e| syntax_error_to_exc(vm, &e))?;
    if let taipan_syntax::ast::Mod::Interactive { body } = &tree {
        check_single_statement(vm, body, bytes, filename)?;
    }
    Ok(tree)
}

/// The source decoded with the codec its coding cookie names, when the
/// front end does not know that codec but the codec registry does (CPython's
/// tokenizer decodes through the registry): UTF-8 text to parse as a str.
/// `None` when the error is another one; the front end's error, located as
/// CPython's, when the registry does not know the codec either.
fn decode_with_registry_codec(vm: &Vm, bytes: &[u8], filename: &str, e: &SyntaxError) -> PyResult<Option<Vec<u8>>> {
    let name = match e.msg.strip_prefix("unknown encoding: ").or_else(|| e.msg.strip_prefix("encoding problem: ")) {
        Some(name) if e.lineno.unwrap_or(0) == 0 && !name.ends_with(" with BOM") => name,
        _ => return Ok(None),
    };
    // CPython's decoding errors carry no line: (filename, 0, -1, None).
    let decoding_error = |msg: &str| {
        let info = vm.new_tuple(vec![vm.new_str(filename), vm.new_int(0), vm.new_int(-1), vm.none()]);
        vm.new_exception(&vm.ctx.exceptions.syntax_error, vec![vm.new_str(msg), info])
    };
    if crate::codecregistry::lookup(vm, name).is_err() {
        return Err(decoding_error(&e.msg));
    }
    let text = match crate::codecs::decode_bytes(vm, bytes, Some(name), None) {
        Ok(text) => text,
        Err(err) => return Err(decoding_error(&vm.str_string(err.value())?)),
    };
    Ok(Some(crate::codecs::encode_to_vec(vm, &text, None, Some(&vm.new_str("surrogatepass")))?))
}

/// Parse source bytes and build their symbol table (`_symtable.symtable`).
pub fn symtable_source(
    vm: &Vm,
    bytes: &[u8],
    filename: &str,
    input: InputMode,
    start: StartRule,
) -> PyResult<taipan_compiler::symtable::SymbolTable> {
    let tree = parse_source(vm, bytes, filename, input, start, Default::default())?;
    taipan_compiler::symtable_of(&tree, filename, 0).map_err(|e| syntax_error_to_exc(vm, &e))
}

/// Compile a tree with the given optimization level.
pub(crate) fn compile_ast_optimized(
    vm: &Vm,
    tree: &taipan_syntax::ast::Mod,
    filename: &str,
    mode: Mode,
    flags: u32,
    optimize: u8,
) -> PyResult<Obj> {
    let out = taipan_compiler::compile_with_warnings(tree, filename, &CompileOptions { mode, optimize, flags });
    for w in &out.warnings {
        emit_syntax_warning(vm, w, filename)?;
    }
    let co = out.result.map_err(|e| syntax_error_to_exc(vm, &e))?;
    Ok(crate::objects::code::new_code(vm, std::rc::Rc::new(co)))
}

/// The SyntaxError (or IndentationError, TabError) exception for a parse
/// error.
pub fn syntax_error(vm: &Vm, e: &SyntaxError) -> PyErr {
    syntax_error_to_exc(vm, e)
}

/// Issue the warnings the front end collected for `filename`.
pub fn emit_syntax_warnings(vm: &Vm, warnings: &[taipan_syntax::Warning], filename: &str) -> PyResult<()> {
    for w in warnings {
        emit_syntax_warning(vm, w, filename)?;
    }
    Ok(())
}

/// Compile a parsed tree (the interactive loop parses itself, line by
/// line) with the interpreter's optimization level.
pub fn compile_ast(vm: &Vm, tree: &taipan_syntax::ast::Mod, filename: &str, mode: Mode, flags: u32) -> PyResult<Obj> {
    let optimize = vm.config.borrow().optimize;
    compile_ast_optimized(vm, tree, filename, mode, flags, optimize)
}

/// `compile(..., 'single')` takes one statement line (CPython's
/// `bad_single_statement`).
fn check_single_statement(vm: &Vm, body: &[taipan_syntax::ast::Stmt], bytes: &[u8], filename: &str) -> PyResult<()> {
    let (Some(first), Some(last)) = (body.first(), body.last()) else { return Ok(()) };
    let text = String::from_utf8_lossy(bytes);
    let more_lines = text.lines().skip(last.range.end_lineno as usize).any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#')
    });
    if last.range.lineno <= first.range.end_lineno && !more_lines {
        return Ok(());
    }
    // The tokenizer's line keeps its newline, and the error spans the
    // NEWLINE token that ends the first statement.
    let mut line = text.lines().nth(first.range.end_lineno as usize - 1).unwrap_or("").to_string();
    line.push('\n');
    let lineno = Some(first.range.end_lineno as i64);
    let offset = Some(first.range.end_col_offset as i64 + 1);
    let e = SyntaxError {
        error_type: ErrorType::SyntaxError,
        msg: "multiple statements found while compiling a single statement".into(),
        filename: filename.to_string(),
        lineno,
        offset,
        text: Some(line),
        end_lineno: lineno,
        end_offset: offset,
    };
    Err(syntax_error_to_exc(vm, &e))
}

fn emit_syntax_warning(vm: &Vm, w: &taipan_syntax::Warning, filename: &str) -> PyResult<()> {
    let category = match w.category {
        taipan_syntax::WarningCategory::SyntaxWarning => vm.ctx.exceptions.syntax_warning.clone(),
        taipan_syntax::WarningCategory::DeprecationWarning => vm.ctx.exceptions.deprecation_warning.clone(),
    };
    // CPython names the module after the file (not `__main__`), so the
    // default filters hide compile-time DeprecationWarnings.
    let module = filename.strip_suffix(".py").unwrap_or(filename);
    match crate::warnings::warn_explicit(vm, &category, &w.msg, filename, w.lineno, module) {
        // An error filter: CPython replaces the warning with a SyntaxError
        // at the offending token or node.
        Err(e) if vm.err_matches(&e, &category) => match &w.as_error {
            Some(se) => Err(syntax_error_to_exc(vm, se)),
            None => Err(e),
        },
        r => r,
    }
}

/// Compile a module's source file.
pub(crate) fn compile_file_source(vm: &Vm, bytes: &[u8], filename: &str) -> PyResult<Obj> {
    let optimize = vm.config.borrow().optimize;
    compile_source(vm, bytes, filename, InputMode::File, Mode::Exec, 0, optimize)
}

/// Compile a string of Python (the VM's own start-up code, `-c`).
pub(crate) fn compile_string(vm: &Vm, src: &str, filename: &str, mode: Mode) -> PyResult<Obj> {
    let optimize = vm.config.borrow().optimize;
    compile_source(vm, src.as_bytes(), filename, InputMode::Text, mode, 0, optimize)
}

// ---- running -----------------------------------------------------------------------------------

/// What a line reader returned (CPython's `PyOS_Readline`).
pub enum ReadlineResult {
    /// The line with its newline.
    Line(String),
    /// End of input.
    Eof,
    /// Ctrl-C: KeyboardInterrupt.
    Interrupt,
}

/// A line reader for `input()` at the terminal: the prompt is given.
pub type ReadlineFn = fn(&Vm, &str) -> ReadlineResult;

/// Make `input()` read lines from the terminal through `hook` (or from
/// sys.stdin again with None), as importing CPython's readline module does.
pub fn set_readline_hook(vm: &Vm, hook: Option<ReadlineFn>) {
    vm.readline_hook.set(hook);
}

/// What the command line asked to run.
pub enum MainSource {
    File(std::path::PathBuf),
    Command(String),
    Stdin,
}

/// Run source text in a namespace (CPython's `PyRun_String`): `mode` Exec
/// runs statements and returns None, Eval returns the expression's value.
/// `globals` defaults to `__main__`'s namespace. The interpreter is entered
/// for the call, so an embedder may drive several from one thread.
pub fn run_string(vm: &Vm, source: &str, mode: Mode, globals: Option<&Obj>) -> PyResult<Obj> {
    let _active = vm.enter();
    let globals = match globals {
        Some(g) => g.clone(),
        None => module::module_dict(&main_module(vm)),
    };
    let optimize = vm.config.borrow().optimize;
    let code = compile_source(vm, source.as_bytes(), "<string>", InputMode::Text, mode, 0, optimize)?;
    crate::eval::run_code(vm, &code, &globals, None)
}

/// The `__main__` module, created on first use.
pub fn main_module(vm: &Vm) -> Obj {
    let modules = vm.modules.borrow().clone().expect("sys.modules");
    if let Some(m) = dict::get_item_str(vm, &modules, "__main__") {
        if module::try_module_dict(&m).is_some() {
            return m;
        }
    }
    let m = module::new_module(vm, "__main__");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__builtins__", vm.builtins_module()).expect("main dict");
    dict::set_item_str(vm, &d, "__annotations__", vm.new_dict()).expect("main dict");
    // CPython's `add_main_module`: the module is "builtin" until a script's
    // loader replaces this.
    let importlib = vm.importlib.borrow().clone();
    if let Some(loader) = importlib.and_then(|i| vm.getattr_str(&i, "BuiltinImporter").ok()) {
        dict::set_item_str(vm, &d, "__loader__", loader).expect("main dict");
    }
    dict::set_item_str(vm, &modules, "__main__", m.clone()).expect("sys.modules");
    m
}

/// CPython's `pymain_get_importer`: the script path is a directory or zip
/// file when a `sys.path_hooks` hook accepts it (then Taipan runs its
/// `__main__` module with the path first on `sys.path`).
pub fn has_main_importer(vm: &Vm, path: &Path) -> PyResult<bool> {
    if vm.importlib.borrow().is_none() {
        return Ok(false);
    }
    let Some(importer) = path_importer(vm, &fs_str(vm, path))? else { return Ok(false) };
    Ok(!vm.is_none(&importer))
}

/// CPython's `get_path_importer`: `sys.path_importer_cache[path]`, else
/// the first `sys.path_hooks` hook that accepts the path, cached.
fn path_importer(vm: &Vm, path: &Obj) -> PyResult<Option<Obj>> {
    let sys = vm.sys_module();
    let (Some(cache), Some(hooks)) =
        (vm.getattr_str_opt(&sys, "path_importer_cache")?, vm.getattr_str_opt(&sys, "path_hooks")?)
    else {
        return Ok(None);
    };
    if dict::data(&cache).is_none() {
        return Ok(None);
    }
    if let Some(importer) = dict::get_item_opt(vm, &cache, path)? {
        return Ok(Some(importer));
    }
    dict::set_item(vm, &cache, path.clone(), vm.none())?;
    for hook in vm.to_vec(&hooks)? {
        match vm.call(&hook, std::slice::from_ref(path), None) {
            Ok(importer) => {
                dict::set_item(vm, &cache, path.clone(), importer.clone())?;
                return Ok(Some(importer));
            }
            Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.import_error) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// Run the main program and finalize; returns the process exit status.
pub fn run_main(vm: &Vm, source: MainSource) -> i32 {
    let status = run_main_source(vm, source);
    finalize(vm, status)
}

/// `-m module` (CPython's `pymain_run_module`): Lib's
/// `runpy._run_module_as_main` finds the module, makes it `__main__` and
/// runs it; returns the exit status.
pub fn run_module(vm: &Vm, name: &str) -> i32 {
    run_module_as_main(vm, name, true)
}

/// `runpy._run_module_as_main(name, alter_argv)` (CPython's
/// `pymain_run_module`); a directory or zip file given as the script runs
/// its `__main__` this way, leaving `sys.argv[0]` alone.
pub fn run_module_as_main(vm: &Vm, name: &str, alter_argv: bool) -> i32 {
    vm.unhandled_keyboard_interrupt.set(false);
    // runpy runs the module in the existing `__main__`'s namespace.
    main_module(vm);
    let result = crate::import::import_module(vm, "runpy")
        .and_then(|runpy| vm.getattr_str(&runpy, "_run_module_as_main"))
        .and_then(|run| vm.call(&run, &[vm.new_str(name), vm.bool_obj(alter_argv)], None));
    flush_io(vm);
    match result {
        Ok(_) => 0,
        Err(e) => {
            if vm.isinstance_type(e.value(), &vm.ctx.exceptions.keyboard_interrupt) {
                vm.unhandled_keyboard_interrupt.set(true);
            }
            handle_uncaught(vm, &e)
        }
    }
}

/// Run the main program in `__main__` without finalizing (CPython's
/// `PyRun_SimpleString`/`PyRun_SimpleFile`, after which `-i` may inspect
/// the namespace); returns the exit status. A script's `__file__` and
/// `__cached__` are removed again afterwards, as CPython does.
pub fn run_main_source(vm: &Vm, source: MainSource) -> i32 {
    match run_in_main(vm, &source) {
        Ok(()) => 0,
        Err(e) => handle_uncaught(vm, &e),
    }
}

/// Run source in `__main__` and return its exception, if any (the script's
/// `__file__` is set for the run only; see [`run_main_source`]).
pub fn run_in_main(vm: &Vm, source: &MainSource) -> PyResult<()> {
    let m = main_module(vm);
    let d = module::module_dict(&m);
    let set_file_name = matches!(source, MainSource::File(_)) && dict::get_item_str(vm, &d, "__file__").is_none();
    vm.unhandled_keyboard_interrupt.set(false);
    let result = run_main_inner(vm, source, &d);
    if !matches!(source, MainSource::Command(_)) {
        // CPython's `_PyRun_SimpleFileObject` flushes the standard streams
        // after the program, before a traceback (`-c` does not).
        flush_io(vm);
    }
    if let Err(e) = &result {
        if vm.isinstance_type(e.value(), &vm.ctx.exceptions.keyboard_interrupt) {
            vm.unhandled_keyboard_interrupt.set(true);
        }
    }
    if set_file_name {
        let _ = dict::del_item(vm, &d, &vm.new_str("__file__"));
        let _ = dict::del_item(vm, &d, &vm.new_str("__cached__"));
    }
    result
}

fn run_main_inner(vm: &Vm, source: &MainSource, d: &Obj) -> PyResult<()> {
    let mut exact_filename = None;
    let (bytes, filename) = match source {
        MainSource::File(path) => {
            let abs = absolute_path(path);
            let abs_str = fs_str(vm, &abs);
            dict::set_item_str(vm, d, "__file__", abs_str.clone())?;
            dict::set_item_str(vm, d, "__cached__", vm.none())?;
            let bytes = match std::fs::read(path) {
                Ok(b) => b,
                Err(e) => {
                    let msg = format!(
                        "{}: can't open file '{}': [Errno {}] {}\n",
                        vm.config.borrow().executable,
                        display_path(&abs),
                        e.raw_os_error().unwrap_or(0),
                        crate::objects::exceptions::strerror_text(&e)
                    );
                    crate::modules::sys::write_stderr(vm, &msg);
                    return Err(vm.new_exception(&vm.ctx.exceptions.system_exit, vec![vm.new_int(2)]));
                }
            };
            if is_pyc_file(path, &bytes) {
                set_main_loader(vm, d, &abs_str, "SourcelessFileLoader")?;
                return run_pyc(vm, &bytes, d);
            }
            set_main_loader(vm, d, &abs_str, "SourceFileLoader")?;
            // A path that is not UTF-8 compiles under a stand-in name; the
            // code objects then get the exact (surrogate-escaped) one.
            let lossy = abs.to_string_lossy().into_owned();
            if abs.to_str().is_none() {
                exact_filename = Some(abs_str);
            }
            (bytes, lossy)
        }
        MainSource::Command(c) => (c.clone().into_bytes(), "<string>".to_string()),
        MainSource::Stdin => {
            // CPython reads the program from the C stdin, not sys.stdin.
            use std::io::Read;
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                return Err(vm.io_error(&e, None));
            }
            (bytes, "<stdin>".to_string())
        }
    };
    let input = match source {
        MainSource::File(_) => InputMode::File,
        // `-c` text is already decoded: a coding cookie in it is ignored
        // (CPython's PyCF_IGNORE_COOKIE).
        MainSource::Command(_) => InputMode::Text,
        MainSource::Stdin => InputMode::Bytes,
    };
    let optimize = vm.config.borrow().optimize;
    let code = compile_source(vm, &bytes, &filename, input, Mode::Exec, 0, optimize)?;
    if let Some(exact) = exact_filename {
        crate::import::fix_co_filename(vm, &code, &exact)?;
    }
    // CPython keeps the module's AST arena, which references the constants
    // the parser and the AST optimizer made, until the module has run.
    let arena = arena_constants(&code);
    let result = crate::eval::run_code(vm, &code, d, None);
    drop(arena);
    result?;
    Ok(())
}

/// The tuple constants of a code object, of the tuples among them and of
/// its nested code objects: what CPython's AST arena of the `__main__`
/// module holds besides atoms (`_PyArena_AddPyObject`). Held while the
/// module runs, they are referenced from outside the collector's view, as
/// in CPython (which decides, for one, in which collection a nested
/// constant tuple stops being tracked).
fn arena_constants(code: &Obj) -> Vec<Obj> {
    let mut out = Vec::new();
    let mut work = vec![code.clone()];
    while let Some(c) = work.pop() {
        if let Some(t) = c.payload::<crate::objects::tuple::TupleData>() {
            work.extend(t.items().iter().cloned());
            out.push(c);
        } else if let Some(cd) = c.payload::<crate::objects::code::CodeData>() {
            work.extend(cd.consts.iter().cloned());
        }
    }
    out
}

/// CPython's `maybe_pyc_file`: a `.pyc` name, or data starting with the
/// first two bytes of Taipan's magic number.
fn is_pyc_file(path: &Path, data: &[u8]) -> bool {
    path.as_os_str().as_bytes().ends_with(b".pyc") || data.get(..2) == Some(&crate::import::magic_bytes()[..2])
}

/// `__main__.__loader__ = _bootstrap_external.<loader>('__main__', path)`
/// (CPython's `set_main_loader`).
fn set_main_loader(vm: &Vm, d: &Obj, path: &Obj, loader: &str) -> PyResult<()> {
    let external = dict::get_item_str(vm, &crate::import::sys_modules_dict(vm), "_frozen_importlib_external");
    let Some(external) = external else { return Ok(()) };
    let class = vm.getattr_str(&external, loader)?;
    let loader = vm.call(&class, &[vm.new_str("__main__"), path.clone()], None)?;
    dict::set_item_str(vm, d, "__loader__", loader)
}

/// Run a `.pyc` file's code in `d` (CPython's `run_pyc_file`): the magic
/// number must be Taipan's; the code is validated as it is unmarshalled.
fn run_pyc(vm: &Vm, data: &[u8], d: &Obj) -> PyResult<()> {
    if data.get(..4) != Some(&crate::import::magic_bytes()[..]) {
        return Err(vm.runtime_error("Bad magic number in .pyc file"));
    }
    let Some(body) = data.get(16..) else {
        return Err(vm.eof_error("EOF read where not expected"));
    };
    let code = match crate::marshal::loads(vm, body) {
        Ok((code, _)) if code.type_is(&vm.ctx.types.code) => code,
        _ => return Err(vm.runtime_error("Bad code object in .pyc file")),
    };
    crate::eval::run_code(vm, &code, d, None)?;
    Ok(())
}

/// Flush `sys.stderr` then `sys.stdout`, ignoring errors (CPython's
/// `flush_io`).
/// CPython's `flush_io`: flush sys.stderr, then sys.stdout, ignoring
/// errors (after each statement of the interactive loop).
pub fn flush_io(vm: &Vm) {
    for name in ["stderr", "stdout"] {
        if let Some(f) = crate::modules::sys::sys_attr(vm, name) {
            let _ = vm.call_method(&f, "flush", &[]);
        }
    }
}

/// CPython 3.11 makes the script path absolute.
pub fn absolute_path(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    match std::env::current_dir() {
        Ok(cwd) => cwd.join(path),
        Err(_) => path.to_path_buf(),
    }
}

/// A path as Python sees it (CPython's `PyUnicode_DecodeFSDefault`): the
/// file system encoding, an undecodable byte becoming a lone surrogate
/// (surrogateescape).
pub fn fs_str(vm: &Vm, path: &Path) -> Obj {
    let bytes = path.as_os_str().as_bytes();
    let encoding = crate::codecs::fs_encoding(vm);
    match std::str::from_utf8(bytes) {
        Ok(text) if encoding == "utf-8" || text.is_ascii() => vm.new_str(text),
        _ => crate::codecs::decode_bytes(vm, bytes, Some(&encoding), Some("surrogateescape"))
            .unwrap_or_else(|_| vm.new_str(&path.to_string_lossy())),
    }
}

/// A path in a start-up message, as CPython prints the decoded path: an
/// undecodable byte shows as its `\udcXX` escape.
pub fn display_path(path: &Path) -> String {
    let mut out = String::new();
    for chunk in path.as_os_str().as_bytes().utf8_chunks() {
        out.push_str(chunk.valid());
        for b in chunk.invalid() {
            out.push_str(&format!("\\udc{b:02x}"));
        }
    }
    out
}

/// Print an uncaught exception (or handle SystemExit); the exit status.
pub fn handle_uncaught(vm: &Vm, e: &PyErr) -> i32 {
    let exc = e.value().clone();
    // With -i, SystemExit is printed like any exception and the
    // interactive loop follows (CPython's `_Py_HandleSystemExit`).
    if vm.isinstance_type(&exc, &vm.ctx.exceptions.system_exit) && vm.config.borrow().inspect == 0 {
        return system_exit_status(vm, &exc);
    }
    if vm.isinstance_type(&exc, &vm.ctx.exceptions.keyboard_interrupt) {
        vm.unhandled_keyboard_interrupt.set(true);
    }
    print_exception(vm, &exc);
    1
}

/// The exit status `SystemExit(code)` asks for, printing a non-int code.
pub fn system_exit_status(vm: &Vm, exc: &Obj) -> i32 {
    let code = get_extra(exc, "code").unwrap_or_else(|| {
        let args = exceptions::args_of(exc);
        match tuple::items(&args) {
            [] => vm.none(),
            [one] => one.clone(),
            _ => args.clone(),
        }
    });
    if vm.is_none(&code) {
        return 0;
    }
    if let Some(v) = crate::objects::int::value(&code) {
        return v.as_i64().map(|n| n as i32).unwrap_or(-1);
    }
    let text = vm.str(&code).unwrap_or_else(|_| vm.new_str(""));
    // The str object itself goes to sys.stderr, whose error handler
    // (backslashreplace) deals with lone surrogates, as CPython's
    // handle_system_exit; without a usable stderr, a lossy copy to fd 2.
    let written = crate::modules::sys::sys_attr(vm, "stderr").is_some_and(|f| {
        vm.call_method(&f, "write", std::slice::from_ref(&text)).is_ok()
            && vm.call_method(&f, "write", &[vm.new_str("\n")]).is_ok()
    });
    if !written {
        crate::modules::sys::write_stderr(vm, &format!("{}\n", pystr::as_str_lossy(&text)));
    }
    1
}

/// Print through `sys.excepthook` as CPython does, falling back to the
/// builtin printer.
pub fn print_exception(vm: &Vm, exc: &Obj) {
    let hook = crate::modules::sys::sys_attr(vm, "excepthook");
    let audited = crate::audit::audit(vm, "sys.excepthook", || {
        let tb = exceptions::traceback_of(exc).unwrap_or_else(|| vm.none());
        vec![hook.clone().unwrap_or_else(|| vm.none()), exc.class_obj(), exc.clone(), tb]
    });
    if let Err(e) = audited {
        // A hook's RuntimeError vetoes the printing (CPython's `_PyErr_PrintEx`).
        if vm.err_matches(&e, &vm.ctx.exceptions.runtime_error) {
            return;
        }
        vm.write_unraisable_msg(&e, Some("in audit hook"), None);
    }
    let builtin = crate::modules::sys::sys_attr(vm, "__excepthook__");
    if let (Some(h), Some(b)) = (&hook, &builtin) {
        if !h.is(b) {
            let tb = exceptions::traceback_of(exc).unwrap_or_else(|| vm.none());
            match vm.call(h, &[exc.class_obj(), exc.clone(), tb], None) {
                Ok(_) => return,
                Err(e2) => {
                    crate::modules::sys::write_stderr(vm, "Error in sys.excepthook:\n");
                    let t = format_exception(vm, e2.value());
                    crate::modules::sys::write_stderr(vm, &t);
                    crate::modules::sys::write_stderr(vm, "\nOriginal exception was:\n");
                }
            }
        }
    }
    let text = format_exception(vm, exc);
    crate::modules::sys::write_stderr_flush(vm, &text);
}

/// Interpreter exit: flush the standard streams, clear `__main__` so that
/// `__del__` methods run, and run pending finalizers. Returns the status.
///
/// As CPython's `Py_FinalizeEx`: the standard streams are flushed first
/// (a failure is reported and makes the exit status 120), then again,
/// quietly, after the finalizers of `__main__` ran.
pub fn finalize(vm: &Vm, mut status: i32) -> i32 {
    wait_for_thread_shutdown(vm);
    crate::atexit::run_exitfuncs(vm);
    // From here on the main thread keeps the GIL: daemon threads stay
    // blocked and never see the interpreter being torn down.
    vm.gil.freeze();
    crate::traceback::set_finalizing(&*vm.thread);
    if crate::modules::sys::flush_std_streams(vm).is_err() {
        status = 120;
    }
    // Whether some tracked object is an instance of a Python class with
    // `__del__` (without one the teardown's walks have nothing to
    // finalize); asked once, a walk over every tracked object: later only
    // weakref callbacks could make such an instance.
    let mut finalizers_about = None;
    let modules = vm.modules.borrow().clone();
    if let Some(modules) = modules {
        release_unreferenced_modules(vm, &modules);
        // `sys.modules['__main__']` may have been replaced by any object.
        if let Some(d) = dict::get_item_str(vm, &modules, "__main__").and_then(|m| module::try_module_dict(&m)) {
            let any = crate::gc::any_heap_finalizer(vm);
            finalizers_about = Some(any);
            release_main_dict(vm, &d, any);
        }
        // The modules only `__main__` imported go now.
        release_unreferenced_modules(vm, &modules);
    }
    let _ = vm.run_pending_work();
    // What only cycles kept (classes and their attributes, instances in
    // cycles): CPython's last collection in `finalize_modules` (which runs
    // even when the collector is disabled).
    let _ = crate::gc::collect(vm, 2);
    let _ = vm.run_pending_work();
    let modules = vm.modules.borrow().clone();
    if let Some(modules) = modules {
        if finalizers_about.unwrap_or_else(|| crate::gc::any_heap_finalizer(vm)) {
            finalize_remaining_modules(vm, &modules);
        }
    }
    crate::modules::sys::flush_std_streams_quietly(vm);
    status
}

/// The modules still alive at exit (those in cycles, such as two modules
/// that import each other), as CPython's `finalize_modules`: `sys.modules`
/// is emptied and the collector runs, so the modules that were garbage go
/// with their finalizers seeing every global; the rest are wiped in the
/// reverse of their import order (names with one leading underscore first,
/// then all but `__builtins__`), each value's finalizer running as it goes.
/// The caller skips it with no instance of a Python class that has
/// `__del__`: nothing of it could be seen, and it costs exit time.
fn finalize_remaining_modules(vm: &Vm, modules: &Obj) {
    let weaklist: Vec<Obj> = dict::items(modules)
        .into_iter()
        .filter(|(_, m)| module::try_module_dict(m).is_some())
        .filter_map(|(_, m)| crate::objects::weakref::api::new_ref(vm, &m, None).ok())
        .collect();
    for (name, _) in dict::items(modules) {
        let _ = dict::set_item(vm, modules, name, vm.none());
    }
    let _ = vm.run_pending_work();
    if let Some(data) = dict::data(modules) {
        data.clear();
    }
    let _ = vm.run_pending_work();
    let _ = crate::gc::collect(vm, 2);
    let _ = vm.run_pending_work();
    let sys_dict = module::module_dict(&vm.sys_module());
    let builtins = vm.builtins_dict();
    for wr in weaklist.iter().rev() {
        let Some(m) = crate::objects::weakref::referent(wr) else { continue };
        let Some(d) = module::try_module_dict(&m) else { continue };
        if d.is(&sys_dict) || d.is(&builtins) {
            continue;
        }
        wipe_module_dict(vm, &d);
    }
}

/// CPython's `_PyModule_ClearDict`: set to None the names with one leading
/// underscore, then every name but `__builtins__`.
fn wipe_module_dict(vm: &Vm, d: &Obj) {
    let single_underscore = |k: &str| k.starts_with('_') && !k.starts_with("__");
    for pass_underscored in [true, false] {
        for (k, v) in dict::items(d) {
            let Some(key) = pystr::as_str(&k) else { continue };
            let chosen = if pass_underscored { single_underscore(key) } else { key != "__builtins__" };
            if !chosen || vm.is_none(&v) {
                continue;
            }
            drop(v);
            let _ = dict::set_item(vm, d, k, vm.none());
            let _ = vm.run_pending_work();
        }
    }
}

/// Wait for the non-daemon threads of `threading` (CPython's
/// `wait_for_thread_shutdown`): call `threading._shutdown()` if the module
/// was imported.
fn wait_for_thread_shutdown(vm: &Vm) {
    let modules = vm.modules.borrow().clone();
    let Some(threading) = modules.and_then(|m| dict::get_item_str(vm, &m, "threading")) else { return };
    let r = vm.getattr_str(&threading, "_shutdown").and_then(|f| vm.call(&f, &[], None));
    if let Err(e) = r {
        vm.write_unraisable(&e, Some(&threading));
    }
}

/// CPython's `finalize_remove_modules` sets every `sys.modules` entry to
/// None: a module nothing else references goes at once, with its
/// namespace (before `__main__`'s). The interpreter's own modules stay.
fn release_unreferenced_modules(vm: &Vm, modules: &Obj) {
    for (name, m) in dict::items(modules) {
        let keep = pystr::as_str(&name).is_none_or(|n| matches!(n, "__main__" | "sys" | "builtins"));
        // Our reference, the dict's and `m`'s: nothing else holds it.
        if keep || module::try_module_dict(&m).is_none() || m.refcnt() > 2 {
            continue;
        }
        drop(m);
        let _ = dict::set_item(vm, modules, name, vm.none());
        let _ = vm.run_pending_work();
    }
}

/// `__main__`'s namespace at exit. CPython's `finalize_modules` drops the
/// module, and its namespace (in a cycle with the functions it holds)
/// becomes garbage: the collector finalizes it while every global is still
/// there. As observed, the instances bound to globals go first (each with
/// the instances it holds, in traversal order), then what the containers
/// and functions bound to globals hold, in insertion order; then the
/// namespace is emptied and the values released.
fn release_main_dict(vm: &Vm, d: &Obj, finalizers_about: bool) {
    let Some(data) = dict::data(d) else { return };
    // The walk finalizes instances only: with no instance of a class that
    // has `__del__`, it has nothing to do (and its stack and seen-set would
    // cost ~40 bytes per instance a global list holds).
    if finalizers_about {
        let values: Vec<Obj> = dict::items(d).into_iter().map(|(_, v)| v).collect();
        let mut seen = HashSet::from([d.id()]);
        for v in values.iter().filter(|v| is_plain_instance(vm, v)) {
            finalize_reachable(vm, v, &mut seen);
        }
        for v in values.iter().filter(|v| holds_globals_data(vm, v)) {
            finalize_reachable(vm, v, &mut seen);
        }
        for v in values.iter().filter(|v| class_of_heap(vm, v)) {
            finalize_reachable(vm, v, &mut seen);
        }
    }
    let items = dict::items(d);
    data.clear();
    for (k, v) in items {
        drop(k);
        drop(v);
        let _ = vm.run_pending_work();
    }
}

/// Containers and functions whose contents the teardown finalizes after
/// the instances (classes come last; modules are left alone).
fn holds_globals_data(vm: &Vm, v: &Obj) -> bool {
    let t = &vm.ctx.types;
    [&t.list, &t.tuple, &t.dict, &t.set, &t.frozenset, &t.function].iter().any(|ty| v.type_is(ty))
}

/// A class defined in Python (its namespace is finalized last).
fn class_of_heap(vm: &Vm, v: &Obj) -> bool {
    vm.is_type(v) && v.payload::<crate::object::TypeObject>().is_some_and(|t| t.is_heap_type())
}

/// What the teardown descends into: a function's or a class's own
/// namespace (not its globals or bases), a container's items, an
/// instance's attributes.
fn teardown_children(vm: &Vm, o: &Obj) -> Vec<Obj> {
    if o.type_is(&vm.ctx.types.function) {
        return vm.getattr_str(o, "__dict__").into_iter().filter(|d| d.type_is(&vm.ctx.types.dict)).collect();
    }
    if let Some(t) = o.payload::<crate::object::TypeObject>() {
        return t.dict_opt().into_iter().collect();
    }
    // Only what the walk descends into or finalizes: a million ints in a
    // list are not copied out (that doubled the peak memory of exit).
    let mut out = Vec::new();
    if o.class().is_gc {
        crate::gc::traverse(o.as_nonnull(), &mut |r| {
            // A tuple the collector untracked holds only atoms (and such
            // tuples): nothing below it to finalize, and a million of them
            // in a list would cost the walk's stack and seen-set ~44 bytes each.
            if r.type_is(&vm.ctx.types.tuple) && !crate::gc::is_tracked(r) {
                return;
            }
            if is_plain_instance(vm, r) || holds_globals_data(vm, r) || class_of_heap(vm, r) {
                out.push(r.clone());
            }
        });
    }
    out
}

/// Finalize `root` (if it is an instance) and, depth first in traversal
/// order, the instances reachable from it through instances and builtin
/// containers.
fn finalize_reachable(vm: &Vm, root: &Obj, seen: &mut HashSet<usize>) {
    let mut stack = vec![root.clone()];
    while let Some(o) = stack.pop() {
        if !seen.insert(o.id()) {
            continue;
        }
        let instance = is_plain_instance(vm, &o);
        if !instance && !holds_globals_data(vm, &o) && !class_of_heap(vm, &o) {
            continue;
        }
        if instance {
            crate::gc::finalize_once(vm, &o);
            let _ = vm.run_pending_work();
        }
        let children = teardown_children(vm, &o);
        stack.extend(children.into_iter().rev());
    }
}

/// An instance of a class defined in Python whose payload is the plain
/// object's (not a list, dict, function, type, module, ...).
fn is_plain_instance(vm: &Vm, v: &Obj) -> bool {
    let ty = v.class();
    ty.is_heap_type() && v.payload::<crate::context::ObjectData>().is_some() && !vm.is_type(v)
}

// ---- printing exceptions -----------------------------------------------------------------------

/// A source file's text as a traceback shows it (CPython's
/// `_Py_DisplaySourceLine`): decoded with the codec its coding cookie
/// names, through the codec registry when the front end does not know it.
/// None when the file cannot be decoded so.
fn source_file_text(vm: &Vm, bytes: &[u8], filename: &str) -> Option<String> {
    match taipan_syntax::source::decode(bytes, InputMode::File, filename) {
        Ok(src) => Some(String::from_utf8_lossy(&src.text).into_owned()),
        Err(e) => {
            let name = e.msg.strip_prefix("unknown encoding: ")?;
            let text = crate::codecs::decode_bytes(vm, bytes, Some(name), None).ok()?;
            Some(pystr::as_str_lossy(&text).into_owned())
        }
    }
}

struct Printer<'a> {
    vm: &'a Vm,
    out: String,
    seen: HashSet<usize>,
    group_depth: usize,
    need_close: bool,
    sources: HashMap<PathBuf, Option<Vec<String>>>,
}

const MAX_GROUP_WIDTH: usize = 15;
const MAX_GROUP_DEPTH: usize = 10;
const RECURSIVE_CUTOFF: usize = 3;

/// The text CPython's `sys.excepthook` prints for an exception: tracebacks,
/// chained exceptions and exception groups.
pub fn format_exception(vm: &Vm, exc: &Obj) -> String {
    let mut p = Printer {
        vm,
        out: String::new(),
        seen: HashSet::new(),
        group_depth: 0,
        need_close: false,
        sources: HashMap::new(),
    };
    p.print_recursive(exc, 0);
    p.out
}

impl Printer<'_> {
    fn margin(&self) -> &'static str {
        if self.group_depth > 0 {
            "| "
        } else {
            ""
        }
    }

    fn indent(&self) -> usize {
        2 * self.group_depth
    }

    fn write_indented_margin(&mut self) {
        let s = format!("{}{}", " ".repeat(self.indent()), self.margin());
        self.out.push_str(&s);
    }

    fn print_recursive(&mut self, exc: &Obj, depth: usize) {
        if depth > 200 {
            return;
        }
        self.print_cause_and_context(exc, depth);
        if self.vm.isinstance_type(exc, &self.vm.ctx.exceptions.base_exception_group) {
            self.print_group(exc, depth);
        } else {
            self.print_one(exc);
        }
    }

    fn print_cause_and_context(&mut self, exc: &Obj, depth: usize) {
        self.seen.insert(exc.id());
        if !self.vm.isinstance_type(exc, &self.vm.ctx.exceptions.base_exception) {
            return;
        }
        if let Some(cause) = exceptions::cause_of(exc) {
            if !self.seen.contains(&cause.id()) {
                self.print_chained(
                    &cause,
                    "The above exception was the direct cause of the following exception:\n",
                    depth,
                );
            }
            return;
        }
        if exceptions::suppress_context(exc) {
            return;
        }
        if let Some(ctx) = exceptions::context_of(exc) {
            if !self.seen.contains(&ctx.id()) {
                self.print_chained(
                    &ctx,
                    "During handling of the above exception, another exception occurred:\n",
                    depth,
                );
            }
        }
    }

    fn print_chained(&mut self, exc: &Obj, message: &str, depth: usize) {
        let need_close = self.need_close;
        self.print_recursive(exc, depth + 1);
        self.need_close = need_close;
        self.write_indented_margin();
        self.out.push('\n');
        self.write_indented_margin();
        self.out.push_str(message);
        self.write_indented_margin();
        self.out.push('\n');
    }

    fn print_group(&mut self, exc: &Obj, depth: usize) {
        if self.group_depth > MAX_GROUP_DEPTH {
            self.write_indented_margin();
            self.out.push_str(&format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"));
            return;
        }
        if self.group_depth == 0 {
            self.group_depth += 1;
        }
        self.print_one(exc);
        let excs = get_extra(exc, "exceptions").map(|t| tuple::items(&t).to_vec()).unwrap_or_default();
        let n = if excs.len() <= MAX_GROUP_WIDTH { excs.len() } else { MAX_GROUP_WIDTH + 1 };
        self.need_close = false;
        for i in 0..n {
            let last = i == n - 1;
            if last {
                self.need_close = true;
            }
            self.out.push_str(&" ".repeat(self.indent()));
            let truncated = i >= MAX_GROUP_WIDTH;
            let lead = if i == 0 { "+-" } else { "  " };
            if truncated {
                self.out.push_str(&format!("{lead}+---------------- ... ----------------\n"));
            } else {
                self.out.push_str(&format!("{lead}+---------------- {} ----------------\n", i + 1));
            }
            self.group_depth += 1;
            if !truncated {
                self.print_recursive(&excs[i], depth + 1);
            } else {
                let remaining = excs.len() - MAX_GROUP_WIDTH;
                self.write_indented_margin();
                self.out.push_str(&format!("and {remaining} more exception{}\n", if remaining > 1 { "s" } else { "" }));
            }
            if last && self.need_close {
                self.out.push_str(&" ".repeat(self.indent()));
                self.out.push_str("+------------------------------------\n");
                self.need_close = false;
            }
            self.group_depth -= 1;
        }
        if self.group_depth == 1 {
            self.group_depth -= 1;
        }
    }

    fn print_one(&mut self, exc: &Obj) {
        let vm = self.vm;
        if !vm.isinstance_type(exc, &vm.ctx.exceptions.base_exception) {
            self.write_indented_margin();
            self.out.push_str(&format!(
                "TypeError: print_exception(): Exception expected for value, {} found\n",
                exc.class().name()
            ));
            return;
        }
        if let Some(tb) = exceptions::traceback_of(exc) {
            let is_group = vm.isinstance_type(exc, &vm.ctx.exceptions.base_exception_group);
            let header = if is_group {
                "Exception Group Traceback (most recent call last):\n"
            } else {
                "Traceback (most recent call last):\n"
            };
            let header_margin = if is_group && self.group_depth == 1 { "+ " } else { self.margin() };
            self.print_traceback(&tb, header, header_margin);
        }
        let message = self.print_file_and_line(exc);
        self.print_message(exc, message.as_ref());
        if let Some(s) = suggestion(vm, exc) {
            self.out.push_str(&format!(". Did you mean: '{s}'?"));
        }
        self.out.push('\n');
        self.print_notes(exc);
    }

    fn print_traceback(&mut self, tb: &Obj, header: &str, header_margin: &str) {
        let vm = self.vm;
        let mut limit = 1000usize;
        if let Some(l) = crate::modules::sys::sys_attr(vm, "tracebacklimit") {
            if let Some(v) = crate::objects::int::value(&l) {
                match v.as_i64() {
                    Some(n) if n <= 0 => return,
                    Some(n) => limit = n as usize,
                    // Past a C long: no limit, or (negative) no entries.
                    None if v.is_negative() => return,
                    None => limit = usize::MAX,
                }
            }
        }
        let s = format!("{}{}{}", " ".repeat(self.indent()), header_margin, header);
        self.out.push_str(&s);
        let mut entries = Vec::new();
        let mut t = Some(tb.clone());
        while let Some(e) = t {
            t = traceback::data(&e).next.get();
            entries.push(e);
        }
        let skip = entries.len().saturating_sub(limit);
        let mut last: Option<(String, Option<u32>, String)> = None;
        let mut cnt = 0usize;
        for e in &entries[skip..] {
            let d = traceback::data(e);
            let fd = d.frame.payload::<crate::eval::frame::FrameObjectData>().expect("frame");
            let code = code_of(&fd.frame().code);
            let (filename, path) = match pystr::data(&code.filename()) {
                Some(f) => (f.to_string_escaped().into_owned(), f.to_fs_path()),
                None => ("<non-str>".to_string(), None),
            };
            let name = pystr::as_str_lossy(&code.name).into_owned();
            let key = (filename.clone(), d.lineno(), name.clone());
            if last.as_ref() != Some(&key) {
                if cnt > RECURSIVE_CUTOFF {
                    self.print_repeated(cnt);
                }
                last = Some(key);
                cnt = 0;
            }
            cnt += 1;
            if cnt <= RECURSIVE_CUTOFF {
                let pos = code.positions_at(d.lasti);
                self.display_line(&filename, path.as_deref(), d.lineno(), &name, pos);
            }
        }
        if cnt > RECURSIVE_CUTOFF {
            self.print_repeated(cnt);
        }
    }

    fn print_repeated(&mut self, cnt: usize) {
        let n = cnt - RECURSIVE_CUTOFF;
        self.out.push_str(&format!("  [Previous line repeated {n} more time{}]\n", if n > 1 { "s" } else { "" }));
    }

    fn source_line(&mut self, path: &Path, lineno: u32) -> Option<String> {
        let vm = self.vm;
        let lines = self.sources.entry(path.to_path_buf()).or_insert_with(|| {
            let bytes = std::fs::read(path).ok()?;
            let text = source_file_text(vm, &bytes, &path.to_string_lossy())?;
            Some(text.split_inclusive('\n').map(|l| l.strip_suffix('\n').unwrap_or(l).to_string()).collect())
        });
        lines.as_ref()?.get((lineno as usize).checked_sub(1)?).cloned()
    }

    fn display_line(
        &mut self,
        filename: &str,
        path: Option<&Path>,
        lineno: Option<u32>,
        name: &str,
        pos: crate::objects::code::Positions,
    ) {
        self.write_indented_margin();
        let line_text = lineno.map(|l| l.to_string()).unwrap_or_else(|| "-1".into());
        self.out.push_str(&format!("  File \"{filename}\", line {line_text}, in {name}\n"));
        let Some(lineno) = lineno else { return };
        let Some(line) = path.and_then(|p| self.source_line(p, lineno)) else { return };
        let chars: Vec<char> = line.chars().collect();
        let indent = chars.iter().take_while(|c| matches!(c, ' ' | '\t' | '\x0c')).count();
        let stripped: String = chars[indent..].iter().collect();
        self.write_indented_margin();
        self.out.push_str("    ");
        self.out.push_str(&stripped);
        self.out.push('\n');
        let (Some(start_line), Some(end_line), Some(col), Some(end_col)) =
            (pos.line, pos.end_line, pos.col, pos.end_col)
        else {
            return;
        };
        let Some(start) = byte_to_char_offset(&line, col as usize) else { return };
        let Some(mut end) = byte_to_char_offset(&line, end_col as usize) else { return };
        let mut anchors = None;
        if start_line == end_line {
            anchors = extract_anchors(filename, &chars, start, end);
        } else {
            end = line.trim_end_matches([' ', '\t', '\n', '\r', '\x0c', '\x0b']).chars().count();
        }
        if end.saturating_sub(start) == chars.len() - indent && anchors.is_none() {
            return;
        }
        self.write_indented_margin();
        let mut s = String::new();
        let (primary, secondary) = if anchors.is_some() { ('~', '^') } else { ('^', '^') };
        let mut offset = indent as isize - 4;
        while {
            offset += 1;
            offset <= end as isize
        } {
            let c = if offset <= start as isize {
                ' '
            } else if let Some((l, r)) = anchors.filter(|&(l, r)| l < offset as usize && offset as usize <= r) {
                let _ = (l, r);
                secondary
            } else {
                primary
            };
            s.push(c);
        }
        self.out.push_str(&s);
        self.out.push('\n');
    }

    /// The SyntaxError `File`/source/caret block; returns the message that
    /// replaces the exception's str().
    fn print_file_and_line(&mut self, exc: &Obj) -> Option<Obj> {
        let vm = self.vm;
        if !vm.isinstance_type(exc, &vm.ctx.exceptions.syntax_error) {
            return None;
        }
        let msg = get_extra(exc, "msg").unwrap_or_else(|| vm.none());
        let filename = get_extra(exc, "filename").filter(|f| !vm.is_none(f));
        let filename = match filename {
            Some(f) => vm.str(&f).ok().map(|s| pystr::as_str_lossy(&s).into_owned()).unwrap_or_default(),
            None => "<string>".to_string(),
        };
        let int_attr =
            |n: &str| get_extra(exc, n).and_then(|v| crate::objects::int::value(&v).and_then(|i| i.as_i64()));
        let lineno = int_attr("lineno").unwrap_or(0);
        let text =
            get_extra(exc, "text").filter(|t| pystr::data(t).is_some()).map(|t| pystr::as_str_lossy(&t).into_owned());
        let error_type = if vm.isinstance_type(exc, &vm.ctx.exceptions.indentation_error) {
            ErrorType::IndentationError
        } else {
            ErrorType::SyntaxError
        };
        let exact = exc.type_is(&vm.ctx.exceptions.syntax_error);
        let e = SyntaxError {
            error_type: if exact { ErrorType::SyntaxError } else { error_type },
            msg: String::new(),
            filename,
            lineno: Some(lineno),
            offset: Some(int_attr("offset").unwrap_or(-1)),
            text,
            end_lineno: int_attr("end_lineno"),
            end_offset: int_attr("end_offset"),
        };
        let rendered = e.render();
        // Everything but the final "Type: msg" line.
        let body = rendered.trim_end_matches('\n');
        let body = match body.rfind('\n') {
            Some(i) => &body[..i + 1],
            None => "",
        };
        for line in body.split_inclusive('\n') {
            self.write_indented_margin();
            self.out.push_str(line);
        }
        Some(msg)
    }

    fn print_message(&mut self, exc: &Obj, message: Option<&Obj>) {
        let vm = self.vm;
        self.write_indented_margin();
        let ty = exc.class_obj();
        match crate::objects::type_::type_module_name(vm, &ty) {
            Some(m) if m != "builtins" && m != "__main__" => {
                self.out.push_str(&m);
                self.out.push('.');
            }
            Some(_) => {}
            None => self.out.push_str("<unknown>."),
        }
        self.out.push_str(&crate::objects::type_::type_qualname(vm, &ty));
        let value = message.cloned().unwrap_or_else(|| exc.clone());
        if vm.is_none(&value) {
            return;
        }
        match vm.str(&value) {
            Ok(s) => {
                let text = pystr::as_str_lossy(&s).into_owned();
                if !text.is_empty() {
                    self.out.push_str(": ");
                    self.out.push_str(&text);
                }
            }
            Err(_) => self.out.push_str(": <exception str() failed>"),
        }
    }

    fn print_notes(&mut self, exc: &Obj) {
        let vm = self.vm;
        let Ok(Some(notes)) = vm.getattr_str_opt(exc, "__notes__") else { return };
        let Ok(items) =
            vm.to_vec(&notes).map_err(|_| ()).and_then(|v| if pystr::data(&notes).is_some() { Err(()) } else { Ok(v) })
        else {
            self.write_indented_margin();
            let r = vm.repr_string(&notes).unwrap_or_else(|_| "<__notes__ repr() failed>".into());
            self.out.push_str(&r);
            self.out.push('\n');
            return;
        };
        for note in items {
            match vm.str(&note) {
                Ok(s) => {
                    let text = pystr::as_str_lossy(&s).into_owned();
                    for line in text.split_inclusive(['\n']) {
                        self.write_indented_margin();
                        self.out.push_str(line);
                    }
                }
                Err(_) => self.out.push_str("<note str() failed>"),
            }
            self.out.push('\n');
        }
    }
}

fn byte_to_char_offset(line: &str, byte: usize) -> Option<usize> {
    let b = line.as_bytes();
    if byte > b.len() {
        return Some(String::from_utf8_lossy(b).chars().count() + (byte - b.len()));
    }
    Some(String::from_utf8_lossy(&b[..byte]).chars().count())
}

/// The operator of a binary operation or the brackets of a subscript in
/// the failing expression (CPython's `extract_anchors_from_line`).
fn extract_anchors(filename: &str, chars: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    use taipan_syntax::ast::{ExprKind, Mod, StmtKind};
    if start >= end || end > chars.len() {
        return None;
    }
    let segment: String = chars[start..end].iter().collect();
    let parsed = taipan_syntax::parse(segment.as_bytes(), filename, InputMode::Text, StartRule::File);
    let Ok(Mod::Module { body, .. }) = parsed.result else { return None };
    let [stmt] = body.as_slice() else { return None };
    let StmtKind::Expr { value } = &stmt.kind else { return None };
    let seg = segment.as_bytes();
    let is_space = |c: Option<&u8>| matches!(c, Some(b' ' | b'\t' | b'\x0c' | b'\n' | b'\r'));
    let (left, right) = match &value.kind {
        ExprKind::BinOp { left, right, .. } => {
            let lo = left.range.end_col_offset as usize;
            let hi = right.range.col_offset as usize;
            let i = (lo..hi).find(|&i| !is_space(seg.get(i)))?;
            let mut r = i + 1;
            if i + 1 < hi && !is_space(seg.get(i + 1)) {
                r += 1;
            }
            (i, r)
        }
        ExprKind::Subscript { value, slice, .. } => {
            (value.range.end_col_offset as usize, slice.range.end_col_offset as usize + 1)
        }
        _ => return None,
    };
    let l = byte_to_char_offset(&segment, left)? + start;
    let r = byte_to_char_offset(&segment, right)? + start;
    Some((l, r))
}

// ---- suggestions -------------------------------------------------------------------------------

const MOVE_COST: usize = 2;
const CASE_COST: usize = 1;
const MAX_STRING_SIZE: usize = 40;
const MAX_CANDIDATE_ITEMS: usize = 750;

fn substitution_cost(a: u8, b: u8) -> usize {
    if a & 31 != b & 31 {
        return MOVE_COST;
    }
    if a == b {
        return 0;
    }
    if a.eq_ignore_ascii_case(&b) {
        CASE_COST
    } else {
        MOVE_COST
    }
}

/// Damerau-free Levenshtein distance with CPython's costs (case changes
/// are cheaper), giving up above `max_cost`.
fn levenshtein(a: &[u8], b: &[u8], max_cost: usize) -> usize {
    let (mut a, mut b) = (a, b);
    while let (Some(x), Some(y)) = (a.first(), b.first()) {
        if x != y {
            break;
        }
        a = &a[1..];
        b = &b[1..];
    }
    while let (Some(x), Some(y)) = (a.last(), b.last()) {
        if x != y {
            break;
        }
        a = &a[..a.len() - 1];
        b = &b[..b.len() - 1];
    }
    if a.is_empty() || b.is_empty() {
        return (a.len() + b.len()) * MOVE_COST;
    }
    if a.len() > MAX_STRING_SIZE || b.len() > MAX_STRING_SIZE {
        return max_cost + 1;
    }
    if b.len() < a.len() {
        std::mem::swap(&mut a, &mut b);
    }
    if (b.len() - a.len()) * MOVE_COST > max_cost {
        return max_cost + 1;
    }
    let mut buffer: Vec<usize> = (1..=a.len()).map(|i| i * MOVE_COST).collect();
    let mut result = 0;
    for (bi, &code) in b.iter().enumerate() {
        let mut distance = bi * MOVE_COST;
        result = distance;
        let mut minimum = usize::MAX;
        for (ai, &ac) in a.iter().enumerate() {
            let substitute = distance + substitution_cost(code, ac);
            distance = buffer[ai];
            let insert_delete = result.min(distance) + MOVE_COST;
            result = insert_delete.min(substitute);
            buffer[ai] = result;
            minimum = minimum.min(result);
        }
        if minimum > max_cost {
            return max_cost + 1;
        }
    }
    result
}

fn calculate_suggestion(candidates: &[String], name: &str) -> Option<String> {
    if candidates.len() >= MAX_CANDIDATE_ITEMS {
        return None;
    }
    let mut best: Option<(&String, usize)> = None;
    for item in candidates {
        if item == name {
            continue;
        }
        let mut max_distance = (name.len() + item.len() + 3) * MOVE_COST / 6;
        if let Some((_, d)) = best {
            max_distance = max_distance.min(d.saturating_sub(1));
        }
        let d = levenshtein(name.as_bytes(), item.as_bytes(), max_distance);
        if d > max_distance {
            continue;
        }
        if best.is_none_or(|(_, bd)| d < bd) {
            best = Some((item, d));
        }
    }
    best.map(|(s, _)| s.clone())
}

/// "Did you mean" for NameError and AttributeError (exact types only).
fn suggestion(vm: &Vm, exc: &Obj) -> Option<String> {
    let ex = &vm.ctx.exceptions;
    if exc.type_is(&ex.attribute_error) {
        let name = get_extra(exc, "name").filter(|n| n.type_is(&vm.ctx.types.str))?;
        let obj = get_extra(exc, "obj")?;
        let dir = vm.call(&vm.builtins_dict_item("dir")?, &[obj], None).ok()?;
        let names: Vec<String> =
            vm.to_vec(&dir).ok()?.iter().filter_map(|n| pystr::as_str(n).map(str::to_string)).collect();
        return calculate_suggestion(&names, pystr::as_str(&name)?);
    }
    if exc.type_is(&ex.name_error) {
        let name = get_extra(exc, "name").filter(|n| n.type_is(&vm.ctx.types.str))?;
        let name = pystr::as_str(&name)?.to_string();
        let mut tb = exceptions::traceback_of(exc)?;
        while let Some(next) = traceback::data(&tb).next.get() {
            tb = next;
        }
        let fd = traceback::data(&tb).frame.payload::<crate::eval::frame::FrameObjectData>()?;
        let frame = fd.frame();
        let code = code_of(&frame.code);
        let varnames: Vec<String> = code
            .localsplusnames
            .iter()
            .zip(code.localspluskinds.iter())
            .filter(|(_, &k)| k & taipan_compiler::code::local_kind::LOCAL != 0)
            .map(|(n, _)| pystr::as_str_lossy(n).into_owned())
            .collect();
        if let Some(s) = calculate_suggestion(&varnames, &name) {
            return Some(s);
        }
        let keys = |d: &Obj| -> Vec<String> {
            dict::keys(d).iter().filter_map(|k| pystr::as_str(k).map(str::to_string)).collect()
        };
        if let Some(s) = calculate_suggestion(&keys(&frame.globals), &name) {
            return Some(s);
        }
        return calculate_suggestion(&keys(&frame.builtins), &name);
    }
    None
}

impl Vm {
    fn builtins_dict_item(&self, name: &str) -> Option<Obj> {
        dict::get_item_str(self, &self.builtins_dict(), name)
    }
}

/// The report of CPython's default `sys.unraisablehook`
/// (`write_unraisable_exc_file`): "Exception ignored in: obj" (or
/// "err_msg: obj"), the traceback's entries and "Type: value"; no chained
/// exceptions.
pub(crate) fn format_unraisable(vm: &Vm, args: &UnraisableArgs) -> String {
    let mut p = Printer {
        vm,
        out: String::new(),
        seen: HashSet::new(),
        group_depth: 0,
        need_close: false,
        sources: HashMap::new(),
    };
    let msg = args.err_msg.as_ref().filter(|m| !vm.is_none(m)).map(|m| vm.str_string(m).unwrap_or_default());
    match (args.object.as_ref().filter(|o| !vm.is_none(o)), msg) {
        (Some(o), msg) => {
            let r = vm.repr_string(o).unwrap_or_else(|_| "<object repr() failed>".into());
            match msg {
                Some(m) => p.out.push_str(&format!("{m}: {r}\n")),
                None => p.out.push_str(&format!("Exception ignored in: {r}\n")),
            }
        }
        (None, Some(m)) => p.out.push_str(&format!("{m}:\n")),
        (None, None) => {}
    }
    if let Some(tb) = args.traceback.as_ref().filter(|t| t.payload::<traceback::TracebackData>().is_some()) {
        p.print_traceback(tb, "Traceback (most recent call last):\n", "");
    }
    let Some(ty) = args.exc_type.as_ref().filter(|t| !vm.is_none(t)) else { return p.out };
    match vm.getattr_str(ty, "__module__").ok().filter(|m| vm.isinstance_type(m, &vm.ctx.types.str)) {
        Some(m) => {
            let m = pystr::as_str_lossy(&m).into_owned();
            if m != "builtins" && m != "__main__" {
                p.out.push_str(&m);
                p.out.push('.');
            }
        }
        None => p.out.push_str("<unknown>"),
    }
    match vm.getattr_str(ty, "__qualname__").and_then(|q| vm.str_string(&q)) {
        Ok(q) => p.out.push_str(&q),
        Err(_) => p.out.push_str("<unknown>"),
    }
    if let Some(v) = args.value.as_ref().filter(|v| !vm.is_none(v)) {
        p.out.push_str(": ");
        match vm.str_string(v) {
            Ok(s) => p.out.push_str(&s),
            Err(_) => p.out.push_str("<exception str() failed>"),
        }
    }
    p.out.push('\n');
    p.out
}

/// The fields of `sys.UnraisableHookArgs`.
pub(crate) struct UnraisableArgs {
    pub exc_type: Option<Obj>,
    pub value: Option<Obj>,
    pub traceback: Option<Obj>,
    pub err_msg: Option<Obj>,
    pub object: Option<Obj>,
}
