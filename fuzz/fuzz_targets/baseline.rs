//! A baseline file of arbitrary text: fingerprints or a clear error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = soc2_check::baseline::parse(std::path::Path::new("baseline.json"), text);
});
