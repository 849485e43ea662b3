//! The interpreter with and without the `_io` module in its module table.

use taipan_vm::api::run::{run_main, MainSource};
use taipan_vm::api::{Config, Vm};

fn run(modules: &[taipan_vm::api::ModuleDef], code: &str) -> i32 {
    let vm = Vm::new(Config::default(), modules);
    run_main(&vm, MainSource::Command(code.to_string()))
}

#[test]
fn without_io_the_streams_are_none() {
    let code = "import sys\n\
        assert sys.stdout is None and sys.stderr is None and sys.stdin is None\n\
        assert sys.__stdout__ is None\n\
        print('print is a no-op')\n\
        assert 'open' not in dir(__builtins__)\n\
        try:\n    input()\nexcept RuntimeError as e:\n    assert str(e) == 'input(): lost sys.stdin'\n";
    assert_eq!(run(&[], code), 0);
}

#[test]
fn without_io_an_uncaught_exception_still_fails() {
    assert_eq!(run(&[], "raise ValueError('goes to fd 2')"), 1);
}

#[test]
fn with_io_open_and_the_streams_exist() {
    let code = "import sys, _io\n\
        assert open is _io.open\n\
        assert type(sys.stdout).__name__ == 'TextIOWrapper'\n\
        assert sys.stdout.buffer.raw.fileno() == 1 and sys.stdout.mode == 'w'\n\
        s = _io.StringIO()\n\
        print('a', 'b', file=s, sep='-')\n\
        assert s.getvalue() == 'a-b\\n'\n\
        b = _io.BufferedReader(_io.BytesIO(b'x\\ny'))\n\
        assert list(b) == [b'x\\n', b'y']\n\
        t = _io.TextIOWrapper(_io.BytesIO('h\u{e9}\\u20ac'.encode('utf-8')), encoding='utf-8')\n\
        t.read(1)\n\
        c = t.tell()\n\
        assert t.read() == '\u{e9}\u{20ac}'\n\
        t.seek(c)\n\
        assert t.read(1) == '\u{e9}'\n";
    assert_eq!(run(taipan_stdlib::MODULES, code), 0);
}
