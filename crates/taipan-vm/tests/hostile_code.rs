//! Code objects made from Python (`code.replace`, `types.CodeType`) are
//! verified when made. Malformed bytecode still makes a code object with the
//! fields it was given (CPython trusts them, and test_code relies on that),
//! but its bytecode never reaches the eval loop: running it raises
//! SystemError naming what is wrong. (CPython may crash on such code: these
//! cases have no CPython output to compare with, so they are checked here.)

use taipan_vm::api::run::{run_string, Mode};
use taipan_vm::api::{Config, Vm};

fn eval_repr(vm: &Vm, src: &str) -> String {
    match run_string(vm, src, Mode::Eval, None) {
        Ok(v) => vm.repr_string(&v).unwrap(),
        Err(e) => format!("raised {}", vm.repr_string(e.value()).unwrap()),
    }
}

fn exec(vm: &Vm, src: &str) {
    if let Err(e) = run_string(vm, src, Mode::Exec, None) {
        panic!("{src:?} raised {:?}", vm.repr_string(e.value()));
    }
}

#[test]
fn malformed_bytecode_is_kept_but_never_runs() {
    let vm = Vm::new(Config::default(), &[]);
    exec(&vm, "import types\ndef f(a):\n    b = a + 1\n    return b\nco = f.__code__");
    let cases = [
        // stack underflow: RETURN_VALUE on an empty stack
        "co.replace(co_code=bytes([151, 0, 83, 0]))",
        // LOAD_CONST out of range
        "co.replace(co_code=bytes([151, 0, 100, 9, 83, 0]))",
        // LOAD_FAST out of range
        "co.replace(co_code=bytes([151, 0, 124, 7, 83, 0]))",
        // runs off the end
        "co.replace(co_code=bytes([151, 0, 124, 0]))",
        // CACHE executed, an unknown opcode, a jump outside the code
        "co.replace(co_code=bytes([0, 0, 83, 0]))",
        "co.replace(co_code=bytes([151, 0, 255, 0, 83, 0]))",
        "co.replace(co_code=bytes([151, 0, 110, 50, 83, 0]))",
        // too small a stack
        "co.replace(co_stacksize=0)",
        // a NULL returned as a value
        "co.replace(co_code=bytes([151, 0, 2, 0, 83, 0]))",
        // yield in code that is not a generator
        "co.replace(co_code=bytes([151, 0, 124, 0, 86, 0, 83, 0]))",
    ];
    for case in cases {
        let made = eval_repr(&vm, case);
        assert!(made.starts_with("<code object f"), "{case}: {made}");
        let r = eval_repr(&vm, &format!("types.FunctionType({case}, {{}})(1)"));
        assert!(r.starts_with("raised SystemError('code object cannot run: co_code is malformed"), "{case}: {r}");
    }
}

#[test]
fn odd_code_objects_fail_cleanly_when_run() {
    let vm = Vm::new(Config::default(), &[]);
    exec(&vm, "import types\nempty = types.CodeType(0, 0, 0, 0, 0, 0, b'', (), (), (), 'f', 'n', 'q', 1, b'', b'')");
    assert_eq!(eval_repr(&vm, "exec(empty) if False else 1"), "1");
    let r = eval_repr(&vm, "exec(empty)");
    assert!(r.starts_with("raised SystemError("), "{r}");
    // Garbage location and exception tables neither crash nor hide errors.
    exec(&vm, "def g():\n    return 1 / 0\nbad = g.__code__.replace(co_linetable=bytes(range(256)) * 3)");
    exec(&vm, "h = types.FunctionType(bad, {})");
    let r = eval_repr(&vm, "h()");
    assert!(r.starts_with("raised ZeroDivisionError("), "{r}");
    let r = eval_repr(&vm, "g.__code__.replace(co_exceptiontable=bytes(range(200)))");
    assert!(r.starts_with("raised ValueError(") || r.starts_with("<code object"), "{r}");
}

#[test]
fn mutated_bytecode_never_crashes_the_verifier() {
    let vm = Vm::new(Config::default(), &[]);
    exec(
        &vm,
        r#"
def sample(a, b=2, *args, **kw):
    total = 0
    for x in range(a):
        try:
            total += x * b
        except ValueError as e:
            total -= 1
    with open('/dev/null') as f:
        pass
    return [y for y in args if y], {k: v for k, v in kw.items()}, total
co = sample.__code__
code = bytearray(co.co_code)
seed = 12345
outcomes = {'made': 0, 'refused': 0}
for i in range(3000):
    c = bytearray(code)
    for _ in range(1 + i % 3):
        seed = (seed * 1103515245 + 12345) % 2**31
        pos = seed % len(c)
        seed = (seed * 1103515245 + 12345) % 2**31
        c[pos] = seed % 256
    try:
        co.replace(co_code=bytes(c))
        outcomes['made'] += 1
    except ValueError:
        outcomes['refused'] += 1
"#,
    );
    assert_eq!(eval_repr(&vm, "outcomes['made'] + outcomes['refused']"), "3000");
}
