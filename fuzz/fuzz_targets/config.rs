//! A `soc2-check.toml` of arbitrary text: a configuration or diagnostics,
//! never a panic. (It is read from the scanned repository, so anyone who
//! opens a pull request writes it.)
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = std::path::Path::new("/nonexistent/soc2-check.toml");
    let _ = soc2_check::config::parse(path, text);
});
