//! Publication-quality charts of shares over monthly time (median lines with 5–95% bands),
//! rendered to PNG and SVG bytes from one backend-generic drawing routine with a bundled font.

mod axis;
mod draw;
mod font;

use plotters::prelude::*;

use draw::{HEIGHT, WIDTH, draw_chart};
use font::{SVG_FONT_STACK, Surface, TextMode, ensure_fonts};

/// One series drawn as a median line with a shaded 5-95% band.
#[derive(Clone, Debug, PartialEq)]
pub struct BandSeries {
    /// Legend text, e.g. "Open-weight".
    pub label: String,
    /// Which palette colour.
    pub color: SeriesColor,
    /// One value per month, as a fraction 0..1.
    pub median: Vec<f64>,
    pub p05: Vec<f64>,
    pub p95: Vec<f64>,
}

/// A colour from the Okabe-Ito palette, which stays distinguishable under the
/// common forms of colour blindness.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesColor {
    /// Bluish green, reserved for open-weight models across all charts.
    Open,
    /// Vermillion, reserved for proprietary models across all charts.
    Proprietary,
    /// The remaining palette colours, cycling: orange, sky blue, blue,
    /// reddish purple, yellow, black.
    Palette(usize),
}

/// A chart of shares over monthly time.
#[derive(Clone, Debug, PartialEq)]
pub struct ShareChart {
    /// E.g. "Open-weight share of AI use, world".
    pub title: String,
    /// E.g. "Scenario: baseline · measure: usage (token-weighted) · 8 seeds · median and 5–95% band".
    pub subtitle: String,
    /// (year, month 1..=12) of index 0.
    pub start: (i32, u32),
    /// E.g. "Share of AI use (%)".
    pub y_label: String,
    pub series: Vec<BandSeries>,
    /// Small grey line bottom-left, e.g. "aiadopt 0.1.0 · scenario sha256 1a2b3c4d".
    pub source: String,
}

#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// The chart data cannot be drawn as given.
    #[error("invalid chart input: {0}")]
    InvalidInput(String),
    /// plotters failed while drawing; carries its error text.
    #[error("plotting failed: {0}")]
    Backend(String),
    /// The bundled font could not be registered with plotters.
    #[error("font registration failed: {0}")]
    Font(String),
    /// The rendered bitmap could not be encoded as PNG.
    #[error("PNG encoding failed: {0}")]
    Encode(String),
}

/// Okabe-Ito colours beyond the two reserved for open and proprietary.
const PALETTE: [(u8, u8, u8); 6] = [
    (0xE6, 0x9F, 0x00),
    (0x56, 0xB4, 0xE9),
    (0x00, 0x72, 0xB2),
    (0xCC, 0x79, 0xA7),
    (0xF0, 0xE4, 0x42),
    (0x00, 0x00, 0x00),
];

/// The RGB value of a palette colour, shared so every chart in the project
/// uses the same colour for the same thing.
pub fn rgb(color: SeriesColor) -> (u8, u8, u8) {
    match color {
        SeriesColor::Open => (0x00, 0x9E, 0x73),
        SeriesColor::Proprietary => (0xD5, 0x5E, 0x00),
        SeriesColor::Palette(i) => PALETTE[i % PALETTE.len()],
    }
}

/// Renders the chart as a standalone SVG document of 1600x1000 user units.
/// Identical input gives byte-identical output.
pub fn render_svg(chart: &ShareChart) -> Result<String, PlotError> {
    validate(chart)?;
    ensure_fonts()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        draw_chart(&root, chart, Surface { scale: 1.0, text: TextMode::Svg })?;
        root.present().map_err(|e| PlotError::Backend(e.to_string()))?;
    }
    Ok(tidy_svg(&svg))
}

/// Adjusts what plotters writes: it names only the registered family, so a
/// font stack keeps text the right width where DejaVu is missing; it sets no
/// line joins, so round ones stop sharp turns in a median line from spiking;
/// and it puts text content on its own line, which some viewers render as
/// extra spaces that shift right- and centre-anchored labels.
fn tidy_svg(svg: &str) -> String {
    let family = format!("font-family=\"{}\"", font::FAMILY);
    let stack = format!("font-family=\"{SVG_FONT_STACK}\"");
    let mut out = String::with_capacity(svg.len() + svg.len() / 4);
    let mut in_text = false;
    let mut first_content = true;
    for line in svg.lines() {
        if in_text {
            if line == "</text>" {
                out.push_str("</text>\n");
                in_text = false;
            } else {
                // A label containing a newline spans several lines.
                if !first_content {
                    out.push(' ');
                }
                out.push_str(line);
                first_content = false;
            }
        } else if line.starts_with("<text ") && line.ends_with('>') && !line.ends_with("/>") {
            out.push_str(&line.replace(&family, &stack));
            in_text = true;
            first_content = true;
        } else if line.starts_with("<polyline fill=\"none\"") {
            out.push_str(&line.replacen(
                "<polyline ",
                "<polyline stroke-linejoin=\"round\" stroke-linecap=\"round\" ",
                1,
            ));
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Supersampling factor for the PNG: plotters fills lines and bands without
/// anti-aliasing, so the chart is drawn larger and averaged down.
const SUPERSAMPLE: u32 = 2;

/// Renders the chart as the bytes of a 1600x1000 RGB PNG file.
pub fn render_png(chart: &ShareChart) -> Result<Vec<u8>, PlotError> {
    validate(chart)?;
    ensure_fonts()?;
    let (big_w, big_h) = (WIDTH * SUPERSAMPLE, HEIGHT * SUPERSAMPLE);
    let mut big = vec![0u8; big_w as usize * big_h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut big, (big_w, big_h)).into_drawing_area();
        draw_chart(&root, chart, Surface { scale: f64::from(SUPERSAMPLE), text: TextMode::Raster })?;
        root.present().map_err(|e| PlotError::Backend(e.to_string()))?;
    }
    let small = downsample(&big, big_w as usize, SUPERSAMPLE as usize);
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &small,
        WIDTH,
        HEIGHT,
        image::ColorType::Rgb8,
    )
    .map_err(|e| PlotError::Encode(e.to_string()))?;
    Ok(png)
}

/// Box-filters an RGB image of width `w` down by `k` in each direction.
fn downsample(src: &[u8], w: usize, k: usize) -> Vec<u8> {
    let h = src.len() / (w * 3);
    let (ow, oh) = (w / k, h / k);
    let mut out = vec![0u8; ow * oh * 3];
    let n = (k * k) as u32;
    for oy in 0..oh {
        for ox in 0..ow {
            for c in 0..3 {
                let mut sum = 0u32;
                for dy in 0..k {
                    let row = (oy * k + dy) * w;
                    for dx in 0..k {
                        sum += u32::from(src[(row + ox * k + dx) * 3 + c]);
                    }
                }
                out[(oy * ow + ox) * 3 + c] = ((sum + n / 2) / n) as u8;
            }
        }
    }
    out
}

/// Values this far outside 0..1 are taken as rounding noise and clamped.
const RANGE_TOLERANCE: f64 = 1e-6;

fn validate(chart: &ShareChart) -> Result<(), PlotError> {
    let bad = |msg: String| Err(PlotError::InvalidInput(msg));
    if chart.series.is_empty() {
        return bad("the chart has no series".into());
    }
    if !(1..=12).contains(&chart.start.1) {
        return bad(format!("start month {} is not in 1..=12", chart.start.1));
    }
    let months = chart.series[0].median.len();
    if months < 2 {
        return bad(format!(
            "series {:?} has {months} month(s) of data; a time series needs at least 2",
            chart.series[0].label
        ));
    }
    for s in &chart.series {
        for (name, values) in [("median", &s.median), ("p05", &s.p05), ("p95", &s.p95)] {
            if values.len() != months {
                return bad(format!(
                    "series {:?} {name} has {} values but {:?} median has {months}; \
                     all series must cover the same months",
                    s.label,
                    values.len(),
                    chart.series[0].label
                ));
            }
            if let Some((i, v)) = values
                .iter()
                .enumerate()
                .find(|(_, v)| !v.is_finite() || **v < -RANGE_TOLERANCE || **v > 1.0 + RANGE_TOLERANCE)
            {
                return bad(format!(
                    "series {:?} {name} month {i} is {v}; shares must be finite fractions in 0..1",
                    s.label
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Open-weight share rising 0.30 -> 0.60 with a ±0.05 band, and its
    /// proprietary complement, over 2025-01 .. 2036-01.
    fn sample_chart() -> ShareChart {
        let months = 133;
        let open: Vec<f64> = (0..months)
            .map(|i| {
                let t = i as f64 / (months - 1) as f64;
                // Logistic-looking adoption with a little seasonal wobble.
                0.30 + 0.30 * t * t * (3.0 - 2.0 * t) + 0.01 * (i as f64 * 0.5).sin()
            })
            .collect();
        let band = |v: &[f64], d: f64| -> Vec<f64> { v.iter().map(|x| (x + d).clamp(0.0, 1.0)).collect() };
        let prop: Vec<f64> = open.iter().map(|x| 1.0 - x).collect();
        ShareChart {
            title: "Open-weight share of AI use, world".into(),
            subtitle: "Scenario: baseline · measure: usage (token-weighted) · 8 seeds · \
                       median and 5–95% band"
                .into(),
            start: (2025, 1),
            y_label: "Share of AI use (%)".into(),
            series: vec![
                BandSeries {
                    label: "Open-weight".into(),
                    color: SeriesColor::Open,
                    p05: band(&open, -0.05),
                    p95: band(&open, 0.05),
                    median: open,
                },
                BandSeries {
                    label: "Proprietary".into(),
                    color: SeriesColor::Proprietary,
                    p05: band(&prop, -0.05),
                    p95: band(&prop, 0.05),
                    median: prop,
                },
            ],
            source: "aiadopt 0.1.0 · scenario sha256 1a2b3c4d".into(),
        }
    }

    fn invalid(chart: &ShareChart) -> String {
        match render_svg(chart) {
            Err(PlotError::InvalidInput(msg)) => {
                assert!(matches!(render_png(chart), Err(PlotError::InvalidInput(_))));
                msg
            }
            other => panic!("expected invalid input, got {other:?}"),
        }
    }

    #[test]
    fn svg_contains_all_text() {
        let chart = sample_chart();
        let svg = render_svg(&chart).unwrap();
        assert!(svg.starts_with("<svg "));
        for text in [
            "Open-weight share of AI use, world",
            "Scenario: baseline · measure: usage (token-weighted) · 8 seeds · median and 5–95% band",
            "Share of AI use (%)",
            "Open-weight",
            "Proprietary",
            "aiadopt 0.1.0 · scenario sha256 1a2b3c4d",
            "2030",
            "Year",
            "40%",
        ] {
            assert!(svg.contains(text), "SVG lacks {text:?}");
        }
        assert!(svg.contains("width=\"1600\" height=\"1000\""));
        assert!(!svg.contains("font-family=\"DejaVu Sans\""));
        assert!(svg.contains(">Open-weight</text>"));
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn png_decodes_to_full_size() {
        let png = render_png(&sample_chart()).unwrap();
        assert!(png.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]));
        let img = image::load_from_memory_with_format(&png, image::ImageFormat::Png).unwrap();
        assert_eq!((img.width(), img.height()), (1600, 1000));
        // Something other than background was drawn in the open colour.
        let rgb = img.to_rgb8();
        assert!(rgb.pixels().any(|p| p.0 == [0x00, 0x9E, 0x73]));
    }

    #[test]
    fn output_is_deterministic() {
        let chart = sample_chart();
        assert_eq!(render_svg(&chart).unwrap(), render_svg(&chart).unwrap());
        assert_eq!(render_png(&chart).unwrap(), render_png(&chart).unwrap());
    }

    #[test]
    fn rejects_mismatched_lengths() {
        let mut chart = sample_chart();
        chart.series[1].p95.pop();
        let msg = invalid(&chart);
        assert!(msg.contains("Proprietary") && msg.contains("p95"), "{msg}");

        let mut chart = sample_chart();
        let s = &mut chart.series[1];
        for v in [&mut s.median, &mut s.p05, &mut s.p95] {
            v.truncate(100);
        }
        invalid(&chart);
    }

    #[test]
    fn rejects_nan_and_out_of_range() {
        let mut chart = sample_chart();
        chart.series[0].median[7] = f64::NAN;
        let msg = invalid(&chart);
        assert!(msg.contains("month 7") && msg.contains("NaN"), "{msg}");

        let mut chart = sample_chart();
        chart.series[0].p95[3] = 1.5;
        invalid(&chart);
    }

    #[test]
    fn rejects_empty_and_single_month() {
        let mut chart = sample_chart();
        chart.series.clear();
        assert!(invalid(&chart).contains("no series"));

        let mut chart = sample_chart();
        for s in &mut chart.series {
            s.median.truncate(1);
            s.p05.truncate(1);
            s.p95.truncate(1);
        }
        invalid(&chart);

        let mut chart = sample_chart();
        chart.start = (2025, 13);
        invalid(&chart);
    }

    #[test]
    fn palette_is_okabe_ito() {
        assert_eq!(rgb(SeriesColor::Open), (0x00, 0x9E, 0x73));
        assert_eq!(rgb(SeriesColor::Proprietary), (0xD5, 0x5E, 0x00));
        assert_eq!(rgb(SeriesColor::Palette(0)), (0xE6, 0x9F, 0x00));
        assert_eq!(rgb(SeriesColor::Palette(6)), rgb(SeriesColor::Palette(0)));
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
            ..sample_chart()
        }
    }

    #[test]
    fn extremes_render() {
        // A century of data, twelve series, and the two-month minimum.
        let chart = century_chart();
        render_png(&chart).unwrap();
        assert!(render_svg(&chart).unwrap().contains("2100"));

        let mut chart = sample_chart();
        for s in &mut chart.series {
            s.median.truncate(2);
            s.p05.truncate(2);
            s.p95.truncate(2);
        }
        let svg = render_svg(&chart).unwrap();
        assert!(svg.contains("Jan 2025") && svg.contains("Feb 2025"));
        render_png(&chart).unwrap();
    }

    #[test]
    fn renders_from_many_threads() {
        let chart = sample_chart();
        let reference = render_svg(&chart).unwrap();
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..4).map(|_| scope.spawn(|| render_svg(&chart).unwrap())).collect();
            for h in handles {
                assert_eq!(h.join().unwrap(), reference);
            }
        });
    }

    /// Writes sample charts for eyeballing; run with
    /// `cargo test -- --ignored write_samples`.
    #[test]
    #[ignore]
    fn write_samples() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let chart = sample_chart();
        std::fs::write(dir.join("sample.png"), render_png(&chart).unwrap()).unwrap();
        std::fs::write(dir.join("sample.svg"), render_svg(&chart).unwrap()).unwrap();
        let chart = century_chart();
        std::fs::write(dir.join("century.png"), render_png(&chart).unwrap()).unwrap();
        std::fs::write(dir.join("century.svg"), render_svg(&chart).unwrap()).unwrap();
        let mut chart = sample_chart();
        for s in &mut chart.series {
            s.median.truncate(2);
            s.p05.truncate(2);
            s.p95.truncate(2);
        }
        std::fs::write(dir.join("two.png"), render_png(&chart).unwrap()).unwrap();
    }
}
