//! `_uuid` (CPython's `Modules/_uuidmodule.c`): `generate_time_safe()`,
//! the time-based (version 1) UUID behind `uuid.uuid1()` and
//! `uuid.getnode()`.
//!
//! CPython calls libuuid's `uuid_generate_time_safe`; Taipan makes the same
//! UUID itself as libuuid does without a hardware address: a random node
//! with the multicast bit set (RFC 4122 4.5), chosen once per process, and
//! a clock sequence bumped whenever the clock does not advance. Like
//! libuuid without its uuidd daemon, it answers -1 for "not known to be
//! safe across processes".

use std::sync::Mutex;

use taipan_vm::api::types::MethodDef;
use taipan_vm::api::{dict, module, Obj, PyResult, Vm};

/// 100 ns intervals between the Gregorian reform (1582-10-15) and 1970.
const GREGORIAN_OFFSET: u64 = 0x01B2_1DD2_1381_4000;

/// The node, the clock sequence and the last timestamp handed out (the C
/// library keeps the same state process-wide).
static CLOCK: Mutex<Option<Clock>> = Mutex::new(None);

struct Clock {
    node: [u8; 6],
    seq: u16,
    last: u64,
}

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut buf = [0u8; N];
    let mut done = 0;
    while done < N {
        let rest = &mut buf[done..];
        // SAFETY: the pointer and length describe `rest`, a live mutable
        // slice the call writes at most `rest.len()` bytes into.
        let n = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
        if n <= 0 {
            // getrandom cannot fail on Linux ≥ 3.17 but for EINTR; fall back
            // to the clock so the UUID is still unique enough.
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
            let seed = t.as_nanos() as u64 ^ std::process::id() as u64;
            for (i, b) in rest.iter_mut().enumerate() {
                *b = (seed >> ((i % 8) * 8)) as u8;
            }
            return buf;
        }
        done += n as usize;
    }
    buf
}

/// Now, in 100 ns intervals since 1582-10-15.
fn uuid_time() -> u64 {
    let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    t.as_secs() * 10_000_000 + u64::from(t.subsec_nanos() / 100) + GREGORIAN_OFFSET
}

fn next_uuid() -> [u8; 16] {
    let mut guard = CLOCK.lock().unwrap_or_else(|p| p.into_inner());
    let clock = guard.get_or_insert_with(|| {
        let mut node = random_bytes::<6>();
        node[0] |= 0x01;
        let seq = u16::from_be_bytes(random_bytes::<2>()) & 0x3FFF;
        Clock { node, seq, last: 0 }
    });
    let now = uuid_time();
    if now <= clock.last {
        clock.seq = (clock.seq + 1) & 0x3FFF;
    }
    clock.last = now;
    let mut u = [0u8; 16];
    u[0..4].copy_from_slice(&(now as u32).to_be_bytes());
    u[4..6].copy_from_slice(&((now >> 32) as u16).to_be_bytes());
    u[6..8].copy_from_slice(&((((now >> 48) as u16) & 0x0FFF) | 0x1000).to_be_bytes());
    u[8] = ((clock.seq >> 8) as u8 & 0x3F) | 0x80;
    u[9] = clock.seq as u8;
    u[10..16].copy_from_slice(&clock.node);
    u
}

const FUNCTIONS: &[MethodDef] = &[MethodDef::static_("generate_time_safe", |vm, _, a, k| {
    crate::clinic::none(vm, "_uuid.generate_time_safe", a, k)?;
    let u = next_uuid();
    Ok(vm.new_tuple(vec![vm.new_bytes(u.to_vec()), vm.new_int(-1)]))
})];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_uuid");
    let d = module::module_dict(&m);
    module::add_functions(vm, &m, "_uuid", FUNCTIONS);
    dict::set_item_str(vm, &d, "__doc__", vm.none())?;
    dict::set_item_str(vm, &d, "has_uuid_generate_time_safe", vm.new_int(1))?;
    Ok(m)
}
