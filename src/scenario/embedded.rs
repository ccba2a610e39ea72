//! The scenarios shipped inside the binary, so `aiadopt run` works from any folder.

/// A shipped scenario file.
#[derive(Clone, Copy, Debug)]
pub struct Shipped {
    /// File name under `scenarios/`, e.g. `baseline.toml`.
    pub file: &'static str,
    pub text: &'static str,
}

macro_rules! shipped {
    ($($file:literal),* $(,)?) => {
        &[$(Shipped { file: $file, text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios/", $file)) }),*]
    };
}

pub const SHIPPED: &[Shipped] = shipped![
    "baseline.toml",
    "export-controls.toml",
    "price-war.toml",
    "sovereignty-push.toml",
    "security-bans.toml",
    "open-stall.toml",
];

/// Finds a shipped scenario by name, with or without `.toml`.
pub fn find(name: &str) -> Option<Shipped> {
    let file = name.strip_suffix(".toml").unwrap_or(name);
    SHIPPED.iter().copied().find(|s| s.file.strip_suffix(".toml") == Some(file))
}

pub fn names() -> Vec<&'static str> {
    SHIPPED.iter().map(|s| s.file.trim_end_matches(".toml")).collect()
}

/// The first sentence of the scenario's leading comment: what it is for.
pub fn summary(shipped: &Shipped) -> String {
    let paragraph: Vec<&str> = shipped
        .text
        .lines()
        .map(str::trim)
        .take_while(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    let text = paragraph.join(" ");
    match text.find(". ") {
        Some(end) => text[..=end].to_string(),
        None => text,
    }
}
