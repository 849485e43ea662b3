//! `marshal` (CPython's `Python/marshal.c`, the module part): reads and
//! writes the format of `.pyc` files. The format itself lives in the VM
//! (`taipan_vm::api::marshal`), which the import system uses too.

use taipan_vm::api::marshal as format;
use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{buffer, dict, module, Obj, PyResult, Vm};

const DOC: &str = "This module contains functions that can read and write Python values in\na binary format. The format is specific to Python, but independent of\nmachine architecture issues.\n\nNot all Python object types are supported; in general, only objects\nwhose value is independent from a particular invocation of Python can be\nwritten and read by this module. The following types are supported:\nNone, integers, floating point numbers, strings, bytes, bytearrays,\ntuples, lists, sets, dictionaries, and code objects, where it\nshould be understood that tuples, lists and dictionaries are only\nsupported as long as the values contained therein are themselves\nsupported; and recursive lists and dictionaries should not be written\n(they will cause infinite loops).\n\nVariables:\n\nversion -- indicates the format that the module uses. Version 0 is the\n    historical format, version 1 shares interned strings and version 2\n    uses a binary format for floating point numbers.\n    Version 3 shares common object references (New in version 3.4).\n\nFunctions:\n\ndump() -- write value to a file\nload() -- read value from a file\ndumps() -- marshal value as a bytes object\nloads() -- read value from a bytes-like object";

const FUNCTIONS: &[MethodDef] = &[
    MethodDef {
        doc: Some("dump($module, value, file, version=version, /)\n--\n\nWrite the value on the open file.\n\n  value\n    Must be a supported type.\n  file\n    Must be a writeable binary file.\n  version\n    Indicates the data format that dump should use.\n\nIf the value has (or contains an object that has) an unsupported type, a\nValueError exception is raised - but garbage data will also be written\nto the file. The object will not be properly read back by load()."),
        ..MethodDef::static_("dump", marshal_dump)
    },
    MethodDef {
        doc: Some("load($module, file, /)\n--\n\nRead one value from the open file and return it.\n\n  file\n    Must be readable binary file.\n\nIf no valid value is read (e.g. because the data has a different Python\nversion's incompatible marshal format), raise EOFError, ValueError or\nTypeError.\n\nNote: If an object containing an unsupported type was marshalled with\ndump(), load() will substitute None for the unmarshallable type."),
        ..MethodDef::static_("load", marshal_load)
    },
    MethodDef {
        doc: Some("dumps($module, value, version=version, /)\n--\n\nReturn the bytes object that would be written to a file by dump(value, file).\n\n  value\n    Must be a supported type.\n  version\n    Indicates the data format that dumps should use.\n\nRaise a ValueError exception if value has (or contains an object that has) an\nunsupported type."),
        ..MethodDef::static_("dumps", marshal_dumps)
    },
    MethodDef {
        doc: Some("loads($module, bytes, /)\n--\n\nConvert the bytes-like object to a value.\n\nIf no valid value is found, raise EOFError, ValueError or TypeError.  Extra\nbytes in the input are ignored."),
        ..MethodDef::static_("loads", marshal_loads)
    },
];

/// Positional-only arguments as Argument Clinic checks them.
fn positional<'a>(vm: &Vm, name: &str, a: &'a [Obj], k: Option<&Obj>, min: usize, max: usize) -> PyResult<&'a [Obj]> {
    if k.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error(format!("{name}() takes no keyword arguments")));
    }
    if a.len() < min || a.len() > max {
        let msg = if min == max {
            format!("{name} expected {min} argument{}, got {}", if min == 1 { "" } else { "s" }, a.len())
        } else if a.len() < min {
            format!("{name} expected at least {min} argument{}, got {}", if min == 1 { "" } else { "s" }, a.len())
        } else {
            format!("{name} expected at most {max} arguments, got {}", a.len())
        };
        return Err(vm.type_error(msg));
    }
    Ok(a)
}

/// A C `int` argument (the version).
fn c_int(vm: &Vm, o: Option<&Obj>) -> PyResult<i32> {
    let Some(o) = o else { return Ok(format::VERSION) };
    if o.type_is(&vm.ctx.types.float) {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let too_large = || vm.overflow_error("Python int too large to convert to C int");
    let n = match vm.index_to_isize(o) {
        Ok(n) => n,
        Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.overflow_error) => return Err(too_large()),
        Err(e) => return Err(e),
    };
    i32::try_from(n).map_err(|_| too_large())
}

fn marshal_dumps(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "dumps", a, k, 1, 2)?;
    let version = c_int(vm, a.get(1))?;
    taipan_vm::api::audit(vm, "marshal.dumps", || vec![a[0].clone(), vm.new_int(version as i64)])?;
    Ok(vm.new_bytes(format::dumps(vm, &a[0], version)?))
}

fn marshal_dump(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "dump", a, k, 2, 3)?;
    let version = c_int(vm, a.get(2))?;
    taipan_vm::api::audit(vm, "marshal.dumps", || vec![a[0].clone(), vm.new_int(version as i64)])?;
    let data = vm.new_bytes(format::dumps(vm, &a[0], version)?);
    vm.call_method(&a[1], "write", &[data])
}

fn marshal_loads(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "loads", a, k, 1, 1)?;
    if !buffer::is_bytes_like(&a[0]) {
        return Err(vm.type_error(format!("a bytes-like object is required, not '{}'", a[0].class().name())));
    }
    let data = buffer::with_bytes(vm, &a[0], |b| b.to_vec())?;
    taipan_vm::api::audit(vm, "marshal.loads", || vec![vm.new_bytes(data.clone())])?;
    Ok(format::loads(vm, &data)?.0)
}

fn marshal_load(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional(vm, "load", a, k, 1, 1)?;
    // A zero-byte read first: the file must have a read() giving bytes.
    let probe = vm.call_method(&a[0], "read", &[vm.new_int(0)])?;
    if !probe.type_is(&vm.ctx.types.bytes) && !vm.isinstance(&probe, &vm.ctx.types.bytes)? {
        return Err(vm.type_error(format!("file.read() returned not bytes but {}", probe.class().name())));
    }
    taipan_vm::api::audit(vm, "marshal.load", Vec::new)?;
    format::load(vm, &a[0])
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "marshal");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    dict::set_item_str(vm, &d, "version", vm.new_int(format::VERSION as i64))?;
    module::add_functions(vm, &m, "marshal", FUNCTIONS);
    Ok(m)
}
