//! Stacked areas of shares over monthly time.

use plotters::prelude::*;

use super::axis::time_axis;
use super::draw::*;
use super::font::{CAP_PER_SIZE, Weight, text_width};
use super::{PlotError, StackedChart};

/// Legend labels to the right of the plot are cut to this width.
const LEGEND_LABEL_MAX: f64 = 360.0;

pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &StackedChart) -> Result<(), PlotError> {
    let header_bottom = draw_header(c, &chart.frame.title, &chart.frame.subtitle)?;
    // Top layer first, so the legend reads in the order of the stack.
    let entries: Vec<LegendEntry> = chart
        .layers
        .iter()
        .rev()
        .map(|l| LegendEntry { label: l.label.clone(), color: colour(l.color), swatch: Swatch::Block })
        .collect();
    let footer = draw_footer(c, &chart.frame.source)?;
    let plot_bottom = footer.plot_bottom(TICK_SIZE);
    let plot_left = MARGIN_LEFT + y_axis_width(text_width("100%", TICK_SIZE, Weight::Regular)?);

    // The legend goes in a column right of the plot, beside the layers it
    // names, when it fits there; otherwise in rows above.
    let column_top = header_bottom + CAP_PER_SIZE * TICK_SIZE / 2.0;
    let column_fits = LEGEND_ROW * entries.len() as f64 <= plot_bottom - column_top;
    let (plot_top, right_end) = if column_fits {
        let width = legend_column_width(&entries, LEGEND_LABEL_MAX)?;
        let x = c.w - RIGHT_LIMIT - 8.0 - width;
        draw_legend_column(c, &entries, x, column_top - (LEGEND_ROW - TICK_SIZE) / 2.0, LEGEND_LABEL_MAX)?;
        (column_top, x - 36.0)
    } else {
        let (y, _) = draw_legend(c, &entries, header_bottom)?;
        (y + CAP_PER_SIZE * TICK_SIZE / 2.0, c.w - MARGIN_RIGHT)
    };
    if plot_bottom - plot_top < 80.0 {
        return Err(no_room("the title, subtitle and legend rows"));
    }

    let months = chart.layers[0].values.len();
    let axis = time_axis(chart.start, months);
    let limit = if column_fits { right_end + 20.0 } else { c.w - RIGHT_LIMIT };
    let scale = TimeScale::fitted(&axis, months, plot_left, right_end, limit, TICK_SIZE)?;
    if scale.right - scale.left < 200.0 {
        return Err(no_room("the layer labels"));
    }
    let y_of = |v: f64| plot_bottom - (plot_bottom - plot_top) * v.clamp(0.0, 1.0);

    draw_percent_grid(c, scale.left, scale.right, plot_top, plot_bottom, TICK_SIZE, true)?;
    c.y_title(&chart.y_label, MARGIN_LEFT, plot_top, plot_bottom)?;

    let mut lower = vec![0.0; months];
    let mut boundaries = Vec::with_capacity(chart.layers.len());
    for layer in &chart.layers {
        let upper: Vec<f64> = lower.iter().zip(&layer.values).map(|(a, v)| (a + v.clamp(0.0, 1.0)).min(1.0)).collect();
        let top_edge = upper.iter().enumerate().map(|(i, &v)| (scale.x(i as f64), y_of(v)));
        let bottom_edge = lower.iter().enumerate().rev().map(|(i, &v)| (scale.x(i as f64), y_of(v)));
        let outline: Vec<(f64, f64)> = top_edge.chain(bottom_edge).collect();
        c.fill(&outline, colour(layer.color), 1.0)?;
        boundaries.push(upper.iter().enumerate().map(|(i, &v)| (scale.x(i as f64), y_of(v))).collect::<Vec<_>>());
        lower = upper;
    }
    // Thin white seams between layers, and the grid faintly over the areas
    // so shares can still be read off across them.
    boundaries.pop();
    for edge in &boundaries {
        c.path(edge, WHITE, 1.5)?;
    }
    let step = super::axis::percent_step(plot_bottom - plot_top, TICK_SIZE);
    for pct in (step..100).step_by(step as usize) {
        let level = f64::from(pct) / 100.0;
        let y = y_of(level);
        // Only where the stack reaches the line; above it the grey grid shows.
        let mut i = 0;
        while i < months {
            if lower[i] < level {
                i += 1;
                continue;
            }
            let run_start = i;
            while i < months && lower[i] >= level {
                i += 1;
            }
            let (a, b) = (scale.x(run_start as f64), scale.x((i - 1) as f64));
            c.path_alpha(&[(a, y), (b, y)], WHITE, 0.45, 1.5)?;
        }
    }

    draw_time_axis(c, &axis, scale, plot_bottom, TICK_SIZE, Some(footer.ticks))?;
    c.x_title(axis.title, (scale.left + scale.right) / 2.0, footer.x_title, scale.right - scale.left)
}
