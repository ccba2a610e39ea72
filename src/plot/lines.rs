//! Panels of lines over monthly time, side by side, each with its own value
//! axis (linear or logarithmic).

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::{linear_axis, log_axis, time_axis_limited};
use super::draw::*;
use super::font::{ASCENT_PER_SIZE, CAP_PER_SIZE, Weight, fit_lines, text_width};
use super::{LineChart, PlotError};

const PANEL_TITLE_SIZE: f64 = 30.0;
/// Horizontal gap between one panel's plot and the next panel's axis title.
const PANEL_GAP: f64 = 80.0;

/// One entry per distinct label, in order of first appearance, taking colour
/// and dash from that first line.
fn legend_entries(chart: &LineChart) -> Vec<LegendEntry> {
    let mut entries: Vec<LegendEntry> = Vec::new();
    for line in chart.panels.iter().flat_map(|p| &p.lines) {
        if !entries.iter().any(|e| e.label == line.label) {
            entries.push(LegendEntry {
                label: line.label.clone(),
                color: colour(line.color),
                swatch: Swatch::Line { dashed: line.dashed },
            });
        }
    }
    entries
}

pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &LineChart) -> Result<(), PlotError> {
    let y = draw_header(c, &chart.frame.title, &chart.frame.subtitle)?;
    let (y, _) = draw_legend(c, &legend_entries(chart), y)?;
    let footer = draw_footer(c, &chart.frame.source)?;

    let k = chart.panels.len();
    let tick = if k <= 2 { TICK_SIZE } else { 24.0 };
    let content_w = c.w - MARGIN_LEFT - MARGIN_RIGHT;
    let region_w = (content_w - PANEL_GAP * (k - 1) as f64) / k as f64;
    let titled = chart.panels.iter().any(|p| !p.title.trim().is_empty());
    let title_band = if titled { 1.15 * PANEL_TITLE_SIZE + 12.0 } else { 0.0 };
    let top = y + title_band + CAP_PER_SIZE * tick / 2.0;
    let bottom = footer.plot_bottom(tick);
    if bottom - top < 80.0 {
        return Err(no_room("the title, subtitle and legend rows"));
    }
    let months = chart.panels[0].lines[0].values.len();

    for (j, panel) in chart.panels.iter().enumerate() {
        let x0 = MARGIN_LEFT + j as f64 * (region_w + PANEL_GAP);
        let x1 = x0 + region_w;
        if titled {
            let (title, size) = fit_lines(&panel.title, PANEL_TITLE_SIZE, 22.0, region_w, 1, Weight::Bold)?;
            let title = title.first().map_or("", String::as_str);
            c.text(title, size, Weight::Bold, INK, HPos::Left, (x0, y + ASCENT_PER_SIZE * PANEL_TITLE_SIZE))?;
        }

        let values = panel.lines.iter().flat_map(|l| &l.values).copied();
        let (min, max) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        let axis = if panel.log_scale {
            log_axis(min, max, panel.y_format, bottom - top, tick)
        } else {
            linear_axis(min, max, panel.y_format, bottom - top, tick)
        };
        let mut widest: f64 = 0.0;
        for (_, label) in &axis.ticks {
            widest = widest.max(text_width(label, tick, Weight::Regular)?);
        }
        let left = x0 + y_axis_width(widest);
        let time = {
            let year_w = text_width("2030", tick, Weight::Regular)?;
            let month_w = text_width("May 2030", tick, Weight::Regular)?;
            let max_years = (((x1 - left) / (2.0 * year_w)).floor() as usize).clamp(2, 8);
            let max_months = (((x1 - left) / (1.6 * month_w)).floor() as usize).clamp(2, 7);
            time_axis_limited(chart.start, months, max_years, max_months)
        };
        let limit = if j + 1 == k { c.w - RIGHT_LIMIT } else { x1 + PANEL_GAP / 2.0 - 4.0 };
        let scale = TimeScale::fitted(&time, months, left, x1, limit, tick)?;
        if scale.right - scale.left < 120.0 {
            return Err(no_room("the axis labels of this many panels"));
        }
        let y_of = |v: f64| bottom - (bottom - top) * axis.frac(v);

        for (i, (v, label)) in axis.ticks.iter().enumerate() {
            let gy = y_of(*v);
            if i > 0 {
                c.path(&[(scale.left, gy), (scale.right, gy)], GRID, 1.5)?;
            }
            c.text_mid(label, tick, Weight::Regular, SUBTLE_INK, HPos::Right, (scale.left - 12.0, gy))?;
        }
        c.y_title(&panel.y_label, x0, top, bottom)?;
        draw_time_axis(c, &time, scale, bottom, tick, Some(footer.ticks))?;
        c.x_title(time.title, (scale.left + scale.right) / 2.0, footer.x_title, scale.right - scale.left)?;

        for line in &panel.lines {
            let points: Vec<(f64, f64)> =
                line.values.iter().enumerate().map(|(i, &v)| (scale.x(i as f64), y_of(v))).collect();
            if line.dashed {
                c.dashed(&points, colour(line.color), LINE_WIDTH)?;
            } else {
                c.path(&points, colour(line.color), LINE_WIDTH)?;
            }
        }
    }
    Ok(())
}
