//! Embedding: interpreters built through the public API only. Two
//! interpreters in one process run independent programs (their own
//! modules, builtins and types) and can be driven alternately from one
//! thread.

use taipan_vm::api::run::{run_string, Mode};
use taipan_vm::api::{str as pystr, Config, Vm};

fn eval_str(vm: &Vm, expr: &str) -> String {
    let v = run_string(vm, expr, Mode::Eval, None).expect("eval");
    let r = vm.repr(&v).expect("repr");
    pystr::as_str_lossy(&r).into_owned()
}

fn exec(vm: &Vm, src: &str) {
    if let Err(e) = run_string(vm, src, Mode::Exec, None) {
        panic!("{src:?} raised {:?}", vm.repr_string(e.value()));
    }
}

#[test]
fn two_interpreters_do_not_see_each_other() {
    let a = Vm::new(Config::default(), &[]);
    let b = Vm::new(Config::default(), &[]);
    exec(&a, "import sys\nsys.marker = 'a'\nimport builtins\nbuiltins.shared = 1\nx = [1, 2, 3]\nclass C: pass");
    exec(&b, "import sys\nsys.marker = 'b'\nx = 'bee'");
    assert_eq!(eval_str(&a, "sys.marker"), "'a'");
    assert_eq!(eval_str(&b, "sys.marker"), "'b'");
    assert_eq!(eval_str(&a, "x"), "[1, 2, 3]");
    assert_eq!(eval_str(&b, "x"), "'bee'");
    // Builtins and sys.modules are per interpreter.
    assert_eq!(eval_str(&a, "shared"), "1");
    let err = run_string(&b, "shared", Mode::Eval, None).expect_err("b has no `shared`");
    assert_eq!(b.repr_string(err.value()).unwrap(), "NameError(\"name 'shared' is not defined\")");
    assert_eq!(eval_str(&b, "'C' in dir()"), "False");
    // Builtin types are objects of each interpreter.
    let ta = run_string(&a, "int", Mode::Eval, None).unwrap();
    let tb = run_string(&b, "int", Mode::Eval, None).unwrap();
    assert!(!ta.is(&tb));
    // Settings are per interpreter.
    exec(&a, "sys.setrecursionlimit(123)");
    assert_eq!(eval_str(&a, "sys.getrecursionlimit()"), "123");
    assert_eq!(eval_str(&b, "sys.getrecursionlimit()"), "1000");
}

#[test]
fn finalizers_run_in_their_interpreter() {
    let a = Vm::new(Config::default(), &[]);
    let b = Vm::new(Config::default(), &[]);
    exec(&a, "log = []\nclass D:\n    def __del__(self): log.append('del')\nd = D()");
    exec(&b, "y = 2");
    exec(&a, "del d\nz = 1");
    assert_eq!(eval_str(&a, "log"), "['del']");
    drop(b);
    exec(&a, "w = [D() for _ in range(3)]\ndel w\nz = 2");
    assert_eq!(eval_str(&a, "len(log)"), "4");
}

#[test]
fn interpreters_come_and_go() {
    for i in 0..5 {
        let vm = Vm::new(Config::default(), &[]);
        exec(&vm, &format!("values = [str(n) * {i} for n in range(100)]\ncycle = []\ncycle.append(cycle)"));
        assert_eq!(eval_str(&vm, "len(values)"), "100");
    }
}
