//! Hashing exactly as CPython 3.11 hashes (`Python/pyhash.c`): SipHash-1-3
//! for str and bytes with the `PYTHONHASHSEED` key, the numeric hash modulo
//! the Mersenne prime 2**61 - 1 so that equal numbers hash equal, and the
//! xxHash-based tuple hash. Equal hashes make set and dict layouts, and so set
//! iteration order, identical to CPython's for the same seed.

/// `sys.hash_info.modulus`: 2**61 - 1.
pub(crate) const MODULUS: u64 = (1 << 61) - 1;
/// `sys.hash_info.inf`.
pub(crate) const INF: i64 = 314_159;

/// The SipHash key for a `PYTHONHASHSEED` value, as CPython derives it: 0
/// means no randomization (an all-zero key); otherwise the key bytes come
/// from CPython's LCG seeded with the value.
pub(crate) fn key_from_seed(seed: u64) -> (u64, u64) {
    if seed == 0 {
        return (0, 0);
    }
    let mut bytes = [0u8; 16];
    let mut x = seed as u32;
    for b in bytes.iter_mut() {
        x = x.wrapping_mul(214_013).wrapping_add(2_531_011);
        *b = ((x >> 16) & 0xff) as u8;
    }
    let k0 = u64::from_le_bytes(bytes[0..8].try_into().expect("8 bytes"));
    let k1 = u64::from_le_bytes(bytes[8..16].try_into().expect("8 bytes"));
    (k0, k1)
}

/// A random key (no `PYTHONHASHSEED`): from the OS's randomness.
pub(crate) fn random_key() -> (u64, u64) {
    let mut buf = [0u8; 16];
    if let Ok(mut f) = std::fs::File::open("/dev/urandom") {
        use std::io::Read;
        let _ = f.read_exact(&mut buf);
    } else {
        let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        buf.copy_from_slice(&t.to_le_bytes());
    }
    (u64::from_le_bytes(buf[0..8].try_into().expect("8")), u64::from_le_bytes(buf[8..16].try_into().expect("8")))
}

#[inline(always)]
fn rotl(x: u64, b: u32) -> u64 {
    x.rotate_left(b)
}

#[inline(always)]
fn sip_round(v0: &mut u64, v1: &mut u64, v2: &mut u64, v3: &mut u64) {
    *v0 = v0.wrapping_add(*v1);
    *v1 = rotl(*v1, 13);
    *v1 ^= *v0;
    *v0 = rotl(*v0, 32);
    *v2 = v2.wrapping_add(*v3);
    *v3 = rotl(*v3, 16);
    *v3 ^= *v2;
    *v0 = v0.wrapping_add(*v3);
    *v3 = rotl(*v3, 21);
    *v3 ^= *v0;
    *v2 = v2.wrapping_add(*v1);
    *v1 = rotl(*v1, 17);
    *v1 ^= *v2;
    *v2 = rotl(*v2, 32);
}

/// SipHash-1-3 of `data` (CPython's default string hash).
pub(crate) fn siphash13(key: (u64, u64), data: &[u8]) -> u64 {
    let (k0, k1) = key;
    let mut v0 = k0 ^ 0x736f_6d65_7073_6575;
    let mut v1 = k1 ^ 0x646f_7261_6e64_6f6d;
    let mut v2 = k0 ^ 0x6c79_6765_6e65_7261;
    let mut v3 = k1 ^ 0x7465_6462_7974_6573;
    let len = data.len();
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let m = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        v3 ^= m;
        sip_round(&mut v0, &mut v1, &mut v2, &mut v3);
        v0 ^= m;
    }
    let mut t: u64 = (len as u64) << 56;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        t |= (b as u64) << (8 * i);
    }
    v3 ^= t;
    sip_round(&mut v0, &mut v1, &mut v2, &mut v3);
    v0 ^= t;
    v2 ^= 0xff;
    for _ in 0..3 {
        sip_round(&mut v0, &mut v1, &mut v2, &mut v3);
    }
    v0 ^ v1 ^ v2 ^ v3
}

/// CPython's `_Py_HashBytes`: the hash of a str's or bytes' raw data.
pub(crate) fn hash_bytes(key: (u64, u64), data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    fix(siphash13(key, data) as i64)
}

/// -1 is reserved for errors in CPython: a hash of -1 becomes -2.
#[inline]
pub(crate) fn fix(h: i64) -> i64 {
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The hash of an int that fits in i64.
#[inline]
pub(crate) fn hash_i64(v: i64) -> i64 {
    let m = MODULUS as i128;
    let r = (v as i128).rem_euclid(m) as i64;
    let h = if v < 0 { -(((-(v as i128)) % m) as i64) } else { r };
    fix(h)
}

/// The hash of an arbitrary-precision int.
pub(crate) fn hash_bigint(v: &num_bigint::BigInt) -> i64 {
    use num_bigint::Sign;
    use num_traits::ToPrimitive;
    let m = num_bigint::BigInt::from(MODULUS);
    let (sign, mag) = (v.sign(), v.magnitude());
    let r = (num_bigint::BigInt::from(mag.clone()) % &m).to_i64().unwrap_or(0);
    let h = if sign == Sign::Minus { -r } else { r };
    fix(h)
}

/// The hash of a float (CPython's `_Py_HashDouble`); NaN hashes by identity,
/// which the caller passes as `id`.
pub(crate) fn hash_f64(v: f64, id: usize) -> i64 {
    if v.is_nan() {
        return fix((id >> 4) as i64 | (((id as u64) << 60) as i64));
    }
    if v.is_infinite() {
        return if v > 0.0 { INF } else { -INF };
    }
    let (mut m, mut e) = frexp(v);
    let mut sign = 1i64;
    if m < 0.0 {
        sign = -1;
        m = -m;
    }
    let mut x: u64 = 0;
    while m != 0.0 {
        x = ((x << 28) & MODULUS) | (x >> (61 - 28));
        m *= 268_435_456.0;
        e -= 28;
        let y = m as u64;
        m -= y as f64;
        x += y;
        if x >= MODULUS {
            x -= MODULUS;
        }
    }
    let e = if e >= 0 { e % 61 } else { 61 - 1 - ((-1 - e) % 61) };
    x = ((x << e) & MODULUS) | (x >> (61 - e));
    fix((x as i64) * sign)
}

/// `frexp`: mantissa in [0.5, 1) and exponent.
pub(crate) fn frexp(v: f64) -> (f64, i32) {
    if v == 0.0 || !v.is_finite() {
        return (v, 0);
    }
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale up first.
        let (m, e) = frexp(v * f64::from_bits(0x4350_0000_0000_0000)); // 2**54
        return (m, e - 54);
    }
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, exp - 1022)
}

/// The hash of a tuple from its items' hashes (CPython 3.11's xxHash-based
/// `tuplehash`).
pub(crate) fn hash_tuple(item_hashes: impl ExactSizeIterator<Item = i64>) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let len = item_hashes.len() as u64;
    let mut acc: u64 = P5;
    for h in item_hashes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add(len ^ (P5 ^ 3_527_539));
    if acc == u64::MAX {
        return 1_546_275_796;
    }
    acc as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_hashes_match_cpython() {
        assert_eq!(hash_i64(-1), -2);
        assert_eq!(hash_i64(1 << 61), 1);
        assert_eq!(hash_i64(-(1 << 61)), -2);
        assert_eq!(hash_f64(1.5, 0), 1_152_921_504_606_846_977);
        assert_eq!(hash_f64(-0.5, 0), -1_152_921_504_606_846_976);
        assert_eq!(hash_f64(2.0, 0), 2);
    }

    #[test]
    fn tuple_hash_matches_cpython() {
        // hash(()) and hash((1, 2)) under CPython 3.11
        assert_eq!(hash_tuple(std::iter::empty()), 5_740_354_900_026_072_187);
        assert_eq!(hash_tuple([1i64, 2].into_iter()), -3_550_055_125_485_641_917);
    }

    #[test]
    fn str_hash_with_seed_zero() {
        // PYTHONHASHSEED=0 python3 -c "print(hash('abc'))"
        assert_eq!(hash_bytes(key_from_seed(0), b"abc"), -4_594_863_902_769_663_758);
        // 'é' is stored as one Latin-1 byte, '€' as one UCS-2 unit, '😀' as one UCS-4 unit.
        assert_eq!(hash_bytes(key_from_seed(0), &[0xe9]), 6_047_309_291_227_476_195);
        assert_eq!(hash_bytes(key_from_seed(0), &0x20acu16.to_le_bytes()), -5_529_981_157_763_016_009);
        assert_eq!(hash_bytes(key_from_seed(0), &0x1f600u32.to_le_bytes()), -3_536_540_696_076_613_844);
    }
}
