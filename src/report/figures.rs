//! The charts of a run, built from its tables: which numbers go into which figure, with what
//! title, subtitle, units and colours. Drawing itself is `plot`'s job.

use crate::output::{describe, quantile};
use crate::plot::{
    AxisFormat, BandSeries, BarChart, Figure, Frame, Layer, Line, LineChart, LinePanel, Panel, PanelChart, RangeChart,
    RangeRow, Segment, SeriesColor, ShareChart, StackedChart, origin_rgb, vendor_rgbs,
};

use super::data::{Measure, RunData};

/// Chart file names (without extension), in the order the report shows them.
pub const CHARTS: [&str; 7] = [
    "open_share",
    "open_share_by_region",
    "vendor_shares",
    "origin_shares",
    "adoption_by_region",
    "vendor_state",
    "tipping",
];

/// Every chart of a run for a measure, by file name.
pub fn all(data: &RunData, measure: Measure) -> Vec<(&'static str, Figure)> {
    vec![
        ("open_share", open_share(data, measure).into()),
        ("open_share_by_region", open_share_by_region(data, measure).into()),
        ("vendor_shares", vendor_shares(data, measure).into()),
        ("origin_shares", origin_shares(data, measure).into()),
        ("adoption_by_region", adoption_by_region(data).into()),
        ("vendor_state", vendor_state(data).into()),
        ("tipping", tipping_chart(data, measure).into()),
    ]
}

fn start(data: &RunData) -> (i32, u32) {
    let s = data.scenario.simulation.start;
    (s.year(), s.month())
}

/// "aiadopt 0.1.0 · scenario sha256 1a2b3c4d5e6f"
pub fn source_line(data: &RunData) -> String {
    let hash = &data.manifest.scenario_sha256;
    format!("aiadopt {} · scenario sha256 {}", data.manifest.aiadopt_version, &hash[..hash.len().min(12)])
}

fn seeds_text(data: &RunData) -> String {
    let n = data.seeds();
    format!("{n} seed{}", if n == 1 { "" } else { "s" })
}

fn frame(data: &RunData, title: String, measure: Option<Measure>, statistic: &str) -> Frame {
    let mut parts = vec![format!("Scenario: {}", data.scenario.name)];
    if let Some(m) = measure {
        parts.push(format!("measure: {}", m.describe()));
    }
    parts.push(seeds_text(data));
    parts.push(statistic.to_string());
    Frame { title, subtitle: parts.join(" · "), source: source_line(data) }
}

/// A region's label for panels and rows: its name when it fits (24 characters), else its id.
pub fn region_label(data: &RunData, region: usize) -> String {
    if region == 0 {
        return "World".into();
    }
    let r = &data.scenario.regions[region - 1];
    if !r.name.is_empty() && r.name.chars().count() <= 24 { r.name.clone() } else { r.id.clone() }
}

/// Median and 5-95% band of a reporter over time.
fn band(data: &RunData, region: usize, reporter: usize, label: &str, color: SeriesColor, flip: bool) -> BandSeries {
    let mut b = BandSeries { label: label.into(), color, median: vec![], p05: vec![], p95: vec![] };
    for step in 0..data.steps {
        let mut v = data.across_seeds(step, region, reporter);
        if flip {
            v.iter_mut().for_each(|x| *x = 1.0 - *x);
        }
        let [_, p05, p50, p95] = describe(&v);
        b.median.push(p50);
        b.p05.push(p05);
        b.p95.push(p95);
    }
    b
}

fn open_reporter(measure: Measure) -> usize {
    RunData::reporter(measure.column())
}

pub fn open_share(data: &RunData, measure: Measure) -> ShareChart {
    let r = open_reporter(measure);
    let f = frame(data, "Open-weight vs proprietary share of AI, world".into(), Some(measure), "median and 5–95% band");
    ShareChart {
        title: f.title,
        subtitle: f.subtitle,
        start: start(data),
        y_label: share_axis(measure).into(),
        series: vec![
            band(data, 0, r, "Open-weight", SeriesColor::Open, false),
            band(data, 0, r, "Proprietary", SeriesColor::Proprietary, true),
        ],
        source: f.source,
    }
}

/// The y axis of a share of AI by a measure.
fn share_axis(measure: Measure) -> &'static str {
    match measure {
        Measure::Orgs => "Share of adopting organisations (%)",
        Measure::Usage => "Share of tokens used by adopters (%)",
        Measure::Spend => "Share of AI spend by adopters (%)",
    }
}

fn measure_noun(measure: Measure) -> &'static str {
    match measure {
        Measure::Orgs => "organisations",
        Measure::Usage => "tokens",
        Measure::Spend => "spend",
    }
}

pub fn open_share_by_region(data: &RunData, measure: Measure) -> PanelChart {
    let r = open_reporter(measure);
    PanelChart {
        frame: frame(data, "Open-weight share of AI by region".into(), Some(measure), "median and 5–95% band"),
        start: start(data),
        y_label: format!("Open-weight share of {} (%)", measure_noun(measure)),
        panels: (0..data.regions.len())
            .map(|g| Panel {
                title: region_label(data, g),
                series: vec![band(data, g, r, "Open-weight", SeriesColor::Open, false)],
            })
            .collect(),
    }
}

pub fn adoption_by_region(data: &RunData) -> PanelChart {
    let r = RunData::reporter("adoption");
    PanelChart {
        frame: frame(data, "Organisations using AI, by region".into(), None, "median and 5–95% band"),
        start: start(data),
        y_label: "Share of organisations using any AI (%)".into(),
        panels: (0..data.regions.len())
            .map(|g| Panel {
                title: region_label(data, g),
                series: vec![band(data, g, r, "Adoption", SeriesColor::Palette(5), false)],
            })
            .collect(),
    }
}

fn vendor_colours(data: &RunData) -> Vec<SeriesColor> {
    let vendors: Vec<(String, bool)> = data.scenario.vendors.iter().map(|v| (v.origin.clone(), v.open)).collect();
    vendor_rgbs(&vendors).into_iter().map(|(r, g, b)| SeriesColor::Rgb(r, g, b)).collect()
}

fn vendor_label(data: &RunData, k: usize) -> String {
    let v = &data.scenario.vendors[k];
    format!("{} ({})", v.id, if v.open { "open" } else { "closed" })
}

fn mean(v: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = v.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

pub fn vendor_shares(data: &RunData, measure: Measure) -> StackedChart {
    let colours = vendor_colours(data);
    StackedChart {
        frame: frame(data, "Vendor shares of AI, world".into(), Some(measure), "mean across seeds"),
        start: start(data),
        y_label: share_axis(measure).into(),
        layers: (0..data.vendors())
            .map(|k| Layer {
                label: vendor_label(data, k),
                color: colours[k],
                values: (0..data.steps)
                    .map(|t| mean((0..data.seeds()).map(|s| data.vendor_share(measure, s, t, 0, k))))
                    .collect(),
            })
            .collect(),
    }
}

pub fn origin_shares(data: &RunData, measure: Measure) -> BarChart {
    let origins = data.scenario.origins();
    let last = data.steps - 1;
    let mut unknown = 0;
    let segments = origins
        .iter()
        .map(|origin| {
            let color = if ["us", "cn", "eu"].contains(&origin.as_str()) {
                origin_rgb(origin, 0)
            } else {
                unknown += 1;
                origin_rgb(origin, unknown - 1)
            };
            let values = (0..data.regions.len())
                .map(|g| {
                    mean((0..data.seeds()).map(|s| {
                        (0..data.vendors())
                            .filter(|&k| data.scenario.vendors[k].origin == *origin)
                            .map(|k| data.vendor_share(measure, s, last, g, k))
                            .sum::<f64>()
                    }))
                })
                .collect();
            Segment { label: origin_label(origin), color: SeriesColor::Rgb(color.0, color.1, color.2), values }
        })
        .collect();
    BarChart {
        frame: frame(
            data,
            format!("Whose models each region runs on, {}", data.date(last)),
            Some(measure),
            "mean across seeds",
        ),
        x_label: format!("{}, by vendor origin", share_axis(measure)),
        categories: (0..data.regions.len()).map(|g| region_label(data, g)).collect(),
        segments,
    }
}

fn origin_label(origin: &str) -> String {
    match origin {
        "us" => "United States (us)".into(),
        "cn" => "China (cn)".into(),
        "eu" => "Europe (eu)".into(),
        other => other.to_string(),
    }
}

pub fn vendor_state(data: &RunData) -> LineChart {
    let colours = vendor_colours(data);
    let median = |k: usize, column: usize| -> Vec<f64> {
        (0..data.steps)
            .map(|t| {
                let mut v: Vec<f64> = (0..data.seeds()).map(|s| data.vendor_state(s, t, k)[column]).collect();
                v.sort_by(f64::total_cmp);
                quantile(&v, 0.5)
            })
            .collect()
    };
    let lines = |column: usize| -> Vec<Line> {
        (0..data.vendors())
            .map(|k| Line {
                label: vendor_label(data, k),
                color: colours[k],
                dashed: !data.scenario.vendors[k].open,
                values: median(k, column),
            })
            .collect()
    };
    LineChart {
        frame: frame(data, "Vendors' capability and price".into(), None, "median across seeds"),
        start: start(data),
        panels: vec![
            LinePanel {
                title: "Capability".into(),
                y_label: "Capability index (frontier = 1 at the start)".into(),
                log_scale: false,
                y_format: AxisFormat::Plain,
                lines: lines(1),
            },
            LinePanel {
                title: "Price".into(),
                y_label: "USD per million tokens (log scale)".into(),
                log_scale: true,
                y_format: AxisFormat::Dollars,
                lines: lines(0),
            },
        ],
    }
}

/// Month (index from the start) at which the open share first exceeds one half, per seed.
pub fn tipping_months(data: &RunData, region: usize, measure: Measure) -> Vec<Option<usize>> {
    let r = open_reporter(measure);
    (0..data.seeds()).map(|s| (0..data.steps).find(|&t| data.value(s, t, region, r) > 0.5)).collect()
}

/// Median and 5-95% range of tipping months; `None` where that quantile is beyond the horizon.
pub fn tipping_quantiles(months: &[Option<usize>]) -> [Option<f64>; 3] {
    let mut v: Vec<f64> = months.iter().map(|m| m.map_or(f64::INFINITY, |x| x as f64)).collect();
    v.sort_by(f64::total_cmp);
    [0.05, 0.5, 0.95].map(|q| Some(quantile(&v, q)).filter(|x| x.is_finite()))
}

pub fn tipping_chart(data: &RunData, measure: Measure) -> RangeChart {
    let rows = (0..data.regions.len())
        .map(|g| {
            let [low, median, high] = tipping_quantiles(&tipping_months(data, g, measure));
            RangeRow { label: region_label(data, g), median, low, high }
        })
        .collect();
    RangeChart {
        frame: frame(
            data,
            "When open-weight models pass half of AI, by region".into(),
            Some(measure),
            "median month and 5–95% range",
        ),
        start: start(data),
        months: data.steps,
        x_label: "First month with an open-weight share above 50%".into(),
        rows,
    }
}
