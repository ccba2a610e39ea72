//! The one drawing routine behind both the PNG and the SVG share charts.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::{percent_step, time_axis};
use super::font::{ASCENT_PER_SIZE, CAP_PER_SIZE, Label, Surface, Weight, fit_lines, text_width};
use super::{PlotError, ShareChart, rgb};

/// Logical canvas size; the PNG is exactly this, the SVG's viewBox too.
pub(crate) const WIDTH: u32 = 1600;
pub(crate) const HEIGHT: u32 = 1000;

// Sizes in logical pixels, chosen to stay legible when the 1600 px figure is
// printed at half an A4 page width (about 10 cm).
const TITLE_SIZE: f64 = 44.0;
const SUBTITLE_SIZE: f64 = 28.0;
const LEGEND_SIZE: f64 = 28.0;
const AXIS_TITLE_SIZE: f64 = 30.0;
const TICK_SIZE: f64 = 28.0;
const SOURCE_SIZE: f64 = 20.0;

const MARGIN_LEFT: f64 = 44.0;
const MARGIN_RIGHT: f64 = 52.0;
const MARGIN_TOP: f64 = 34.0;
const MARGIN_BOTTOM: f64 = 22.0;

const LINE_WIDTH: f64 = 4.0;
const BAND_OPACITY: f64 = 0.2;

const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
const SUBTLE_INK: RGBColor = RGBColor(0x4D, 0x4D, 0x4D);
const SOURCE_INK: RGBColor = RGBColor(0x80, 0x80, 0x80);
const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);
const AXIS_LINE: RGBColor = RGBColor(0x6E, 0x6E, 0x6E);

fn colour(c: super::SeriesColor) -> RGBColor {
    let (r, g, b) = rgb(c);
    RGBColor(r, g, b)
}

fn backend_err<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> PlotError {
    PlotError::Backend(e.to_string())
}

/// Legend entry placed by the layout, relative to the legend's top-left.
struct LegendItem {
    x: f64,
    row: usize,
    label: String,
    color: RGBColor,
}

const SWATCH_W: f64 = 44.0;
const SWATCH_H: f64 = 22.0;
const SWATCH_GAP: f64 = 12.0;
const ITEM_GAP: f64 = 40.0;
const LEGEND_ROW: f64 = 40.0;

/// Lays legend entries out above the plot, where they cannot cover data: in
/// one row when they fit, otherwise in equal-width columns so that several
/// rows read as a table rather than a ragged paragraph.
fn legend_layout(chart: &ShareChart, max_width: f64) -> Result<Vec<LegendItem>, PlotError> {
    let mut entries = Vec::with_capacity(chart.series.len());
    for s in &chart.series {
        let (lines, _) =
            fit_lines(&s.label, LEGEND_SIZE, LEGEND_SIZE, max_width - SWATCH_W - SWATCH_GAP, 1, Weight::Regular)?;
        let label = lines.into_iter().next().unwrap_or_default();
        let width = SWATCH_W + SWATCH_GAP + text_width(&label, LEGEND_SIZE, Weight::Regular)?;
        entries.push((label, width, colour(s.color)));
    }
    let one_row: f64 = entries.iter().map(|e| e.1 + ITEM_GAP).sum::<f64>() - ITEM_GAP;
    let mut items = Vec::with_capacity(entries.len());
    if one_row <= max_width {
        let mut x = 0.0;
        for (label, width, color) in entries {
            items.push(LegendItem { x, row: 0, label, color });
            x += width + ITEM_GAP;
        }
    } else {
        let column = entries.iter().map(|e| e.1).fold(0.0, f64::max);
        let columns = (((max_width + ITEM_GAP) / (column + ITEM_GAP)).floor() as usize).max(1);
        let pitch = if columns > 1 { (max_width - column) / (columns - 1) as f64 } else { 0.0 };
        for (i, (label, _, color)) in entries.into_iter().enumerate() {
            items.push(LegendItem {
                x: pitch.min(column + 2.0 * ITEM_GAP) * (i % columns) as f64,
                row: i / columns,
                label,
                color,
            });
        }
    }
    Ok(items)
}

/// Draws left-aligned lines of text whose first line box starts at `top`,
/// returning where the last line box ends.
#[allow(clippy::too_many_arguments)]
fn text_block<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    surface: Surface,
    lines: &[String],
    size: f64,
    weight: Weight,
    color: RGBColor,
    x: f64,
    top: f64,
) -> Result<f64, PlotError> {
    let leading = 1.15 * size;
    for (i, line) in lines.iter().enumerate() {
        Label { text: line, size, weight, color, h: HPos::Left, vertical: false }.draw(
            root,
            surface,
            (x, top + leading * i as f64 + ASCENT_PER_SIZE * size),
        )?;
    }
    Ok(top
        + match lines.len() {
            0 => 0.0,
            n => leading * (n - 1) as f64 + size,
        })
}

/// Draws `chart` on `root`, whose device size must be the logical size times
/// `surface.scale`. Input is assumed validated.
pub(crate) fn draw_chart<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ShareChart,
    surface: Surface,
) -> Result<(), PlotError> {
    let (w, h) = (f64::from(WIDTH), f64::from(HEIGHT));
    let content_w = w - MARGIN_LEFT - MARGIN_RIGHT;
    root.fill(&WHITE).map_err(backend_err)?;

    // Header: title, subtitle, legend, stacked from the top. Long titles wrap
    // to a second line before they shrink.
    let (title, title_size) = fit_lines(&chart.title, TITLE_SIZE, 34.0, content_w, 2, Weight::Bold)?;
    let mut y = text_block(root, surface, &title, title_size, Weight::Bold, INK, MARGIN_LEFT, MARGIN_TOP)?;
    let (subtitle, subtitle_size) = fit_lines(&chart.subtitle, SUBTITLE_SIZE, 22.0, content_w, 2, Weight::Regular)?;
    if !subtitle.is_empty() {
        y = text_block(root, surface, &subtitle, subtitle_size, Weight::Regular, SUBTLE_INK, MARGIN_LEFT, y + 8.0)?;
    }
    y += 22.0;

    let legend = legend_layout(chart, content_w)?;
    let legend_rows = legend.last().map_or(0, |i| i.row + 1);
    for item in &legend {
        let row_mid = y + LEGEND_ROW * item.row as f64 + LEGEND_ROW / 2.0;
        let x0 = MARGIN_LEFT + item.x;
        let swatch =
            [surface.pt((x0, row_mid - SWATCH_H / 2.0)), surface.pt((x0 + SWATCH_W, row_mid + SWATCH_H / 2.0))];
        root.draw(&Rectangle::new(swatch, item.color.mix(BAND_OPACITY).filled())).map_err(backend_err)?;
        root.draw(&PathElement::new(
            vec![surface.pt((x0, row_mid)), surface.pt((x0 + SWATCH_W, row_mid))],
            item.color.stroke_width(surface.stroke(LINE_WIDTH)),
        ))
        .map_err(backend_err)?;
        Label {
            text: &item.label,
            size: LEGEND_SIZE,
            weight: Weight::Regular,
            color: INK,
            h: HPos::Left,
            vertical: false,
        }
        .draw(root, surface, (x0 + SWATCH_W + SWATCH_GAP, row_mid + CAP_PER_SIZE * LEGEND_SIZE / 2.0))?;
    }
    y += LEGEND_ROW * legend_rows as f64 + 22.0;

    // Footer, from the bottom up: source line, x-axis title, tick labels.
    let source_baseline = h - MARGIN_BOTTOM - (1.0 - ASCENT_PER_SIZE) * SOURCE_SIZE;
    let (source, source_size) = fit_lines(&chart.source, SOURCE_SIZE, 16.0, content_w, 1, Weight::Regular)?;
    Label {
        text: source.first().map_or("", String::as_str),
        size: source_size,
        weight: Weight::Regular,
        color: SOURCE_INK,
        h: HPos::Left,
        vertical: false,
    }
    .draw(root, surface, (MARGIN_LEFT, source_baseline))?;
    let x_title_baseline = source_baseline - SOURCE_SIZE - 18.0;
    let tick_baseline = x_title_baseline - AXIS_TITLE_SIZE - 16.0;
    let tick_len = 10.0;

    // Plot rectangle. Leave half a tick label above the top grid line.
    let plot_top = y + CAP_PER_SIZE * TICK_SIZE / 2.0;
    let plot_bottom = tick_baseline - CAP_PER_SIZE * TICK_SIZE - tick_len - 8.0;
    let widest_tick = text_width("100%", TICK_SIZE, Weight::Regular)?;
    let plot_left = MARGIN_LEFT + AXIS_TITLE_SIZE + 22.0 + widest_tick + 14.0;
    if plot_bottom - plot_top < 80.0 {
        return Err(PlotError::InvalidInput(format!(
            "{legend_rows} legend rows leave no room for the plot; shorten the series labels"
        )));
    }

    // Pull the right edge in far enough that no time label spills off the
    // canvas (month labels such as "Feb 2025" are wide and sit at the end).
    let months = chart.series[0].median.len();
    let axis = time_axis(chart.start, months);
    let right_limit = w - 16.0;
    let mut plot_right = w - MARGIN_RIGHT;
    for tick in &axis.major {
        let f = tick.index as f64 / (months - 1) as f64;
        if f > 0.0 {
            let half = text_width(&tick.label, TICK_SIZE, Weight::Regular)? / 2.0;
            plot_right = plot_right.min(plot_left + (right_limit - half - plot_left) / f);
        }
    }
    let x_of = |i: f64| plot_left + (plot_right - plot_left) * i / (months - 1) as f64;
    let y_of = |v: f64| plot_bottom - (plot_bottom - plot_top) * v.clamp(0.0, 1.0);

    // Horizontal grid and percentage labels.
    let step = percent_step(plot_bottom - plot_top, TICK_SIZE);
    for pct in (0..=100).step_by(step as usize) {
        let gy = y_of(f64::from(pct) / 100.0);
        if pct > 0 {
            root.draw(&PathElement::new(
                vec![surface.pt((plot_left, gy)), surface.pt((plot_right, gy))],
                GRID.stroke_width(surface.stroke(1.5)),
            ))
            .map_err(backend_err)?;
        }
        Label {
            text: &format!("{pct}%"),
            size: TICK_SIZE,
            weight: Weight::Regular,
            color: SUBTLE_INK,
            h: HPos::Right,
            vertical: false,
        }
        .draw(root, surface, (plot_left - 14.0, gy + CAP_PER_SIZE * TICK_SIZE / 2.0))?;
    }
    let (y_label, y_label_size) =
        fit_lines(&chart.y_label, AXIS_TITLE_SIZE, 22.0, plot_bottom - plot_top, 1, Weight::Regular)?;
    Label {
        text: y_label.first().map_or("", String::as_str),
        size: y_label_size,
        weight: Weight::Regular,
        color: INK,
        h: HPos::Center,
        vertical: true,
    }
    .draw(root, surface, (MARGIN_LEFT + ASCENT_PER_SIZE * y_label_size, (plot_top + plot_bottom) / 2.0))?;

    // Bands under every line, so no band hides another series' median.
    for s in &chart.series {
        let upper = s.p95.iter().enumerate().map(|(i, &v)| (i, v));
        let lower = s.p05.iter().enumerate().rev().map(|(i, &v)| (i, v));
        let mut outline: Vec<(i32, i32)> =
            upper.chain(lower).map(|(i, v)| surface.pt((x_of(i as f64), y_of(v)))).collect();
        // Long series put many months on one pixel; repeated vertices only
        // cost time and can confuse the rasteriser's polygon filling.
        outline.dedup();
        root.draw(&Polygon::new(outline, colour(s.color).mix(BAND_OPACITY).filled())).map_err(backend_err)?;
    }

    // Time axis: baseline, ticks and labels.
    root.draw(&PathElement::new(
        vec![surface.pt((plot_left, plot_bottom)), surface.pt((plot_right, plot_bottom))],
        AXIS_LINE.stroke_width(surface.stroke(2.0)),
    ))
    .map_err(backend_err)?;
    for &i in &axis.minor {
        let tx = x_of(i as f64);
        root.draw(&PathElement::new(
            vec![surface.pt((tx, plot_bottom)), surface.pt((tx, plot_bottom + tick_len / 2.0))],
            AXIS_LINE.stroke_width(surface.stroke(1.5)),
        ))
        .map_err(backend_err)?;
    }
    for tick in &axis.major {
        let tx = x_of(tick.index as f64);
        root.draw(&PathElement::new(
            vec![surface.pt((tx, plot_bottom)), surface.pt((tx, plot_bottom + tick_len))],
            AXIS_LINE.stroke_width(surface.stroke(2.0)),
        ))
        .map_err(backend_err)?;
        Label {
            text: &tick.label,
            size: TICK_SIZE,
            weight: Weight::Regular,
            color: SUBTLE_INK,
            h: HPos::Center,
            vertical: false,
        }
        .draw(root, surface, (tx, tick_baseline))?;
    }
    Label {
        text: axis.title,
        size: AXIS_TITLE_SIZE,
        weight: Weight::Regular,
        color: INK,
        h: HPos::Center,
        vertical: false,
    }
    .draw(root, surface, ((plot_left + plot_right) / 2.0, x_title_baseline))?;

    for s in &chart.series {
        let mut points: Vec<(i32, i32)> =
            s.median.iter().enumerate().map(|(i, &v)| surface.pt((x_of(i as f64), y_of(v)))).collect();
        // Zero-length segments would give the stroke polygoniser no direction.
        points.dedup();
        root.draw(&PathElement::new(points, colour(s.color).stroke_width(surface.stroke(LINE_WIDTH))))
            .map_err(backend_err)?;
    }
    Ok(())
}
