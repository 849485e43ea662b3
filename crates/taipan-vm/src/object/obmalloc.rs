//! The small-object allocator (CPython's `Objects/obmalloc.c`, pymalloc):
//! every object block of 512 bytes or less comes from here, with no
//! per-block header.
//!
//! Memory is mapped from the OS in 256 KiB arenas, each cut into 16 KiB
//! pools; a pool serves one size class (16-byte steps up to 512 bytes), its
//! free blocks linked through their first word. Partly used pools of each
//! class sit on `usedpools`; emptied pools go back to their arena, and an
//! arena whose pools are all empty is unmapped (unless it is the last
//! usable one, so a loop that allocates and frees one object does not map
//! and unmap every time). Usable arenas are kept sorted by their number of
//! free pools, fewest first, and new pools come from the head: the most
//! used arenas fill up and the least used ones get a chance to empty.
//!
//! **Invariant:** one `Obmalloc` per interpreter, touched only by the
//! thread holding that interpreter's GIL (thread states point at it from
//! `ObjectState::allocator`). A pool's header names its allocator, so a
//! block is freed into the right one whatever thread state is current.
//! Allocations made with no interpreter's thread state (objects dropped
//! outside any interpreter, start-up before one exists) use the one
//! process-wide `shared` allocator, behind a mutex. Allocators are never
//! freed (objects that outlive their interpreter, immortal ones above all,
//! keep their pools), only their empty arenas.
//!
//! `PYTHONMALLOC=malloc` (or `malloc_debug`, `debug`) makes every block
//! come from the system allocator instead, decided once per process, so
//! valgrind and ASan see each object.

use std::cell::UnsafeCell;
use std::ptr;
use std::sync::OnceLock;

/// Blocks are aligned to, and size classes step by, 16 bytes.
pub(crate) const ALIGNMENT: usize = 16;
/// The largest block served here (CPython's `SMALL_REQUEST_THRESHOLD`).
pub(crate) const SMALL_REQUEST_THRESHOLD: usize = 512;
pub(crate) const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD / ALIGNMENT;
pub(crate) const POOL_SIZE: usize = 16 * 1024;
pub(crate) const ARENA_SIZE: usize = 256 * 1024;
const _: () = assert!(POOL_SIZE <= u16::MAX as usize);
const POOLS_PER_ARENA: u32 = (ARENA_SIZE / POOL_SIZE) as u32;
/// The pool header, rounded up to the block alignment: blocks start there.
const POOL_OVERHEAD: usize = std::mem::size_of::<PoolHeader>().div_ceil(ALIGNMENT) * ALIGNMENT;
/// No arena (the end of an arena list).
const NONE: u32 = u32::MAX;
/// `szidx` of a pool that never served a class.
const NO_CLASS: u32 = u32::MAX;

/// The block size of size class `class`.
#[inline(always)]
pub(crate) const fn class_size(class: usize) -> usize {
    (class + 1) * ALIGNMENT
}

/// Blocks of class `class` that fit in one pool.
const fn blocks_per_pool(class: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) / class_size(class)
}

/// The header at the start of each pool (CPython's `pool_header`).
#[repr(C)]
struct PoolHeader {
    /// Blocks in use.
    count: u32,
    /// The size class served, `NO_CLASS` if none yet.
    szidx: u32,
    /// Head of the free blocks' list (never null while on `usedpools`).
    freeblock: *mut u8,
    /// Links on `usedpools[szidx]` (both) or an arena's free pools (next).
    nextpool: *mut PoolHeader,
    prevpool: *mut PoolHeader,
    /// The allocator the pool belongs to (`SHARED` takes its lock).
    owner: *const Obmalloc,
    /// The arena in the owner's table.
    arenaindex: u32,
    /// Offset of the next never-used block, and the last offset one fits
    /// at (a pool is 16 KiB).
    nextoffset: u16,
    maxnextoffset: u16,
}

const _: () = assert!(POOL_OVERHEAD == 48);

/// One arena (CPython's `arena_object`): the mapped memory, if any, and
/// its place on the list of usable arenas.
struct ArenaObject {
    /// Start of the mapping, 0 if the entry is unused.
    address: usize,
    /// The next never-used pool.
    pool_address: usize,
    nfreepools: u32,
    ntotalpools: u32,
    /// Emptied pools, linked through `nextpool`.
    freepools: *mut PoolHeader,
    /// `usable_arenas` links (unused entries link through `nextarena`).
    nextarena: u32,
    prevarena: u32,
}

struct State {
    /// Partly used pools of each class, most recently touched first.
    usedpools: [*mut PoolHeader; NB_SMALL_SIZE_CLASSES],
    arenas: Vec<ArenaObject>,
    /// Unused entries of `arenas`.
    unused_arena_objects: u32,
    /// Arenas with a free pool, sorted by `nfreepools`, fewest first.
    usable_arenas: u32,
    /// For each count of free pools, the last arena of `usable_arenas`
    /// having it (CPython's `nfp2lasta`): re-sorting an arena is O(1).
    nfp2lasta: [u32; POOLS_PER_ARENA as usize + 1],
    arenas_allocated_total: u64,
    arenas_reclaimed: u64,
    arenas_highwater: u64,
    arenas_current: u64,
}

/// The allocator of one interpreter (or the shared one).
pub(crate) struct Obmalloc {
    state: UnsafeCell<State>,
}

/// The process-wide allocator for allocations made outside any
/// interpreter, and the lock that serialises it.
struct SharedAllocator(Obmalloc);
// SAFETY: the shared allocator's state is only touched with SHARED_LOCK held.
unsafe impl Sync for SharedAllocator {}
static SHARED: SharedAllocator = SharedAllocator(Obmalloc::new());
static SHARED_LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());

impl Obmalloc {
    const fn new() -> Obmalloc {
        Obmalloc {
            state: UnsafeCell::new(State {
                usedpools: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
                arenas: Vec::new(),
                unused_arena_objects: NONE,
                usable_arenas: NONE,
                nfp2lasta: [NONE; POOLS_PER_ARENA as usize + 1],
                arenas_allocated_total: 0,
                arenas_reclaimed: 0,
                arenas_highwater: 0,
                arenas_current: 0,
            }),
        }
    }

    /// A new allocator for an interpreter; it lives as long as the process
    /// (objects may outlive their interpreter), null under `PYTHONMALLOC=malloc`.
    pub(crate) fn for_interpreter() -> *const Obmalloc {
        if !use_pymalloc() {
            return ptr::null();
        }
        Box::leak(Box::new(Obmalloc::new()))
    }

    /// A block of size class `class`, null if the OS has no memory left.
    ///
    /// # Safety
    /// The caller holds the GIL of the allocator's interpreter (or the
    /// shared lock), and `class < NB_SMALL_SIZE_CLASSES`.
    #[inline(always)]
    pub(crate) unsafe fn alloc(&self, class: usize) -> *mut u8 {
        // SAFETY: guaranteed by the caller: no other access to the state.
        unsafe {
            let st = &mut *self.state.get();
            let pool = *st.usedpools.get_unchecked(class);
            if pool.is_null() {
                return self.alloc_from_new_pool(class);
            }
            (*pool).count += 1;
            let bp = (*pool).freeblock;
            let next = *bp.cast::<*mut u8>();
            (*pool).freeblock = next;
            if next.is_null() {
                self.pool_extend(pool, class);
            }
            bp
        }
    }

    /// The pool's free list ran out: take a never-used block, or unlink
    /// the full pool.
    #[cold]
    unsafe fn pool_extend(&self, pool: *mut PoolHeader, class: usize) {
        // SAFETY: as `alloc`; `pool` is on `usedpools[class]`.
        unsafe {
            let p = &mut *pool;
            if p.nextoffset <= p.maxnextoffset {
                let bp = pool.cast::<u8>().add(p.nextoffset as usize);
                p.nextoffset += class_size(class) as u16;
                *bp.cast::<*mut u8>() = ptr::null_mut();
                p.freeblock = bp;
                return;
            }
            let st = &mut *self.state.get();
            unlink_used(st, pool, class);
        }
    }

    /// No partly used pool of `class`: take an empty one from the most
    /// used usable arena (mapping a new arena if there is none).
    #[cold]
    #[inline(never)]
    unsafe fn alloc_from_new_pool(&self, class: usize) -> *mut u8 {
        // SAFETY: as `alloc`.
        unsafe {
            let st = &mut *self.state.get();
            if st.usable_arenas == NONE {
                let Some(a) = new_arena(st) else { return ptr::null_mut() };
                st.usable_arenas = a;
                let ao = &mut st.arenas[a as usize];
                ao.nextarena = NONE;
                ao.prevarena = NONE;
                st.nfp2lasta[ao.nfreepools as usize] = a;
            }
            let a = st.usable_arenas;
            let nf = st.arenas[a as usize].nfreepools;
            // The head arena loses a free pool: it stays the head (the list
            // is sorted ascending), so only the counts' last entries move.
            if st.nfp2lasta[nf as usize] == a {
                st.nfp2lasta[nf as usize] = NONE;
            }
            if nf > 1 {
                st.nfp2lasta[nf as usize - 1] = a;
            }
            let ao = &mut st.arenas[a as usize];
            let pool = if !ao.freepools.is_null() {
                let pool = ao.freepools;
                ao.freepools = (*pool).nextpool;
                pool
            } else {
                let pool = ao.pool_address as *mut PoolHeader;
                ao.pool_address += POOL_SIZE;
                ptr::write(
                    pool,
                    PoolHeader {
                        count: 0,
                        szidx: NO_CLASS,
                        freeblock: ptr::null_mut(),
                        nextpool: ptr::null_mut(),
                        prevpool: ptr::null_mut(),
                        arenaindex: a,
                        nextoffset: 0,
                        maxnextoffset: 0,
                        owner: self,
                    },
                );
                pool
            };
            ao.nfreepools -= 1;
            if ao.nfreepools == 0 {
                let next = ao.nextarena;
                st.usable_arenas = next;
                if next != NONE {
                    st.arenas[next as usize].prevarena = NONE;
                }
            }
            // Link at the head of the class's used pools.
            let p = &mut *pool;
            p.prevpool = ptr::null_mut();
            p.nextpool = st.usedpools[class];
            if !p.nextpool.is_null() {
                (*p.nextpool).prevpool = pool;
            }
            st.usedpools[class] = pool;
            p.count = 1;
            if p.szidx as usize == class {
                // It served this class before: its free list is intact.
                let bp = p.freeblock;
                p.freeblock = *bp.cast::<*mut u8>();
                if p.freeblock.is_null() {
                    self.pool_extend(pool, class);
                }
                return bp;
            }
            let size = class_size(class);
            p.szidx = class as u32;
            let bp = pool.cast::<u8>().add(POOL_OVERHEAD);
            p.nextoffset = (POOL_OVERHEAD + 2 * size) as u16;
            p.maxnextoffset = (POOL_SIZE - size) as u16;
            p.freeblock = bp.add(size);
            *p.freeblock.cast::<*mut u8>() = ptr::null_mut();
            bp
        }
    }

    /// A pool that was full got a free block back: it serves its class again.
    #[cold]
    unsafe fn pool_was_full(&self, pool: *mut PoolHeader) {
        // SAFETY: as `free`.
        unsafe {
            let st = &mut *self.state.get();
            let class = (*pool).szidx as usize;
            (*pool).prevpool = ptr::null_mut();
            (*pool).nextpool = st.usedpools[class];
            if !(*pool).nextpool.is_null() {
                (*(*pool).nextpool).prevpool = pool;
            }
            st.usedpools[class] = pool;
        }
    }

    /// A pool's last block came back: give the pool to its arena, and the
    /// arena to the OS if all its pools are free (CPython's `insert_to_freepool`).
    #[cold]
    #[inline(never)]
    unsafe fn pool_emptied(&self, pool: *mut PoolHeader) {
        // SAFETY: as `free`.
        unsafe {
            let st = &mut *self.state.get();
            unlink_used(st, pool, (*pool).szidx as usize);
            let a = (*pool).arenaindex;
            let ao = &mut st.arenas[a as usize];
            (*pool).nextpool = ao.freepools;
            ao.freepools = pool;
            let nf = ao.nfreepools;
            let (prev, next, total) = (ao.prevarena, ao.nextarena, ao.ntotalpools);
            // The last arena with `nf` free pools before this one moves on.
            let lastnf = st.nfp2lasta[nf as usize];
            if lastnf == a {
                st.nfp2lasta[nf as usize] =
                    if prev != NONE && st.arenas[prev as usize].nfreepools == nf { prev } else { NONE };
            }
            let nf = nf + 1;
            st.arenas[a as usize].nfreepools = nf;
            if nf == total && next != NONE {
                // Entirely free and not the last usable arena: unmap it.
                unlink_usable(st, a);
                release_arena(st, a);
                return;
            }
            if nf == 1 {
                // It was full, so not on the list: it goes first (fewest free).
                let head = st.usable_arenas;
                let ao = &mut st.arenas[a as usize];
                ao.nextarena = head;
                ao.prevarena = NONE;
                if head != NONE {
                    st.arenas[head as usize].prevarena = a;
                }
                st.usable_arenas = a;
                if st.nfp2lasta[1] == NONE {
                    st.nfp2lasta[1] = a;
                }
                return;
            }
            if st.nfp2lasta[nf as usize] == NONE {
                st.nfp2lasta[nf as usize] = a;
            }
            if lastnf == a {
                // Already after every arena with fewer free pools.
                return;
            }
            // Move it right, just after the last arena that had as many
            // free pools as it had.
            unlink_usable(st, a);
            let after = lastnf;
            let next = st.arenas[after as usize].nextarena;
            let ao = &mut st.arenas[a as usize];
            ao.prevarena = after;
            ao.nextarena = next;
            if next != NONE {
                st.arenas[next as usize].prevarena = a;
            }
            st.arenas[after as usize].nextarena = a;
        }
    }
}

/// Take a pool off its class's used list.
///
/// # Safety
/// `pool` is on `st.usedpools[class]`.
unsafe fn unlink_used(st: &mut State, pool: *mut PoolHeader, class: usize) {
    // SAFETY: guaranteed by the caller; linked pools are live headers.
    unsafe {
        let (prev, next) = ((*pool).prevpool, (*pool).nextpool);
        if prev.is_null() {
            st.usedpools[class] = next;
        } else {
            (*prev).nextpool = next;
        }
        if !next.is_null() {
            (*next).prevpool = prev;
        }
    }
}

/// Take an arena off `usable_arenas` (its `nfp2lasta` entries already fixed).
fn unlink_usable(st: &mut State, a: u32) {
    let (prev, next) = (st.arenas[a as usize].prevarena, st.arenas[a as usize].nextarena);
    if prev == NONE {
        st.usable_arenas = next;
    } else {
        st.arenas[prev as usize].nextarena = next;
    }
    if next != NONE {
        st.arenas[next as usize].prevarena = prev;
    }
}

/// Map a new arena; its entry in `arenas`, None if the OS refuses.
fn new_arena(st: &mut State) -> Option<u32> {
    if st.unused_arena_objects == NONE {
        let old = st.arenas.len();
        let grow = old.max(16);
        st.arenas.try_reserve(grow).ok()?;
        for i in old..old + grow {
            st.arenas.push(ArenaObject {
                address: 0,
                pool_address: 0,
                nfreepools: 0,
                ntotalpools: 0,
                freepools: ptr::null_mut(),
                nextarena: if i + 1 < old + grow { (i + 1) as u32 } else { NONE },
                prevarena: NONE,
            });
        }
        st.unused_arena_objects = old as u32;
    }
    let base = map_arena()?;
    let a = st.unused_arena_objects;
    let ao = &mut st.arenas[a as usize];
    st.unused_arena_objects = ao.nextarena;
    ao.address = base;
    ao.pool_address = base;
    ao.nfreepools = POOLS_PER_ARENA;
    ao.ntotalpools = POOLS_PER_ARENA;
    ao.freepools = ptr::null_mut();
    st.arenas_allocated_total += 1;
    st.arenas_current += 1;
    st.arenas_highwater = st.arenas_highwater.max(st.arenas_current);
    Some(a)
}

/// Unmap an arena whose pools are all free and mark its entry unused.
fn release_arena(st: &mut State, a: u32) {
    let ao = &mut st.arenas[a as usize];
    unmap(ao.address, ARENA_SIZE);
    ao.address = 0;
    ao.freepools = ptr::null_mut();
    ao.nextarena = st.unused_arena_objects;
    ao.prevarena = NONE;
    st.unused_arena_objects = a;
    st.arenas_current -= 1;
    st.arenas_reclaimed += 1;
}

/// `ARENA_SIZE` bytes from the OS, aligned to `POOL_SIZE` (so a block's
/// pool is its address rounded down): a larger mapping trimmed at both ends.
fn map_arena() -> Option<usize> {
    let len = ARENA_SIZE + POOL_SIZE;
    // SAFETY: an anonymous private mapping touches no existing memory.
    let p = unsafe {
        libc::mmap(
            ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return None;
    }
    let start = p as usize;
    let aligned = start.next_multiple_of(POOL_SIZE);
    if aligned > start {
        unmap(start, aligned - start);
    }
    let end = aligned + ARENA_SIZE;
    if start + len > end {
        unmap(end, start + len - end);
    }
    Some(aligned)
}

fn unmap(addr: usize, len: usize) {
    // SAFETY: the range is part of a mapping made by `map_arena` that no
    // block is in use in any more.
    unsafe { libc::munmap(addr as *mut libc::c_void, len) };
}

/// Free a block from `Obmalloc::alloc`.
///
/// # Safety
/// `p` came from `alloc` of a live allocator and is no longer used; the
/// caller holds the GIL of the pool's interpreter (the shared allocator
/// takes its lock here).
#[inline(always)]
pub(crate) unsafe fn free(p: *mut u8) {
    let pool = (p as usize & !(POOL_SIZE - 1)) as *mut PoolHeader;
    // SAFETY: the block lies in a pool of a live arena, whose header is
    // initialized; see the function's contract.
    unsafe {
        if ptr::eq((*pool).owner, &SHARED.0) {
            return free_shared(pool, p);
        }
        free_in(pool, p)
    }
}

#[inline(always)]
unsafe fn free_in(pool: *mut PoolHeader, p: *mut u8) {
    // SAFETY: as `free`.
    unsafe {
        let last = (*pool).freeblock;
        *p.cast::<*mut u8>() = last;
        (*pool).freeblock = p;
        (*pool).count -= 1;
        if last.is_null() {
            // A pool holds at least two blocks, so it is not empty now.
            return (*(*pool).owner).pool_was_full(pool);
        }
        if (*pool).count == 0 {
            (*(*pool).owner).pool_emptied(pool);
        }
    }
}

#[cold]
unsafe fn free_shared(pool: *mut PoolHeader, p: *mut u8) {
    let _guard = SHARED_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: as `free`, with the shared lock held.
    unsafe { free_in(pool, p) }
}

/// A block of class `class` from the shared allocator (no interpreter's
/// thread state is current), null if the OS has no memory left.
#[cold]
pub(crate) fn alloc_shared(class: usize) -> *mut u8 {
    let _guard = SHARED_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    // SAFETY: the shared lock serialises every use of SHARED.
    unsafe { SHARED.0.alloc(class) }
}

/// Do object blocks come from pymalloc (not `PYTHONMALLOC=malloc`)?
/// Read once per process, before the first object is allocated.
#[inline(always)]
pub(crate) fn use_pymalloc() -> bool {
    static USE: OnceLock<bool> = OnceLock::new();
    *USE.get_or_init(|| {
        let v = std::env::var_os("PYTHONMALLOC");
        !matches!(v.as_deref().and_then(|s| s.to_str()), Some("malloc" | "malloc_debug" | "debug"))
    })
}

/// One size class as `sys._debugmallocstats` shows it.
#[derive(Clone, Copy, Default)]
pub(crate) struct ClassStats {
    pub pools: u64,
    pub in_use: u64,
    pub avail: u64,
}

/// The arena and pool statistics of one allocator.
pub(crate) struct MallocStats {
    pub classes: [ClassStats; NB_SMALL_SIZE_CLASSES],
    pub arenas_allocated_total: u64,
    pub arenas_reclaimed: u64,
    pub arenas_highwater: u64,
    pub arenas_current: u64,
    /// Empty pools, carved or not, in the mapped arenas.
    pub unused_pools: u64,
}

impl Obmalloc {
    /// Walk the arenas (CPython's `_PyObject_DebugMallocStats`).
    ///
    /// # Safety
    /// As `alloc`: no allocation runs meanwhile.
    pub(crate) unsafe fn stats(&self) -> MallocStats {
        // SAFETY: guaranteed by the caller; read only.
        let st = unsafe { &*self.state.get() };
        let mut out = MallocStats {
            classes: [ClassStats::default(); NB_SMALL_SIZE_CLASSES],
            arenas_allocated_total: st.arenas_allocated_total,
            arenas_reclaimed: st.arenas_reclaimed,
            arenas_highwater: st.arenas_highwater,
            arenas_current: st.arenas_current,
            unused_pools: 0,
        };
        for ao in st.arenas.iter().filter(|ao| ao.address != 0) {
            out.unused_pools += u64::from(ao.nfreepools);
            let mut p = ao.address;
            while p < ao.pool_address {
                // SAFETY: carved pools have initialized headers.
                let pool = unsafe { &*(p as *const PoolHeader) };
                if pool.count > 0 {
                    let c = &mut out.classes[pool.szidx as usize];
                    c.pools += 1;
                    c.in_use += u64::from(pool.count);
                    c.avail += (blocks_per_pool(pool.szidx as usize) - pool.count as usize) as u64;
                }
                p += POOL_SIZE;
            }
        }
        out
    }
}

/// Bytes of a pool's header, as the statistics count them.
pub(crate) const POOL_HEADER_BYTES: usize = POOL_OVERHEAD;

/// Bytes lost to rounding in one pool of `class`.
pub(crate) const fn pool_quantization(class: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) % class_size(class)
}
