//! Compiles the vendored libexpat 2.5.0 into a static library, configured as
//! CPython 3.11 configures its bundled copy: DTD and namespace support,
//! 1024 bytes of context, UTF-8 `XML_Char`.

fn main() {
    let lib = "expat/lib";
    for file in ["xmlparse.c", "xmlrole.c", "xmltok.c"] {
        println!("cargo:rerun-if-changed={lib}/{file}");
    }
    println!("cargo:rerun-if-changed=expat_config/expat_config.h");
    cc::Build::new()
        .include("expat_config")
        .include(lib)
        .define("HAVE_EXPAT_CONFIG_H", "1")
        .files(["xmlparse.c", "xmlrole.c", "xmltok.c"].map(|f| format!("{lib}/{f}")))
        .warnings(false)
        .compile("taipan_expat");
}
