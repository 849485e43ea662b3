//! The handlers of the rare instructions, out of the eval loop's function
//! (DESIGN.md: "handlers for rare opcodes out of line"): imports, class
//! and module bodies, `with`, `except`, `match`, displays, the async
//! protocol, the unspecialised base forms. Keeping them out of `eval` keeps
//! that function small, so the compiler holds the loop's state (the
//! instruction pointer, the frame, the stack pointer) in registers across
//! the hot handlers instead of spilling it around these handlers' calls.

use super::frame::Running;
use super::{generic, op, ops, profile};
use crate::object::typeobj::UnaryOp;
use crate::object::Obj;
use crate::objects::code::CodeData;
use crate::objects::{cell, dict, exceptions, function, generator, list, set, str as pystr, tuple};
use crate::vm::{PyResult, Vm};

/// Run the rare instruction `opcode` (its argument `oparg`, `next` the
/// instruction after it); returns where execution continues.
#[inline(never)]
pub(super) fn run(
    vm: &Vm,
    frame: &mut Running<'_>,
    code: &CodeData,
    opcode: u8,
    oparg: u32,
    next: usize,
) -> PyResult<usize> {
    match opcode {
        op::DeleteFast => {
            if frame.slots[oparg as usize].is_none() {
                return Err(ops::unbound_local(vm, code, oparg as usize));
            }
            let old = frame.local_mut(oparg as usize).take();
            drop(old);
        }
        op::UnaryPositive | op::UnaryNegative | op::UnaryInvert => {
            let v = frame.pop();
            let uop = match opcode {
                op::UnaryPositive => UnaryOp::Positive,
                op::UnaryNegative => UnaryOp::Negative,
                _ => UnaryOp::Invert,
            };
            let r = vm.unary_op(&v, uop)?;
            frame.push(r);
        }
        op::UnaryNot => {
            let v = frame.pop();
            let t = vm.is_true(&v)?;
            frame.push(bool_result(vm, !t));
        }
        op::BinaryOp => generic::binary_op(vm, frame, oparg)?,
        op::CompareOp => generic::compare_op(vm, frame, oparg)?,
        op::BinarySubscr => generic::binary_subscr(vm, frame)?,
        op::StoreSubscr => generic::store_subscr(vm, frame)?,
        op::DeleteSubscr => {
            let sub = frame.pop();
            let container = frame.pop();
            vm.delitem(&container, &sub)?;
        }
        op::GetLen => {
            let n = vm.len(frame.peek(0))?;
            frame.push(vm.new_usize(n));
        }
        op::JumpIfFalseOrPop | op::JumpIfTrueOrPop => {
            let t = vm.is_true(frame.peek(0))?;
            if t == (opcode == op::JumpIfTrueOrPop) {
                return Ok(next + oparg as usize);
            } else {
                drop(frame.pop());
            }
        }
        op::LoadGlobal => generic::load_global(vm, frame, code, oparg)?,
        op::StoreGlobal => {
            let v = frame.pop();
            dict::set_item(vm, &frame.globals, code.names[oparg as usize].clone(), v)?;
        }
        op::DeleteGlobal => {
            let name = &code.names[oparg as usize];
            match dict::data(&frame.globals).expect("globals dict").remove(vm, name)? {
                Some(_) => {}
                None => return Err(vm.name_error(name)),
            }
        }
        op::LoadName => {
            let name = code.names[oparg as usize].clone();
            let v = ops::load_name(vm, frame, &name)?;
            frame.push(v);
        }
        op::StoreName => {
            let v = frame.pop();
            let name = code.names[oparg as usize].clone();
            let Some(locals) = frame.locals.clone() else {
                return Err(vm.system_error(format!(
                    "no locals found when storing {}",
                    vm.repr_string(&name).unwrap_or_default()
                )));
            };
            if dict::data(&locals).is_some() && locals.type_is(&vm.ctx.types.dict) {
                dict::set_item(vm, &locals, name, v)?;
            } else {
                vm.setitem(&locals, &name, &v)?;
            }
        }
        op::DeleteName => {
            let name = code.names[oparg as usize].clone();
            let Some(locals) = frame.locals.clone() else {
                return Err(
                    vm.system_error(format!("no locals when deleting {}", vm.repr_string(&name).unwrap_or_default()))
                );
            };
            if let Err(e) = vm.delitem(&locals, &name) {
                if vm.err_matches(&e, &vm.ctx.exceptions.key_error) {
                    return Err(vm.name_error(&name));
                }
                return Err(e);
            }
        }
        op::LoadAttr => generic::load_attr(vm, frame, code, oparg)?,
        op::LoadMethod => generic::load_method(vm, frame, code, oparg)?,
        op::StoreAttr => generic::store_attr(vm, frame, code, oparg)?,
        op::DeleteAttr => {
            let owner = frame.pop();
            vm.delattr(&owner, &code.names[oparg as usize])?;
        }
        op::MakeCell => {
            let i = oparg as usize;
            let initial = frame.local_mut(i).take();
            *frame.local_mut(i) = Some(cell::new_cell(vm, initial));
        }
        op::CopyFreeVars => {
            let n = oparg as usize;
            let closure = frame.func.as_ref().and_then(|f| function::func_of(f).closure.get());
            let cells = match &closure {
                Some(c) if tuple::len(c) >= n => tuple::items(c),
                _ => {
                    return Err(vm.system_error("COPY_FREE_VARS: the code needs a closure it was not given"));
                }
            };
            let offset = frame.nlocalsplus - n;
            for (i, c) in cells.iter().take(n).enumerate() {
                *frame.local_mut(offset + i) = Some(c.clone());
            }
        }
        op::LoadClassderef => {
            let v = ops::load_classderef(vm, frame, code, oparg as usize)?;
            frame.push(v);
        }
        op::DeleteDeref => {
            let c = ops::cell_at(vm, frame, oparg as usize)?;
            if !cell::data(&c).value.is_some() {
                return Err(ops::unbound_deref(vm, code, oparg as usize));
            }
            cell::data(&c).value.set(None);
        }
        op::BuildSet => {
            let items = frame.pop_n(oparg as usize);
            let s = vm.new_set();
            for x in items {
                set::add(vm, &s, x)?;
            }
            frame.push(s);
        }
        op::BuildMap => {
            let items = frame.pop_n(2 * oparg as usize);
            let d = vm.new_display_dict(oparg as usize, items.iter().step_by(2));
            let mut it = items.into_iter();
            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                dict::set_item(vm, &d, k, v)?;
            }
            frame.push(d);
        }
        op::BuildConstKeyMap => {
            let keys = frame.pop();
            let values = frame.pop_n(oparg as usize);
            if !keys.type_is(&vm.ctx.types.tuple) || tuple::len(&keys) != values.len() {
                return Err(vm.system_error("bad BUILD_CONST_KEY_MAP keys argument"));
            }
            let d = vm.new_display_dict(values.len(), tuple::items(&keys).iter());
            for (k, v) in tuple::items(&keys).iter().zip(values) {
                dict::set_item(vm, &d, k.clone(), v)?;
            }
            frame.push(d);
        }
        op::BuildString => {
            let parts = frame.pop_n(oparg as usize);
            frame.push(pystr::join_objects(vm, &parts));
        }
        op::ListAppend => {
            let v = frame.pop();
            let l = ops::build_target(vm, frame.peek(oparg as usize - 1), &vm.ctx.types.list)?;
            list::try_append(vm, &l, v)?;
        }
        op::SetAdd => {
            let v = frame.pop();
            let s = ops::build_target(vm, frame.peek(oparg as usize - 1), &vm.ctx.types.set)?;
            set::add(vm, &s, v)?;
        }
        op::MapAdd => {
            let v = frame.pop();
            let k = frame.pop();
            let d = ops::build_target(vm, frame.peek(oparg as usize - 1), &vm.ctx.types.dict)?;
            dict::set_item(vm, &d, k, v)?;
        }
        op::ListExtend => {
            let iterable = frame.pop();
            let l = ops::build_target(vm, frame.peek(oparg as usize - 1), &vm.ctx.types.list)?;
            ops::list_extend(vm, &l, &iterable)?;
        }
        op::SetUpdate => {
            let iterable = frame.pop();
            let s = ops::build_target(vm, frame.peek(oparg as usize - 1), &vm.ctx.types.set)?;
            set::update(vm, &s, &iterable)?;
        }
        op::DictUpdate => {
            let update = frame.pop();
            let d = ops::build_target(vm, frame.peek(oparg as usize - 1), &vm.ctx.types.dict)?;
            ops::dict_update(vm, &d, &update)?;
        }
        op::DictMerge => {
            let update = frame.pop();
            let d = ops::build_target(vm, frame.peek(oparg as usize - 1), &vm.ctx.types.dict)?;
            // The callable sits below the dict and the args tuple.
            let func = frame.peek(oparg as usize + 1).clone();
            ops::dict_merge(vm, &func, &d, &update)?;
        }
        op::ListToTuple => {
            let l = frame.pop();
            let Some(items) = list::data(&l).map(|d| d.to_vec()) else {
                return Err(vm.system_error("LIST_TO_TUPLE expects a list"));
            };
            frame.push(vm.new_tuple(items));
        }
        op::UnpackSequence => generic::unpack_sequence(vm, frame, oparg)?,
        op::UnpackEx => {
            let seq = frame.pop();
            let before = (oparg & 0xff) as usize;
            let after = (oparg >> 8) as usize;
            let items = ops::unpack_ex(vm, &seq, before, after)?;
            for x in items.into_iter().rev() {
                frame.push(x);
            }
        }
        op::CallFunctionEx => {
            let kwargs = if oparg & 1 != 0 { Some(frame.pop()) } else { None };
            let callargs = frame.pop();
            let func = frame.pop();
            let _null = frame.pop_opt();
            let r = if vm.thread.profiling.get() {
                profile::call_ex(vm, &func, || ops::call_function_ex(vm, &func, &callargs, kwargs.as_ref()))?
            } else {
                ops::call_function_ex(vm, &func, &callargs, kwargs.as_ref())?
            };
            frame.push(r);
        }
        op::AsyncGenWrap => {
            let v = frame.pop();
            frame.push(generator::wrap_async_gen_value(vm, v));
        }
        op::GetYieldFromIter => {
            let v = frame.pop();
            let it = ops::get_yield_from_iter(vm, code, v)?;
            frame.push(it);
        }
        op::GetAwaitable => {
            let v = frame.pop();
            let it = generator::get_awaitable_iter(vm, v, oparg)?;
            frame.push(it);
        }
        op::GetAiter => {
            let v = frame.pop();
            let it = generator::get_aiter(vm, &v)?;
            frame.push(it);
        }
        op::GetAnext => {
            let aw = generator::get_anext(vm, frame.peek(0))?;
            frame.push(aw);
        }
        op::BeforeWith => {
            let mgr = frame.pop();
            let (exit, res) = ops::before_with(vm, &mgr, false)?;
            frame.push(exit);
            frame.push(res);
        }
        op::BeforeAsyncWith => {
            let mgr = frame.pop();
            let (exit, res) = ops::before_with(vm, &mgr, true)?;
            frame.push(exit);
            frame.push(res);
        }
        op::WithExceptStart => {
            let val = frame.peek(0).clone();
            let exit = frame.peek(3).clone();
            let tb = exceptions::traceback_of(&val).unwrap_or_else(|| vm.none());
            let r = vm.call(&exit, &[val.class_obj(), val, tb], None)?;
            frame.push(r);
        }
        op::PushExcInfo => {
            let v = frame.pop();
            let prev = vm.thread.swap_exc(Some(v.clone()));
            frame.push(prev.unwrap_or_else(|| vm.none()));
            frame.push(v);
        }
        op::PopExcept => {
            let v = frame.pop();
            let restored = if vm.is_none(&v) { None } else { Some(v) };
            drop(vm.thread.swap_exc(restored));
        }
        op::CheckExcMatch => {
            let right = frame.pop();
            ops::check_except_type_valid(vm, &right)?;
            let m = vm.isinstance(frame.peek(0), &right)?;
            frame.push(bool_result(vm, m));
        }
        op::CheckEgMatch => {
            let match_type = frame.pop();
            ops::check_except_star_type_valid(vm, &match_type)?;
            let exc = frame.peek(0).clone();
            let (m, rest) = exceptions::exception_group_match(vm, &exc, &match_type)?;
            if vm.is_none(&m) {
                frame.push(m);
            } else {
                frame.set_peek(0, Some(rest));
                drop(vm.thread.swap_exc(Some(m.clone())));
                frame.push(m);
            }
        }
        op::PrepReraiseStar => {
            let excs = frame.pop();
            let orig = frame.pop();
            let r = exceptions::prep_reraise_star(vm, &orig, &excs)?;
            frame.push(r);
        }
        op::LoadAssertionError => frame.push(vm.ctx.exceptions.assertion_error.clone()),
        op::LoadBuildClass => match ops::builtin_item(vm, frame, "__build_class__")? {
            Some(b) => frame.push(b),
            None => {
                return Err(vm.new_exception_msg(&vm.ctx.exceptions.name_error, "__build_class__ not found"));
            }
        },
        op::SetupAnnotations => {
            ops::setup_annotations(vm, frame)?;
        }
        op::ImportName => {
            let fromlist = frame.pop();
            let level = frame.pop();
            let m = ops::import_name(vm, frame, &code.names[oparg as usize], &fromlist, &level)?;
            frame.push(m);
        }
        op::ImportFrom => {
            let v = ops::import_from(vm, frame.peek(0), &code.names[oparg as usize])?;
            frame.push(v);
        }
        op::ImportStar => {
            let m = frame.pop();
            ops::import_star(vm, frame, &m)?;
        }
        op::PrintExpr => {
            let v = frame.pop();
            ops::print_expr(vm, &v)?;
        }
        op::FormatValue => {
            let spec = if oparg & 4 != 0 { Some(frame.pop()) } else { None };
            let v = frame.pop();
            let r = ops::format_value(vm, v, oparg & 3, spec)?;
            frame.push(r);
        }
        op::MatchMapping => {
            let m = frame.peek(0).class().has_flag(crate::object::typeobj::flags::MAPPING);
            frame.push(bool_result(vm, m));
        }
        op::MatchSequence => {
            let m = frame.peek(0).class().has_flag(crate::object::typeobj::flags::SEQUENCE);
            frame.push(bool_result(vm, m));
        }
        op::MatchKeys => {
            let r = ops::match_keys(vm, frame.peek(1), frame.peek(0))?;
            frame.push(r);
        }
        op::MatchClass => {
            let names = frame.pop();
            let ty = frame.pop();
            let subject = frame.pop();
            let r = ops::match_class(vm, &subject, &ty, oparg as usize, &names)?;
            frame.push(r.unwrap_or_else(|| vm.none()));
        }
        _ => return Err(super::unknown_opcode_error(vm, code, opcode)),
    }
    Ok(next)
}

#[inline(always)]
fn bool_result(vm: &Vm, b: bool) -> Obj {
    vm.bool_obj(b)
}
