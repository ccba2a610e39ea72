//! What every chart kind shares: canvas primitives, the frame (title,
//! subtitle, legend, source line), and axis drawing. Each kind has one
//! drawing routine, generic over the plotters backend, so the PNG and the SVG
//! come from the same code.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::AxisFormat;
use super::axis::{TimeAxis, ValueAxis, percent_step, view_axis};
use super::font::{ASCENT_PER_SIZE, CAP_PER_SIZE, Label, Surface, Weight, fit_lines, text_width};
use super::{Figure, PlotError, SeriesColor, rgb};

/// Logical canvas width of every figure; the PNG is exactly this wide.
pub(crate) const WIDTH: u32 = 1600;
/// Logical canvas height of the single-plot figures.
pub(crate) const HEIGHT: u32 = 1000;

// Sizes in logical pixels, chosen to stay legible when the 1600 px figure is
// printed at half an A4 page width (about 10 cm).
pub(crate) const TITLE_SIZE: f64 = 44.0;
pub(crate) const SUBTITLE_SIZE: f64 = 28.0;
pub(crate) const LEGEND_SIZE: f64 = 28.0;
pub(crate) const AXIS_TITLE_SIZE: f64 = 30.0;
pub(crate) const TICK_SIZE: f64 = 28.0;
pub(crate) const SOURCE_SIZE: f64 = 20.0;
/// Category labels of bar and range charts.
pub(crate) const CATEGORY_SIZE: f64 = 26.0;
/// Small print inside a plot: values in bars, "not within horizon".
pub(crate) const NOTE_SIZE: f64 = 23.0;

pub(crate) const MARGIN_LEFT: f64 = 44.0;
pub(crate) const MARGIN_RIGHT: f64 = 52.0;
pub(crate) const MARGIN_TOP: f64 = 34.0;
pub(crate) const MARGIN_BOTTOM: f64 = 22.0;
/// Nothing is drawn closer than this to the right edge of the canvas.
pub(crate) const RIGHT_LIMIT: f64 = 16.0;

pub(crate) const LINE_WIDTH: f64 = 4.0;
pub(crate) const BAND_OPACITY: f64 = 0.2;
pub(crate) const TICK_LEN: f64 = 10.0;
/// Dashes of dashed lines: drawn, then skipped, in logical pixels.
pub(crate) const DASH: (f64, f64) = (16.0, 10.0);

pub(crate) const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
pub(crate) const SUBTLE_INK: RGBColor = RGBColor(0x4D, 0x4D, 0x4D);
pub(crate) const SOURCE_INK: RGBColor = RGBColor(0x80, 0x80, 0x80);
pub(crate) const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
pub(crate) const AXIS_LINE: RGBColor = RGBColor(0x6E, 0x6E, 0x6E);

pub(crate) fn colour(c: SeriesColor) -> RGBColor {
    let (r, g, b) = rgb(c);
    RGBColor(r, g, b)
}

pub(crate) fn backend_err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> PlotError {
    PlotError::Backend(e.to_string())
}

/// Logical canvas size of a figure.
pub(crate) fn canvas_size(figure: &Figure) -> (u32, u32) {
    match figure {
        Figure::Share(_) | Figure::Stacked(_) | Figure::Lines(_) => (WIDTH, HEIGHT),
        Figure::Panels(c) => (WIDTH, super::bands::panels_height(c.panels.len())),
        Figure::Bars(c) => (WIDTH, super::bars::height(c.categories.len())),
        Figure::Ranges(c) => (WIDTH, super::ranges::height(c.rows.len())),
        Figure::Xy(_) => (WIDTH, HEIGHT),
        Figure::Intervals(c) => (WIDTH, super::ranges::height(c.rows.len())),
        Figure::Heatmap(c) => (WIDTH, super::heatmap::height(c.y_values.len())),
    }
}

/// Draws a validated `figure` on `root`, whose device size must be
/// [`canvas_size`] times `surface.scale`.
pub(crate) fn draw_figure<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    figure: &Figure,
    surface: Surface,
) -> Result<(), PlotError> {
    let (w, h) = canvas_size(figure);
    let c = Canvas { root, s: surface, w: f64::from(w), h: f64::from(h) };
    c.root.fill(&WHITE).map_err(backend_err)?;
    match figure {
        Figure::Share(chart) => super::bands::draw_share(&c, chart),
        Figure::Panels(chart) => super::bands::draw_panels(&c, chart),
        Figure::Stacked(chart) => super::stacked::draw(&c, chart),
        Figure::Bars(chart) => super::bars::draw(&c, chart),
        Figure::Lines(chart) => super::lines::draw(&c, chart),
        Figure::Ranges(chart) => super::ranges::draw(&c, chart),
        Figure::Xy(chart) => super::xy::draw(&c, chart),
        Figure::Intervals(chart) => super::intervals::draw(&c, chart),
        Figure::Heatmap(chart) => super::heatmap::draw(&c, chart),
    }
}

/// A drawing area with its logical size and backend conventions; all
/// coordinates given to it are logical pixels.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    root: &'a DrawingArea<DB, Shift>,
    s: Surface,
    pub w: f64,
    pub h: f64,
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    fn points(&self, pts: &[(f64, f64)]) -> Vec<(i32, i32)> {
        let mut out: Vec<(i32, i32)> = pts.iter().map(|&p| self.s.pt(p)).collect();
        // Zero-length segments give the stroke polygoniser no direction, and
        // long series put many points on one pixel.
        out.dedup();
        out
    }

    /// A solid polyline.
    pub fn path(&self, pts: &[(f64, f64)], color: RGBColor, width: f64) -> Result<(), PlotError> {
        self.path_alpha(pts, color, 1.0, width)
    }

    /// A solid polyline drawn with `opacity`.
    pub fn path_alpha(&self, pts: &[(f64, f64)], color: RGBColor, opacity: f64, width: f64) -> Result<(), PlotError> {
        let pts = self.points(pts);
        if pts.len() < 2 {
            return Ok(());
        }
        self.root
            .draw(&PathElement::new(pts, color.mix(opacity).stroke_width(self.s.stroke(width))))
            .map_err(backend_err)
    }

    /// A dashed polyline; dashes follow the path's length, so they are even
    /// however the path bends.
    pub fn dashed(&self, pts: &[(f64, f64)], color: RGBColor, width: f64) -> Result<(), PlotError> {
        for dash in dashes(pts, DASH.0, DASH.1) {
            self.path(&dash, color, width)?;
        }
        Ok(())
    }

    /// A filled polygon.
    pub fn fill(&self, pts: &[(f64, f64)], color: RGBColor, opacity: f64) -> Result<(), PlotError> {
        let pts = self.points(pts);
        if pts.len() < 3 {
            return Ok(());
        }
        self.root.draw(&Polygon::new(pts, color.mix(opacity).filled())).map_err(backend_err)
    }

    /// A filled axis-aligned rectangle between two corners.
    pub fn rect(&self, a: (f64, f64), b: (f64, f64), color: RGBColor, opacity: f64) -> Result<(), PlotError> {
        self.root.draw(&Rectangle::new([self.s.pt(a), self.s.pt(b)], color.mix(opacity).filled())).map_err(backend_err)
    }

    /// A filled disc.
    pub fn disc(&self, centre: (f64, f64), radius: f64, color: RGBColor) -> Result<(), PlotError> {
        self.root
            .draw(&Circle::new(self.s.pt(centre), self.s.px(radius).max(1) as u32, color.filled()))
            .map_err(backend_err)
    }

    /// One line of text with its baseline through `at`.
    pub fn text(
        &self,
        text: &str,
        size: f64,
        weight: Weight,
        color: RGBColor,
        h: HPos,
        at: (f64, f64),
    ) -> Result<(), PlotError> {
        Label { text, size, weight, color, h, vertical: false }.draw(self.root, self.s, at)
    }

    /// One line of text centred vertically on `y` (by its capital height).
    pub fn text_mid(
        &self,
        text: &str,
        size: f64,
        weight: Weight,
        color: RGBColor,
        h: HPos,
        (x, y): (f64, f64),
    ) -> Result<(), PlotError> {
        self.text(text, size, weight, color, h, (x, y + CAP_PER_SIZE * size / 2.0))
    }

    /// Left-aligned lines of text whose first line box starts at `top`;
    /// returns where the last line box ends.
    pub fn text_block(
        &self,
        lines: &[String],
        size: f64,
        weight: Weight,
        color: RGBColor,
        x: f64,
        top: f64,
    ) -> Result<f64, PlotError> {
        let leading = 1.15 * size;
        for (i, line) in lines.iter().enumerate() {
            self.text(line, size, weight, color, HPos::Left, (x, top + leading * i as f64 + ASCENT_PER_SIZE * size))?;
        }
        Ok(top
            + match lines.len() {
                0 => 0.0,
                n => leading * (n - 1) as f64 + size,
            })
    }

    /// An axis title reading bottom to top, centred on `top..bottom`, whose
    /// glyphs start at `x`; shrinks (to 22 px) or is cut to fit.
    pub fn y_title(&self, text: &str, x: f64, top: f64, bottom: f64) -> Result<(), PlotError> {
        let (lines, size) = fit_lines(text, AXIS_TITLE_SIZE, 22.0, bottom - top, 1, Weight::Regular)?;
        Label {
            text: lines.first().map_or("", String::as_str),
            size,
            weight: Weight::Regular,
            color: INK,
            h: HPos::Center,
            vertical: true,
        }
        .draw(self.root, self.s, (x + ASCENT_PER_SIZE * size, (top + bottom) / 2.0))
    }

    /// A horizontal axis title centred on `x`, shrunk (to 22 px) or cut to
    /// fit `width`.
    pub fn x_title(&self, text: &str, x: f64, baseline: f64, width: f64) -> Result<(), PlotError> {
        let (lines, size) = fit_lines(text, AXIS_TITLE_SIZE, 22.0, width, 1, Weight::Regular)?;
        self.text(lines.first().map_or("", String::as_str), size, Weight::Regular, INK, HPos::Center, (x, baseline))
    }
}

/// Splits a polyline into dashes of length `on` separated by gaps `off`.
pub(crate) fn dashes(pts: &[(f64, f64)], on: f64, off: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let mut drawing = true;
    let mut left = on;
    if let Some(&first) = pts.first() {
        current.push(first);
    }
    for seg in pts.windows(2) {
        let (a, b) = (seg[0], seg[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut t = 0.0;
        while len - t > left {
            t += left;
            let p = (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
            if drawing {
                current.push(p);
                out.push(std::mem::take(&mut current));
                left = off;
            } else {
                current = vec![p];
                left = on;
            }
            drawing = !drawing;
        }
        left -= len - t;
        if drawing {
            current.push(b);
        }
    }
    if drawing && current.len() > 1 {
        out.push(current);
    }
    out
}

/// How a legend entry's key is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Swatch {
    /// A line over a pale band: median with 5-95% band.
    Band,
    /// A line, solid or dashed.
    Line { dashed: bool },
    /// A solid block: stacked areas and bar segments.
    Block,
    /// A dot: a median month.
    Dot,
    /// A thick grey line: a 5-95% range.
    Range,
    /// A range line ending in an arrowhead: continues past the horizon.
    Arrow,
    /// A data point, optionally on a line: x-y charts.
    Marker { line: bool },
    /// An estimate on its interval: interval charts.
    Interval,
}

/// One legend entry before layout.
pub(crate) struct LegendEntry {
    pub label: String,
    pub color: RGBColor,
    pub swatch: Swatch,
}

/// Legend entry placed by the layout, relative to the legend's top-left.
struct LegendItem {
    x: f64,
    row: usize,
    label: String,
    color: RGBColor,
    swatch: Swatch,
}

pub(crate) const SWATCH_W: f64 = 44.0;
const SWATCH_H: f64 = 22.0;
pub(crate) const SWATCH_GAP: f64 = 12.0;
const ITEM_GAP: f64 = 40.0;
pub(crate) const LEGEND_ROW: f64 = 40.0;

/// Range line and median dot of range charts, shared with their legend.
pub(crate) const RANGE_INK: RGBColor = RGBColor(0x9A, 0x9A, 0x9A);
pub(crate) const RANGE_WIDTH: f64 = 7.0;
pub(crate) const DOT_RADIUS: f64 = 9.0;

/// Data points of x-y charts, ringed in white so that they stand out from
/// lines and from each other.
pub(crate) const MARKER_RADIUS: f64 = 7.0;
const MARKER_RING: f64 = 2.0;

/// Interval line and estimate dot of interval charts.
pub(crate) const INTERVAL_WIDTH: f64 = 5.0;
pub(crate) const ESTIMATE_RADIUS: f64 = 9.0;

/// A filled disc of `radius` ringed in white.
pub(crate) fn marker<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    centre: (f64, f64),
    radius: f64,
    color: RGBColor,
) -> Result<(), PlotError> {
    c.disc(centre, radius + MARKER_RING, WHITE)?;
    c.disc(centre, radius, color)
}

/// Lays legend entries out where they cannot cover data: in one row when
/// they fit, otherwise in equal-width columns so that several rows read as a
/// table rather than a ragged paragraph.
fn legend_layout(entries: &[LegendEntry], max_width: f64) -> Result<Vec<LegendItem>, PlotError> {
    let mut sized = Vec::with_capacity(entries.len());
    for e in entries {
        let (lines, _) =
            fit_lines(&e.label, LEGEND_SIZE, LEGEND_SIZE, max_width - SWATCH_W - SWATCH_GAP, 1, Weight::Regular)?;
        let label = lines.into_iter().next().unwrap_or_default();
        let width = SWATCH_W + SWATCH_GAP + text_width(&label, LEGEND_SIZE, Weight::Regular)?;
        sized.push((label, width, e.color, e.swatch));
    }
    let one_row: f64 = sized.iter().map(|e| e.1 + ITEM_GAP).sum::<f64>() - ITEM_GAP;
    let mut items = Vec::with_capacity(sized.len());
    if one_row <= max_width {
        let mut x = 0.0;
        for (label, width, color, swatch) in sized {
            items.push(LegendItem { x, row: 0, label, color, swatch });
            x += width + ITEM_GAP;
        }
    } else {
        let column = sized.iter().map(|e| e.1).fold(0.0, f64::max);
        let columns = (((max_width + ITEM_GAP) / (column + ITEM_GAP)).floor() as usize).max(1);
        let pitch = if columns > 1 { (max_width - column) / (columns - 1) as f64 } else { 0.0 };
        for (i, (label, _, color, swatch)) in sized.into_iter().enumerate() {
            items.push(LegendItem {
                x: pitch.min(column + 2.0 * ITEM_GAP) * (i % columns) as f64,
                row: i / columns,
                label,
                color,
                swatch,
            });
        }
    }
    Ok(items)
}

/// Draws a legend key of `kind` whose left end is at `x0`, centred on `mid`.
fn draw_swatch<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    kind: Swatch,
    color: RGBColor,
    x0: f64,
    mid: f64,
) -> Result<(), PlotError> {
    let x1 = x0 + SWATCH_W;
    match kind {
        Swatch::Band => {
            c.rect((x0, mid - SWATCH_H / 2.0), (x1, mid + SWATCH_H / 2.0), color, BAND_OPACITY)?;
            c.path(&[(x0, mid), (x1, mid)], color, LINE_WIDTH)
        }
        Swatch::Line { dashed: false } => c.path(&[(x0, mid), (x1, mid)], color, LINE_WIDTH),
        Swatch::Line { dashed: true } => {
            // Two dashes and a gap, centred, whatever the dash pattern.
            let dash = (SWATCH_W - 8.0) / 2.0;
            c.path(&[(x0, mid), (x0 + dash, mid)], color, LINE_WIDTH)?;
            c.path(&[(x1 - dash, mid), (x1, mid)], color, LINE_WIDTH)
        }
        Swatch::Block => c.rect((x0 + 6.0, mid - 13.0), (x1 - 6.0, mid + 13.0), color, 1.0),
        Swatch::Dot => c.disc(((x0 + x1) / 2.0, mid), DOT_RADIUS, color),
        Swatch::Range => c.path(&[(x0, mid), (x1, mid)], color, RANGE_WIDTH),
        Swatch::Arrow => {
            c.path(&[(x0, mid), (x1 - 14.0, mid)], color, RANGE_WIDTH)?;
            arrowhead(c, (x1, mid), color)
        }
        Swatch::Marker { line } => {
            if line {
                c.path(&[(x0, mid), (x1, mid)], color, LINE_WIDTH)?;
            }
            marker(c, ((x0 + x1) / 2.0, mid), MARKER_RADIUS, color)
        }
        Swatch::Interval => {
            c.path(&[(x0, mid), (x1, mid)], color, INTERVAL_WIDTH)?;
            marker(c, ((x0 + x1) / 2.0, mid), ESTIMATE_RADIUS, color)
        }
    }
}

/// A right-pointing arrowhead with its tip at `tip`, sized for a range line.
pub(crate) fn arrowhead<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    tip: (f64, f64),
    color: RGBColor,
) -> Result<(), PlotError> {
    let (x, y) = tip;
    c.fill(&[(x, y), (x - 20.0, y - 11.0), (x - 20.0, y + 11.0)], color, 1.0)
}

/// Title in bold, wrapping to two lines before shrinking, and the subtitle in
/// dark grey below it. Returns the y where the block below may start.
pub(crate) fn draw_header<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    title: &str,
    subtitle: &str,
) -> Result<f64, PlotError> {
    let content_w = c.w - MARGIN_LEFT - MARGIN_RIGHT;
    let (title, title_size) = fit_lines(title, TITLE_SIZE, 34.0, content_w, 2, Weight::Bold)?;
    let mut y = c.text_block(&title, title_size, Weight::Bold, INK, MARGIN_LEFT, MARGIN_TOP)?;
    let (subtitle, subtitle_size) = fit_lines(subtitle, SUBTITLE_SIZE, 22.0, content_w, 2, Weight::Regular)?;
    if !subtitle.is_empty() {
        y = c.text_block(&subtitle, subtitle_size, Weight::Regular, SUBTLE_INK, MARGIN_LEFT, y + 8.0)?;
    }
    Ok(y + 22.0)
}

/// Draws the legend in rows across the content width from `top`; returns
/// the y below it (with a gap), and the number of rows.
pub(crate) fn draw_legend<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    entries: &[LegendEntry],
    top: f64,
) -> Result<(f64, usize), PlotError> {
    let content_w = c.w - MARGIN_LEFT - MARGIN_RIGHT;
    let items = legend_layout(entries, content_w)?;
    let rows = items.last().map_or(0, |i| i.row + 1);
    for item in &items {
        let mid = top + LEGEND_ROW * item.row as f64 + LEGEND_ROW / 2.0;
        let x0 = MARGIN_LEFT + item.x;
        draw_swatch(c, item.swatch, item.color, x0, mid)?;
        c.text_mid(&item.label, LEGEND_SIZE, Weight::Regular, INK, HPos::Left, (x0 + SWATCH_W + SWATCH_GAP, mid))?;
    }
    Ok((top + LEGEND_ROW * rows as f64 + if rows > 0 { 22.0 } else { 0.0 }, rows))
}

/// Width a one-column legend of `entries` needs, labels cut to `max_label`.
pub(crate) fn legend_column_width(entries: &[LegendEntry], max_label: f64) -> Result<f64, PlotError> {
    let mut widest: f64 = 0.0;
    for e in entries {
        widest = widest.max(text_width(&e.label, LEGEND_SIZE, Weight::Regular)?.min(max_label));
    }
    Ok(SWATCH_W + SWATCH_GAP + widest)
}

/// Draws the legend as one column from (`x`, `top`), labels cut to
/// `max_label` wide.
pub(crate) fn draw_legend_column<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    entries: &[LegendEntry],
    x: f64,
    top: f64,
    max_label: f64,
) -> Result<(), PlotError> {
    for (i, e) in entries.iter().enumerate() {
        let mid = top + LEGEND_ROW * i as f64 + LEGEND_ROW / 2.0;
        let (lines, _) = fit_lines(&e.label, LEGEND_SIZE, LEGEND_SIZE, max_label, 1, Weight::Regular)?;
        draw_swatch(c, e.swatch, e.color, x, mid)?;
        let label = lines.first().map_or("", String::as_str);
        c.text_mid(label, LEGEND_SIZE, Weight::Regular, INK, HPos::Left, (x + SWATCH_W + SWATCH_GAP, mid))?;
    }
    Ok(())
}

/// Baselines of the bottom block: source line, x-axis title, tick labels.
pub(crate) struct Footer {
    pub x_title: f64,
    pub ticks: f64,
}

impl Footer {
    /// The lowest y a plot area may reach so that its axis ticks and labels
    /// (of `tick_size`) stay clear of the footer.
    pub fn plot_bottom(&self, tick_size: f64) -> f64 {
        self.ticks - CAP_PER_SIZE * tick_size - TICK_LEN - 8.0
    }
}

/// Draws the small grey source line bottom-left and returns where the axis
/// title and tick labels above it go.
pub(crate) fn draw_footer<DB: DrawingBackend>(c: &Canvas<'_, DB>, source: &str) -> Result<Footer, PlotError> {
    let content_w = c.w - MARGIN_LEFT - MARGIN_RIGHT;
    let source_baseline = c.h - MARGIN_BOTTOM - (1.0 - ASCENT_PER_SIZE) * SOURCE_SIZE;
    let (source, source_size) = fit_lines(source, SOURCE_SIZE, 16.0, content_w, 1, Weight::Regular)?;
    let line = source.first().map_or("", String::as_str);
    c.text(line, source_size, Weight::Regular, SOURCE_INK, HPos::Left, (MARGIN_LEFT, source_baseline))?;
    let x_title = source_baseline - SOURCE_SIZE - 18.0;
    Ok(Footer { x_title, ticks: x_title - AXIS_TITLE_SIZE - 16.0 })
}

/// An error for a figure whose text leaves its plot no room.
/// A column of one-line labels, each shrunk towards `min_size` and then cut with "…" to fit
/// `max_width`; returns each label with its size, and the widest label's width.
pub(crate) fn label_column<S: AsRef<str>>(
    texts: impl IntoIterator<Item = S>,
    size: f64,
    min_size: f64,
    max_width: f64,
) -> Result<(Vec<(String, f64)>, f64), PlotError> {
    let mut out = Vec::new();
    let mut widest: f64 = 0.0;
    for text in texts {
        let (lines, fitted) =
            super::font::fit_lines(text.as_ref(), size, min_size, max_width, 1, super::font::Weight::Regular)?;
        let line = lines.into_iter().next().unwrap_or_default();
        widest = widest.max(super::font::text_width(&line, fitted, super::font::Weight::Regular)?);
        out.push((line, fitted));
    }
    Ok((out, widest))
}

/// The band of equal rows of a row chart: the legend above, the footer below; returns the
/// band's top and bottom, the row pitch and the footer, or an error when rows would be too thin.
pub(crate) fn row_band<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    entries: &[LegendEntry],
    y: f64,
    source: &str,
    rows: usize,
) -> Result<(f64, f64, f64, Footer), PlotError> {
    let (top, _) = draw_legend(c, entries, y)?;
    let footer = draw_footer(c, source)?;
    let bottom = footer.plot_bottom(TICK_SIZE);
    let pitch = (bottom - top) / rows as f64;
    if pitch < 24.0 {
        return Err(no_room("the title, subtitle and legend rows"));
    }
    Ok((top, bottom, pitch, footer))
}

pub(crate) fn no_room(what: &str) -> PlotError {
    PlotError::InvalidInput(format!("{what} leave no room for the plot; shorten them"))
}

/// Horizontal positions of a monthly time axis over `months` months.
#[derive(Clone, Copy, Debug)]
pub(crate) struct TimeScale {
    pub left: f64,
    pub right: f64,
    pub months: usize,
}

impl TimeScale {
    /// The x of month index `i` (fractions allowed).
    pub fn x(&self, i: f64) -> f64 {
        self.left + (self.right - self.left) * i / (self.months - 1) as f64
    }

    /// The scale from `left` to at most `right`, pulled in so that no tick
    /// label of `axis` (set at `tick_size`) extends past `limit`.
    pub fn fitted(
        axis: &TimeAxis,
        months: usize,
        left: f64,
        right: f64,
        limit: f64,
        tick_size: f64,
    ) -> Result<TimeScale, PlotError> {
        Self::fitted_both(axis, months, (left, right), (f64::NEG_INFINITY, limit), tick_size)
    }

    /// The scale within `span`, pulled in at either end so that every tick
    /// label of `axis` (set at `tick_size`) stays within `limits`.
    pub fn fitted_both(
        axis: &TimeAxis,
        months: usize,
        span: (f64, f64),
        limits: (f64, f64),
        tick_size: f64,
    ) -> Result<TimeScale, PlotError> {
        let (mut left, mut right) = span;
        let mut halves = Vec::with_capacity(axis.major.len());
        for tick in &axis.major {
            let f = tick.index as f64 / (months - 1) as f64;
            halves.push((f, text_width(&tick.label, tick_size, Weight::Regular)? / 2.0));
        }
        // Pulling one end in moves labels near the other end a little, so
        // settle both ends over a few rounds.
        for _ in 0..3 {
            for &(f, half) in &halves {
                if f < 1.0 {
                    left = left.max((limits.0 + half - right * f) / (1.0 - f));
                }
                if f > 0.0 {
                    right = right.min(left + (limits.1 - half - left) / f);
                }
            }
        }
        Ok(TimeScale { left, right, months })
    }
}

/// Draws a time axis along `bottom`: baseline, minor and major ticks, and,
/// with `labels` at `baseline`, the major tick labels.
pub(crate) fn draw_time_axis<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    axis: &TimeAxis,
    scale: TimeScale,
    bottom: f64,
    tick_size: f64,
    labels: Option<f64>,
) -> Result<(), PlotError> {
    c.path(&[(scale.left, bottom), (scale.right, bottom)], AXIS_LINE, 2.0)?;
    for &i in &axis.minor {
        let x = scale.x(i as f64);
        c.path(&[(x, bottom), (x, bottom + TICK_LEN / 2.0)], AXIS_LINE, 1.5)?;
    }
    for tick in &axis.major {
        let x = scale.x(tick.index as f64);
        c.path(&[(x, bottom), (x, bottom + TICK_LEN)], AXIS_LINE, 2.0)?;
        if let Some(baseline) = labels {
            c.text(&tick.label, tick_size, Weight::Regular, SUBTLE_INK, HPos::Center, (x, baseline))?;
        }
    }
    Ok(())
}

/// A numeric x axis over the span `lo..hi` from `left` to at most `right`:
/// the densest 1-2-5 ticks whose labels (set at `tick_size`) keep well
/// apart, with the right end pulled in so no label extends past `limit`.
/// Returns the axis and the right end.
pub(crate) fn fit_value_x_axis(
    (lo, hi): (f64, f64),
    format: AxisFormat,
    left: f64,
    right: f64,
    limit: f64,
    tick_size: f64,
) -> Result<(ValueAxis, f64), PlotError> {
    let fitted = |max_ticks: usize| -> Result<(ValueAxis, f64, bool), PlotError> {
        let axis = view_axis(lo, hi, format, max_ticks);
        let mut end = right;
        let mut widest: f64 = 0.0;
        for (v, label) in &axis.ticks {
            let w = text_width(label, tick_size, Weight::Regular)?;
            widest = widest.max(w);
            let f = axis.frac(*v);
            if f > 0.0 {
                end = end.min(left + (limit - w / 2.0 - left) / f);
            }
        }
        let step_px = match axis.ticks.as_slice() {
            [a, b, ..] => (end - left) * (b.0 - a.0) / (hi - lo),
            _ => f64::INFINITY,
        };
        Ok((axis, end, step_px >= widest + 1.5 * tick_size))
    };
    for max_ticks in (3..=9).rev() {
        let (axis, end, fits) = fitted(max_ticks)?;
        if fits {
            return Ok((axis, end));
        }
    }
    fitted(2).map(|(axis, end, _)| (axis, end))
}

/// Draws a numeric x axis along `bottom` from `left` to `right`: baseline,
/// ticks and, at `baseline`, their labels.
pub(crate) fn draw_value_x_axis<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    axis: &ValueAxis,
    (left, right): (f64, f64),
    bottom: f64,
    tick_size: f64,
    baseline: f64,
) -> Result<(), PlotError> {
    c.path(&[(left, bottom), (right, bottom)], AXIS_LINE, 2.0)?;
    for (v, label) in &axis.ticks {
        let x = left + (right - left) * axis.frac(*v);
        c.path(&[(x, bottom), (x, bottom + TICK_LEN)], AXIS_LINE, 2.0)?;
        c.text(label, tick_size, Weight::Regular, SUBTLE_INK, HPos::Center, (x, baseline))?;
    }
    Ok(())
}

/// Draws horizontal grid lines across `left..right` for a 0-100% axis from
/// `bottom` (0%) to `top` (100%), with percentage labels right-aligned left
/// of `left` when `labels`.
pub(crate) fn draw_percent_grid<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    tick_size: f64,
    labels: bool,
) -> Result<(), PlotError> {
    let step = percent_step(bottom - top, tick_size);
    for pct in (0..=100).step_by(step as usize) {
        let y = bottom - (bottom - top) * f64::from(pct) / 100.0;
        if pct > 0 {
            c.path(&[(left, y), (right, y)], GRID, 1.5)?;
        }
        if labels {
            c.text_mid(&format!("{pct}%"), tick_size, Weight::Regular, SUBTLE_INK, HPos::Right, (left - 12.0, y))?;
        }
    }
    Ok(())
}

/// Width of the y-axis block left of a plot: the rotated title, a gap, the
/// widest tick label and its gap.
pub(crate) fn y_axis_width(widest_tick: f64) -> f64 {
    AXIS_TITLE_SIZE + 22.0 + widest_tick + 12.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_follow_the_path() {
        let d = dashes(&[(0.0, 0.0), (50.0, 0.0)], 16.0, 10.0);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0], vec![(0.0, 0.0), (16.0, 0.0)]);
        assert_eq!(d[1], vec![(26.0, 0.0), (42.0, 0.0)]);
        // A dash turning a corner keeps its length.
        let d = dashes(&[(0.0, 0.0), (10.0, 0.0), (10.0, 30.0)], 16.0, 10.0);
        assert_eq!(d[0], vec![(0.0, 0.0), (10.0, 0.0), (10.0, 6.0)]);
        assert!(dashes(&[], 16.0, 10.0).is_empty());
        assert!(dashes(&[(1.0, 1.0)], 16.0, 10.0).is_empty());
    }
}
