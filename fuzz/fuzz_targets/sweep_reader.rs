//! Any text given as a sweep file (over the shipped baseline).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = aiadopt::sweep::plan::from_text(text, "fuzz.toml", "fuzz", std::path::Path::new("."));
    }
});
