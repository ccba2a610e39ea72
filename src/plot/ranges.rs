//! Dot-and-range rows on a time axis: per category, the median month at
//! which something happens and its 5-95% range.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::time_axis;
use super::draw::*;
use super::font::Weight;
use super::{PlotError, RangeChart};

/// Text shown in a row whose median is beyond the simulated months.
pub(crate) const NOT_WITHIN: &str = "not within horizon";

/// Horizontal guide from a row's label to its dot.
const GUIDE: RGBColor = RGBColor(0xEC, 0xEC, 0xEC);

/// Canvas height for `n` rows: 1000 up to 16 rows, then 40 more per row.
pub(crate) fn height(n: usize) -> u32 {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    40u32.saturating_mul(n).saturating_add(350).max(super::draw::HEIGHT)
}

pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &RangeChart) -> Result<(), PlotError> {
    let y = draw_header(c, &chart.frame.title, &chart.frame.subtitle)?;
    let mut entries = vec![
        LegendEntry { label: "Median".into(), color: INK, swatch: Swatch::Dot },
        LegendEntry { label: "5–95% range".into(), color: RANGE_INK, swatch: Swatch::Range },
    ];
    if chart.rows.iter().any(|r| r.median.is_some() && r.high.is_none()) {
        entries.push(LegendEntry {
            label: "Range runs past the last month".into(),
            color: RANGE_INK,
            swatch: Swatch::Arrow,
        });
    }
    let n = chart.rows.len();
    let (plot_top, plot_bottom, pitch, footer) = row_band(c, &entries, y, &chart.frame.source, n)?;

    let content_w = c.w - MARGIN_LEFT - MARGIN_RIGHT;
    let (labels, label_w) = label_column(chart.rows.iter().map(|r| &r.label), CATEGORY_SIZE, 20.0, content_w * 0.3)?;
    let left = MARGIN_LEFT + label_w + 30.0;
    let axis = time_axis(chart.start, chart.months);
    let scale = TimeScale::fitted(&axis, chart.months, left, c.w - MARGIN_RIGHT, c.w - RIGHT_LIMIT, TICK_SIZE)?;
    let last = (chart.months - 1) as f64;
    let x_of = |m: f64| scale.x(m.clamp(0.0, last));

    for tick in &axis.major {
        let x = scale.x(tick.index as f64);
        c.path(&[(x, plot_top), (x, plot_bottom)], GRID, 1.5)?;
    }
    draw_time_axis(c, &axis, scale, plot_bottom, TICK_SIZE, Some(footer.ticks))?;
    c.x_title(&chart.x_label, (scale.left + scale.right) / 2.0, footer.x_title, scale.right - scale.left)?;

    for (k, (row, (label, size))) in chart.rows.iter().zip(&labels).enumerate() {
        let mid = plot_top + pitch * (k as f64 + 0.5);
        c.text_mid(label, *size, Weight::Regular, INK, HPos::Right, (left - 28.0, mid))?;
        let Some(median) = row.median else {
            // At the horizon's end, where a median would be if there were one.
            c.text_mid(NOT_WITHIN, NOTE_SIZE, Weight::Regular, SUBTLE_INK, HPos::Right, (scale.right, mid))?;
            continue;
        };
        let xm = x_of(median);
        c.path(&[(scale.left, mid), (xm, mid)], GUIDE, 2.0)?;
        let x_lo = x_of(row.low.unwrap_or(median));
        match row.high {
            Some(high) => c.path(&[(x_lo, mid), (x_of(high), mid)], RANGE_INK, RANGE_WIDTH)?,
            None => {
                c.path(&[(x_lo, mid), (scale.right - 14.0, mid)], RANGE_INK, RANGE_WIDTH)?;
                arrowhead(c, (scale.right + 4.0, mid), RANGE_INK)?;
            }
        }
        c.disc((xm, mid), DOT_RADIUS, INK)?;
    }
    Ok(())
}
