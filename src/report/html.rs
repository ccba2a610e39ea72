//! `report.html` and `compare.html`: one self-contained file each (inline SVG and CSS, no
//! scripts, no network) that opens in any browser and prints well.

use std::fmt::Write;

use crate::scenario::{Change, SectorSet};

use super::data::{Measure, RunData};
use super::figures::{CHARTS, region_label, source_line, tipping_months, tipping_quantiles};

/// Escapes text for HTML.
pub fn esc(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// An SVG ready to inline: no XML prolog, and a viewBox so that it scales to the page.
pub fn inline_svg(svg: &str) -> String {
    let body = match svg.find("<svg") {
        Some(at) => &svg[at..],
        None => svg,
    };
    if body.contains("viewBox") {
        return body.to_string();
    }
    let attr = |name: &str| -> Option<String> {
        let head = &body[..body.find('>')?];
        let at = head.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = head[at..].find('"')? + at;
        Some(head[at..end].trim_end_matches("px").to_string())
    };
    match (attr("width"), attr("height")) {
        (Some(w), Some(h)) => body.replacen("<svg", &format!("<svg viewBox=\"0 0 {w} {h}\""), 1),
        _ => body.to_string(),
    }
}

pub const STYLE: &str = r#"
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; color: #1a1a1a; max-width: 1100px;
  margin: 2rem auto; padding: 0 1.5rem; line-height: 1.45; }
h1 { font-size: 1.9rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; margin-top: 2.2rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
p.lead { font-size: 1.1rem; color: #333; }
p.meta, .note { color: #555; font-size: 0.9rem; }
figure { margin: 1.5rem 0; page-break-inside: avoid; break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: #555; font-size: 0.9rem; margin-top: 0.3rem; }
table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.92rem; page-break-inside: auto; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.7rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th { background: #f3f3f3; }
tr { page-break-inside: avoid; break-inside: avoid; }
code { font-size: 0.88em; }
.headline { display: flex; gap: 1.2rem; flex-wrap: wrap; }
.headline div { border: 1px solid #ddd; border-radius: 6px; padding: 0.6rem 0.9rem; min-width: 14rem; }
.headline b { font-size: 1.4rem; display: block; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } a { color: inherit; } }
"#;

/// "54.2% (48.1–60.3)": median with the 5-95% range across seeds.
pub fn share_with_interval(p05: f64, p50: f64, p95: f64) -> String {
    format!("{:.1}% ({:.1}–{:.1})", p50 * 100.0, p05 * 100.0, p95 * 100.0)
}

fn tipping_text(data: &RunData, q: [Option<f64>; 3]) -> (String, String) {
    let month =
        |x: Option<f64>| x.map_or("not within horizon".to_string(), |m| data.date(m.round() as usize).to_string());
    let [low, median, high] = q;
    let range = match (low, high) {
        (None, _) => "not within horizon".to_string(),
        (Some(_), None) => format!("{} – later", month(low)),
        _ => format!("{} – {}", month(low), month(high)),
    };
    (month(median), range)
}

/// The caption under each chart.
fn caption(name: &str, measure: Measure) -> String {
    let m = measure.describe();
    match name {
        "open_share" => format!("World open-weight and proprietary shares of AI by {m}; median across seeds, shaded 5–95% range."),
        "open_share_by_region" => format!("Open-weight share by {m} in every region, same axes; median and 5–95% range."),
        "vendor_shares" => format!("Each vendor family's share of AI by {m}, world, mean across seeds; lighter tints are open-weight."),
        "origin_shares" => format!("Share of AI by {m} at the last month, by the origin of the vendor."),
        "adoption_by_region" => "Share of organisations using any AI vendor, by region; median and 5–95% range.".into(),
        "vendor_state" => "Capability (frontier = 1 at the start) and price per million tokens (log scale) of each vendor; dashed lines are closed models.".into(),
        "tipping" => format!("First month in which open-weight models carry more than half of AI by {m}; dot: median across seeds, line: 5–95% range."),
        _ => String::new(),
    }
}

/// The whole report of a run, with the charts' SVGs (by chart name) inlined.
pub fn report(data: &RunData, measure: Measure, svgs: &[(&str, String)]) -> String {
    let s = &data.scenario;
    let last = data.steps - 1;
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>aiadopt report: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        esc(&s.name)
    );
    let _ = write!(h, "<h1>{}</h1>\n<p class=\"lead\">{}</p>\n", esc(&s.name), esc(&s.description));
    let _ = writeln!(
        h,
        "<p class=\"meta\">{} seeds × {} organisations · {} to {} · charts by {} · {}</p>",
        data.seeds(),
        data.manifest.agents,
        data.date(0),
        data.date(last),
        measure.describe(),
        esc(&source_line(data))
    );

    h.push_str("<h2 id=\"headline\">Headline</h2>\n<div class=\"headline\">\n");
    for m in Measure::ALL {
        let r = RunData::reporter(m.column());
        let [_, a05, a50, a95] = data.summary(0, 0, r);
        let [_, b05, b50, b95] = data.summary(last, 0, r);
        let _ = writeln!(
            h,
            "<div>World open-weight share by {}<b>{:.1}% → {:.1}%</b>{}: {} · {}: {}</div>",
            m.describe(),
            a50 * 100.0,
            b50 * 100.0,
            data.date(0),
            share_with_interval(a05, a50, a95),
            data.date(last),
            share_with_interval(b05, b50, b95)
        );
    }
    h.push_str("</div>\n<p class=\"note\">Median across seeds, with the 5–95% range in brackets. Shares are among organisations that use AI.</p>\n");

    h.push_str("<h2 id=\"charts\">Charts</h2>\n");
    for name in CHARTS {
        if let Some((_, svg)) = svgs.iter().find(|(n, _)| *n == name) {
            let _ = writeln!(
                h,
                "<figure id=\"chart-{name}\">\n{}\n<figcaption>{}</figcaption>\n</figure>",
                inline_svg(svg),
                esc(&caption(name, measure))
            );
        }
    }

    let _ = writeln!(h, "<h2 id=\"regions\">Open-weight share by region, {}</h2>", data.date(last));
    h.push_str("<table>\n<tr><th>Region</th>");
    for m in Measure::ALL {
        let _ = write!(h, "<th class=\"num\">by {}</th>", m.describe());
    }
    h.push_str("<th class=\"num\">adoption</th></tr>\n");
    for g in 0..data.regions.len() {
        let _ = write!(h, "<tr><td>{}</td>", esc(&region_label(data, g)));
        for m in Measure::ALL {
            let [_, p05, p50, p95] = data.summary(last, g, RunData::reporter(m.column()));
            let _ = write!(h, "<td class=\"num\">{}</td>", share_with_interval(p05, p50, p95));
        }
        let [_, p05, p50, p95] = data.summary(last, g, RunData::reporter("adoption"));
        let _ = writeln!(h, "<td class=\"num\">{}</td></tr>", share_with_interval(p05, p50, p95));
    }
    h.push_str("</table>\n<p class=\"note\">Median across seeds (5–95% range), from summary.csv. Open shares are among adopters; adoption is the share of all organisations.</p>\n");

    let _ = writeln!(h, "<h2 id=\"tipping\">When open-weight models pass half, by {}</h2>", measure.describe());
    h.push_str("<table>\n<tr><th>Region</th><th>median month</th><th>5–95% range</th></tr>\n");
    for g in 0..data.regions.len() {
        let (median, range) = tipping_text(data, tipping_quantiles(&tipping_months(data, g, measure)));
        let _ = writeln!(h, "<tr><td>{}</td><td>{median}</td><td>{range}</td></tr>", esc(&region_label(data, g)));
    }
    h.push_str("</table>\n<p class=\"note\">The first month with an open-weight share above 50%; a month at the start means the share was above half from the beginning.</p>\n");

    h.push_str("<h2 id=\"events\">Timeline of events</h2>\n");
    if s.events.is_empty() {
        h.push_str("<p>No events: parameters stay as set at the start.</p>\n");
    } else {
        h.push_str("<table>\n<tr><th>Month</th><th>Event</th><th>Changes</th></tr>\n");
        for e in &s.events {
            let mut changes: Vec<String> = e
                .changes
                .iter()
                .map(|c| match c {
                    Change::Set { path, value } => format!("<code>{}</code> = {}", esc(path), esc(&value_text(value))),
                    Change::Scale { path, factor } => format!("<code>{}</code> × {factor}", esc(path)),
                })
                .collect();
            for b in &e.bans {
                let what: Vec<String> =
                    b.origins.iter().map(|o| format!("origin {o}")).chain(b.vendors.iter().cloned()).collect();
                let regions = if b.regions.is_empty() { "all regions".to_string() } else { b.regions.join(", ") };
                let sectors = match &b.sectors {
                    SectorSet::Critical => "critical sectors".to_string(),
                    SectorSet::All => "all sectors".to_string(),
                    SectorSet::List(ids) => ids.join(", "),
                };
                changes.push(format!(
                    "{} {} in {} ({})",
                    if b.lift { "lift ban on" } else { "ban" },
                    esc(&what.join(", ")),
                    esc(&regions),
                    esc(&sectors)
                ));
            }
            let _ =
                writeln!(h, "<tr><td>{}</td><td>{}</td><td>{}</td></tr>", e.date, esc(&e.label), changes.join("<br>"));
        }
        h.push_str("</table>\n");
    }

    h.push_str("<h2 id=\"parameters\">Key parameters</h2>\n<h3>Vendors at the start</h3>\n<table>\n<tr><th>Vendor</th><th>Origin</th><th>Weights</th><th class=\"num\">Price, USD per million tokens</th><th class=\"num\">Capability</th><th class=\"num\">Self-host memory, GB</th><th class=\"num\">Capability growth / year</th><th class=\"num\">Efficiency gain / year</th></tr>\n");
    for v in &s.vendors {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&v.id),
            esc(&v.origin),
            if v.open { "open" } else { "closed" },
            v.price,
            v.capability,
            v.hardware,
            v.capability_growth,
            v.efficiency_gain
        );
    }
    h.push_str("</table>\n<h3>Regions</h3>\n<table>\n<tr><th>Region</th><th class=\"num\">Organisations, million</th><th class=\"num\">GDP per capita, USD</th><th class=\"num\">Compute access</th><th class=\"num\">Sovereignty</th><th class=\"num\">Talent</th><th class=\"num\">Revocation risk</th><th class=\"num\">Initial adoption</th></tr>\n");
    for r in &s.regions {
        let _ = writeln!(
            h,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            esc(&r.id),
            r.organisations,
            r.gdp_per_capita,
            r.compute_access,
            r.sovereignty,
            r.talent,
            r.revocation_risk,
            r.initial_adoption
        );
    }
    h.push_str("</table>\n<h3>Choice weights</h3>\n<table>\n<tr><th>Key</th><th class=\"num\">Value</th></tr>\n");
    for f in crate::scenario::Choice::FIELDS {
        let _ = writeln!(
            h,
            "<tr><td><code>choice.{}</code></td><td class=\"num\">{}</td></tr>",
            f.key,
            esc(&value_text(&(f.get)(&s.choice)))
        );
    }
    h.push_str("</table>\n<p class=\"note\">Every key is in the resolved scenario stored in manifest.json; see docs/SCENARIOS.md for units.</p>\n");

    let m = &data.manifest;
    h.push_str("<h2 id=\"provenance\">Provenance</h2>\n<table>\n");
    let seeds: Vec<String> = m.seeds.iter().map(u64::to_string).collect();
    for (k, v) in [
        ("aiadopt version", m.aiadopt_version.clone()),
        ("scenario", m.scenario.clone()),
        ("scenario SHA-256", m.scenario_sha256.clone()),
        ("months", format!("{} ({} to {})", m.months, m.start, m.end)),
        ("organisations simulated", m.agents.to_string()),
        ("base seed", m.base_seed.to_string()),
        ("replicate seeds", seeds.join(", ")),
        ("threads", m.threads.to_string()),
        ("wall time", format!("{:.1} s", m.wall_seconds)),
    ] {
        let _ = writeln!(h, "<tr><th>{k}</th><td>{}</td></tr>", esc(&v));
    }
    h.push_str("</table>\n<p class=\"note\">To reproduce: save <code>resolved_scenario</code> from manifest.json as a .toml file and run <code>aiadopt run FILE</code>; the CSV files are the same, byte for byte, on any number of threads.</p>\n</body>\n</html>\n");
    h
}

fn value_text(v: &crate::scenario::Value) -> String {
    use crate::scenario::Value;
    match v {
        Value::Float(x) => format!("{x}"),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Text(t) => format!("\"{t}\""),
        Value::Month(m) => m.to_string(),
        Value::OriginMap(map) => map.iter().map(|(k, x)| format!("{k} = {x}")).collect::<Vec<_>>().join(", "),
    }
}
