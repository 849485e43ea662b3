//! The CJK codec modules (CPython's `Modules/cjkcodecs/_codecs_{cn,tw,hk,jp,kr,iso2022}.c`
//! and `cjkcodecs.h`): each offers `getcodec(name)`, the `MultibyteCodec` behind
//! `encodings.<name>`.

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{module, str as pystr, Obj, PyResult, Vm};

use super::{engine, new_codec_object};

/// `getcodec(encoding)` of the module for `lang`.
fn getcodec(vm: &Vm, a: &[Obj], kw: Option<&Obj>, lang: &str) -> PyResult<Obj> {
    let name = crate::clinic::one(vm, "getcodec", a, kw)?;
    let Some(name) = pystr::as_str(&name) else {
        return Err(vm.type_error("encoding name must be a string."));
    };
    match engine::find(lang, name) {
        Some(c) => new_codec_object(vm, c),
        None => Err(vm.lookup_error("no such codec is supported.")),
    }
}

fn make(vm: &Vm, name: &str, defs: &'static [MethodDef]) -> PyResult<Obj> {
    let m = module::new_module(vm, name);
    module::add_functions(vm, &m, name, defs);
    Ok(m)
}

macro_rules! cjk_module {
    ($init:ident, $module:literal, $lang:literal) => {
        pub(crate) fn $init(vm: &Vm) -> PyResult<Obj> {
            const DEFS: &[MethodDef] = &[MethodDef::static_("getcodec", |vm, _m, a, kw| getcodec(vm, a, kw, $lang))];
            make(vm, $module, DEFS)
        }
    };
}

cjk_module!(init_cn, "_codecs_cn", "cn");
cjk_module!(init_tw, "_codecs_tw", "tw");
cjk_module!(init_hk, "_codecs_hk", "hk");
cjk_module!(init_jp, "_codecs_jp", "jp");
cjk_module!(init_kr, "_codecs_kr", "kr");
cjk_module!(init_iso2022, "_codecs_iso2022", "iso2022");
