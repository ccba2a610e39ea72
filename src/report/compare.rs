//! `aiadopt compare`: several finished runs side by side: their world open shares in one chart,
//! a table of final shares and tipping months (CSV and HTML).

use std::fmt::Write;

use crate::output::describe;
use crate::plot::{BandSeries, SeriesColor, ShareChart};

use super::data::{Measure, RunData};
use super::figures::{tipping_months, tipping_quantiles};
use super::html::{STYLE, esc, inline_svg, share_with_interval};

/// Labels for the runs: scenario names, with the folder where two runs share a name.
pub fn labels(runs: &[RunData]) -> Vec<String> {
    runs.iter()
        .map(|r| {
            let shared = runs.iter().filter(|o| o.scenario.name == r.scenario.name).count() > 1;
            if shared { format!("{} ({})", r.scenario.name, r.folder.display()) } else { r.scenario.name.clone() }
        })
        .collect()
}

/// Checks that the runs cover the same months, so that their curves share an axis.
pub fn check_aligned(runs: &[RunData]) -> Result<(), String> {
    let first = &runs[0];
    for r in &runs[1..] {
        if r.scenario.simulation.start != first.scenario.simulation.start || r.steps != first.steps {
            return Err(format!(
                "{} covers {} to {} but {} covers {} to {}: compare needs runs over the same months",
                r.folder.display(),
                r.date(0),
                r.date(r.steps - 1),
                first.folder.display(),
                first.date(0),
                first.date(first.steps - 1)
            ));
        }
    }
    Ok(())
}

pub fn chart(runs: &[RunData], measure: Measure) -> ShareChart {
    let names = labels(runs);
    let first = &runs[0];
    let r = RunData::reporter(measure.column());
    let series = runs
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, (run, label))| {
            let mut b = BandSeries {
                label: label.clone(),
                color: SeriesColor::Palette(i),
                median: vec![],
                p05: vec![],
                p95: vec![],
            };
            for step in 0..run.steps {
                let [_, p05, p50, p95] = describe(&run.across_seeds(step, 0, r));
                b.median.push(p50);
                b.p05.push(p05);
                b.p95.push(p95);
            }
            b
        })
        .collect();
    let seeds: Vec<String> = runs.iter().map(|r| r.seeds().to_string()).collect();
    let start = first.scenario.simulation.start;
    ShareChart {
        title: "Open-weight share of AI, world: scenarios compared".into(),
        subtitle: format!("Measure: {} · seeds: {} · median and 5–95% band", measure.describe(), seeds.join(", ")),
        start: (start.year(), start.month()),
        y_label: "Open-weight share (%)".into(),
        series,
        source: format!("aiadopt {}", env!("CARGO_PKG_VERSION")),
    }
}

/// One row per run and measure: start and final world open share, and the world's tipping month.
pub fn table_csv(runs: &[RunData]) -> Vec<u8> {
    let names = labels(runs);
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let header = [
        "run",
        "scenario",
        "folder",
        "measure",
        "start_p50",
        "final_p05",
        "final_p50",
        "final_p95",
        "tipping_p05",
        "tipping_p50",
        "tipping_p95",
    ];
    w.write_record(header).expect("csv to memory");
    for (run, label) in runs.iter().zip(&names) {
        for m in Measure::ALL {
            let r = RunData::reporter(m.column());
            let last = run.steps - 1;
            let start = run.summary(0, 0, r)[2];
            let [_, p05, p50, p95] = run.summary(last, 0, r);
            let tip = tipping_quantiles(&tipping_months(run, 0, m))
                .map(|q| q.map_or(String::new(), |t| run.date(t.round() as usize).to_string()));
            let row = [
                label.clone(),
                run.scenario.name.clone(),
                run.folder.display().to_string(),
                m.name().to_string(),
                format!("{start:.6}"),
                format!("{p05:.6}"),
                format!("{p50:.6}"),
                format!("{p95:.6}"),
                tip[0].clone(),
                tip[1].clone(),
                tip[2].clone(),
            ];
            w.write_record(&row).expect("csv to memory");
        }
    }
    w.into_inner().unwrap_or_default()
}

pub fn html(runs: &[RunData], measure: Measure, svg: &str) -> String {
    let names = labels(runs);
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>aiadopt: scenarios compared</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>Scenarios compared</h1>\n"
    );
    let _ = writeln!(
        h,
        "<figure id=\"chart-compare\">\n{}\n<figcaption>World open-weight share by {}; median across seeds with the 5–95% band.</figcaption>\n</figure>",
        inline_svg(svg),
        esc(measure.describe())
    );
    h.push_str("<h2>World open-weight share at the last month</h2>\n<table>\n<tr><th>Run</th><th>Description</th>");
    for m in Measure::ALL {
        let _ = write!(h, "<th class=\"num\">by {}</th>", m.describe());
    }
    let _ = writeln!(h, "<th>passes 50% by {} (median)</th></tr>", measure.describe());
    for (run, label) in runs.iter().zip(&names) {
        let last = run.steps - 1;
        let _ = write!(h, "<tr><td>{}</td><td>{}</td>", esc(label), esc(&run.scenario.description));
        for m in Measure::ALL {
            let [_, p05, p50, p95] = run.summary(last, 0, RunData::reporter(m.column()));
            let _ = write!(h, "<td class=\"num\">{}</td>", share_with_interval(p05, p50, p95));
        }
        let [_, median, _] = tipping_quantiles(&tipping_months(run, 0, measure));
        let tip = median.map_or("not within horizon".to_string(), |t| run.date(t.round() as usize).to_string());
        let _ = writeln!(h, "<td>{tip}</td></tr>");
    }
    h.push_str("</table>\n<p class=\"note\">Median across seeds (5–95% range), from each run's summary.csv. The same table is in compare.csv.</p>\n</body>\n</html>\n");
    h
}
