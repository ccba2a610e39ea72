//! A forest plot: per row, an estimate (dot) and its interval (line) on a
//! shared numeric axis, with a reference line.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::padded_span;
use super::draw::*;
use super::font::Weight;
use super::{IntervalChart, PlotError};

/// Shading of every other row, so a row's label, interval and note read as one.
const STRIPE: RGBColor = RGBColor(0xF4, 0xF4, 0xF4);
/// Gap between the row labels and the plot, and between the plot and the notes.
const GUTTER: f64 = 28.0;

/// Sets each of `texts` on one line at `size`, cut with "…" to `max_width`;
/// returns them and the widest one's width.
pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &IntervalChart) -> Result<(), PlotError> {
    let y = draw_header(c, &chart.frame.title, &chart.frame.subtitle)?;
    let entries: Vec<LegendEntry> = chart
        .legend
        .iter()
        .map(|(label, color)| LegendEntry { label: label.clone(), color: colour(*color), swatch: Swatch::Interval })
        .collect();
    let n = chart.rows.len();
    let (plot_top, plot_bottom, pitch, footer) = row_band(c, &entries, y, &chart.frame.source, n)?;

    // Labels left of the plot and notes right of it, each column cut to fit.
    let content_w = c.w - MARGIN_LEFT - MARGIN_RIGHT;
    let (labels, label_w) =
        label_column(chart.rows.iter().map(|r| &r.label), CATEGORY_SIZE, CATEGORY_SIZE, content_w * 0.3)?;
    let (notes, note_w) = label_column(chart.rows.iter().map(|r| &r.note), NOTE_SIZE, NOTE_SIZE, content_w * 0.22)?;
    let left = MARGIN_LEFT + label_w + GUTTER;
    let right_max = if note_w > 0.0 { c.w - MARGIN_RIGHT - note_w - GUTTER } else { c.w - MARGIN_RIGHT };

    let bounds = chart.rows.iter().flat_map(|r| [r.low, r.high]).chain(chart.reference);
    let (min, max) = bounds.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    let (axis, right) =
        fit_value_x_axis(padded_span(min, max), chart.x_format, left, right_max, c.w - RIGHT_LIMIT, TICK_SIZE)?;
    if right - left < 200.0 {
        return Err(no_room("the row labels and notes"));
    }
    let x_of = |v: f64| left + (right - left) * axis.frac(v);
    let note_x = right + GUTTER;

    for k in (1..n).step_by(2) {
        let row_top = plot_top + pitch * k as f64;
        let stripe_right = if note_w > 0.0 { note_x + note_w } else { right };
        c.rect((MARGIN_LEFT - 12.0, row_top), (stripe_right + 12.0, row_top + pitch), STRIPE, 1.0)?;
    }
    for (v, _) in &axis.ticks {
        let x = x_of(*v);
        c.path(&[(x, plot_top), (x, plot_bottom)], GRID, 1.5)?;
    }
    if let Some(reference) = chart.reference {
        let x = x_of(reference);
        c.path(&[(x, plot_top), (x, plot_bottom)], AXIS_LINE, 2.5)?;
    }
    draw_value_x_axis(c, &axis, (left, right), plot_bottom, TICK_SIZE, footer.ticks)?;
    c.x_title(&chart.x_label, (left + right) / 2.0, footer.x_title, right - left)?;

    for (k, row) in chart.rows.iter().enumerate() {
        let mid = plot_top + pitch * (k as f64 + 0.5);
        c.text_mid(&labels[k].0, CATEGORY_SIZE, Weight::Regular, INK, HPos::Right, (left - GUTTER, mid))?;
        let color = colour(row.color);
        c.path(&[(x_of(row.low), mid), (x_of(row.high), mid)], color, INTERVAL_WIDTH)?;
        marker(c, (x_of(row.estimate), mid), ESTIMATE_RADIUS, color)?;
        c.text_mid(&notes[k].0, NOTE_SIZE, Weight::Regular, SUBTLE_INK, HPos::Left, (note_x, mid))?;
    }
    Ok(())
}
