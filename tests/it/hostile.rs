//! Hostile input: arbitrary bytes, arbitrary TOML-like text, mutated shipped scenarios and
//! sweeps, and arbitrary parameter paths never make the readers panic; every refusal names a
//! place. Counts of cases are in docs/RELIABILITY.md.

use proptest::prelude::*;

use aiadopt::scenario::{self, ScenarioError, embedded};

/// Every refusal is a list of problems that each name a place (file:line:column or --set).
fn well_formed(result: Result<scenario::Scenario, ScenarioError>) {
    match result {
        Ok(_) => {}
        Err(ScenarioError::Invalid(d)) => {
            assert!(!d.is_empty());
            for problem in &d {
                assert!(problem.place.contains(':') || problem.place.contains("--set"), "{problem}");
                assert!(!problem.message.is_empty());
            }
        }
        Err(e) => panic!("unexpected error kind: {e}"),
    }
}

/// Text built from TOML's alphabet and the scenario's own keys, so that the reader gets past
/// the syntax check often enough to exercise validation.
fn toml_like() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "[simulation]\n",
        "[choice]\n",
        "[[regions]]\n",
        "[[vendors]]\n",
        "[[sectors]]\n",
        "[[events]]\n",
        "id = \"x\"\n",
        "id = \"india\"\n",
        "agents = ",
        "months = ",
        "noise = ",
        "price = ",
        "share = ",
        "date = \"2026-01\"\n",
        "start = \"2025-13\"\n",
        "extends = \"baseline.toml\"\n",
        "extends = \"self.toml\"\n",
        "set = { \"choice.noise\" = ",
        "ban = { origins = [\"cn\"] }\n",
        "trust = { us = ",
        "1",
        "-1",
        "0.5",
        "1e308",
        "nan",
        "inf",
        "\"text\"",
        "true",
        "[",
        "]",
        "{",
        "}",
        "=",
        "\n",
        ",",
        "\"",
        "#",
        " ",
        "99999999999999999999999",
        "open = true\n",
        "capability = 2\n",
        "origin = \"us\"\n",
    ]);
    prop::collection::vec(atoms, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic_the_scenario_reader(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        well_formed(scenario::from_str(&text, "fuzz"));
    }

    #[test]
    fn toml_like_text_never_panics_the_scenario_reader(text in toml_like()) {
        well_formed(scenario::from_str(&text, "fuzz"));
    }

    #[test]
    fn mutated_shipped_scenarios_never_panic(which in 0usize..6, cut in 0usize..20_000, len in 0usize..200, insert in toml_like()) {
        let original = embedded::SHIPPED[which % embedded::SHIPPED.len()].text;
        let start = cut.min(original.len());
        let end = (start + len).min(original.len());
        let (start, end) = (floor_char(original, start), floor_char(original, end));
        let mutated = format!("{}{}{}", &original[..start], insert, &original[end..]);
        well_formed(scenario::from_str(&mutated, "mutated"));
    }

    #[test]
    fn arbitrary_paths_and_values_never_panic(path in "[a-z._\\-0-9]{0,40}", value in "[a-z0-9.\\-\"e]{0,12}") {
        let result = scenario::load("baseline", &[(path.as_str(), value.as_str())]);
        well_formed(result);
    }

    #[test]
    fn arbitrary_sweep_files_never_panic(text in toml_like(), extra in "[a-z\\[\\]=\"., 0-9\n]{0,80}") {
        let sweep = format!("scenario = \"baseline\"\n[sweep]\ndesign = \"grid\"\n{text}{extra}");
        let _ = aiadopt::sweep::plan::from_text(&sweep, "fuzz.toml", "fuzz", std::path::Path::new("."));
    }
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[test]
fn duplicate_ids_and_deep_extends_chains_are_refused() {
    let dup = "extends = \"baseline.toml\"\n[[vendors]]\nid = \"new\"\norigin = \"us\"\nopen = false\nprice = 1\ncapability = 1\n[[vendors]]\nid = \"new\"\norigin = \"us\"\nopen = false\nprice = 1\ncapability = 1\n";
    let err = scenario::from_str(dup, "dup").unwrap_err().to_string();
    assert!(err.contains("duplicate id `new`"), "{err}");
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..20 {
        std::fs::write(tmp.path().join(format!("s{i}.toml")), format!("extends = \"s{}.toml\"\n", i + 1)).unwrap();
    }
    std::fs::write(tmp.path().join("s20.toml"), "extends = \"baseline.toml\"\n").unwrap();
    let err = scenario::load(&tmp.path().join("s0.toml").display().to_string(), &[]).unwrap_err().to_string();
    assert!(err.contains("levels of `extends`"), "{err}");
}
