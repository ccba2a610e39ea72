//! Tests of every chart kind, on realistic samples: thirteen regions, six
//! vendors, months 2025-01 to 2035-12.

use super::*;

const MONTHS: usize = 132;
const START: (i32, u32) = (2025, 1);

const REGIONS: [&str; 13] = [
    "united-states",
    "canada",
    "european-union",
    "united-kingdom",
    "china",
    "japan-korea",
    "india",
    "southeast-asia",
    "latin-america",
    "middle-east-north-africa",
    "sub-saharan-africa",
    "russia-central-asia",
    "oceania",
];

/// (name, origin, open-weight?)
const VENDORS: [(&str, &str, bool); 6] = [
    ("us-frontier", "us", false),
    ("us-budget", "us", false),
    ("us-open", "us", true),
    ("cn-open", "cn", true),
    ("eu-open", "eu", true),
    ("cn-closed", "cn", false),
];

fn vendor_colours() -> Vec<SeriesColor> {
    let vendors: Vec<(String, bool)> = VENDORS.iter().map(|&(_, o, open)| (o.to_string(), open)).collect();
    vendor_rgbs(&vendors).into_iter().map(SeriesColor::from).collect()
}

fn frame(title: &str, subtitle: &str) -> Frame {
    Frame { title: title.into(), subtitle: subtitle.into(), source: "aiadopt 0.1.0 · scenario sha256 1a2b3c4d".into() }
}

/// Smooth S-curve from `a` to `b` over the run, centred at fraction `mid`.
fn s_curve(a: f64, b: f64, mid: f64, steep: f64) -> Vec<f64> {
    (0..MONTHS)
        .map(|i| {
            let t = i as f64 / (MONTHS - 1) as f64;
            a + (b - a) / (1.0 + (-(t - mid) * steep).exp())
        })
        .collect()
}

fn band(label: &str, color: SeriesColor, median: Vec<f64>, width: f64) -> BandSeries {
    let widen = |d: f64| {
        median.iter().enumerate().map(|(i, v)| (v + d * (0.4 + i as f64 / MONTHS as f64)).clamp(0.0, 1.0)).collect()
    };
    BandSeries { label: label.into(), color, p05: widen(-width), p95: widen(width), median }
}

/// Open-weight share rising 0.30 -> 0.60 with a ±0.05 band, and its
/// proprietary complement, over 2025-01 .. 2036-01.
fn share_chart() -> ShareChart {
    let months = 133;
    let open: Vec<f64> = (0..months)
        .map(|i| {
            let t = i as f64 / (months - 1) as f64;
            0.30 + 0.30 * t * t * (3.0 - 2.0 * t) + 0.01 * (i as f64 * 0.5).sin()
        })
        .collect();
    let shift = |v: &[f64], d: f64| -> Vec<f64> { v.iter().map(|x| (x + d).clamp(0.0, 1.0)).collect() };
    let prop: Vec<f64> = open.iter().map(|x| 1.0 - x).collect();
    ShareChart {
        title: "Open-weight share of AI use, world".into(),
        subtitle: "Scenario: baseline · measure: usage (token-weighted) · 8 seeds · median and 5–95% band".into(),
        start: START,
        y_label: "Share of AI use (%)".into(),
        series: vec![
            BandSeries {
                label: "Open-weight".into(),
                color: SeriesColor::Open,
                p05: shift(&open, -0.05),
                p95: shift(&open, 0.05),
                median: open,
            },
            BandSeries {
                label: "Proprietary".into(),
                color: SeriesColor::Proprietary,
                p05: shift(&prop, -0.05),
                p95: shift(&prop, 0.05),
                median: prop,
            },
        ],
        source: "aiadopt 0.1.0 · scenario sha256 1a2b3c4d".into(),
    }
}

fn panel_chart() -> PanelChart {
    let names = std::iter::once("world").chain(REGIONS);
    let panels = names
        .enumerate()
        .map(|(k, name)| {
            let start = 0.15 + 0.03 * (k % 7) as f64;
            let end = 0.35 + 0.04 * ((k * 5) % 11) as f64;
            let open = s_curve(start, end, 0.3 + 0.04 * (k % 6) as f64, 9.0);
            let prop = open.iter().map(|v| 1.0 - v).collect();
            Panel {
                title: name.into(),
                series: vec![
                    band("Open-weight", SeriesColor::Open, open, 0.03 + 0.005 * (k % 3) as f64),
                    band("Proprietary", SeriesColor::Proprietary, prop, 0.03 + 0.005 * (k % 3) as f64),
                ],
            }
        })
        .collect();
    PanelChart {
        frame: frame(
            "Open-weight and proprietary shares of AI use, world and regions",
            "Scenario: baseline · usage (token-weighted) · 8 seeds · median and 5–95% band",
        ),
        start: START,
        y_label: "Share of AI use (%)".into(),
        panels,
    }
}

/// Vendor market shares: closed US vendors lose ground to open vendors.
fn vendor_shares() -> Vec<Vec<f64>> {
    let raw: Vec<Vec<f64>> = vec![
        s_curve(0.45, 0.22, 0.45, 8.0),
        s_curve(0.20, 0.14, 0.5, 6.0),
        s_curve(0.06, 0.16, 0.4, 7.0),
        s_curve(0.08, 0.24, 0.5, 8.0),
        s_curve(0.03, 0.09, 0.55, 7.0),
        s_curve(0.10, 0.12, 0.5, 5.0),
    ];
    // Normalise each month to sum to 1.
    let sums: Vec<f64> = (0..MONTHS).map(|i| raw.iter().map(|r| r[i]).sum()).collect();
    raw.into_iter().map(|r| r.iter().zip(&sums).map(|(v, s)| v / s).collect()).collect()
}

fn stacked_chart() -> StackedChart {
    let colours = vendor_colours();
    StackedChart {
        frame: frame(
            "Share of AI use by vendor, world",
            "Scenario: baseline · usage (token-weighted) · median of 8 seeds",
        ),
        start: START,
        y_label: "Share of AI use (%)".into(),
        layers: VENDORS
            .iter()
            .zip(vendor_shares())
            .zip(&colours)
            .map(|((v, values), &color)| Layer { label: v.0.into(), color, values })
            .collect(),
    }
}

fn bar_chart() -> BarChart {
    let colours = vendor_colours();
    let n = REGIONS.len();
    let mut values = vec![vec![0.0; n]; VENDORS.len()];
    for k in 0..n {
        let raw: Vec<f64> = (0..VENDORS.len()).map(|j| 0.05 + ((k * 7 + j * 13) % 17) as f64 / 17.0).collect();
        let sum: f64 = raw.iter().sum();
        for (segment, v) in values.iter_mut().zip(&raw) {
            segment[k] = v / sum;
        }
    }
    BarChart {
        frame: frame(
            "Share of AI use by vendor and region, December 2035",
            "Scenario: baseline · usage (token-weighted) · median of 8 seeds",
        ),
        x_label: "Share of AI use (%)".into(),
        categories: REGIONS.iter().map(|r| r.to_string()).collect(),
        segments: VENDORS
            .iter()
            .zip(values)
            .zip(&colours)
            .map(|((v, values), &color)| Segment { label: v.0.into(), color, values })
            .collect(),
    }
}

fn line_chart() -> LineChart {
    let colours = vendor_colours();
    let capability = [(70.0, 96.0), (55.0, 85.0), (48.0, 88.0), (45.0, 90.0), (40.0, 80.0), (60.0, 92.0)];
    let price = [(5.0, 0.8), (1.0, 0.1), (0.6, 0.05), (0.4, 0.02), (0.8, 0.06), (2.0, 0.2)];
    let lines = |f: &dyn Fn(usize) -> Vec<f64>| -> Vec<Line> {
        VENDORS
            .iter()
            .enumerate()
            .map(|(j, v)| Line { label: v.0.into(), color: colours[j], dashed: v.2, values: f(j) })
            .collect()
    };
    LineChart {
        frame: frame(
            "Model capability and price by vendor",
            "Scenario: baseline · best model each vendor offers · open-weight vendors dashed",
        ),
        start: START,
        panels: vec![
            LinePanel {
                title: "Capability".into(),
                y_label: "Capability index (0–100)".into(),
                log_scale: false,
                y_format: AxisFormat::Plain,
                lines: lines(&|j| s_curve(capability[j].0, capability[j].1, 0.4, 6.0)),
            },
            LinePanel {
                title: "Price".into(),
                y_label: "USD per million tokens (log)".into(),
                log_scale: true,
                y_format: AxisFormat::Dollars,
                lines: lines(&|j| {
                    let (a, b): (f64, f64) = price[j];
                    (0..MONTHS).map(|i| a * (b / a).powf(i as f64 / (MONTHS - 1) as f64)).collect()
                }),
            },
        ],
    }
}

fn range_chart() -> RangeChart {
    let rows = REGIONS
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let (median, low, high) = match k % 5 {
                0 => (Some(30.0 + k as f64), Some(18.0 + k as f64), Some(52.5 + k as f64)),
                1 => (Some(60.0 + k as f64), Some(40.0), Some(95.0 + k as f64)),
                2 => (Some(100.0 + k as f64 / 2.0), Some(75.0), None),
                3 => (None, Some(110.0), None),
                _ => (Some(8.5 + k as f64), Some(2.0), Some(25.0 + k as f64)),
            };
            RangeRow { label: name.to_string(), median, low, high }
        })
        .collect();
    RangeChart {
        frame: frame(
            "When open-weight models first pass half of AI use, by region",
            "Scenario: baseline · usage (token-weighted) · 8 seeds · median and 5–95% range",
        ),
        start: START,
        months: MONTHS,
        x_label: "Month open-weight share first exceeds 50%".into(),
        rows,
    }
}

/// The nonzero root of m = tanh(w m / 2) for w > 2, by bisection.
fn magnetisation(w: f64) -> f64 {
    let (mut lo, mut hi) = (1e-12, 1.0);
    for _ in 0..100 {
        let m = (lo + hi) / 2.0;
        if m < (w * m / 2.0).tanh() {
            lo = m;
        } else {
            hi = m;
        }
    }
    (lo + hi) / 2.0
}

/// A deterministic pseudo-random number in -0.5..0.5.
fn jitter(k: usize) -> f64 {
    let x = (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    (x >> 11) as f64 / (1u64 << 53) as f64 - 0.5
}

/// A bifurcation diagram: the open-weight share (1 + m) / 2 of the
/// mean-field model against the peer weight w, with simulated points.
fn xy_chart() -> XyChart {
    let share = |m: f64| (1.0 + m) / 2.0;
    let grid = |a: f64, b: f64| (0..=100).map(move |i| a + (b - a) * f64::from(i) / 100.0);
    let stable = SeriesColor::Palette(5);
    let mut series = vec![
        XySeries {
            label: "Analytical, stable".into(),
            color: stable,
            style: XyStyle::Line,
            points: vec![(0.0, 0.5), (2.0, 0.5)],
        },
        XySeries {
            label: "Analytical, unstable".into(),
            color: stable,
            style: XyStyle::DashedLine,
            points: vec![(2.0, 0.5), (4.0, 0.5)],
        },
    ];
    // The branches by m, smooth at the fork: w = 2 atanh(m) / m.
    let m_end = magnetisation(4.0);
    for sign in [1.0, -1.0] {
        let mut points = vec![(2.0, 0.5)];
        points.extend(grid(0.0, m_end).skip(1).map(|m| (2.0 * m.atanh() / m, share(sign * m))));
        series.push(XySeries { label: "Analytical, stable".into(), color: stable, style: XyStyle::Line, points });
    }
    let mut points = Vec::new();
    for i in 1..=40 {
        let w = f64::from(i) / 10.0;
        for seed in 0..5 {
            let k = i as usize * 5 + seed;
            let m = if w > 2.0 { magnetisation(w) } else { 0.0 };
            let sign = if jitter(k + 1000) > 0.0 { 1.0 } else { -1.0 };
            // Finite-size noise, largest near the critical point.
            let spread = 0.02 + 0.06 / (1.0 + 8.0 * (w - 2.0).abs());
            points.push((w, share(sign * m) + spread * 2.0 * jitter(k)));
        }
    }
    series.push(XySeries {
        label: "Simulated, one dot per seed".into(),
        color: SeriesColor::Open,
        style: XyStyle::Points,
        points,
    });
    XyChart {
        frame: frame(
            "Past a peer weight of 2, adoption settles on one camp or the other",
            "Mean-field model m = tanh(w·m/2) against simulation · 40 weights × 5 seeds · 10,000 agents",
        ),
        x_label: "Weight of peers' choices, w".into(),
        y_label: "Open-weight share of adopters (%)".into(),
        x_format: AxisFormat::Plain,
        y_format: AxisFormat::Percent,
        x_range: None,
        y_range: None,
        series,
    }
}

/// An adoption curve over five years against its closed-form logistic.
fn adoption_chart() -> XyChart {
    let logistic = |t: f64| 1.0 / (1.0 + (-(t - 24.0) / 6.0).exp());
    XyChart {
        frame: frame(
            "Simulated adoption follows the closed-form logistic",
            "Scenario: baseline · world · median of 8 seeds, every third month",
        ),
        x_label: "Months since release".into(),
        y_label: "Share of firms using AI (%)".into(),
        x_format: AxisFormat::Plain,
        y_format: AxisFormat::Percent,
        x_range: None,
        y_range: None,
        series: vec![
            XySeries {
                label: "Closed form 1 / (1 + e^−(t−24)/6)".into(),
                color: SeriesColor::Palette(2),
                style: XyStyle::DashedLine,
                points: (0..=60).map(|t| (f64::from(t), logistic(f64::from(t)))).collect(),
            },
            XySeries {
                label: "Simulated".into(),
                color: SeriesColor::Open,
                style: XyStyle::LineAndPoints,
                points: (0..=20)
                    .map(|i| {
                        let t = f64::from(i * 3);
                        (t, (logistic(t) + 0.02 * jitter(i as usize)).clamp(0.0, 1.0))
                    })
                    .collect(),
            },
        ],
    }
}

const HYPOTHESES: [&str; 16] = [
    "A1 cheaper open models",
    "A2 faster capability catch-up",
    "A3 data-sovereignty rules",
    "A4 export controls on chips",
    "B1 enterprise lock-in",
    "B2 fine-tuning demand",
    "B3 developer ecosystem size",
    "B4 hosting price cuts",
    "C1 regional language support",
    "C2 safety regulation burden",
    "C3 open-licence restrictions",
    "C4 bundled cloud credits",
    "D1 frontier capability gap",
    "D2 inference hardware costs",
    "D3 public-sector procurement",
    "D4 network effects among firms",
];

/// A forest plot of sixteen hypotheses' standardised effects, some of whose
/// intervals cross zero.
fn interval_chart() -> IntervalChart {
    let supports = SeriesColor::Palette(2);
    let unclear = SeriesColor::Rgb(0x99, 0x99, 0x99);
    let contradicts = SeriesColor::Palette(0);
    let effects = [
        (0.82, 0.18),
        (0.45, 0.20),
        (0.30, 0.12),
        (-0.35, 0.15),
        (0.10, 0.22),
        (0.62, 0.25),
        (0.05, 0.09),
        (1.10, 0.30),
        (0.38, 0.16),
        (-0.12, 0.20),
        (-0.48, 0.21),
        (0.21, 0.18),
        (0.55, 0.35),
        (0.27, 0.11),
        (-0.06, 0.14),
        (0.71, 0.28),
    ];
    let rows = HYPOTHESES
        .iter()
        .zip(effects)
        .map(|(label, (estimate, half))| {
            let (low, high) = (estimate - half, estimate + half);
            let (color, note) = if low > 0.0 {
                (supports, "pass")
            } else if high < 0.0 {
                (contradicts, "fail: opposite sign")
            } else {
                (unclear, "not significant")
            };
            IntervalRow { label: label.to_string(), estimate, low, high, color, note: note.into() }
        })
        .collect();
    IntervalChart {
        frame: frame(
            "Which mechanisms move the open-weight share?",
            "Standardised effect of each hypothesis on the 2035 open-weight share · estimate and 95% interval · 8 seeds",
        ),
        x_label: "Effect on open-weight share (standard deviations)".into(),
        x_format: AxisFormat::Plain,
        reference: Some(0.0),
        rows,
        legend: vec![
            ("Supports the hypothesis".into(), supports),
            ("Not significant".into(), unclear),
            ("Contradicts it".into(), contradicts),
        ],
    }
}

/// The median 2035 world open share over a 6 x 5 sweep of the price
/// advantage of open models (not evenly spaced) and peers' weight.
fn heatmap_chart() -> HeatmapChart {
    let x_values = vec![1.0, 2.0, 4.0, 8.0, 16.0, 32.0];
    let y_values = vec![0.0, 0.25, 0.5, 1.0, 2.0];
    let values = y_values
        .iter()
        .map(|&w| {
            x_values
                .iter()
                .map(|&x: &f64| {
                    let z = 1.1 * (x.log2() - 2.5) + 1.6 * w - 1.0;
                    0.08 + 0.84 / (1.0 + (-z).exp())
                })
                .collect()
        })
        .collect();
    HeatmapChart {
        frame: frame(
            "Open-weight share by price advantage and peer influence",
            "Scenario: baseline sweep · median world open share, December 2035 · 8 seeds per cell",
        ),
        x_label: "Price advantage of open models (×)".into(),
        y_label: "Weight of peers' choices w".into(),
        x_values,
        y_values,
        values,
        value_label: "World open share (%)".into(),
        value_format: AxisFormat::Percent,
        value_range: None,
    }
}

fn all_figures() -> Vec<(&'static str, Figure)> {
    vec![
        ("share", share_chart().into()),
        ("panels", panel_chart().into()),
        ("stacked", stacked_chart().into()),
        ("bars", bar_chart().into()),
        ("lines", line_chart().into()),
        ("ranges", range_chart().into()),
        ("xy", xy_chart().into()),
        ("xy-adoption", adoption_chart().into()),
        ("intervals", interval_chart().into()),
        ("heatmap", heatmap_chart().into()),
    ]
}

/// Asserts the SVG of `figure` is well-formed enough, id-free, and contains
/// every text in `texts` as (part of) a text element.
fn check_svg(figure: &Figure, texts: &[&str]) -> String {
    let svg = render_svg(figure).unwrap();
    let (w, h) = figure.size();
    assert!(svg.starts_with(&format!("<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\"")), "{}", &svg[..100]);
    assert!(svg.trim_end().ends_with("</svg>"));
    assert!(!svg.contains(" id=") && !svg.contains("url(#"), "SVG defines ids, which would clash on one page");
    assert!(!svg.contains("font-family=\"DejaVu Sans\""));
    for text in texts {
        assert!(svg.contains(&format!(">{text}<")) || svg.contains(text), "SVG lacks {text:?}");
    }
    svg
}

fn check_png(figure: &Figure, expected: (u32, u32)) {
    assert_eq!(figure.size(), expected);
    let png = render_png(figure).unwrap();
    assert!(png.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]));
    let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png).unwrap();
    assert_eq!((img.width(), img.height()), expected);
}

fn invalid(figure: impl Into<Figure>) -> String {
    let figure = figure.into();
    match render_svg(&figure) {
        Err(PlotError::InvalidInput(msg)) => {
            assert!(matches!(render_png(&figure), Err(PlotError::InvalidInput(_))));
            msg
        }
        other => panic!("expected invalid input, got {other:?}"),
    }
}

const SOURCE: &str = "aiadopt 0.1.0 · scenario sha256 1a2b3c4d";

// ---------------------------------------------------------------- share

#[test]
fn share_svg_contains_all_text() {
    let chart = share_chart();
    let svg = check_svg(
        &chart.into(),
        &[
            "Open-weight share of AI use, world",
            "Scenario: baseline · measure: usage (token-weighted) · 8 seeds · median and 5–95% band",
            "Share of AI use (%)",
            "Open-weight",
            "Proprietary",
            SOURCE,
            "2030",
            "Year",
            "40%",
        ],
    );
    assert!(svg.contains("width=\"1600\" height=\"1000\""));
    assert!(svg.contains(">Open-weight</text>"));
}

#[test]
fn share_png_decodes_to_full_size() {
    let figure: Figure = share_chart().into();
    check_png(&figure, (1600, 1000));
    // Something other than background was drawn in the open colour.
    let img = image::load_from_memory(&render_png(&figure).unwrap()).unwrap().to_rgb8();
    assert!(img.pixels().any(|p| p.0 == [0x00, 0x9E, 0x73]));
}

#[test]
fn share_rejects_mismatched_lengths() {
    let mut chart = share_chart();
    chart.series[1].p95.pop();
    let msg = invalid(chart);
    assert!(msg.contains("Proprietary") && msg.contains("p95"), "{msg}");

    let mut chart = share_chart();
    let s = &mut chart.series[1];
    for v in [&mut s.median, &mut s.p05, &mut s.p95] {
        v.truncate(100);
    }
    invalid(chart);
}

#[test]
fn share_rejects_nan_and_out_of_range() {
    let mut chart = share_chart();
    chart.series[0].median[7] = f64::NAN;
    let msg = invalid(chart);
    assert!(msg.contains("month 7") && msg.contains("NaN"), "{msg}");

    let mut chart = share_chart();
    chart.series[0].p95[3] = 1.5;
    invalid(chart);

    // Rounding noise is tolerated and clamped.
    let mut chart = share_chart();
    chart.series[0].p95[3] = 1.0 + 5e-7;
    chart.series[0].p05[3] = -5e-7;
    render_svg(&chart.into()).unwrap();
}

#[test]
fn share_rejects_empty_and_single_month() {
    let mut chart = share_chart();
    chart.series.clear();
    assert!(invalid(chart).contains("no series"));

    let mut chart = share_chart();
    for s in &mut chart.series {
        s.median.truncate(1);
        s.p05.truncate(1);
        s.p95.truncate(1);
    }
    invalid(chart);

    let mut chart = share_chart();
    chart.start = (2025, 13);
    invalid(chart);
}

/// Twelve wavy regional series over a century, with long legend labels.
fn century_chart() -> ShareChart {
    let months = 1200;
    let series: Vec<BandSeries> = (0..12)
        .map(|k| {
            let median: Vec<f64> =
                (0..months).map(|i| ((i as f64 / 97.0 + k as f64).sin() * 0.4 + 0.5).clamp(0.0, 1.0)).collect();
            BandSeries {
                label: format!("Region {k} (open-weight)"),
                color: SeriesColor::Palette(k),
                p05: median.iter().map(|v| (v - 0.04).max(0.0)).collect(),
                p95: median.iter().map(|v| (v + 0.04).min(1.0)).collect(),
                median,
            }
        })
        .collect();
    ShareChart {
        title: "Open-weight share of AI use by region, a hundred-year projection under \
                the baseline scenario with every region shown"
            .into(),
        series,
        start: (2025, 6),
        ..share_chart()
    }
}

#[test]
fn share_extremes_render() {
    // A century of data, twelve series, and the two-month minimum.
    let figure: Figure = century_chart().into();
    render_png(&figure).unwrap();
    assert!(render_svg(&figure).unwrap().contains("2100"));

    let mut chart = share_chart();
    for s in &mut chart.series {
        s.median.truncate(2);
        s.p05.truncate(2);
        s.p95.truncate(2);
    }
    let figure: Figure = chart.into();
    let svg = render_svg(&figure).unwrap();
    assert!(svg.contains("Jan 2025") && svg.contains("Feb 2025"));
    render_png(&figure).unwrap();
}

// ---------------------------------------------------------------- panels

#[test]
fn panels_svg_contains_all_text() {
    let chart = panel_chart();
    let mut texts = vec![
        "Open-weight and proprietary shares of AI use, world and regions",
        "Scenario: baseline · usage (token-weighted) · 8 seeds · median and 5–95% band",
        "Share of AI use (%)",
        "Year",
        "Open-weight",
        "Proprietary",
        SOURCE,
        "world",
        "2030",
        "40%",
    ];
    texts.extend(REGIONS);
    let svg = check_svg(&chart.into(), &texts);
    // The legend is drawn once, not per panel.
    assert_eq!(svg.matches(">Open-weight</text>").count(), 1);
}

#[test]
fn panels_png_size_grows_with_rows() {
    let chart = panel_chart();
    check_png(&chart.clone().into(), (1600, 1500));
    let mut small = chart.clone();
    small.panels.truncate(4);
    check_png(&small.into(), (1600, 1000));
    let mut one = chart;
    one.panels.truncate(1);
    check_png(&one.into(), (1600, 1000));
}

#[test]
fn panels_reject_bad_input() {
    let mut chart = panel_chart();
    chart.panels.clear();
    assert!(invalid(chart).contains("no panels"));

    let mut chart = panel_chart();
    chart.panels[3].series.clear();
    assert!(invalid(chart).contains("european-union"));

    let mut chart = panel_chart();
    chart.panels[5].series[1].p05.pop();
    let msg = invalid(chart);
    assert!(msg.contains("china") && msg.contains("p05"), "{msg}");

    let mut chart = panel_chart();
    chart.panels[2].series[0].median[4] = f64::NAN;
    invalid(chart);

    let mut chart = panel_chart();
    chart.panels[2].series[0].p95[4] = 1.2;
    invalid(chart);

    let mut chart = panel_chart();
    for p in &mut chart.panels {
        for s in &mut p.series {
            s.median.truncate(1);
            s.p05.truncate(1);
            s.p95.truncate(1);
        }
    }
    invalid(chart);

    let mut chart = panel_chart();
    chart.start = (2025, 0);
    invalid(chart);
}

// ---------------------------------------------------------------- stacked

#[test]
fn stacked_svg_contains_all_text() {
    let mut texts = vec![
        "Share of AI use by vendor, world",
        "Scenario: baseline · usage (token-weighted) · median of 8 seeds",
        "Share of AI use (%)",
        "Year",
        SOURCE,
        "2030",
    ];
    texts.extend(VENDORS.iter().map(|v| v.0));
    check_svg(&stacked_chart().into(), &texts);
}

#[test]
fn stacked_png_decodes_to_full_size() {
    check_png(&stacked_chart().into(), (1600, 1000));
    // Many layers move the legend above the plot; still renders.
    let mut chart = stacked_chart();
    let layers = chart.layers.clone();
    chart.layers = (0..24)
        .map(|k| Layer {
            label: format!("vendor {k}"),
            color: SeriesColor::Palette(k),
            values: layers[k % 6].values.iter().map(|v| v / 4.0).collect(),
        })
        .collect();
    let svg = render_svg(&chart.clone().into()).unwrap();
    assert!(svg.contains(">vendor 23<"));
    check_png(&chart.into(), (1600, 1000));
}

#[test]
fn stacked_rejects_bad_input() {
    let mut chart = stacked_chart();
    chart.layers.clear();
    assert!(invalid(chart).contains("no layers"));

    let mut chart = stacked_chart();
    chart.layers[2].values.pop();
    assert!(invalid(chart).contains("us-open"));

    let mut chart = stacked_chart();
    chart.layers[1].values[9] = f64::NAN;
    assert!(invalid(chart).contains("month 9"));

    let mut chart = stacked_chart();
    chart.layers[1].values[9] = -0.1;
    invalid(chart);

    let mut chart = stacked_chart();
    chart.layers[0].values[9] += 0.2;
    assert!(invalid(chart).contains("sum"));

    let mut chart = stacked_chart();
    for l in &mut chart.layers {
        l.values.truncate(1);
    }
    invalid(chart);
}

// ---------------------------------------------------------------- bars

#[test]
fn bars_svg_contains_all_text() {
    let mut texts = vec![
        "Share of AI use by vendor and region, December 2035",
        "Scenario: baseline · usage (token-weighted) · median of 8 seeds",
        "Share of AI use (%)",
        SOURCE,
        "100%",
    ];
    texts.extend(VENDORS.iter().map(|v| v.0));
    texts.extend(REGIONS);
    check_svg(&bar_chart().into(), &texts);
}

#[test]
fn bars_png_height_grows_with_categories() {
    check_png(&bar_chart().into(), (1600, 1000));
    let mut chart = bar_chart();
    chart.categories.extend((0..7).map(|k| format!("extra {k}")));
    for s in &mut chart.segments {
        let v = s.values.clone();
        s.values.extend(&v[..7]);
    }
    check_png(&chart.into(), (1600, 1350));
}

#[test]
fn bars_reject_bad_input() {
    let mut chart = bar_chart();
    chart.categories.clear();
    assert!(invalid(chart).contains("no categories"));

    let mut chart = bar_chart();
    chart.segments.clear();
    assert!(invalid(chart).contains("no segments"));

    let mut chart = bar_chart();
    chart.segments[3].values.pop();
    assert!(invalid(chart).contains("cn-open"));

    let mut chart = bar_chart();
    chart.segments[3].values[2] = f64::INFINITY;
    assert!(invalid(chart).contains("european-union"));

    let mut chart = bar_chart();
    chart.segments[0].values[2] += 0.3;
    assert!(invalid(chart).contains("sum"));

    // Too many bars for a canvas of sane size.
    let mut chart = bar_chart();
    chart.categories = (0..500).map(|k| k.to_string()).collect();
    for s in &mut chart.segments {
        s.values = vec![0.1; 500];
    }
    assert!(invalid(chart).contains("px tall"));
}

// ---------------------------------------------------------------- lines

#[test]
fn lines_svg_contains_all_text() {
    let mut texts = vec![
        "Model capability and price by vendor",
        "Scenario: baseline · best model each vendor offers · open-weight vendors dashed",
        "Capability",
        "Price",
        "Capability index (0–100)",
        "USD per million tokens (log)",
        "Year",
        SOURCE,
        ">$0.01<",
        ">$0.1<",
        ">$1<",
        ">$10<",
    ];
    texts.extend(VENDORS.iter().map(|v| v.0));
    let svg = check_svg(&line_chart().into(), &texts);
    // One legend for both panels.
    assert_eq!(svg.matches(">us-frontier</text>").count(), 1);
}

#[test]
fn lines_png_decodes_to_full_size() {
    check_png(&line_chart().into(), (1600, 1000));
    // One and three panels, percent format, constant lines.
    let mut chart = line_chart();
    chart.panels.truncate(1);
    check_png(&chart.into(), (1600, 1000));
    let mut chart = line_chart();
    let mut third = chart.panels[0].clone();
    third.title = "Share".into();
    third.y_format = AxisFormat::Percent;
    for l in &mut third.lines {
        l.values = vec![0.25; MONTHS];
    }
    chart.panels.push(third);
    let svg = render_svg(&chart.clone().into()).unwrap();
    assert!(svg.contains(">20%<") || svg.contains(">25%<"), "{svg}");
    check_png(&chart.into(), (1600, 1000));
}

#[test]
fn lines_reject_bad_input() {
    let mut chart = line_chart();
    chart.panels.clear();
    assert!(invalid(chart).contains("no panels"));

    let mut chart = line_chart();
    chart.panels[1].lines.clear();
    assert!(invalid(chart).contains("Price"));

    let mut chart = line_chart();
    chart.panels[1].lines[4].values.pop();
    assert!(invalid(chart).contains("eu-open"));

    let mut chart = line_chart();
    chart.panels[0].lines[0].values[3] = f64::NAN;
    invalid(chart);

    let mut chart = line_chart();
    chart.panels[1].lines[0].values[3] = 0.0;
    assert!(invalid(chart).contains("log"));

    // Zero is fine on a linear axis.
    let mut chart = line_chart();
    chart.panels[0].lines[0].values[3] = 0.0;
    render_svg(&chart.into()).unwrap();

    let mut chart = line_chart();
    for p in &mut chart.panels {
        for l in &mut p.lines {
            l.values.truncate(1);
        }
    }
    invalid(chart);
}

// ---------------------------------------------------------------- ranges

#[test]
fn ranges_svg_contains_all_text() {
    let mut texts = vec![
        "When open-weight models first pass half of AI use, by region",
        "Scenario: baseline · usage (token-weighted) · 8 seeds · median and 5–95% range",
        "Month open-weight share first exceeds 50%",
        "not within horizon",
        "Median",
        "5–95% range",
        SOURCE,
        "2030",
    ];
    texts.extend(REGIONS);
    let svg = check_svg(&range_chart().into(), &texts);
    let not_within = range_chart().rows.iter().filter(|r| r.median.is_none()).count();
    assert_eq!(svg.matches(">not within horizon<").count(), not_within);
}

#[test]
fn ranges_png_decodes_to_full_size() {
    check_png(&range_chart().into(), (1600, 1000));
    let mut chart = range_chart();
    chart.months = 2;
    for r in &mut chart.rows {
        *r = RangeRow { label: r.label.clone(), median: Some(0.5), low: Some(0.0), high: None };
    }
    check_png(&chart.into(), (1600, 1000));
}

#[test]
fn ranges_reject_bad_input() {
    let mut chart = range_chart();
    chart.rows.clear();
    assert!(invalid(chart).contains("no rows"));

    let mut chart = range_chart();
    chart.months = 1;
    invalid(chart);

    let mut chart = range_chart();
    chart.rows[0].median = Some(MONTHS as f64);
    assert!(invalid(chart).contains("united-states"));

    let mut chart = range_chart();
    chart.rows[0].low = Some(f64::NAN);
    invalid(chart);

    let mut chart = range_chart();
    chart.rows[0].low = Some(-1.0);
    invalid(chart);

    let mut chart = range_chart();
    chart.rows[0].low = chart.rows[0].high;
    assert!(invalid(chart).contains("low <= median"));

    let mut chart = range_chart();
    chart.rows[0].low = None;
    assert!(invalid(chart).contains("no low"));
}

// ---------------------------------------------------------------- xy

#[test]
fn xy_svg_contains_all_text() {
    let svg = check_svg(
        &xy_chart().into(),
        &[
            "Past a peer weight of 2, adoption settles on one camp or the other",
            "Mean-field model m = tanh(w·m/2) against simulation · 40 weights × 5 seeds · 10,000 agents",
            "Weight of peers&apos; choices, w",
            "Open-weight share of adopters (%)",
            "Analytical, stable",
            "Analytical, unstable",
            "Simulated, one dot per seed",
            SOURCE,
            ">0%<",
            ">60%<",
            ">100%<",
            ">0.0<",
            ">4.0<",
        ],
    );
    // Series sharing a label share a legend entry.
    assert_eq!(svg.matches(">Analytical, stable</text>").count(), 1);
    check_svg(
        &adoption_chart().into(),
        &["Months since release", "Share of firms using AI (%)", "Simulated", "Closed form", ">60<"],
    );
}

#[test]
fn xy_png_decodes_to_full_size() {
    let figure: Figure = xy_chart().into();
    check_png(&figure, (1600, 1000));
    let img = image::load_from_memory(&render_png(&figure).unwrap()).unwrap().to_rgb8();
    assert!(img.pixels().any(|p| p.0 == [0x00, 0x9E, 0x73]));
    check_png(&adoption_chart().into(), (1600, 1000));
}

#[test]
fn xy_single_points_and_explicit_ranges_render() {
    let mut chart = xy_chart();
    chart.series = vec![XySeries {
        label: "One run".into(),
        color: SeriesColor::Open,
        style: XyStyle::Points,
        points: vec![(2.5, 0.7)],
    }];
    check_png(&chart.clone().into(), (1600, 1000));
    assert!(render_svg(&chart.into()).unwrap().contains("One run"));

    // Zoomed in: lines and points outside are clipped, not drawn over the axes.
    let mut chart = xy_chart();
    chart.x_range = Some((1.5, 2.5));
    chart.y_range = Some((0.25, 0.75));
    chart.x_format = AxisFormat::Dollars;
    let svg = render_svg(&chart.clone().into()).unwrap();
    assert!(svg.contains(">$1.60<") && svg.contains(">$2.40<"), "{svg}");
    assert!(svg.contains(">30%<") && svg.contains(">70%<"));
    check_png(&chart.into(), (1600, 1000));
}

#[test]
fn xy_rejects_bad_input() {
    let mut chart = xy_chart();
    chart.series.clear();
    assert!(invalid(chart).contains("no series"));

    let mut chart = xy_chart();
    chart.series[4].points.clear();
    assert!(invalid(chart).contains("Simulated, one dot per seed"));

    let mut chart = xy_chart();
    chart.series[0].points.truncate(1);
    assert!(invalid(chart).contains("at least 2"));
    let mut chart = xy_chart();
    chart.series[1].style = XyStyle::LineAndPoints;
    chart.series[1].points.truncate(1);
    invalid(chart);

    let mut chart = xy_chart();
    chart.series[4].points[17].1 = f64::NAN;
    let msg = invalid(chart);
    assert!(msg.contains("point 17") && msg.contains("NaN"), "{msg}");
    let mut chart = xy_chart();
    chart.series[2].points[3].0 = f64::INFINITY;
    invalid(chart);

    let mut chart = xy_chart();
    chart.series[4].points[0].1 = -1e308;
    chart.series[4].points[1].1 = 1e308;
    assert!(invalid(chart).contains("too wide"));

    for range in [(1.0, 1.0), (2.0, 1.0), (0.0, f64::NAN), (f64::NEG_INFINITY, 0.0)] {
        let mut chart = xy_chart();
        chart.x_range = Some(range);
        assert!(invalid(chart).contains("x_range"));
        let mut chart = xy_chart();
        chart.y_range = Some(range);
        assert!(invalid(chart).contains("y_range"));
    }
}

// ---------------------------------------------------------------- intervals

#[test]
fn intervals_svg_contains_all_text() {
    let mut texts = vec![
        "Which mechanisms move the open-weight share?",
        "Standardised effect of each hypothesis on the 2035 open-weight share · estimate and 95% interval · 8 seeds",
        "Effect on open-weight share (standard deviations)",
        "Supports the hypothesis",
        "Not significant",
        "Contradicts it",
        SOURCE,
        ">0.0<",
        ">pass<",
        ">not significant<",
        ">fail: opposite sign<",
    ];
    texts.extend(HYPOTHESES);
    let chart = interval_chart();
    let svg = check_svg(&chart.clone().into(), &texts);
    for note in ["pass", "not significant", "fail: opposite sign"] {
        let n = chart.rows.iter().filter(|r| r.note == note).count();
        assert!(n > 0);
        assert_eq!(svg.matches(&format!(">{note}<")).count(), n, "{note}");
    }

    // Long labels are cut with an ellipsis; a missing note, legend and
    // reference are simply left out.
    let mut chart = interval_chart();
    chart.rows[3].label = "A4 export controls on chips, and on everything else a government could think of".into();
    chart.rows[5].note.clear();
    chart.legend.clear();
    chart.reference = None;
    let svg = check_svg(&chart.into(), &["A4 export controls on chips", "…"]);
    assert!(!svg.contains("could think of"));
    assert!(!svg.contains("Supports the hypothesis"));
}

#[test]
fn intervals_png_height_grows_with_rows() {
    check_png(&interval_chart().into(), (1600, 1000));
    let mut chart = interval_chart();
    chart.rows.extend(interval_chart().rows.into_iter().take(4));
    check_png(&chart.into(), (1600, 1150));
    let mut chart = interval_chart();
    chart.rows.truncate(1);
    check_png(&chart.into(), (1600, 1000));
}

#[test]
fn intervals_reject_bad_input() {
    let mut chart = interval_chart();
    chart.rows.clear();
    assert!(invalid(chart).contains("no rows"));

    let mut chart = interval_chart();
    chart.rows[2].estimate = f64::NAN;
    assert!(invalid(chart).contains("A3 data-sovereignty rules"));
    let mut chart = interval_chart();
    chart.rows[2].high = f64::INFINITY;
    invalid(chart);

    let mut chart = interval_chart();
    chart.rows[4].low = chart.rows[4].estimate + 0.01;
    assert!(invalid(chart).contains("low <= estimate <= high"));
    let mut chart = interval_chart();
    chart.rows[4].high = chart.rows[4].estimate - 0.01;
    assert!(invalid(chart).contains("B1 enterprise lock-in"));

    let mut chart = interval_chart();
    chart.reference = Some(f64::NAN);
    assert!(invalid(chart).contains("reference"));
    let mut chart = interval_chart();
    chart.reference = Some(f64::MAX);
    chart.rows[0].low = -f64::MAX;
    assert!(invalid(chart).contains("too wide"));

    // Too many rows for a canvas of sane size.
    let mut chart = interval_chart();
    chart.rows =
        (0..200).map(|k| IntervalRow { label: k.to_string(), ..interval_chart().rows[k % 16].clone() }).collect();
    assert!(invalid(chart).contains("px tall"));
}

// ---------------------------------------------------------------- heatmap

#[test]
fn heatmap_svg_contains_all_text() {
    let chart = heatmap_chart();
    let cell = format!(">{:.0}%<", chart.values[2][3] * 100.0);
    let svg = check_svg(
        &chart.clone().into(),
        &[
            "Open-weight share by price advantage and peer influence",
            "Scenario: baseline sweep · median world open share, December 2035 · 8 seeds per cell",
            "Price advantage of open models (×)",
            "Weight of peers&apos; choices w",
            "World open share (%)",
            SOURCE,
            &cell,
            ">0.25<",
            ">32<",
            ">0<",
            ">20%<",
            ">80%<",
        ],
    );
    // Every cell carries its value; there is no "n/a" key without NaNs.
    let cells = chart.values.iter().flatten().count();
    assert_eq!(cells, 30);
    assert!(svg.matches("%<").count() >= cells + 4);
    assert!(!svg.contains(">n/a<"));

    // NaN cells read "n/a", with a key under the colour bar; an explicit
    // range sets the colour bar's ticks.
    let mut chart = heatmap_chart();
    chart.values[0][0] = f64::NAN;
    chart.values[4][5] = f64::NAN;
    chart.value_range = Some((0.0, 1.0));
    let svg = check_svg(&chart.into(), &[">n/a<", ">0%<", ">100%<"]);
    assert_eq!(svg.matches(">n/a<").count(), 3);

    // Plain values, and grid values in powers of ten.
    let mut chart = heatmap_chart();
    chart.value_format = AxisFormat::Plain;
    chart.x_values = vec![1e-3, 0.01, 0.1, 0.125, 1.0, 1000.0];
    chart.values[1][1] = 0.5;
    check_svg(&chart.into(), &[">1e-3<", ">0.01<", ">0.125<", ">1,000<", ">0.50<"]);
}

#[test]
fn heatmap_png_height_grows_with_rows() {
    check_png(&heatmap_chart().into(), (1600, 1000));
    let mut chart = heatmap_chart();
    chart.y_values = (0..20).map(f64::from).collect();
    chart.values = (0..20).map(|k| chart.values[k % 5].clone()).collect();
    check_png(&chart.into(), (1600, 1300));
}

#[test]
fn heatmap_rejects_bad_input() {
    let mut chart = heatmap_chart();
    chart.x_values.clear();
    assert!(invalid(chart).contains("no x values"));
    let mut chart = heatmap_chart();
    chart.y_values.clear();
    chart.values.clear();
    assert!(invalid(chart).contains("no y values"));

    let mut chart = heatmap_chart();
    chart.values.pop();
    assert!(invalid(chart).contains("4 rows but there are 5 y values"));
    let mut chart = heatmap_chart();
    chart.values[2].push(0.5);
    assert!(invalid(chart).contains("row 2 (y = 0.5) has 7 values but there are 6 x values"));
    let mut chart = heatmap_chart();
    chart.x_values.pop();
    assert!(invalid(chart).contains("5 x values"));

    let mut chart = heatmap_chart();
    chart.values[3][1] = f64::INFINITY;
    assert!(invalid(chart).contains("x = 2, y = 1 is inf"));
    let mut chart = heatmap_chart();
    chart.values[0][0] = f64::NEG_INFINITY;
    invalid(chart);
    let mut chart = heatmap_chart();
    chart.y_values[1] = f64::NAN;
    assert!(invalid(chart).contains("y value 1 is NaN"));
    let mut chart = heatmap_chart();
    chart.values[0][0] = -f64::MAX;
    chart.values[0][1] = f64::MAX;
    assert!(invalid(chart).contains("too wide"));

    for range in [(0.5, 0.5), (1.0, 0.0), (f64::NAN, 1.0), (0.0, f64::INFINITY), (-f64::MAX, f64::MAX)] {
        let mut chart = heatmap_chart();
        chart.value_range = Some(range);
        assert!(invalid(chart).contains("value_range"), "{range:?}");
    }

    let mut chart = heatmap_chart();
    chart.x_values = (0..=HeatmapChart::MAX_COLUMNS).map(|k| k as f64).collect();
    chart.values = vec![vec![0.5; chart.x_values.len()]; 5];
    assert!(invalid(chart).contains("at most 200"));
    let mut chart = heatmap_chart();
    chart.y_values = (0..200).map(f64::from).collect();
    chart.values = vec![vec![0.5; 6]; 200];
    assert!(invalid(chart).contains("px tall"));
}

// ---------------------------------------------------------------- all kinds

#[test]
fn output_is_deterministic() {
    for (name, figure) in all_figures() {
        assert_eq!(render_svg(&figure).unwrap(), render_svg(&figure).unwrap(), "{name}");
        assert_eq!(render_png(&figure).unwrap(), render_png(&figure).unwrap(), "{name}");
        // An equal figure built afresh gives the same bytes too.
        let again = all_figures().into_iter().find(|f| f.0 == name).unwrap().1;
        assert_eq!(render_svg(&figure).unwrap(), render_svg(&again).unwrap(), "{name}");
    }
}

#[test]
fn renders_from_many_threads() {
    let figure: Figure = panel_chart().into();
    let reference = render_svg(&figure).unwrap();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4).map(|_| scope.spawn(|| render_svg(&figure).unwrap())).collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), reference);
        }
    });
}

#[test]
fn text_is_escaped() {
    let mut chart = bar_chart();
    chart.frame.title = "Vendors <& regions>".into();
    let svg = render_svg(&chart.into()).unwrap();
    assert!(svg.contains("Vendors &lt;&amp; regions&gt;"));
}

/// Awkward but valid inputs: few and many panels, bars and rows, the
/// two-month minimum, three line panels, stacks short of 100%.
fn extreme_figures() -> Vec<(&'static str, Figure)> {
    let mut out: Vec<(&'static str, Figure)> = vec![("century", century_chart().into())];

    let mut two = panel_chart();
    two.panels.truncate(2);
    two.panels[1].title = "A region with a very long name that cannot possibly fit its panel".into();
    out.push(("panels-two", two.into()));
    let mut short = panel_chart();
    short.panels.truncate(6);
    for p in &mut short.panels {
        for s in &mut p.series {
            for v in [&mut s.median, &mut s.p05, &mut s.p95] {
                v.truncate(2);
            }
        }
    }
    out.push(("panels-short", short.into()));

    let mut partial = stacked_chart();
    partial.layers.truncate(3);
    partial.start = (2025, 7);
    for l in &mut partial.layers {
        l.values.truncate(14);
    }
    out.push(("stacked-partial", partial.into()));

    let mut one = bar_chart();
    one.categories.truncate(1);
    for s in &mut one.segments {
        s.values.truncate(1);
    }
    out.push(("bars-one", one.into()));
    let mut many = bar_chart();
    many.categories = (0..30).map(|k| format!("{} {k}", REGIONS[k % 13])).collect();
    for s in &mut many.segments {
        s.values = (0..30).map(|k| s.values[k % 13]).collect();
    }
    out.push(("bars-many", many.into()));

    let mut three = line_chart();
    let mut share = three.panels[0].clone();
    share.title = "Open-weight share of use".into();
    share.y_label = "Share of AI use (%)".into();
    share.y_format = AxisFormat::Percent;
    for (j, l) in share.lines.iter_mut().enumerate() {
        l.values = s_curve(0.05 * j as f64, 0.1 + 0.08 * j as f64, 0.5, 6.0);
    }
    three.panels.push(share);
    out.push(("lines-three", three.into()));
    let mut short = line_chart();
    for p in &mut short.panels {
        for l in &mut p.lines {
            l.values.truncate(2);
        }
    }
    out.push(("lines-short", short.into()));

    let mut short = range_chart();
    short.months = 7;
    short.start = (2025, 11);
    for r in &mut short.rows {
        for v in [&mut r.median, &mut r.low, &mut r.high] {
            *v = v.map(|m| m * 6.0 / 131.0);
        }
    }
    out.push(("ranges-short", short.into()));
    let mut many = range_chart();
    many.rows = (0..30).map(|k| RangeRow { label: format!("row {k}"), ..range_chart().rows[k % 13].clone() }).collect();
    out.push(("ranges-many", many.into()));

    let mut zoom = xy_chart();
    zoom.x_range = Some((1.5, 2.5));
    zoom.y_range = Some((0.25, 0.75));
    out.push(("xy-zoom", zoom.into()));
    let mut single = xy_chart();
    single.series = vec![XySeries {
        label: String::new(),
        color: SeriesColor::Palette(1),
        style: XyStyle::Points,
        points: vec![(0.0, 0.0)],
    }];
    out.push(("xy-single", single.into()));
    let mut wide = adoption_chart();
    for s in &mut wide.series {
        for p in &mut s.points {
            *p = (p.0 * 20_000.0, p.1 * 3e6);
        }
    }
    wide.y_format = AxisFormat::Plain;
    out.push(("xy-large-values", wide.into()));

    let mut one = interval_chart();
    one.rows.truncate(1);
    out.push(("intervals-one", one.into()));
    let mut many = interval_chart();
    many.rows = (0..40)
        .map(|k| IntervalRow {
            label: format!("{} (variant {k})", HYPOTHESES[k % 16]),
            ..interval_chart().rows[k % 16].clone()
        })
        .collect();
    out.push(("intervals-many", many.into()));
    let mut bare = interval_chart();
    for r in &mut bare.rows {
        r.note.clear();
        (r.low, r.estimate, r.high) = (0.0, 0.0, 0.0);
    }
    bare.legend.clear();
    bare.reference = None;
    out.push(("intervals-bare", bare.into()));

    let mut one = heatmap_chart();
    one.x_values.truncate(1);
    one.y_values.truncate(1);
    one.values = vec![vec![0.42]];
    out.push(("heatmap-one-cell", one.into()));
    let mut flat = heatmap_chart();
    for v in flat.values.iter_mut().flatten() {
        *v = 0.5;
    }
    flat.values[2][2] = f64::NAN;
    flat.value_label = "Median world open share of AI use, December 2035 (%), across all seeds".into();
    out.push(("heatmap-flat", flat.into()));
    let mut all_na = heatmap_chart();
    for v in all_na.values.iter_mut().flatten() {
        *v = f64::NAN;
    }
    all_na.value_label.clear();
    out.push(("heatmap-all-na", all_na.into()));
    let mut fine = heatmap_chart();
    fine.x_values = (0..60).map(|k| 0.05 * f64::from(k)).collect();
    fine.y_values = (0..40).map(|k| 1e-3 * f64::from(k + 1)).collect();
    fine.values = (0..40)
        .map(|j| (0..60).map(|i| (f64::from(i) * 0.1 + f64::from(j) * 0.07).sin() * 50.0 - 20.0).collect())
        .collect();
    fine.value_format = AxisFormat::Plain;
    fine.value_label = "Change in adopters".into();
    out.push(("heatmap-fine", fine.into()));
    let mut clamped = heatmap_chart();
    clamped.value_range = Some((0.3, 0.6));
    clamped.value_format = AxisFormat::Dollars;
    out.push(("heatmap-clamped", clamped.into()));
    out
}

#[test]
fn extremes_render() {
    for (name, figure) in extreme_figures() {
        let svg = render_svg(&figure).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!svg.contains(" id="), "{name}");
        let png = render_png(&figure).unwrap_or_else(|e| panic!("{name}: {e}"));
        let img = image::load_from_memory(&png).unwrap();
        assert_eq!((img.width(), img.height()), figure.size(), "{name}");
    }
}

/// Writes every sample as PNG and SVG for eyeballing; run with
/// `cargo test -- --ignored write_samples`. Files go to $PLOT_SAMPLES_DIR,
/// else target/plot-samples.
#[test]
#[ignore]
fn write_samples() {
    let dir = std::env::var_os("PLOT_SAMPLES_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/plot-samples"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut figures = all_figures();
    figures.extend(extreme_figures());
    for (name, figure) in figures {
        std::fs::write(dir.join(format!("{name}.png")), render_png(&figure).unwrap()).unwrap();
        std::fs::write(dir.join(format!("{name}.svg")), render_svg(&figure).unwrap()).unwrap();
    }
}
