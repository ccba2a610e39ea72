//! Horizontal stacked bars of shares, one bar per category.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::draw::*;
use super::font::{Weight, text_width};
use super::palette::luminance;
use super::{BarChart, PlotError, rgb};

/// Vertical space per bar beyond the 1000 px canvas's room for 13.
const ROW_PITCH: u32 = 50;

/// Canvas height for `n` categories: 1000 up to 13 bars, then 50 more per bar.
pub(crate) fn height(n: usize) -> u32 {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    ROW_PITCH.saturating_mul(n).saturating_add(350).max(super::draw::HEIGHT)
}

pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &BarChart) -> Result<(), PlotError> {
    let y = draw_header(c, &chart.frame.title, &chart.frame.subtitle)?;
    let entries: Vec<LegendEntry> = chart
        .segments
        .iter()
        .map(|s| LegendEntry { label: s.label.clone(), color: colour(s.color), swatch: Swatch::Block })
        .collect();
    let n = chart.categories.len();
    let (plot_top, plot_bottom, pitch, footer) = row_band(c, &entries, y, &chart.frame.source, n)?;

    // Category labels in a column left of the bars, cut to a third of the width.
    let content_w = c.w - MARGIN_LEFT - MARGIN_RIGHT;
    let (labels, label_w) = label_column(&chart.categories, CATEGORY_SIZE, 20.0, content_w * 0.3)?;
    let left = MARGIN_LEFT + label_w + 18.0;
    let right =
        (c.w - RIGHT_LIMIT - 4.0 - text_width("100%", TICK_SIZE, Weight::Regular)? / 2.0).min(c.w - MARGIN_RIGHT);
    let x_of = |v: f64| left + (right - left) * v.clamp(0.0, 1.0);

    // Vertical grid and percentage labels, as fine as the labels allow.
    let label_100 = text_width("100%", TICK_SIZE, Weight::Regular)?;
    let step = [10u32, 20, 25, 50]
        .into_iter()
        .find(|&s| (right - left) * f64::from(s) / 100.0 >= 1.8 * label_100)
        .unwrap_or(100);
    for pct in (0..=100).step_by(step as usize) {
        let x = x_of(f64::from(pct) / 100.0);
        if pct > 0 {
            c.path(&[(x, plot_top), (x, plot_bottom)], GRID, 1.5)?;
        }
        c.path(&[(x, plot_bottom), (x, plot_bottom + TICK_LEN)], AXIS_LINE, 2.0)?;
        c.text(&format!("{pct}%"), TICK_SIZE, Weight::Regular, SUBTLE_INK, HPos::Center, (x, footer.ticks))?;
    }
    c.path(&[(left, plot_bottom), (right, plot_bottom)], AXIS_LINE, 2.0)?;
    c.x_title(&chart.x_label, (left + right) / 2.0, footer.x_title, right - left)?;

    let bar_h = (pitch * 0.66).min(60.0);
    for (k, (label, size)) in labels.iter().enumerate() {
        let mid = plot_top + pitch * (k as f64 + 0.5);
        c.text_mid(label, *size, Weight::Regular, INK, HPos::Right, (left - 16.0, mid))?;
        let (top, bottom) = (mid - bar_h / 2.0, mid + bar_h / 2.0);
        let mut cum = 0.0;
        let mut seams = Vec::new();
        for seg in &chart.segments {
            let v = seg.values[k].clamp(0.0, 1.0);
            let (x0, x1) = (x_of(cum), x_of(cum + v));
            cum += v;
            if v <= 0.0 {
                continue;
            }
            c.rect((x0, top), (x1, bottom), colour(seg.color), 1.0)?;
            if x0 > left {
                seams.push(x0);
            }
            // The share, printed inside the segment where it fits.
            let text = format!("{:.0}%", v * 100.0);
            if v >= 0.01 && text_width(&text, NOTE_SIZE, Weight::Regular)? + 14.0 <= x1 - x0 {
                let ink = if luminance(rgb(seg.color)) > 0.3 { INK } else { WHITE };
                c.text_mid(&text, NOTE_SIZE, Weight::Regular, ink, HPos::Center, ((x0 + x1) / 2.0, mid))?;
            }
        }
        for x in seams {
            c.path(&[(x, top), (x, bottom)], WHITE, 2.0)?;
        }
    }
    // The 0% line over the bars' left ends.
    c.path(&[(left, plot_top), (left, plot_bottom)], AXIS_LINE, 2.0)
}
