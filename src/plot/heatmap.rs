//! A heatmap: one cell per pair of grid values, coloured on a sequential
//! scale and labelled with its value, with a colour bar at the right.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::{format_value, view_axis, with_commas};
use super::draw::*;
use super::font::{Weight, fit_lines, text_width};
use super::palette::{luminance, sequential};
use super::{HeatmapChart, PlotError};

/// Vertical space per row beyond the 1000 px canvas's room for 14.
const ROW_PITCH: u32 = 50;

/// Fill and text of cells without a value.
const NA_FILL: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);
const NA_TEXT: &str = "n/a";

/// White space between neighbouring cells, so that each reads as one.
const CELL_GAP: f64 = 3.0;
/// Cell values are set no larger than this, nor smaller than
/// [`MIN_CELL_TEXT`] (below which cells are left bare).
const MAX_CELL_TEXT: f64 = 30.0;
const MIN_CELL_TEXT: f64 = 16.0;
/// Room left either side of a cell's value.
const CELL_PAD: f64 = 8.0;

/// Grid labels shrink to this before being thinned out.
const MIN_GRID_LABEL: f64 = 22.0;

/// The colour bar: its width, the gap between it and the grid, and the
/// size and widest extent of its title.
const BAR_W: f64 = 36.0;
const BAR_GAP: f64 = 52.0;
const BAR_TITLE_SIZE: f64 = 26.0;
const BAR_TITLE_MAX: f64 = 260.0;
/// Height of the "n/a" key under the colour bar.
const NA_KEY_H: f64 = 30.0;

/// Canvas height for `n` rows: 1000 up to 14 rows, then 50 more per row.
pub(crate) fn height(n: usize) -> u32 {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    ROW_PITCH.saturating_mul(n).saturating_add(300).max(super::draw::HEIGHT)
}

/// A grid value written compactly: at most four significant digits without
/// trailing zeros ("0.25", "1", "8", "12,500"), and powers of ten for very
/// small or large magnitudes ("1e-3", "2.5e6").
fn compact(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let sci = format!("{v:.3e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-2..=5).contains(&exp) {
        trim_zeros(&with_commas(v, (3 - exp).max(0) as usize))
    } else {
        format!("{}e{exp}", trim_zeros(mantissa))
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') { s.trim_end_matches('0').trim_end_matches('.').to_string() } else { s.to_string() }
}

/// The values the colour scale spans: the explicit range, else the finite
/// values' span (widened when they are all equal; 0..1 when there are none);
/// and the decimal places of cell values, enough to tell apart values a
/// twentieth of the span apart (of ten times the widening for equal values,
/// so that 0.5 reads "50%" rather than "50.0%").
fn value_span(chart: &HeatmapChart) -> ((f64, f64), usize) {
    let decimals = |span: f64| (-(span / 20.0).log10()).ceil().clamp(0.0, 8.0) as usize;
    if let Some((lo, hi)) = chart.value_range {
        return ((lo, hi), decimals(hi - lo));
    }
    let finite = chart.values.iter().flatten().copied().filter(|v| v.is_finite());
    let (min, max) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if min > max {
        return ((0.0, 1.0), decimals(1.0));
    }
    if max - min <= 1e-9 * min.abs().max(max.abs()).max(1e-300) {
        let d = if min == 0.0 { 1.0 } else { min.abs() * 0.1 };
        return ((min - d, max + d), decimals(20.0 * d));
    }
    ((min, max), decimals(max - min))
}

/// White or dark ink, whichever contrasts more with `fill` (WCAG ratio).
fn ink_on(fill: (u8, u8, u8)) -> RGBColor {
    let l = luminance(fill);
    let ink = luminance((INK.0, INK.1, INK.2));
    if 1.05 / (l + 0.05) >= (l + 0.05) / (ink + 0.05) { WHITE } else { INK }
}

/// Grid labels set at `size` or smaller (down to [`MIN_GRID_LABEL`]) so
/// that labels `pitch` apart keep `space(size, width)` clear of each other,
/// and if even that is too tight, every `k`th label only. Returns the size,
/// the widest label at that size, and `k`.
fn fit_grid_labels(
    labels: &[String],
    size: f64,
    pitch: f64,
    space: impl Fn(f64, f64) -> f64,
) -> Result<(f64, f64, usize), PlotError> {
    let widest = |s: f64| -> Result<f64, PlotError> {
        labels.iter().try_fold(0.0_f64, |w, l| Ok(w.max(text_width(l, s, Weight::Regular)?)))
    };
    let mut trial = size;
    loop {
        let w = widest(trial)?;
        let need = space(trial, w);
        if need <= pitch || trial <= MIN_GRID_LABEL {
            return Ok((trial, w, ((need / pitch).ceil() as usize).max(1)));
        }
        trial = (trial - 1.0).max(MIN_GRID_LABEL);
    }
}

pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &HeatmapChart) -> Result<(), PlotError> {
    let y = draw_header(c, &chart.frame.title, &chart.frame.subtitle)?;
    let footer = draw_footer(c, &chart.frame.source)?;
    let top = y + 4.0;
    let bottom = footer.plot_bottom(TICK_SIZE);
    if bottom - top < 160.0 {
        return Err(no_room("the title and subtitle"));
    }
    let (nx, ny) = (chart.x_values.len(), chart.y_values.len());
    let ((lo, hi), decimals) = value_span(chart);
    let frac = |v: f64| (v - lo) / (hi - lo);
    let has_na = chart.values.iter().flatten().any(|v| v.is_nan());

    // The colour bar's column at the right: title, bar, tick labels and the
    // "n/a" key, as wide as the widest of them.
    let (title, title_size) = fit_lines(&chart.value_label, BAR_TITLE_SIZE, 20.0, BAR_TITLE_MAX, 3, Weight::Regular)?;
    let mut title_w: f64 = 0.0;
    for line in &title {
        title_w = title_w.max(text_width(line, title_size, Weight::Regular)?);
    }
    let title_h = match title.len() {
        0 => 0.0,
        n => 1.15 * title_size * (n - 1) as f64 + title_size + 22.0,
    };
    let bar_top = top + title_h;
    let bar_bottom = if has_na { bottom - NA_KEY_H - 24.0 } else { bottom };
    let bar_h = bar_bottom - bar_top;
    if bar_h < 100.0 {
        return Err(no_room("the title, subtitle and value label"));
    }
    let max_ticks = ((bar_h / (2.0 * TICK_SIZE)).floor() as usize + 1).clamp(2, 8);
    let axis = view_axis(lo, hi, chart.value_format, max_ticks);
    let mut tick_w: f64 = 0.0;
    for (_, label) in &axis.ticks {
        tick_w = tick_w.max(text_width(label, TICK_SIZE, Weight::Regular)?);
    }
    let label_x = BAR_W + TICK_LEN + 8.0;
    let na_w = if has_na { label_x + text_width(NA_TEXT, TICK_SIZE, Weight::Regular)? } else { 0.0 };
    let column_w = (label_x + tick_w).max(title_w).max(na_w);
    let bar_x = c.w - MARGIN_RIGHT - column_w;

    // Row labels left of the grid, thinned out if the rows are too short.
    let cell_h = (bottom - top) / ny as f64;
    let y_labels: Vec<String> = chart.y_values.iter().map(|&v| compact(v)).collect();
    let (y_size, y_widest, y_every) = fit_grid_labels(&y_labels, TICK_SIZE, cell_h, |s, _| 1.4 * s)?;
    let left = MARGIN_LEFT + y_axis_width(y_widest);
    let right = bar_x - BAR_GAP;
    if right - left < 200.0 {
        return Err(no_room("the grid labels and value label"));
    }
    let cell_w = (right - left) / nx as f64;
    let x_labels: Vec<String> = chart.x_values.iter().map(|&v| compact(v)).collect();
    let (x_size, _, x_every) = fit_grid_labels(&x_labels, TICK_SIZE, cell_w, |s, w| w + 0.8 * s)?;

    // Cells, the first row at the bottom.
    let cell = |i: usize, j: usize| {
        let (x0, y1) = (left + cell_w * i as f64, bottom - cell_h * j as f64);
        (x0, y1 - cell_h, x0 + cell_w, y1)
    };
    let gap = CELL_GAP.min(cell_w / 8.0).min(cell_h / 8.0) / 2.0;
    let texts: Vec<Vec<String>> = chart
        .values
        .iter()
        .map(|row| {
            row.iter()
                .map(
                    |&v| if v.is_nan() { NA_TEXT.into() } else { format_value(v, chart.value_format, decimals, false) },
                )
                .collect()
        })
        .collect();
    // One size for every cell's value, or none where the cells are too small.
    let mut text_size = (cell_h * 0.42).min(MAX_CELL_TEXT).floor();
    let mut widest: f64 = 0.0;
    for text in texts.iter().flatten() {
        widest = widest.max(text_width(text, text_size, Weight::Regular)?);
    }
    let room = cell_w - 2.0 * gap - 2.0 * CELL_PAD;
    if widest > room {
        text_size = (text_size * room / widest).floor();
    }
    let show_text = text_size >= MIN_CELL_TEXT;
    for (j, row) in chart.values.iter().enumerate() {
        for (i, &v) in row.iter().enumerate() {
            let (x0, y0, x1, y1) = cell(i, j);
            let (fill, ink) = if v.is_nan() {
                (NA_FILL, SUBTLE_INK)
            } else {
                let rgb = sequential(frac(v));
                (RGBColor(rgb.0, rgb.1, rgb.2), ink_on(rgb))
            };
            c.rect((x0 + gap, y0 + gap), (x1 - gap, y1 - gap), fill, 1.0)?;
            if show_text {
                let at = ((x0 + x1) / 2.0, (y0 + y1) / 2.0);
                c.text_mid(&texts[j][i], text_size, Weight::Regular, ink, HPos::Center, at)?;
            }
        }
    }

    // Grid labels and axis titles.
    for (j, label) in y_labels.iter().enumerate().filter(|(j, _)| j % y_every == 0) {
        let (_, y0, _, y1) = cell(0, j);
        c.text_mid(label, y_size, Weight::Regular, SUBTLE_INK, HPos::Right, (left - 12.0, (y0 + y1) / 2.0))?;
    }
    for (i, label) in x_labels.iter().enumerate().filter(|(i, _)| i % x_every == 0) {
        let (x0, _, x1, _) = cell(i, 0);
        c.text(label, x_size, Weight::Regular, SUBTLE_INK, HPos::Center, ((x0 + x1) / 2.0, footer.ticks))?;
    }
    c.y_title(&chart.y_label, MARGIN_LEFT, top, bottom)?;
    c.x_title(&chart.x_label, (left + right) / 2.0, footer.x_title, right - left)?;

    // The colour bar: thin strips from the low end (bottom) to the high end.
    c.text_block(&title, title_size, Weight::Regular, INK, bar_x, top)?;
    let strips = (bar_h / 3.0).ceil() as usize;
    for k in 0..strips {
        let (y0, y1) =
            (bar_bottom - bar_h * k as f64 / strips as f64, bar_bottom - bar_h * (k + 1) as f64 / strips as f64);
        let rgb = sequential((k as f64 + 0.5) / strips as f64);
        c.rect((bar_x, y1), (bar_x + BAR_W, y0), RGBColor(rgb.0, rgb.1, rgb.2), 1.0)?;
    }
    for (v, label) in &axis.ticks {
        let ty = bar_bottom - bar_h * axis.frac(*v);
        c.path(&[(bar_x + BAR_W, ty), (bar_x + BAR_W + TICK_LEN, ty)], AXIS_LINE, 2.0)?;
        c.text_mid(label, TICK_SIZE, Weight::Regular, SUBTLE_INK, HPos::Left, (bar_x + label_x, ty))?;
    }
    if has_na {
        c.rect((bar_x, bottom - NA_KEY_H), (bar_x + BAR_W, bottom), NA_FILL, 1.0)?;
        c.text_mid(
            NA_TEXT,
            TICK_SIZE,
            Weight::Regular,
            SUBTLE_INK,
            HPos::Left,
            (bar_x + label_x, bottom - NA_KEY_H / 2.0),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_values_are_compact() {
        let cases = [
            (0.0, "0"),
            (0.25, "0.25"),
            (1.0, "1"),
            (8.0, "8"),
            (0.1 + 0.2, "0.3"),
            (0.01, "0.01"),
            (0.001, "1e-3"),
            (0.0015, "1.5e-3"),
            (-0.5, "-0.5"),
            (1234.5678, "1,235"),
            (12_500.0, "12,500"),
            (250_000.0, "250,000"),
            (1e6, "1e6"),
            (2.5e6, "2.5e6"),
            (-3e-7, "-3e-7"),
        ];
        for (v, want) in cases {
            assert_eq!(compact(v), want, "{v}");
        }
    }

    #[test]
    fn cell_ink_contrasts_with_the_fill() {
        assert_eq!(ink_on(sequential(0.0)), WHITE);
        assert_eq!(ink_on(sequential(0.3)), WHITE);
        assert_eq!(ink_on(sequential(0.8)), INK);
        assert_eq!(ink_on(sequential(1.0)), INK);
    }

    fn chart(values: Vec<Vec<f64>>, value_range: Option<(f64, f64)>) -> HeatmapChart {
        HeatmapChart {
            frame: super::super::Frame::default(),
            x_label: String::new(),
            y_label: String::new(),
            x_values: (0..values[0].len()).map(|i| i as f64).collect(),
            y_values: (0..values.len()).map(|j| j as f64).collect(),
            values,
            value_label: String::new(),
            value_format: super::super::AxisFormat::Percent,
            value_range,
        }
    }

    #[test]
    fn the_scale_spans_the_data_and_cells_resolve_a_twentieth_of_it() {
        assert_eq!(value_span(&chart(vec![vec![0.1, 0.9], vec![f64::NAN, 0.3]], None)), ((0.1, 0.9), 2));
        assert_eq!(value_span(&chart(vec![vec![0.1, 0.9]], Some((0.0, 10.0)))), ((0.0, 10.0), 1));
        assert_eq!(value_span(&chart(vec![vec![0.0, 100.0]], None)), ((0.0, 100.0), 0));
        assert_eq!(value_span(&chart(vec![vec![0.5, 0.55]], None)).1, 3);
        assert_eq!(value_span(&chart(vec![vec![-2e6, 1e6]], None)).1, 0);
        // Equal values are widened, and shown without spurious decimals.
        let ((lo, hi), decimals) = value_span(&chart(vec![vec![0.5, 0.5]], None));
        assert!((lo - 0.45).abs() < 1e-12 && (hi - 0.55).abs() < 1e-12 && decimals == 2);
        assert_eq!(value_span(&chart(vec![vec![0.0]], None)), ((-1.0, 1.0), 0));
        assert_eq!(value_span(&chart(vec![vec![f64::NAN]], None)), ((0.0, 1.0), 2));
    }
}
