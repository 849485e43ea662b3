//! Substring search shared by str, bytes and bytearray (CPython's
//! `Objects/stringlib/fastsearch.h`): linear time in the worst case, so
//! that `('a' * 4_000_000).find('a' * 400_000 + 'b')` takes milliseconds.
//!
//! Byte strings use `memchr::memmem` (SIMD prefilter over Two-Way); wider
//! code units use the Two-Way algorithm of Crochemore and Perrin, written
//! here for any ordered unit type.

use std::cmp::Ordering;

/// A code unit of a string: byte, UCS-2 or UCS-4.
pub(crate) trait Unit: Copy + Ord {
    /// The units as bytes, when they are bytes.
    fn as_bytes(s: &[Self]) -> Option<&[u8]>;
}

impl Unit for u8 {
    fn as_bytes(s: &[u8]) -> Option<&[u8]> {
        Some(s)
    }
}

impl Unit for u16 {
    fn as_bytes(_: &[u16]) -> Option<&[u8]> {
        None
    }
}

impl Unit for u32 {
    fn as_bytes(_: &[u32]) -> Option<&[u8]> {
        None
    }
}

/// The first occurrence of a non-empty `needle` in `hay`.
pub(crate) fn find<T: Unit>(hay: &[T], needle: &[T]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    if needle.len() == 1 {
        // One byte: memchr's SIMD scan (`text.split("\n")`).
        if let (Some(h), Some([b])) = (T::as_bytes(hay), T::as_bytes(needle)) {
            return memchr::memchr(*b, h);
        }
        return hay.iter().position(|&c| c == needle[0]);
    }
    if let (Some(h), Some(n)) = (T::as_bytes(hay), T::as_bytes(needle)) {
        return memchr::memmem::find(h, n);
    }
    TwoWay::new(needle).find(hay, 0)
}

/// The last occurrence of a non-empty `needle` in `hay`.
pub(crate) fn rfind<T: Unit>(hay: &[T], needle: &[T]) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    if needle.len() == 1 {
        if let (Some(h), Some([b])) = (T::as_bytes(hay), T::as_bytes(needle)) {
            return memchr::memrchr(*b, h);
        }
        return hay.iter().rposition(|&c| c == needle[0]);
    }
    if let (Some(h), Some(n)) = (T::as_bytes(hay), T::as_bytes(needle)) {
        return memchr::memmem::rfind(h, n);
    }
    // The first match in the reversed text is the last one.
    let rh: Vec<T> = hay.iter().rev().copied().collect();
    let rn: Vec<T> = needle.iter().rev().copied().collect();
    TwoWay::new(&rn).find(&rh, 0).map(|p| hay.len() - p - needle.len())
}

/// Non-overlapping occurrences of a non-empty `needle`, at most `max`.
pub(crate) fn count<T: Unit>(hay: &[T], needle: &[T], max: usize) -> usize {
    if needle.len() > hay.len() || max == 0 {
        return 0;
    }
    if needle.len() == 1 {
        return hay.iter().filter(|&&c| c == needle[0]).take(max).count();
    }
    if let (Some(h), Some(n)) = (T::as_bytes(hay), T::as_bytes(needle)) {
        return memchr::memmem::find_iter(h, n).take(max).count();
    }
    let tw = TwoWay::new(needle);
    let mut n = 0;
    let mut at = 0;
    while n < max {
        match tw.find(hay, at) {
            Some(p) => {
                n += 1;
                at = p + needle.len();
            }
            None => break,
        }
    }
    n
}

/// Where splitting `hay` at a non-empty `sep` cuts it, at most `max`
/// times, from the left or (`right`) from the right: the (start, end) of
/// each part, in order.
pub(crate) fn split_at_sep<T: Unit>(hay: &[T], sep: &[T], max: usize, right: bool) -> Vec<(usize, usize)> {
    let m = sep.len();
    // Room for a dozen parts up front, as CPython's MAX_PREALLOC.
    let mut parts = Vec::with_capacity(max.saturating_add(1).min(12));
    if !right {
        let mut st = 0;
        while parts.len() < max {
            match find(&hay[st..], sep) {
                Some(p) => {
                    parts.push((st, st + p));
                    st += p + m;
                }
                None => break,
            }
        }
        parts.push((st, hay.len()));
    } else {
        let mut en = hay.len();
        while parts.len() < max {
            match rfind(&hay[..en], sep) {
                Some(p) => {
                    parts.push((p + m, en));
                    en = p;
                }
                None => break,
            }
        }
        parts.push((0, en));
        parts.reverse();
    }
    parts
}

/// A needle prepared for Two-Way search: its critical factorization.
struct TwoWay<'a, T> {
    needle: &'a [T],
    /// The left half is `needle[..=ell]` (`ell` may be -1).
    ell: isize,
    period: usize,
    /// The needle is periodic with `period` (matches are searched with
    /// the memory of what already matched).
    periodic: bool,
}

impl<'a, T: Unit> TwoWay<'a, T> {
    fn new(needle: &'a [T]) -> TwoWay<'a, T> {
        let (i, p) = maximal_suffix(needle, Ordering::Less);
        let (j, q) = maximal_suffix(needle, Ordering::Greater);
        let (ell, period) = if i > j { (i, p) } else { (j, q) };
        let left = (ell + 1) as usize;
        let periodic = left + period <= needle.len() && needle[..left] == needle[period..period + left];
        let period = if periodic { period } else { left.max(needle.len() - left) + 1 };
        TwoWay { needle, ell, period, periodic }
    }

    /// The first occurrence at or after `from`.
    fn find(&self, hay: &[T], from: usize) -> Option<usize> {
        let x = self.needle;
        let m = x.len();
        let n = hay.len();
        let ell = self.ell;
        let mut j = from;
        let mut memory: isize = -1;
        while j + m <= n {
            let start = if self.periodic { ell.max(memory) + 1 } else { ell + 1 } as usize;
            let mut i = start;
            while i < m && x[i] == hay[i + j] {
                i += 1;
            }
            if i < m {
                j += i - (ell + 1) as usize + 1;
                memory = -1;
                continue;
            }
            let floor = if self.periodic { memory } else { -1 };
            let mut k = ell;
            while k > floor && x[k as usize] == hay[k as usize + j] {
                k -= 1;
            }
            if k <= floor {
                return Some(j);
            }
            j += self.period;
            if self.periodic {
                memory = (m - self.period) as isize - 1;
            }
        }
        None
    }
}

/// The start (minus one) and period of the maximal suffix of `x` for the
/// order `ord` (Less: the lexicographically largest suffix).
fn maximal_suffix<T: Unit>(x: &[T], ord: Ordering) -> (isize, usize) {
    let m = x.len();
    let mut ms: isize = -1;
    let mut j: usize = 0;
    let mut k: usize = 1;
    let mut p: usize = 1;
    while j + k < m {
        let a = x[j + k];
        let b = x[(ms + k as isize) as usize];
        match a.cmp(&b) {
            o if o == ord => {
                j += k;
                k = 1;
                p = (j as isize - ms) as usize;
            }
            Ordering::Equal => {
                if k != p {
                    k += 1;
                } else {
                    j += p;
                    k = 1;
                }
            }
            _ => {
                ms = j as isize;
                j = (ms + 1) as usize;
                k = 1;
                p = 1;
            }
        }
    }
    (ms, p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(h: &[u32], n: &[u32]) -> Option<usize> {
        (0..=h.len().checked_sub(n.len())?).find(|&i| &h[i..i + n.len()] == n)
    }

    fn naive_last(h: &[u32], n: &[u32]) -> Option<usize> {
        (0..=h.len().checked_sub(n.len())?).rev().find(|&i| &h[i..i + n.len()] == n)
    }

    #[test]
    fn two_way_agrees_with_naive_search() {
        // Small alphabets make periodic needles and near misses common.
        let mut seed = 12345u64;
        let mut rnd = |k: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((seed >> 33) % k) as u32
        };
        for _ in 0..20000 {
            let hl = rnd(40) as usize;
            let nl = 1 + rnd(6) as usize;
            let alpha = 1 + rnd(3) as u64;
            let h: Vec<u32> = (0..hl).map(|_| rnd(alpha)).collect();
            let n: Vec<u32> = (0..nl).map(|_| rnd(alpha)).collect();
            assert_eq!(find(&h, &n), naive(&h, &n), "find {h:?} {n:?}");
            assert_eq!(rfind(&h, &n), naive_last(&h, &n), "rfind {h:?} {n:?}");
            let mut c = 0;
            let mut at = 0;
            while let Some(p) = naive(&h[at..], &n) {
                c += 1;
                at += p + n.len();
            }
            assert_eq!(count(&h, &n, usize::MAX), c, "count {h:?} {n:?}");
        }
    }

    #[test]
    fn long_needle_is_linear() {
        let h = vec![1u32; 400_000];
        let mut n = vec![1u32; 40_000];
        n.push(2);
        assert_eq!(find(&h, &n), None);
        assert_eq!(rfind(&h, &n), None);
    }
}
