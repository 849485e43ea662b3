//! Turns `data/names.txt` (one `NAME<TAB>HEX` line per character, in code
//! point order) into the binary tables `names` searches at run time, so that
//! the first `\N{...}` or `unicodedata.name()` builds nothing (a hash map of
//! every name cost ~17M instructions at first use).
//!
//! Output, all little-endian, in OUT_DIR:
//! - `names.blob`: the names concatenated, in code point order;
//! - `names.offsets`: u32 start of each name in the blob, plus the blob's length;
//! - `names.cps`: u32 code point of each name (ascending);
//! - `names.by_name`: u16 index of each name, sorted by name.

use std::path::PathBuf;

fn main() {
    let src = "data/names.txt";
    println!("cargo:rerun-if-changed={src}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(src).expect("data/names.txt");
    let mut entries: Vec<(&str, u32)> = Vec::new();
    for line in text.lines() {
        let (name, hex) = line.split_once('\t').expect("NAME<TAB>HEX");
        let cp = u32::from_str_radix(hex, 16).expect("a hexadecimal code point");
        assert!(name.is_ascii() && name == name.to_ascii_uppercase(), "names are upper-case ASCII: {name}");
        entries.push((name, cp));
    }
    assert!(entries.windows(2).all(|w| w[0].1 < w[1].1), "names.txt is in code point order");
    assert!(entries.len() < 1 << 16, "indices fit in u16");

    let mut blob = Vec::new();
    let mut offsets = Vec::new();
    let mut cps = Vec::new();
    for &(name, cp) in &entries {
        offsets.extend_from_slice(&(blob.len() as u32).to_le_bytes());
        blob.extend_from_slice(name.as_bytes());
        cps.extend_from_slice(&cp.to_le_bytes());
    }
    offsets.extend_from_slice(&(blob.len() as u32).to_le_bytes());
    let mut order: Vec<u16> = (0..entries.len() as u16).collect();
    order.sort_by_key(|&i| entries[i as usize].0);
    assert!(order.windows(2).all(|w| entries[w[0] as usize].0 != entries[w[1] as usize].0), "names are unique");
    let by_name: Vec<u8> = order.iter().flat_map(|i| i.to_le_bytes()).collect();

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    for (file, data) in
        [("names.blob", &blob), ("names.offsets", &offsets), ("names.cps", &cps), ("names.by_name", &by_name)]
    {
        std::fs::write(out.join(file), data).expect("write to OUT_DIR");
    }
}
