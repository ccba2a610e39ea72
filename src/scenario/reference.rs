//! The reference of every scenario key and every reported figure, generated from the schema
//! and the reporters so that docs/SCENARIOS.md and docs/OUTPUT tables cannot drift.

use super::schema::Section;
use super::value::{Kind, Value, fmt_num};

fn default_text(v: &Option<Value>) -> String {
    match v {
        None => "required".into(),
        Some(Value::Float(x)) => fmt_num(*x),
        Some(Value::Int(i)) => i.to_string(),
        Some(Value::Bool(b)) => b.to_string(),
        Some(Value::Text(s)) if s.is_empty() => "\"\"".into(),
        Some(Value::Text(s)) => format!("\"{s}\""),
        Some(Value::Month(m)) => format!("\"{m}\""),
        Some(Value::OriginMap(m)) if m.is_empty() => "{}".into(),
        Some(Value::OriginMap(m)) => format!("{m:?}"),
    }
}

fn range_text(kind: &Kind) -> String {
    kind.describe().replace('|', "\\|")
}

/// Markdown tables of every key, section by section.
pub fn keys_markdown() -> String {
    let mut out = String::new();
    for section in Section::SINGLE.into_iter().chain(Section::ENTITIES) {
        let header = if Section::ENTITIES.contains(&section) {
            format!("[[{}]]", section.key())
        } else {
            format!("[{}]", section.key())
        };
        out.push_str(&format!("### `{header}`\n\n"));
        out.push_str("| key | unit | default | range | events | meaning |\n|---|---|---|---|---|---|\n");
        for f in section.field_info() {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} | {} |\n",
                f.key,
                f.unit,
                default_text(&f.default),
                range_text(&f.kind),
                if f.dynamic { "yes" } else { "no" },
                f.doc.replace('|', "\\|")
            ));
        }
        out.push('\n');
    }
    out
}
