//! `_weakref` (CPython's `Modules/_weakref.c`): the weak-reference types and
//! functions under Lib's `weakref.py`. The references themselves live in
//! the VM (`taipan_vm::api::weakref`).

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::weakref as wr;
use taipan_vm::api::{args, dict, module, Obj, PyResult, Vm};

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("getweakrefcount", |vm, _, a, k| {
        let [o] = args::exact::<1>(vm, "getweakrefcount", a, k)?;
        Ok(vm.new_usize(wr::weakref_count(&o)))
    }),
    MethodDef::static_("getweakrefs", |vm, _, a, k| {
        let [o] = args::exact::<1>(vm, "getweakrefs", a, k)?;
        Ok(vm.new_list(wr::weakrefs_of(&o)))
    }),
    MethodDef::static_("proxy", weakref_proxy),
    MethodDef::static_("_remove_dead_weakref", remove_dead_weakref),
];

fn weakref_proxy(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error("proxy() takes no keyword arguments"));
    }
    match a {
        [o] => wr::new_proxy(vm, o, None),
        [o, cb] => wr::new_proxy(vm, o, Some(cb.clone())),
        [] => Err(vm.type_error("proxy expected at least 1 argument, got 0")),
        _ => Err(vm.type_error(format!("proxy expected at most 2 arguments, got {}", a.len()))),
    }
}

/// `_remove_dead_weakref(dct, key)`: delete `dct[key]` if it is a dead weakref.
fn remove_dead_weakref(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let [d, key] = args::exact::<2>(vm, "_remove_dead_weakref", a, k)?;
    if dict::data(&d).is_none() {
        return Err(vm.type_error(format!("_remove_dead_weakref() argument 1 must be dict, not {}", d.class().name())));
    }
    if let Some(v) = dict::get_item_opt(vm, &d, &key)? {
        if vm.isinstance_type(&v, &wr::reference_type(vm)) && wr::referent(&v).is_none() {
            match dict::del_item(vm, &d, &key) {
                Ok(()) => {}
                Err(e) if vm.err_matches(&e, &vm.ctx.exceptions.key_error) => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(vm.none())
}

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_weakref");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str("Weak-reference support module."))?;
    module::add_functions(vm, &m, "_weakref", FUNCTIONS);
    let (proxy, callable_proxy) = wr::proxy_types(vm);
    dict::set_item_str(vm, &d, "ref", wr::reference_type(vm))?;
    dict::set_item_str(vm, &d, "ReferenceType", wr::reference_type(vm))?;
    dict::set_item_str(vm, &d, "ProxyType", proxy)?;
    dict::set_item_str(vm, &d, "CallableProxyType", callable_proxy)?;
    Ok(m)
}
