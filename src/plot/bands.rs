//! Charts of median lines with 5-95% bands over monthly time: one plot
//! ([`ShareChart`]) or small multiples ([`PanelChart`]).

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::{time_axis, time_axis_limited};
use super::draw::*;
use super::font::{ASCENT_PER_SIZE, CAP_PER_SIZE, Weight, fit_lines, text_width};
use super::{BandSeries, PanelChart, PlotError, ShareChart};

/// Tick labels of small multiples.
const PANEL_TICK_SIZE: f64 = 22.0;
/// Titles of small multiples.
const PANEL_TITLE_SIZE: f64 = 25.0;
const PANEL_LINE_WIDTH: f64 = 3.0;
/// Horizontal gap between panels.
const PANEL_GAP_X: f64 = 48.0;
/// Vertical gap between a panel's axis and the title of the panel below.
const PANEL_GAP_Y: f64 = 30.0;

fn legend_entries(series: &[BandSeries]) -> Vec<LegendEntry> {
    series
        .iter()
        .map(|s| LegendEntry { label: s.label.clone(), color: colour(s.color), swatch: Swatch::Band })
        .collect()
}

/// Shades every series' band, so no band hides another series' median.
fn draw_bands<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    series: &[BandSeries],
    scale: TimeScale,
    top: f64,
    bottom: f64,
) -> Result<(), PlotError> {
    let y_of = |v: f64| bottom - (bottom - top) * v.clamp(0.0, 1.0);
    for s in series {
        let upper = s.p95.iter().enumerate().map(|(i, &v)| (i, v));
        let lower = s.p05.iter().enumerate().rev().map(|(i, &v)| (i, v));
        let outline: Vec<(f64, f64)> = upper.chain(lower).map(|(i, v)| (scale.x(i as f64), y_of(v))).collect();
        c.fill(&outline, colour(s.color), BAND_OPACITY)?;
    }
    Ok(())
}

fn draw_medians<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    series: &[BandSeries],
    scale: TimeScale,
    top: f64,
    bottom: f64,
    width: f64,
) -> Result<(), PlotError> {
    let y_of = |v: f64| bottom - (bottom - top) * v.clamp(0.0, 1.0);
    for s in series {
        let points: Vec<(f64, f64)> = s.median.iter().enumerate().map(|(i, &v)| (scale.x(i as f64), y_of(v))).collect();
        c.path(&points, colour(s.color), width)?;
    }
    Ok(())
}

pub(crate) fn draw_share<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &ShareChart) -> Result<(), PlotError> {
    let y = draw_header(c, &chart.title, &chart.subtitle)?;
    let (y, _) = draw_legend(c, &legend_entries(&chart.series), y)?;
    let footer = draw_footer(c, &chart.source)?;

    // Leave half a tick label above the top grid line.
    let plot_top = y + CAP_PER_SIZE * TICK_SIZE / 2.0;
    let plot_bottom = footer.plot_bottom(TICK_SIZE);
    if plot_bottom - plot_top < 80.0 {
        return Err(no_room("the title, subtitle and legend rows"));
    }
    let plot_left = MARGIN_LEFT + y_axis_width(text_width("100%", TICK_SIZE, Weight::Regular)?);
    let months = chart.series[0].median.len();
    let axis = time_axis(chart.start, months);
    let scale = TimeScale::fitted(&axis, months, plot_left, c.w - MARGIN_RIGHT, c.w - RIGHT_LIMIT, TICK_SIZE)?;

    draw_percent_grid(c, scale.left, scale.right, plot_top, plot_bottom, TICK_SIZE, true)?;
    c.y_title(&chart.y_label, MARGIN_LEFT, plot_top, plot_bottom)?;
    draw_bands(c, &chart.series, scale, plot_top, plot_bottom)?;
    draw_time_axis(c, &axis, scale, plot_bottom, TICK_SIZE, Some(footer.ticks))?;
    c.x_title(axis.title, (scale.left + scale.right) / 2.0, footer.x_title, scale.right - scale.left)?;
    draw_medians(c, &chart.series, scale, plot_top, plot_bottom, LINE_WIDTH)
}

/// Columns of the small-multiples grid for `n` panels.
fn columns(n: usize) -> usize {
    match n {
        0..=3 => n.max(1),
        4 => 2,
        5..=9 => 3,
        10..=16 => 4,
        _ => 5,
    }
}

/// Canvas height for `n` panels: 1000 up to two rows of panels, then 300
/// more per row (1500 for 13-16 panels in four columns).
pub(crate) fn panels_height(n: usize) -> u32 {
    let rows = u32::try_from(n.div_ceil(columns(n)).max(1)).unwrap_or(u32::MAX);
    300u32.saturating_mul(rows).saturating_add(300).max(super::draw::HEIGHT)
}

pub(crate) fn draw_panels<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &PanelChart) -> Result<(), PlotError> {
    let y = draw_header(c, &chart.frame.title, &chart.frame.subtitle)?;
    let (grid_top, _) = draw_legend(c, &legend_entries(&chart.panels[0].series), y)?;
    let footer = draw_footer(c, &chart.frame.source)?;

    let tick = PANEL_TICK_SIZE;
    let n = chart.panels.len();
    let cols = columns(n);
    let rows = n.div_ceil(cols);
    let grid_left = MARGIN_LEFT + y_axis_width(text_width("100%", tick, Weight::Regular)?);
    let grid_right = c.w - MARGIN_RIGHT;
    let slot_w = (grid_right - grid_left - PANEL_GAP_X * (cols - 1) as f64) / cols as f64;
    let grid_bottom = footer.plot_bottom(tick);
    let pitch = (grid_bottom - grid_top + PANEL_GAP_Y) / rows as f64;
    // Above each plot: the panel title, a gap, and half a tick label.
    let title_band = 1.15 * PANEL_TITLE_SIZE + 8.0 + CAP_PER_SIZE * tick / 2.0;
    let plot_h = pitch - PANEL_GAP_Y - title_band;
    if plot_h < 60.0 {
        return Err(no_room("the title, subtitle and legend rows"));
    }

    // Few enough time labels that they stay apart in a narrow panel, and a
    // plot narrow enough that the last one stays inside its slot.
    let months = chart.panels[0].series[0].median.len();
    let year_w = text_width("2030", tick, Weight::Regular)?;
    let month_w = text_width("May 2030", tick, Weight::Regular)?;
    let max_years = ((slot_w / (2.0 * year_w)).floor() as usize).max(2);
    let max_months = ((slot_w / (1.6 * month_w)).floor() as usize).max(2);
    let axis = time_axis_limited(chart.start, months, max_years, max_months);
    // Labels may reach into the gaps beside a panel, leaving air between
    // the labels of neighbouring panels.
    let overhang = (PANEL_GAP_X / 2.0 - 12.0).min(MARGIN_RIGHT - RIGHT_LIMIT - 6.0);
    let fitted = TimeScale::fitted_both(&axis, months, (0.0, slot_w), (-overhang, slot_w + overhang), tick)?;
    let (inset, plot_w) = (fitted.left, fitted.right - fitted.left);

    c.y_title(&chart.y_label, MARGIN_LEFT, grid_top + title_band, grid_bottom)?;
    c.x_title(axis.title, (grid_left + grid_right) / 2.0, footer.x_title, grid_right - grid_left)?;

    for (i, panel) in chart.panels.iter().enumerate() {
        let (row, col) = (i / cols, i % cols);
        let x0 = grid_left + col as f64 * (slot_w + PANEL_GAP_X) + inset;
        let slot_top = grid_top + row as f64 * pitch;
        let (title, title_size) = fit_lines(&panel.title, PANEL_TITLE_SIZE, 22.0, slot_w - inset, 1, Weight::Bold)?;
        let title = title.first().map_or("", String::as_str);
        let baseline = slot_top + ASCENT_PER_SIZE * PANEL_TITLE_SIZE;
        c.text(title, title_size, Weight::Bold, INK, HPos::Left, (x0, baseline))?;

        let top = slot_top + title_band;
        let bottom = top + plot_h;
        let scale = TimeScale { left: x0, right: x0 + plot_w, months };
        draw_percent_grid(c, scale.left, scale.right, top, bottom, tick, col == 0)?;
        draw_bands(c, &panel.series, scale, top, bottom)?;
        // Time labels under the lowest panel of each column only.
        let labels = (i + cols >= n).then_some(bottom + TICK_LEN + 8.0 + CAP_PER_SIZE * tick);
        draw_time_axis(c, &axis, scale, bottom, tick, labels)?;
        draw_medians(c, &panel.series, scale, top, bottom, PANEL_LINE_WIDTH)?;
    }
    Ok(())
}
