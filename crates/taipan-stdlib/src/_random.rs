//! `_random` (CPython's `Modules/_randommodule.c`): the Mersenne Twister
//! (MT19937) behind Lib's `random.Random`, seeded exactly as CPython seeds
//! it (`init_by_array` over the 32-bit words of the seed), so the same seed
//! gives the same numbers.

use std::cell::RefCell;

use num_bigint::{BigInt, Sign};
use num_traits::Signed;
use taipan_vm::api::types::{alloc_instance, flags, payload_or_err, MethodDef, TypeSpec};
use taipan_vm::api::{dict, int, module, tuple, Obj, PyPayload, PyResult, Vm};

use crate::clinic;

const N: usize = 624;
const M: usize = 397;
const MATRIX_A: u32 = 0x9908b0df;
const UPPER_MASK: u32 = 0x80000000;
const LOWER_MASK: u32 = 0x7fffffff;
const RANDOM: &str = "_random.Random";

/// The generator's state: 624 words and the index of the next one.
#[derive(Clone)]
struct Mt {
    state: [u32; N],
    index: usize,
}

impl Mt {
    fn new() -> Mt {
        Mt { state: [0; N], index: N + 1 }
    }

    fn init_genrand(&mut self, s: u32) {
        self.state[0] = s;
        for i in 1..N {
            let prev = self.state[i - 1];
            self.state[i] = 1812433253u32.wrapping_mul(prev ^ (prev >> 30)).wrapping_add(i as u32);
        }
        self.index = N;
    }

    fn init_by_array(&mut self, key: &[u32]) {
        self.init_genrand(19650218);
        let mt = &mut self.state;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1664525)).wrapping_add(key[j]).wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1566083941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    fn twist(&mut self) {
        let mt = &mut self.state;
        let mag = |y: u32| if y & 1 == 1 { MATRIX_A } else { 0 };
        for kk in 0..N - M {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >> 1) ^ mag(y);
        }
        for kk in N - M..N - 1 {
            let y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M - N] ^ (y >> 1) ^ mag(y);
        }
        let y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >> 1) ^ mag(y);
        self.index = 0;
    }

    fn next_u32(&mut self) -> u32 {
        if self.index >= N {
            if self.index == N + 1 {
                self.init_genrand(5489);
            }
            self.twist();
        }
        let mut y = self.state[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^ (y >> 18)
    }

    /// A float in [0, 1) with 53 random bits.
    fn random(&mut self) -> f64 {
        let a = (self.next_u32() >> 5) as f64;
        let b = (self.next_u32() >> 6) as f64;
        (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)
    }
}

pub(crate) struct Random {
    mt: RefCell<Mt>,
}
impl PyPayload for Random {}

fn rnd<'a>(vm: &Vm, o: &'a Obj) -> PyResult<&'a Random> {
    payload_or_err::<Random>(vm, o, RANDOM)
}

/// The little-endian 32-bit words of |n| (at least one).
fn key_words(n: &BigInt) -> Vec<u32> {
    let (_, mut words) = n.abs().to_u32_digits();
    if words.is_empty() {
        words.push(0);
    }
    words
}

/// Seed from the operating system's entropy (CPython's
/// `random_seed_urandom`), or from the time and pid if that fails.
fn seed_from_os(mt: &mut Mt) {
    let mut buf = [0u8; N * 4];
    if fill_urandom(&mut buf) {
        let key: Vec<u32> = buf.chunks_exact(4).map(|c| u32::from_ne_bytes([c[0], c[1], c[2], c[3]])).collect();
        mt.init_by_array(&key);
        return;
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let key = [now.as_secs() as u32, (now.as_secs() >> 32) as u32, now.subsec_nanos(), std::process::id()];
    mt.init_by_array(&key);
}

/// Fill `buf` with getrandom(2), retrying on EINTR.
fn fill_urandom(buf: &mut [u8]) -> bool {
    let mut done = 0;
    while done < buf.len() {
        let rest = &mut buf[done..];
        // SAFETY: the pointer and length describe `rest`, a live mutable
        // slice the call writes at most `rest.len()` bytes into.
        let n = unsafe { libc::getrandom(rest.as_mut_ptr().cast(), rest.len(), 0) };
        if n < 0 {
            if std::io::Error::last_os_error().raw_os_error() == Some(libc::EINTR) {
                continue;
            }
            return false;
        }
        done += n as usize;
    }
    true
}

/// CPython's `random_seed`.
fn seed(vm: &Vm, r: &Random, arg: Option<&Obj>) -> PyResult<()> {
    let arg = arg.filter(|a| !vm.is_none(a));
    let key = match arg {
        None => {
            let mut mt = Mt::new();
            seed_from_os(&mut mt);
            *r.mt.borrow_mut() = mt;
            return Ok(());
        }
        Some(a) => match int::value(a) {
            // int.__abs__, not the subclass's.
            Some(v) => key_words(&v.to_big()),
            None => {
                let h = vm.hash(a)?;
                key_words(&BigInt::from(h as u64))
            }
        },
    };
    let mut mt = Mt::new();
    mt.init_by_array(&key);
    *r.mt.borrow_mut() = mt;
    Ok(())
}

/// `tp_new` allocates a zeroed generator (CPython's PyType_GenericNew);
/// `__init__` seeds it.
fn random_new(vm: &Vm, cls: &Obj, _a: &[Obj], _k: Option<&Obj>) -> PyResult<Obj> {
    let ty = random_type(vm);
    alloc_instance(vm, cls, &ty, Random { mt: RefCell::new(Mt { state: [0; N], index: 0 }) })
}

fn random_type(vm: &Vm) -> Obj {
    vm.lazy_types.borrow().get(RANDOM).cloned().unwrap_or_else(|| vm.none())
}

fn random_init(vm: &Vm, o: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<()> {
    if o.class_obj().is(&random_type(vm)) {
        clinic::no_kw(vm, "Random", k)?;
    }
    let npos = a.len() - clinic::nkw(k);
    if npos > 1 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    seed(vm, rnd(vm, o)?, if npos == 1 { Some(&a[0]) } else { None })
}

fn getrandbits(vm: &Vm, r: &Random, k: &Obj) -> PyResult<Obj> {
    let k = vm.index_to_isize(k)?;
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    let mut mt = r.mt.borrow_mut();
    if k == 0 {
        return Ok(vm.new_int(0));
    }
    if k <= 32 {
        return Ok(vm.new_int((mt.next_u32() >> (32 - k)) as i64));
    }
    let words = (k as usize - 1) / 32 + 1;
    let mut out = Vec::new();
    if out.try_reserve_exact(words).is_err() {
        return Err(vm.memory_error());
    }
    let mut left = k;
    for _ in 0..words {
        let mut w = mt.next_u32();
        if left < 32 {
            w >>= 32 - left;
        }
        out.push(w);
        left -= 32;
    }
    Ok(vm.new_bigint(BigInt::from_slice(Sign::Plus, &out)))
}

fn getstate(vm: &Vm, r: &Random) -> Obj {
    let mt = r.mt.borrow();
    let mut items: Vec<Obj> = mt.state.iter().map(|&w| vm.new_int(w as i64)).collect();
    items.push(vm.new_int(mt.index as i64));
    vm.new_tuple(items)
}

fn setstate(vm: &Vm, r: &Random, state: &Obj) -> PyResult<()> {
    if !vm.isinstance_type(state, &vm.ctx.types.tuple) {
        return Err(vm.type_error("state vector must be a tuple"));
    }
    let items = tuple::items(state);
    if items.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut mt = Mt::new();
    for (i, item) in items[..N].iter().enumerate() {
        mt.state[i] = unsigned_long(vm, item)? as u32;
    }
    let index = vm.index_value(&items[N])?;
    let index = index.as_i64().ok_or_else(|| vm.overflow_error("Python int too large to convert to C long"))?;
    if index < 0 || index > N as i64 {
        return Err(vm.value_error("invalid state"));
    }
    mt.index = index as usize;
    *r.mt.borrow_mut() = mt;
    Ok(())
}

/// `PyLong_AsUnsignedLong`.
fn unsigned_long(vm: &Vm, o: &Obj) -> PyResult<u64> {
    let Some(v) = int::value(o) else {
        return Err(vm.type_error(format!("an integer is required (got type {})", o.class().name())));
    };
    if v.is_negative() {
        return Err(vm.overflow_error("can't convert negative value to unsigned int"));
    }
    let b = v.to_big();
    let (_, d) = b.to_u64_digits();
    match d.len() {
        0 => Ok(0),
        1 => Ok(d[0]),
        _ => Err(vm.overflow_error("Python int too large to convert to C unsigned long")),
    }
}

const METHODS: &[MethodDef] = &[
    MethodDef::method("random", |vm, o, a, k| {
        clinic::none(vm, "Random.random", a, k)?;
        Ok(vm.new_float(rnd(vm, o)?.mt.borrow_mut().random()))
    }),
    MethodDef::method("seed", |vm, o, a, k| {
        clinic::no_kw(vm, "Random.seed", k)?;
        clinic::check_count(vm, "seed", a.len(), 0, 1)?;
        seed(vm, rnd(vm, o)?, a.first())?;
        Ok(vm.none())
    }),
    MethodDef::method("getstate", |vm, o, a, k| {
        clinic::none(vm, "Random.getstate", a, k)?;
        Ok(getstate(vm, rnd(vm, o)?))
    }),
    MethodDef::method("setstate", |vm, o, a, k| {
        let s = clinic::one(vm, "Random.setstate", a, k)?;
        setstate(vm, rnd(vm, o)?, &s)?;
        Ok(vm.none())
    }),
    MethodDef::method("getrandbits", |vm, o, a, k| {
        let n = clinic::one(vm, "Random.getrandbits", a, k)?;
        getrandbits(vm, rnd(vm, o)?, &n)
    }),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let existing = vm.lazy_types.borrow().get(RANDOM).cloned();
    let ty = match existing {
        Some(t) => t,
        None => {
            let spec = TypeSpec {
                name: "_random.Random",
                flags: flags::BASETYPE,
                methods: METHODS,
                doc: Some("Random() -> create a random number generator with its own internal state."),
                ..Default::default()
            };
            let t = taipan_vm::api::types::new_type::<Random>(vm, &spec, |s| {
                s.new.set(Some(random_new));
                s.init.set(Some(random_init));
            });
            vm.lazy_types.borrow_mut().insert(RANDOM, t.clone());
            t
        }
    };
    let m = module::new_module(vm, "_random");
    dict::set_item_str(
        vm,
        &module::module_dict(&m),
        "__doc__",
        vm.new_str("Module implements the Mersenne Twister random number generator."),
    )?;
    dict::set_item_str(vm, &module::module_dict(&m), "Random", ty)?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference output of MT19937's init_by_array({0x123, 0x234,
    /// 0x345, 0x456}).
    #[test]
    fn reference_sequence() {
        let mut mt = Mt::new();
        mt.init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..5).map(|_| mt.next_u32()).collect();
        assert_eq!(first, vec![1067595299, 955945823, 477289528, 4107218783, 4228976476]);
    }
}
