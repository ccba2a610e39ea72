//! Any text given as a scenario file: the reader refuses or accepts, never panics or hangs.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = aiadopt::scenario::from_str(text, "fuzz");
    }
});
