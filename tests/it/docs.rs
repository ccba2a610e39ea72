//! The generated parts of the docs match the code. Regenerate with
//! `AIADOPT_BLESS=1 cargo test --test it docs`.

use std::path::Path;

/// Checks (or with AIADOPT_BLESS=1 rewrites) the text between two markers in a doc file.
fn generated_block(file: &str, name: &str, expected: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let (begin, end) = (format!("<!-- {name}:begin -->\n"), format!("<!-- {name}:end -->"));
    let start = text.find(&begin).unwrap_or_else(|| panic!("{file} lacks the marker {begin}")) + begin.len();
    let stop = text[start..].find(&end).unwrap_or_else(|| panic!("{file} lacks the marker {end}")) + start;
    if std::env::var_os("AIADOPT_BLESS").is_some() {
        let updated = format!("{}{expected}{}", &text[..start], &text[stop..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        text[start..stop] == *expected,
        "{file}: the `{name}` block is stale; run AIADOPT_BLESS=1 cargo test --test it docs"
    );
}

#[test]
fn scenario_key_reference_is_current() {
    generated_block("docs/SCENARIOS.md", "keys", &aiadopt::scenario::reference::keys_markdown());
}

#[test]
fn output_reference_is_current() {
    generated_block("docs/OUTPUT.md", "reporters", &aiadopt::output::reporters_markdown());
}

#[test]
fn validation_report_is_current() {
    let settings = aiadopt::validate::Settings { quick: false };
    let v = aiadopt::validate::run(&settings, &|_| {}).expect("validation runs");
    assert_eq!(
        v.failures(),
        0,
        "validation checks fail: {:?}",
        v.checks.iter().filter(|c| c.verdict == aiadopt::validate::Verdict::Fail).collect::<Vec<_>>()
    );
    let md = aiadopt::validate::validation_md(&v, &settings);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/VALIDATION.md");
    if std::env::var_os("AIADOPT_BLESS").is_some() {
        std::fs::write(&path, &md).unwrap();
        return;
    }
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        current == md,
        "docs/VALIDATION.md is stale; run AIADOPT_BLESS=1 cargo test --release --test it docs (or copy validation.md from `aiadopt validate`)"
    );
}
