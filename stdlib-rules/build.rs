//! Embeds every file under `rules/` (rule files and their test fixtures) so
//! the binary carries the bundled library and can eject it.

use std::fmt::Write as _;
use std::path::Path;

fn collect(dir: &Path, base: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .expect("rules/ is readable")
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, base, out);
        } else if p.is_file() {
            let rel = p.strip_prefix(base).expect("under base");
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

fn main() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&base, &base, &mut files);
    let mut code = String::from("pub static FILES: &[EmbeddedFile] = &[\n");
    for f in &files {
        let abs = base.join(f);
        writeln!(
            code,
            "    EmbeddedFile {{ path: {:?}, contents: include_str!({:?}) }},",
            f,
            abs.to_string_lossy()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("files.rs");
    std::fs::write(out, code).expect("write files.rs");
}
