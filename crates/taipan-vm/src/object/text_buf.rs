//! The character buffer of a str whose text does not fit in the object
//! (longer than the inline form, or not ASCII): a block of the interpreter's
//! small-object pools when it is at most 512 bytes, as CPython's
//! `PyObject_Malloc` serves a str's block, else the system allocator.
//! Making and freeing a pool block is a free-list pop and push, where the
//! system allocator's `malloc`/`free` pair costs several times as much.

use std::alloc::Layout;
use std::marker::PhantomData;
use std::ptr::NonNull;

use super::{alloc_block, free_block, small_layout};

/// The code units a buffer can hold: plain integers, for which all-zero
/// bytes are a valid value.
pub(crate) trait TextUnit: Copy + 'static {}

impl TextUnit for u8 {}
impl TextUnit for u16 {}
impl TextUnit for u32 {}

/// An owned array of `len` code units, fixed in size once made.
pub(crate) struct TextBuf<T: TextUnit> {
    ptr: NonNull<T>,
    len: usize,
    /// Pool blocks are touched only under their interpreter's GIL, so a
    /// buffer stays on the thread that made it (the raw pointer makes the
    /// type neither `Send` nor `Sync`).
    _owned: PhantomData<*mut T>,
}

const _: () = assert!(std::mem::size_of::<TextBuf<u8>>() == 16);

impl<T: TextUnit> TextBuf<T> {
    fn layout(len: usize) -> Layout {
        Layout::array::<T>(len).unwrap_or_else(|_| capacity_overflow())
    }

    /// A buffer of `len` zero units; None when the system allocator cannot
    /// give that much memory (a length a program chose).
    pub(crate) fn try_zeroed(len: usize) -> Option<TextBuf<T>> {
        if len == 0 {
            return Some(TextBuf { ptr: NonNull::dangling(), len: 0, _owned: PhantomData });
        }
        let layout = Layout::array::<T>(len).ok()?;
        let p = if small_layout(layout).is_some() {
            // SAFETY: the layout is non-zero-sized; a pool block is never
            // null and is zeroed here before it is read.
            unsafe {
                let p = alloc_block(layout);
                std::ptr::write_bytes(p, 0, layout.size());
                p
            }
        } else {
            // SAFETY: the layout is non-zero-sized; `free_block` gives a
            // layout too large for the pools back to the system allocator.
            unsafe { std::alloc::alloc_zeroed(layout) }
        };
        let ptr = NonNull::new(p.cast::<T>())?;
        Some(TextBuf { ptr, len, _owned: PhantomData })
    }

    /// A buffer of `len` zero units.
    pub(crate) fn zeroed(len: usize) -> TextBuf<T> {
        TextBuf::try_zeroed(len).unwrap_or_else(|| std::alloc::handle_alloc_error(TextBuf::<T>::layout(len)))
    }

    /// A copy of `units`.
    pub(crate) fn from_slice(units: &[T]) -> TextBuf<T> {
        let len = units.len();
        if len == 0 {
            return TextBuf { ptr: NonNull::dangling(), len: 0, _owned: PhantomData };
        }
        let layout = TextBuf::<T>::layout(len);
        // SAFETY: the layout is non-zero-sized and `alloc_block` never
        // returns null; the copy initializes all `len` units before the
        // buffer is visible.
        unsafe {
            let p = alloc_block(layout).cast::<T>();
            std::ptr::copy_nonoverlapping(units.as_ptr(), p, len);
            TextBuf { ptr: NonNull::new_unchecked(p), len, _owned: PhantomData }
        }
    }

    /// The units of `iter`, which yields exactly `len` of them (units it
    /// does not give stay zero; more are ignored).
    pub(crate) fn from_units(len: usize, iter: impl Iterator<Item = T>) -> TextBuf<T> {
        let mut b = TextBuf::zeroed(len);
        for (o, u) in b.as_mut_slice().iter_mut().zip(iter) {
            *o = u;
        }
        b
    }

    #[inline]
    pub(crate) fn as_slice(&self) -> &[T] {
        // SAFETY: `ptr` holds `len` initialized units (or is dangling with
        // `len` 0), owned by this buffer.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }

    #[inline]
    pub(crate) fn as_mut_slice(&mut self) -> &mut [T] {
        // SAFETY: as `as_slice`; `&mut self` makes the access unique.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

impl<T: TextUnit> Drop for TextBuf<T> {
    #[inline]
    fn drop(&mut self) {
        if self.len != 0 {
            self.free();
        }
    }
}

impl<T: TextUnit> TextBuf<T> {
    /// Out of line, so that dropping a str whose text is in the object
    /// (the common case) stays a few instructions.
    #[inline(never)]
    fn free(&mut self) {
        // SAFETY: the block came from `alloc_block` (or, too large for the
        // pools, the system allocator, where `free_block` returns it) with
        // this layout, and nothing uses it after this.
        unsafe { free_block(self.ptr.as_ptr().cast(), TextBuf::<T>::layout(self.len)) }
    }
}

impl<T: TextUnit> Clone for TextBuf<T> {
    fn clone(&self) -> TextBuf<T> {
        TextBuf::from_slice(self.as_slice())
    }
}

#[cold]
fn capacity_overflow() -> ! {
    panic!("capacity overflow")
}
