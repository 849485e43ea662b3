//! `_heapq` (CPython's `Modules/_heapqmodule.c`): the heap queue algorithm
//! on a list. Items are compared with `<` (Python code), so every step
//! re-reads the list and checks that a comparison did not change its size
//! ("list changed size during iteration").

use taipan_vm::api::types::{CompareOp, MethodDef};
use taipan_vm::api::{dict, list, module, Obj, PyResult, Vm};

use crate::support::positional_in;

const DOC: &str = "Heap queue algorithm (a.k.a. priority queue).\n\nHeaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for\nall k, counting elements from 0.  For the sake of comparison,\nnon-existing elements are considered to be infinite.  The interesting\nproperty of a heap is that a[0] is always its smallest element.\n\nUsage:\n\nheap = []            # creates an empty heap\nheappush(heap, item) # pushes a new item on the heap\nitem = heappop(heap) # pops the smallest item from the heap\nitem = heap[0]       # smallest item on the heap without popping it\nheapify(x)           # transforms list into a heap, in-place, in linear time\nitem = heapq.heapreplace(heap, item) # pops and returns smallest item, and adds\n                               # new item; the heap size is unchanged\n\nOur API differs from textbook heap algorithms as follows:\n\n- We use 0-based indexing.  This makes the relationship between the\n  index for a node and the indexes for its children slightly less\n  obvious, but is more suitable since Python uses 0-based indexing.\n\n- Our heappop() method returns the smallest item, not the largest.\n\nThese two make it possible to view the heap as a regular Python list\nwithout surprises: heap[0] is the smallest item, and heap.sort()\nmaintains the heap invariant!\n";

/// Argument Clinic's `list` converter: "f() argument 1 must be list, not T"
/// (`argument` alone for a one-argument function).
fn check_list(vm: &Vm, heap: &Obj, name: &str, one_arg: bool) -> PyResult<()> {
    if !list::is_list(heap) {
        let t = if vm.is_none(heap) { "None".to_string() } else { heap.class().name().to_string() };
        let which = if one_arg { "argument" } else { "argument 1" };
        return Err(vm.type_error(format!("{name}() {which} must be list, not {t}")));
    }
    Ok(())
}

/// The one argument of a METH_O function, with its "_heapq.f()" errors.
fn single(vm: &Vm, name: &str, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    if k.is_some_and(|k| taipan_vm::api::tuple::len(k) > 0) {
        return Err(vm.type_error(format!("_heapq.{name}() takes no keyword arguments")));
    }
    match a {
        [x] => Ok(x.clone()),
        _ => Err(vm.type_error(format!("_heapq.{name}() takes exactly one argument ({} given)", a.len()))),
    }
}

fn item(vm: &Vm, heap: &Obj, i: usize) -> PyResult<Obj> {
    list::get(heap, i).ok_or_else(|| vm.index_error("list index out of range"))
}

fn changed(vm: &Vm) -> taipan_vm::api::PyErr {
    vm.runtime_error("list changed size during iteration")
}

/// `a < b` for the min-heap, `b < a` for the max-heap.
fn less(vm: &Vm, a: &Obj, b: &Obj, max: bool) -> PyResult<bool> {
    if max {
        vm.rich_compare_bool(b, a, CompareOp::Lt)
    } else {
        vm.rich_compare_bool(a, b, CompareOp::Lt)
    }
}

fn swap(heap: &Obj, i: usize, j: usize) {
    if let (Some(a), Some(b)) = (list::get(heap, i), list::get(heap, j)) {
        list::set(heap, i, b);
        list::set(heap, j, a);
    }
}

/// Move the item at `pos` up towards `start` while it is smaller than its parent.
fn siftdown(vm: &Vm, heap: &Obj, start: usize, mut pos: usize, max: bool) -> PyResult<()> {
    let size = list::len(heap);
    if pos >= size {
        return Err(vm.index_error("list index out of range"));
    }
    while pos > start {
        let parentpos = (pos - 1) >> 1;
        let (newitem, parent) = (item(vm, heap, pos)?, item(vm, heap, parentpos)?);
        let lt = less(vm, &newitem, &parent, max)?;
        if size != list::len(heap) {
            return Err(changed(vm));
        }
        if !lt {
            break;
        }
        swap(heap, parentpos, pos);
        pos = parentpos;
    }
    Ok(())
}

/// Move the smaller child up until a leaf, then sift the item back down.
fn siftup(vm: &Vm, heap: &Obj, mut pos: usize, max: bool) -> PyResult<()> {
    let end = list::len(heap);
    let start = pos;
    let limit = end >> 1;
    while pos < limit {
        let mut child = 2 * pos + 1;
        if child + 1 < end {
            let (a, b) = (item(vm, heap, child)?, item(vm, heap, child + 1)?);
            let lt = less(vm, &a, &b, max)?;
            if end != list::len(heap) {
                return Err(changed(vm));
            }
            if !lt {
                child += 1;
            }
        }
        swap(heap, child, pos);
        pos = child;
    }
    siftdown(vm, heap, start, pos, max)
}

fn heappush(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional_in(vm, "_heapq", "heappush", a, k, 2, 2)?;
    check_list(vm, &a[0], "heappush", false)?;
    list::append(vm, &a[0], a[1].clone())?;
    siftdown(vm, &a[0], 0, list::len(&a[0]) - 1, false)?;
    Ok(vm.none())
}

fn pop(vm: &Vm, a: &[Obj], k: Option<&Obj>, name: &str, max: bool) -> PyResult<Obj> {
    let heap = single(vm, name, a, k)?;
    check_list(vm, &heap, name, true)?;
    let Some(last) = list::pop(&heap) else {
        return Err(vm.index_error("index out of range"));
    };
    if list::len(&heap) == 0 {
        return Ok(last);
    }
    let top = item(vm, &heap, 0)?;
    list::set(&heap, 0, last);
    siftup(vm, &heap, 0, max)?;
    Ok(top)
}

fn replace(vm: &Vm, a: &[Obj], k: Option<&Obj>, name: &str, max: bool) -> PyResult<Obj> {
    let a = positional_in(vm, "_heapq", name, a, k, 2, 2)?;
    check_list(vm, &a[0], name, false)?;
    let Some(top) = list::get(&a[0], 0) else {
        return Err(vm.index_error("index out of range"));
    };
    list::set(&a[0], 0, a[1].clone());
    siftup(vm, &a[0], 0, max)?;
    Ok(top)
}

fn heappushpop(vm: &Vm, _m: &Obj, a: &[Obj], k: Option<&Obj>) -> PyResult<Obj> {
    let a = positional_in(vm, "_heapq", "heappushpop", a, k, 2, 2)?;
    let (heap, x) = (&a[0], &a[1]);
    check_list(vm, heap, "heappushpop", false)?;
    let Some(top) = list::get(heap, 0) else { return Ok(x.clone()) };
    if !vm.rich_compare_bool(&top, x, CompareOp::Lt)? {
        return Ok(x.clone());
    }
    let Some(top) = list::get(heap, 0) else {
        return Err(vm.index_error("index out of range"));
    };
    list::set(heap, 0, x.clone());
    siftup(vm, heap, 0, false)?;
    Ok(top)
}

fn heapify(vm: &Vm, a: &[Obj], k: Option<&Obj>, name: &str, max: bool) -> PyResult<Obj> {
    let heap = single(vm, name, a, k)?;
    check_list(vm, &heap, name, true)?;
    let n = list::len(&heap);
    for i in (0..n / 2).rev() {
        siftup(vm, &heap, i, max)?;
    }
    Ok(vm.none())
}

const FUNCTIONS: &[MethodDef] = &[
    MethodDef::static_("heappush", heappush),
    MethodDef::static_("heappushpop", heappushpop),
    MethodDef::static_("heappop", |vm, _, a, k| pop(vm, a, k, "heappop", false)),
    MethodDef::static_("heapreplace", |vm, _, a, k| replace(vm, a, k, "heapreplace", false)),
    MethodDef::static_("heapify", |vm, _, a, k| heapify(vm, a, k, "heapify", false)),
    MethodDef::static_("_heappop_max", |vm, _, a, k| pop(vm, a, k, "_heappop_max", true)),
    MethodDef::static_("_heapreplace_max", |vm, _, a, k| replace(vm, a, k, "_heapreplace_max", true)),
    MethodDef::static_("_heapify_max", |vm, _, a, k| heapify(vm, a, k, "_heapify_max", true)),
];

pub(crate) fn init(vm: &Vm) -> PyResult<Obj> {
    let m = module::new_module(vm, "_heapq");
    let d = module::module_dict(&m);
    dict::set_item_str(vm, &d, "__doc__", vm.new_str(DOC))?;
    dict::set_item_str(vm, &d, "__about__", vm.new_str(ABOUT))?;
    module::add_functions(vm, &m, "_heapq", FUNCTIONS);
    Ok(m)
}

const ABOUT: &str = "Heap queues\n\n[explanation by François Pinard]\n\nHeaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for\nall k, counting elements from 0.  For the sake of comparison,\nnon-existing elements are considered to be infinite.  The interesting\nproperty of a heap is that a[0] is always its smallest element.\n\nThe strange invariant above is meant to be an efficient memory\nrepresentation for a tournament.  The numbers below are `k', not a[k]:\n\n                                   0\n\n                  1                                 2\n\n          3               4                5               6\n\n      7       8       9       10      11      12      13      14\n\n    15 16   17 18   19 20   21 22   23 24   25 26   27 28   29 30\n\n\nIn the tree above, each cell `k' is topping `2*k+1' and `2*k+2'.  In\na usual binary tournament we see in sports, each cell is the winner\nover the two cells it tops, and we can trace the winner down the tree\nto see all opponents s/he had.  However, in many computer applications\nof such tournaments, we do not need to trace the history of a winner.\nTo be more memory efficient, when a winner is promoted, we try to\nreplace it by something else at a lower level, and the rule becomes\nthat a cell and the two cells it tops contain three different items,\nbut the top cell \"wins\" over the two topped cells.\n\nIf this heap invariant is protected at all time, index 0 is clearly\nthe overall winner.  The simplest algorithmic way to remove it and\nfind the \"next\" winner is to move some loser (let's say cell 30 in the\ndiagram above) into the 0 position, and then percolate this new 0 down\nthe tree, exchanging values, until the invariant is re-established.\nThis is clearly logarithmic on the total number of items in the tree.\nBy iterating over all items, you get an O(n ln n) sort.\n\nA nice feature of this sort is that you can efficiently insert new\nitems while the sort is going on, provided that the inserted items are\nnot \"better\" than the last 0'th element you extracted.  This is\nespecially useful in simulation contexts, where the tree holds all\nincoming events, and the \"win\" condition means the smallest scheduled\ntime.  When an event schedule other events for execution, they are\nscheduled into the future, so they can easily go into the heap.  So, a\nheap is a good structure for implementing schedulers (this is what I\nused for my MIDI sequencer :-).\n\nVarious structures for implementing schedulers have been extensively\nstudied, and heaps are good for this, as they are reasonably speedy,\nthe speed is almost constant, and the worst case is not much different\nthan the average case.  However, there are other representations which\nare more efficient overall, yet the worst cases might be terrible.\n\nHeaps are also very useful in big disk sorts.  You most probably all\nknow that a big sort implies producing \"runs\" (which are pre-sorted\nsequences, which size is usually related to the amount of CPU memory),\nfollowed by a merging passes for these runs, which merging is often\nvery cleverly organised[1].  It is very important that the initial\nsort produces the longest runs possible.  Tournaments are a good way\nto that.  If, using all the memory available to hold a tournament, you\nreplace and percolate items that happen to fit the current run, you'll\nproduce runs which are twice the size of the memory for random input,\nand much better for input fuzzily ordered.\n\nMoreover, if you output the 0'th item on disk and get an input which\nmay not fit in the current tournament (because the value \"wins\" over\nthe last output value), it cannot fit in the heap, so the size of the\nheap decreases.  The freed memory could be cleverly reused immediately\nfor progressively building a second heap, which grows at exactly the\nsame rate the first heap is melting.  When the first heap completely\nvanishes, you switch heaps and start a new run.  Clever and quite\neffective!\n\nIn a word, heaps are useful memory structures to know.  I use them in\na few applications, and I think it is good to keep a `heap' module\naround. :-)\n\n--------------------\n[1] The disk balancing algorithms which are current, nowadays, are\nmore annoying than clever, and this is a consequence of the seeking\ncapabilities of the disks.  On devices which cannot seek, like big\ntape drives, the story was quite different, and one had to be very\nclever to ensure (far in advance) that each tape movement will be the\nmost effective possible (that is, will best participate at\n\"progressing\" the merge).  Some tapes were even able to read\nbackwards, and this was also used to avoid the rewinding time.\nBelieve me, real good tape sorts were quite spectacular to watch!\nFrom all times, sorting has always been a Great Art! :-)\n";
