//! Publication-quality charts for reports, rendered to PNG and SVG bytes from
//! one backend-generic drawing routine per chart kind, with a bundled font and
//! the Okabe-Ito palette:
//!
//! - [`ShareChart`]: shares over monthly time, median lines with 5-95% bands;
//! - [`PanelChart`]: small multiples of the same, one panel per region;
//! - [`StackedChart`]: stacked areas of shares over monthly time;
//! - [`BarChart`]: horizontal stacked bars of shares, one per category;
//! - [`LineChart`]: line panels over monthly time, linear or log axes;
//! - [`RangeChart`]: dot-and-range rows of the month something happens;
//! - [`XyChart`]: points and lines on two numeric axes;
//! - [`IntervalChart`]: a forest plot of estimates and intervals, one row each;
//! - [`HeatmapChart`]: values on a grid of two parameters, with a colour bar.
//!
//! Wrap a chart in a [`Figure`] (every chart converts with `.into()`) and call
//! [`render_svg`] or [`render_png`]. Output is byte-identical for identical
//! input, and the SVGs define no element ids, so several can share one page.

mod axis;
mod bands;
mod bars;
mod draw;
mod font;
mod heatmap;
mod intervals;
mod lines;
mod palette;
mod ranges;
mod stacked;
#[cfg(test)]
mod tests;
mod validate;
mod xy;

use plotters::prelude::*;

use font::{SVG_FONT_STACK, Surface, TextMode, ensure_fonts};

pub use palette::{open_rgb, origin_rgb, proprietary_rgb, rgb, vendor_rgbs};

/// Title, subtitle and source line shared by every chart: a bold title
/// top-left, the subtitle in dark grey below it, and the source line small
/// and grey at the bottom left.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frame {
    /// E.g. "Open-weight share of AI use by region".
    pub title: String,
    /// E.g. "Scenario: baseline · 8 seeds · median and 5–95% band".
    pub subtitle: String,
    /// E.g. "aiadopt 0.1.0 · scenario sha256 1a2b3c4d".
    pub source: String,
}

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

/// A series colour. The named and palette colours are Okabe-Ito, which stay
/// distinguishable under the common forms of colour blindness; see also
/// [`origin_rgb`] and [`vendor_rgbs`] for colours by origin and vendor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesColor {
    /// Bluish green, reserved for open-weight models across all charts.
    Open,
    /// Vermillion, reserved for proprietary models across all charts.
    Proprietary,
    /// The remaining palette colours, cycling: orange, sky blue, blue,
    /// reddish purple, yellow, black.
    Palette(usize),
    /// Any colour, e.g. from [`vendor_rgbs`].
    Rgb(u8, u8, u8),
}

impl From<(u8, u8, u8)> for SeriesColor {
    fn from((r, g, b): (u8, u8, u8)) -> Self {
        SeriesColor::Rgb(r, g, b)
    }
}

/// A chart of shares over monthly time: median lines with 5-95% bands.
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

/// Small multiples: one panel per entry (e.g. world and each region), with
/// identical axes (monthly time, 0-100%). The legend, taken from the first
/// panel's series, is drawn once above the grid.
#[derive(Clone, Debug, PartialEq)]
pub struct PanelChart {
    pub frame: Frame,
    /// (year, month 1..=12) of index 0.
    pub start: (i32, u32),
    /// Shared y-axis title, e.g. "Open-weight share of AI use (%)".
    pub y_label: String,
    pub panels: Vec<Panel>,
}

/// One small multiple: a short title and one or more band series, each with
/// as many months as every other series in the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Panel {
    /// E.g. "Sub-Saharan Africa".
    pub title: String,
    pub series: Vec<BandSeries>,
}

/// Stacked areas of shares over monthly time, each month's layers summing to
/// about 1, on a 0-100% axis. The first layer is at the bottom.
#[derive(Clone, Debug, PartialEq)]
pub struct StackedChart {
    pub frame: Frame,
    /// (year, month 1..=12) of index 0.
    pub start: (i32, u32),
    pub y_label: String,
    pub layers: Vec<Layer>,
}

/// One layer of a [`StackedChart`]: one share (0..1) per month.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub label: String,
    pub color: SeriesColor,
    pub values: Vec<f64>,
}

/// Horizontal stacked bars, one per category (e.g. region), whose segments
/// sum to about 1, on a 0-100% axis. Segments run left to right in order.
#[derive(Clone, Debug, PartialEq)]
pub struct BarChart {
    pub frame: Frame,
    /// E.g. "Share of AI use (%)".
    pub x_label: String,
    /// Bar labels, top to bottom.
    pub categories: Vec<String>,
    pub segments: Vec<Segment>,
}

/// One segment of every bar of a [`BarChart`]: one share (0..1) per category.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    pub label: String,
    pub color: SeriesColor,
    pub values: Vec<f64>,
}

/// Line panels over monthly time, side by side, e.g. capability on a linear
/// axis and price on a log axis. One legend serves all panels: lines with the
/// same label are taken to be the same thing.
#[derive(Clone, Debug, PartialEq)]
pub struct LineChart {
    pub frame: Frame,
    /// (year, month 1..=12) of index 0.
    pub start: (i32, u32),
    pub panels: Vec<LinePanel>,
}

/// One panel of a [`LineChart`] with its own value axis.
#[derive(Clone, Debug, PartialEq)]
pub struct LinePanel {
    /// Panel heading, e.g. "Capability".
    pub title: String,
    /// Y-axis title with its unit, e.g. "Price per million tokens (USD, log scale)".
    pub y_label: String,
    /// A logarithmic axis ticked at 1, 2 and 5 of each decade; values must
    /// be positive.
    pub log_scale: bool,
    /// How tick labels are written.
    pub y_format: AxisFormat,
    pub lines: Vec<Line>,
}

/// How value-axis tick labels are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum AxisFormat {
    /// "0.5", "10", "1,000".
    #[default]
    Plain,
    /// Fractions as percentages: 0.25 -> "25%".
    Percent,
    /// "$0.01", "$0.1", "$1" on log axes; "$0.50", "$1.00" on linear ones
    /// with fractional steps.
    Dollars,
}

/// One line of a [`LinePanel`]: one value per month.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub label: String,
    pub color: SeriesColor,
    pub dashed: bool,
    pub values: Vec<f64>,
}

/// Dot-and-range rows on a time axis spanning the run: per category, the
/// median month at which something happens (dot) and its 5-95% range (line).
#[derive(Clone, Debug, PartialEq)]
pub struct RangeChart {
    pub frame: Frame,
    /// (year, month 1..=12) of month index 0.
    pub start: (i32, u32),
    /// Months in the run; the axis spans indices 0..=months-1.
    pub months: usize,
    /// E.g. "Month open-weight share first exceeds 50%".
    pub x_label: String,
    /// Top to bottom.
    pub rows: Vec<RangeRow>,
}

/// One row of a [`RangeChart`], in month indices from the chart's start
/// (fractions allowed). A `None` median shows "not within horizon" (low and
/// high are then not drawn); a `None` high with a median draws the range to
/// the last month with an arrowhead. A median needs a low.
#[derive(Clone, Debug, PartialEq)]
pub struct RangeRow {
    pub label: String,
    pub median: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
}

/// Points and/or lines on two numeric axes, e.g. a bifurcation diagram
/// (simulated share against a weight, over the analytical curve) or an
/// adoption curve against its closed form. Lines are drawn first and points
/// over them, each in series order; the legend, one entry per distinct
/// non-empty label, goes above the plot.
#[derive(Clone, Debug, PartialEq)]
pub struct XyChart {
    pub frame: Frame,
    /// E.g. "Weight of peers' choices w".
    pub x_label: String,
    /// E.g. "Open-weight share (%)".
    pub y_label: String,
    /// How x tick labels are written.
    pub x_format: AxisFormat,
    /// How y tick labels are written.
    pub y_format: AxisFormat,
    /// The x span shown, low < high; `None`: the data's span padded by 4%
    /// each side. Anything outside an explicit span is clipped.
    pub x_range: Option<(f64, f64)>,
    /// As `x_range`, for y.
    pub y_range: Option<(f64, f64)>,
    pub series: Vec<XySeries>,
}

/// One series of an [`XyChart`]. Lines join the points in the order given,
/// so a curve need not be a function of x.
#[derive(Clone, Debug, PartialEq)]
pub struct XySeries {
    /// Legend text; series sharing a label share one legend entry (e.g. the
    /// upper and lower branch of a curve), and an empty label has none.
    pub label: String,
    pub color: SeriesColor,
    pub style: XyStyle,
    /// (x, y) pairs, all finite: at least two, or one with [`XyStyle::Points`].
    pub points: Vec<(f64, f64)>,
}

/// How an [`XySeries`] is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum XyStyle {
    /// A solid line through the points.
    #[default]
    Line,
    /// A dashed line through the points, e.g. an unstable branch.
    DashedLine,
    /// A dot at each point, e.g. simulation results.
    Points,
    /// A solid line with a dot at each point.
    LineAndPoints,
}

/// A forest plot: one row per item, top to bottom, each an estimate (dot)
/// and an interval (line) on a shared numeric x axis, with an optional
/// vertical reference line (usually at 0). Row labels go left of the plot
/// (cut with "…" when long), notes right of it, and the legend of colour
/// meanings above it. Rows of different scales share the one axis, so the
/// caller normalises them first.
#[derive(Clone, Debug, PartialEq)]
pub struct IntervalChart {
    pub frame: Frame,
    /// E.g. "Effect on open-weight share (standardised)".
    pub x_label: String,
    /// How x tick labels are written.
    pub x_format: AxisFormat,
    /// Where the vertical reference line is drawn, e.g. `Some(0.0)`.
    pub reference: Option<f64>,
    /// Top to bottom.
    pub rows: Vec<IntervalRow>,
    /// What the row colours mean, e.g. ("pass", Open); may be empty.
    pub legend: Vec<(String, SeriesColor)>,
}

/// One row of an [`IntervalChart`], with low <= estimate <= high, all finite.
#[derive(Clone, Debug, PartialEq)]
pub struct IntervalRow {
    /// E.g. "A1 cheaper open models".
    pub label: String,
    pub estimate: f64,
    pub low: f64,
    pub high: f64,
    /// E.g. by verdict; see [`IntervalChart::legend`].
    pub color: SeriesColor,
    /// Text right of the plot, e.g. "pass" or "not significant"; may be empty.
    pub note: String,
}

/// A heatmap of values on a grid of two parameters, e.g. the median world
/// open share for each pair of swept values: one cell per (x, y) pair, in
/// the order given (the first x value left, the first y value at the
/// bottom), coloured on a colour-blind-safe sequential scale (viridis) and
/// labelled with its value where the cells are large enough. A colour bar
/// right of the grid shows the scale. Grid values need not be evenly spaced;
/// each axis labels its cells with their values, written compactly ("0.25",
/// "8", "1e-3"), thinned out when they are too crowded.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatmapChart {
    pub frame: Frame,
    /// E.g. "Price advantage of open models (×)".
    pub x_label: String,
    /// E.g. "Weight of peers' choices w".
    pub y_label: String,
    /// The grid's columns, left to right; finite, at least one, at most
    /// [`HeatmapChart::MAX_COLUMNS`].
    pub x_values: Vec<f64>,
    /// The grid's rows, bottom to top; finite, at least one.
    pub y_values: Vec<f64>,
    /// `values[y][x]`: one row per y value, each with one value per x
    /// value. NaN marks a cell without a value, drawn light grey and
    /// labelled "n/a"; infinities are errors.
    pub values: Vec<Vec<f64>>,
    /// Colour-bar title, e.g. "World open share (%)".
    pub value_label: String,
    /// How cell values and colour-bar ticks are written, e.g.
    /// [`AxisFormat::Percent`]: 0.54 -> "54%".
    pub value_format: AxisFormat,
    /// The values at the two ends of the colour scale, low < high, both
    /// finite; values beyond them take the end colours. `None`: the span of
    /// the finite values.
    pub value_range: Option<(f64, f64)>,
}

impl HeatmapChart {
    /// Most columns a heatmap may have.
    pub const MAX_COLUMNS: usize = 200;
}

/// Any chart, for [`render_svg`] and [`render_png`].
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    Share(ShareChart),
    Panels(PanelChart),
    Stacked(StackedChart),
    Bars(BarChart),
    Lines(LineChart),
    Ranges(RangeChart),
    Xy(XyChart),
    Intervals(IntervalChart),
    Heatmap(HeatmapChart),
}

macro_rules! figure_from {
    ($($chart:ident => $variant:ident),*) => {$(
        impl From<$chart> for Figure {
            fn from(chart: $chart) -> Self {
                Figure::$variant(chart)
            }
        }
    )*};
}
figure_from!(ShareChart => Share, PanelChart => Panels, StackedChart => Stacked, BarChart => Bars,
    LineChart => Lines, RangeChart => Ranges, XyChart => Xy, IntervalChart => Intervals, HeatmapChart => Heatmap);

impl Figure {
    /// Size in pixels of the PNG, and of the SVG in user units: 1600 wide;
    /// 1000 high except for [`PanelChart`] (1000 up to two rows of panels,
    /// then 300 more per row: 1500 for 13-16 panels), [`BarChart`] (1000 up
    /// to 13 bars, then 50 more per bar), [`RangeChart`] and
    /// [`IntervalChart`] (1000 up to 16 rows, then 40 more per row) and
    /// [`HeatmapChart`] (1000 up to 14 rows, then 50 more per row).
    pub fn size(&self) -> (u32, u32) {
        draw::canvas_size(self)
    }
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

/// Renders the figure as a standalone SVG document of [`Figure::size`] user
/// units. Identical input gives byte-identical output.
pub fn render_svg(figure: &Figure) -> Result<String, PlotError> {
    validate::figure(figure)?;
    ensure_fonts()?;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, figure.size()).into_drawing_area();
        draw::draw_figure(&root, figure, Surface { scale: 1.0, text: TextMode::Svg })?;
        root.present().map_err(|e| PlotError::Backend(e.to_string()))?;
    }
    Ok(tidy_svg(&svg))
}

/// Renders the figure as the bytes of an RGB PNG file of [`Figure::size`]
/// pixels. Identical input gives byte-identical output.
pub fn render_png(figure: &Figure) -> Result<Vec<u8>, PlotError> {
    validate::figure(figure)?;
    ensure_fonts()?;
    let (w, h) = figure.size();
    let (big_w, big_h) = (w * SUPERSAMPLE, h * SUPERSAMPLE);
    let mut big = vec![0u8; big_w as usize * big_h as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut big, (big_w, big_h)).into_drawing_area();
        draw::draw_figure(&root, figure, Surface { scale: f64::from(SUPERSAMPLE), text: TextMode::Raster })?;
        root.present().map_err(|e| PlotError::Backend(e.to_string()))?;
    }
    let small = downsample(&big, big_w as usize, SUPERSAMPLE as usize);
    let mut png = Vec::new();
    image::ImageEncoder::write_image(
        image::codecs::png::PngEncoder::new(&mut png),
        &small,
        w,
        h,
        image::ColorType::Rgb8,
    )
    .map_err(|e| PlotError::Encode(e.to_string()))?;
    Ok(png)
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
