//! Timsort as CPython 3.11's `list.sort` runs it (Objects/listsort.txt):
//! natural runs (strictly descending ones reversed), binary insertion up to
//! `minrun`, powersort's merge order, and merges that gallop with an adaptive
//! `min_gallop`. The comparisons made, and their order, are CPython's for any
//! input, so a `__lt__` that counts or logs its calls sees the same thing.
//!
//! The sorted elements are small `Copy` values (an index into the keys, or a
//! pre-extracted machine key with its index), so the inner loops move plain
//! words and never touch reference counts. A failing comparison stops the
//! sort with the slice still a permutation of its input.

/// Galloping starts after this many consecutive wins of one run.
const MIN_GALLOP: usize = 7;

/// A run waiting to be merged: `v[base..base + len]`, with its powersort power.
#[derive(Clone, Copy)]
struct Run {
    base: usize,
    len: usize,
    power: u32,
}

/// How a merge loop ended.
enum End<E> {
    /// One run is used up; the rest of the other is copied back in place.
    Done,
    /// The run in `tmp` has one element left, which goes at the far end.
    OneLeft,
    /// A comparison failed; the rest of `tmp` is copied back in place.
    Failed(E),
}

struct MergeState<T> {
    min_gallop: usize,
    pending: Vec<Run>,
    /// Scratch for the shorter run of a merge (capacity reserved up front).
    tmp: Vec<T>,
    n: usize,
}

/// The scratch space a sort of `n` elements needs; reserve it fallibly
/// before calling [`sort`].
pub(crate) fn scratch_len(n: usize) -> usize {
    n / 2 + 1
}

/// Sort `v` by `lt` (stable). `tmp` must have capacity for
/// [`scratch_len`]`(v.len())` elements, so the sort itself never allocates
/// more than its run stack.
pub(crate) fn sort<T, E, F>(v: &mut [T], tmp: Vec<T>, lt: &mut F) -> Result<(), E>
where
    T: Copy,
    F: FnMut(T, T) -> Result<bool, E>,
{
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut ms = MergeState { min_gallop: MIN_GALLOP, pending: Vec::with_capacity(16), tmp, n };
    let minrun = compute_minrun(n);
    let mut lo = 0;
    while lo < n {
        let (mut run, descending) = count_run(&v[lo..], lt)?;
        if descending {
            v[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = (n - lo).min(minrun);
            binary_insertion(&mut v[lo..lo + force], run, lt)?;
            run = force;
        }
        ms.found_new_run(v, run, lt)?;
        ms.pending.push(Run { base: lo, len: run, power: 0 });
        lo += run;
    }
    ms.force_collapse(v, lt)
}

/// CPython's `merge_compute_minrun`: `n` itself below 64, else a length in
/// 32..=64 such that `n / minrun` is a power of two or slightly less.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The length of the run at the start of `v` (non-descending, or strictly
/// descending with `true`).
fn count_run<T: Copy, E>(v: &[T], lt: &mut impl FnMut(T, T) -> Result<bool, E>) -> Result<(usize, bool), E> {
    if v.len() == 1 {
        return Ok((1, false));
    }
    let descending = lt(v[1], v[0])?;
    let mut n = 2;
    while n < v.len() {
        if lt(v[n], v[n - 1])? != descending {
            break;
        }
        n += 1;
    }
    Ok((n, descending))
}

/// Insert `v[start..]` one by one into the sorted prefix `v[..start]`,
/// finding each place by binary search.
fn binary_insertion<T: Copy, E>(
    v: &mut [T],
    start: usize,
    lt: &mut impl FnMut(T, T) -> Result<bool, E>,
) -> Result<(), E> {
    for i in start.max(1)..v.len() {
        let pivot = v[i];
        let (mut l, mut r) = (0, i);
        loop {
            let p = l + ((r - l) >> 1);
            if lt(pivot, v[p])? {
                r = p;
            } else {
                l = p + 1;
            }
            if l >= r {
                break;
            }
        }
        v.copy_within(l..i, l + 1);
        v[l] = pivot;
    }
    Ok(())
}

/// The leftmost place for `key` in the sorted `a` (all of `a[..k]` < key <=
/// all of `a[k..]`), searched from `hint` outwards by doubling steps.
fn gallop_left<T: Copy, E>(
    key: T,
    a: &[T],
    hint: usize,
    lt: &mut impl FnMut(T, T) -> Result<bool, E>,
) -> Result<usize, E> {
    let n = a.len();
    let (mut lastofs, mut ofs) = (0usize, 1usize);
    let (mut lo, mut hi);
    if lt(a[hint], key)? {
        // a[hint] < key: gallop right.
        let maxofs = n - hint;
        while ofs < maxofs {
            if !lt(a[hint + ofs], key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lo = hint + lastofs;
        hi = hint + ofs;
    } else {
        // key <= a[hint]: gallop left.
        let maxofs = hint + 1;
        while ofs < maxofs {
            if lt(a[hint - ofs], key)? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        // a[hint - ofs] < key <= a[hint - lastofs]; hint - ofs may be -1.
        lo = (hint + 1 - ofs).wrapping_sub(1);
        hi = hint - lastofs;
    }
    // Now a[lo] < key <= a[hi] (lo may be "-1"): binary search lo+1..hi.
    lo = lo.wrapping_add(1);
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if lt(a[m], key)? {
            lo = m + 1;
        } else {
            hi = m;
        }
    }
    Ok(hi)
}

/// The rightmost place for `key` in the sorted `a` (all of `a[..k]` <= key <
/// all of `a[k..]`), searched from `hint` outwards by doubling steps.
fn gallop_right<T: Copy, E>(
    key: T,
    a: &[T],
    hint: usize,
    lt: &mut impl FnMut(T, T) -> Result<bool, E>,
) -> Result<usize, E> {
    let n = a.len();
    let (mut lastofs, mut ofs) = (0usize, 1usize);
    let (mut lo, mut hi);
    if lt(key, a[hint])? {
        // key < a[hint]: gallop left.
        let maxofs = hint + 1;
        while ofs < maxofs {
            if !lt(key, a[hint - ofs])? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lo = (hint + 1 - ofs).wrapping_sub(1);
        hi = hint - lastofs;
    } else {
        // a[hint] <= key: gallop right.
        let maxofs = n - hint;
        while ofs < maxofs {
            if lt(key, a[hint + ofs])? {
                break;
            }
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        lo = hint + lastofs;
        hi = hint + ofs;
    }
    lo = lo.wrapping_add(1);
    while lo < hi {
        let m = lo + ((hi - lo) >> 1);
        if lt(key, a[m])? {
            hi = m;
        } else {
            lo = m + 1;
        }
    }
    Ok(hi)
}

/// Powersort's node power of the boundary between the runs `s1..s1+n1` and
/// `s1+n1..s1+n1+n2` in a sort of `n` elements: the depth at which their
/// midpoints first fall into different halves.
fn node_power(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut result = 0;
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

impl<T: Copy> MergeState<T> {
    /// A run of length `n2` follows the top pending run: merge while the
    /// run below has a greater power than the new boundary.
    fn found_new_run<E>(
        &mut self,
        v: &mut [T],
        n2: usize,
        lt: &mut impl FnMut(T, T) -> Result<bool, E>,
    ) -> Result<(), E> {
        let Some(top) = self.pending.last().copied() else {
            return Ok(());
        };
        let power = node_power(top.base, top.len, n2, self.n);
        while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
            self.merge_at(v, self.pending.len() - 2, lt)?;
        }
        if let Some(top) = self.pending.last_mut() {
            top.power = power;
        }
        Ok(())
    }

    fn force_collapse<E>(&mut self, v: &mut [T], lt: &mut impl FnMut(T, T) -> Result<bool, E>) -> Result<(), E> {
        while self.pending.len() > 1 {
            let mut i = self.pending.len() - 2;
            if i > 0 && self.pending[i - 1].len < self.pending[i + 1].len {
                i -= 1;
            }
            self.merge_at(v, i, lt)?;
        }
        Ok(())
    }

    /// Merge pending runs `i` and `i + 1`, skipping the prefix of the first
    /// and the suffix of the second that are already in place.
    fn merge_at<E>(&mut self, v: &mut [T], i: usize, lt: &mut impl FnMut(T, T) -> Result<bool, E>) -> Result<(), E> {
        let a = self.pending[i];
        let b = self.pending[i + 1];
        self.pending[i].len = a.len + b.len;
        self.pending.remove(i + 1);
        let k = gallop_right(v[b.base], &v[a.base..a.base + a.len], 0, lt)?;
        let (pa, na) = (a.base + k, a.len - k);
        if na == 0 {
            return Ok(());
        }
        let nb = gallop_left(v[pa + na - 1], &v[b.base..b.base + b.len], b.len - 1, lt)?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(v, pa, na, nb, lt)
        } else {
            self.merge_hi(v, pa, na, nb, lt)
        }
    }

    /// Merge `v[pa..pa+na]` with the following `nb` elements, `na <= nb`,
    /// front to back with the first run in `tmp`. `v[pa+na]` is known to go
    /// first and the last of the first run is known to go last.
    fn merge_lo<E>(
        &mut self,
        v: &mut [T],
        pa: usize,
        mut na: usize,
        mut nb: usize,
        lt: &mut impl FnMut(T, T) -> Result<bool, E>,
    ) -> Result<(), E> {
        self.tmp.clear();
        self.tmp.extend_from_slice(&v[pa..pa + na]);
        let tmp = &self.tmp;
        // The next output goes to v[pb - na]; the first run is tmp[ia..ia+na].
        let mut ia = 0;
        let mut pb = pa + na;
        v[pb - na] = v[pb];
        pb += 1;
        nb -= 1;
        let result = 'merge: {
            if nb == 0 {
                break 'merge End::Done;
            }
            if na == 1 {
                break 'merge End::OneLeft;
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let (mut acount, mut bcount) = (0, 0);
                // One element at a time until a run wins min_gallop times in a row.
                loop {
                    match lt(v[pb], tmp[ia]) {
                        Err(e) => break 'merge End::Failed(e),
                        Ok(true) => {
                            v[pb - na] = v[pb];
                            pb += 1;
                            nb -= 1;
                            bcount += 1;
                            acount = 0;
                            if nb == 0 {
                                break 'merge End::Done;
                            }
                            if bcount >= min_gallop {
                                break;
                            }
                        }
                        Ok(false) => {
                            v[pb - na] = tmp[ia];
                            ia += 1;
                            na -= 1;
                            acount += 1;
                            bcount = 0;
                            if na == 1 {
                                break 'merge End::OneLeft;
                            }
                            if acount >= min_gallop {
                                break;
                            }
                        }
                    }
                }
                // Galloping, while it pays off.
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    self.min_gallop = min_gallop;
                    let k = match gallop_right(v[pb], &tmp[ia..ia + na], 0, lt) {
                        Ok(k) => k,
                        Err(e) => break 'merge End::Failed(e),
                    };
                    acount = k;
                    if k > 0 {
                        v[pb - na..pb - na + k].copy_from_slice(&tmp[ia..ia + k]);
                        ia += k;
                        na -= k;
                        if na == 1 {
                            break 'merge End::OneLeft;
                        }
                        // Only an inconsistent comparison gets here.
                        if na == 0 {
                            break 'merge End::Done;
                        }
                    }
                    v[pb - na] = v[pb];
                    pb += 1;
                    nb -= 1;
                    if nb == 0 {
                        break 'merge End::Done;
                    }
                    let k = match gallop_left(tmp[ia], &v[pb..pb + nb], 0, lt) {
                        Ok(k) => k,
                        Err(e) => break 'merge End::Failed(e),
                    };
                    bcount = k;
                    if k > 0 {
                        v.copy_within(pb..pb + k, pb - na);
                        pb += k;
                        nb -= k;
                        if nb == 0 {
                            break 'merge End::Done;
                        }
                    }
                    v[pb - na] = tmp[ia];
                    ia += 1;
                    na -= 1;
                    if na == 1 {
                        break 'merge End::OneLeft;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                // Penalise leaving galloping mode.
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        match result {
            // The last element of the first run goes after the rest of the second.
            End::OneLeft => {
                v.copy_within(pb..pb + nb, pb - 1);
                v[pb + nb - 1] = tmp[ia];
                Ok(())
            }
            End::Done => {
                v[pb - na..pb].copy_from_slice(&tmp[ia..ia + na]);
                Ok(())
            }
            End::Failed(e) => {
                v[pb - na..pb].copy_from_slice(&tmp[ia..ia + na]);
                Err(e)
            }
        }
    }

    /// Merge `v[pa..pa+na]` with the following `nb` elements, `na > nb`,
    /// back to front with the second run in `tmp`. The next output goes to
    /// `v[pa + na + nb - 1]`; the first run is `v[pa..pa+na]`, the second
    /// `tmp[..nb]`.
    fn merge_hi<E>(
        &mut self,
        v: &mut [T],
        pa: usize,
        mut na: usize,
        mut nb: usize,
        lt: &mut impl FnMut(T, T) -> Result<bool, E>,
    ) -> Result<(), E> {
        self.tmp.clear();
        self.tmp.extend_from_slice(&v[pa + na..pa + na + nb]);
        let tmp = &self.tmp;
        v[pa + na + nb - 1] = v[pa + na - 1];
        na -= 1;
        let result = 'merge: {
            if na == 0 {
                break 'merge End::Done;
            }
            if nb == 1 {
                break 'merge End::OneLeft;
            }
            let mut min_gallop = self.min_gallop;
            loop {
                let (mut acount, mut bcount) = (0, 0);
                loop {
                    match lt(tmp[nb - 1], v[pa + na - 1]) {
                        Err(e) => break 'merge End::Failed(e),
                        Ok(true) => {
                            v[pa + na + nb - 1] = v[pa + na - 1];
                            na -= 1;
                            acount += 1;
                            bcount = 0;
                            if na == 0 {
                                break 'merge End::Done;
                            }
                            if acount >= min_gallop {
                                break;
                            }
                        }
                        Ok(false) => {
                            v[pa + na + nb - 1] = tmp[nb - 1];
                            nb -= 1;
                            bcount += 1;
                            acount = 0;
                            if nb == 1 {
                                break 'merge End::OneLeft;
                            }
                            if bcount >= min_gallop {
                                break;
                            }
                        }
                    }
                }
                min_gallop += 1;
                loop {
                    min_gallop -= usize::from(min_gallop > 1);
                    self.min_gallop = min_gallop;
                    let k = match gallop_right(tmp[nb - 1], &v[pa..pa + na], na - 1, lt) {
                        Ok(k) => na - k,
                        Err(e) => break 'merge End::Failed(e),
                    };
                    acount = k;
                    if k > 0 {
                        v.copy_within(pa + na - k..pa + na, pa + na + nb - k);
                        na -= k;
                        if na == 0 {
                            break 'merge End::Done;
                        }
                    }
                    v[pa + na + nb - 1] = tmp[nb - 1];
                    nb -= 1;
                    if nb == 1 {
                        break 'merge End::OneLeft;
                    }
                    let k = match gallop_left(v[pa + na - 1], &tmp[..nb], nb - 1, lt) {
                        Ok(k) => nb - k,
                        Err(e) => break 'merge End::Failed(e),
                    };
                    bcount = k;
                    if k > 0 {
                        v[pa + na + nb - k..pa + na + nb].copy_from_slice(&tmp[nb - k..nb]);
                        nb -= k;
                        if nb == 1 {
                            break 'merge End::OneLeft;
                        }
                        // Only an inconsistent comparison gets here.
                        if nb == 0 {
                            break 'merge End::Done;
                        }
                    }
                    v[pa + na + nb - 1] = v[pa + na - 1];
                    na -= 1;
                    if na == 0 {
                        break 'merge End::Done;
                    }
                    if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                        break;
                    }
                }
                min_gallop += 1;
                self.min_gallop = min_gallop;
            }
        };
        match result {
            // The first element of the second run goes before the rest of the first.
            End::OneLeft => {
                v.copy_within(pa..pa + na, pa + 1);
                v[pa] = tmp[0];
                Ok(())
            }
            End::Done => {
                v[pa + na..pa + na + nb].copy_from_slice(&tmp[..nb]);
                Ok(())
            }
            End::Failed(e) => {
                v[pa + na..pa + na + nb].copy_from_slice(&tmp[..nb]);
                Err(e)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *seed >> 33
    }

    fn check(input: Vec<u64>) {
        let mut v: Vec<(u64, usize)> = input.iter().copied().zip(0..).collect();
        let tmp = Vec::with_capacity(scratch_len(v.len()));
        sort(&mut v, tmp, &mut |a: (u64, usize), b: (u64, usize)| Ok::<bool, ()>(a.0 < b.0)).unwrap();
        let mut expected: Vec<(u64, usize)> = input.iter().copied().zip(0..).collect();
        expected.sort_by_key(|p| p.0);
        assert_eq!(v, expected);
    }

    #[test]
    fn sorts_stably() {
        let mut seed = 7;
        for n in [0, 1, 2, 3, 31, 64, 65, 100, 1000, 5000] {
            for modulus in [2, 10, 1 << 30] {
                check((0..n).map(|_| lcg(&mut seed) % modulus).collect());
            }
            check((0..n as u64).collect());
            check((0..n as u64).rev().collect());
            check((0..n as u64).map(|i| (i * 7919) % 97 + (i / 50) * 100).collect());
        }
    }

    #[test]
    fn failure_leaves_a_permutation() {
        let mut seed = 3;
        let original: Vec<u64> = (0..2000).map(|_| lcg(&mut seed) % 1000).collect();
        let mut expected = original.clone();
        expected.sort();
        for limit in [5, 100, 700, 3000, 9000] {
            let mut v = original.clone();
            let mut count = 0;
            let tmp = Vec::with_capacity(scratch_len(v.len()));
            let r = sort(&mut v, tmp, &mut |a: u64, b: u64| {
                count += 1;
                if count > limit {
                    Err(())
                } else {
                    Ok(a < b)
                }
            });
            assert!(r.is_err());
            v.sort();
            assert_eq!(v, expected);
        }
    }
}
