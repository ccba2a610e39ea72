//! Any `PATH=VALUE` override applied to the baseline.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok((path, value)) = aiadopt::scenario::split_override(text) {
            let _ = aiadopt::scenario::load("baseline", &[(path, value)]);
        }
    }
});
