//! Points and lines on two numeric axes.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::axis::{padded_span, view_axis};
use super::draw::*;
use super::font::{CAP_PER_SIZE, Weight, text_width};
use super::{PlotError, XyChart, XyStyle};

/// One entry per distinct non-empty label, in order of first appearance,
/// drawn as that label's first series is.
fn legend_entries(chart: &XyChart) -> Vec<LegendEntry> {
    let mut entries: Vec<LegendEntry> = Vec::new();
    for s in &chart.series {
        if s.label.trim().is_empty() || entries.iter().any(|e| e.label == s.label) {
            continue;
        }
        let swatch = match s.style {
            XyStyle::Line => Swatch::Line { dashed: false },
            XyStyle::DashedLine => Swatch::Line { dashed: true },
            XyStyle::Points => Swatch::Marker { line: false },
            XyStyle::LineAndPoints => Swatch::Marker { line: true },
        };
        entries.push(LegendEntry { label: s.label.clone(), color: colour(s.color), swatch });
    }
    entries
}

/// The span shown along one axis: `explicit`, or the data's padded.
fn span(chart: &XyChart, coord: fn(&(f64, f64)) -> f64, explicit: Option<(f64, f64)>) -> (f64, f64) {
    explicit.unwrap_or_else(|| {
        let values = chart.series.iter().flat_map(|s| &s.points).map(coord);
        let (min, max) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
        padded_span(min, max)
    })
}

pub(crate) fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &XyChart) -> Result<(), PlotError> {
    let y = draw_header(c, &chart.frame.title, &chart.frame.subtitle)?;
    let (y, _) = draw_legend(c, &legend_entries(chart), y)?;
    let footer = draw_footer(c, &chart.frame.source)?;

    // Leave half a tick label above the plot, for a tick at its top.
    let top = y + CAP_PER_SIZE * TICK_SIZE / 2.0;
    let bottom = footer.plot_bottom(TICK_SIZE);
    if bottom - top < 80.0 {
        return Err(no_room("the title, subtitle and legend rows"));
    }
    let max_y_ticks = (((bottom - top) / (2.0 * TICK_SIZE)).floor() as usize + 1).clamp(2, 8);
    let (y_lo, y_hi) = span(chart, |p| p.1, chart.y_range);
    let y_axis = view_axis(y_lo, y_hi, chart.y_format, max_y_ticks);
    let mut widest: f64 = 0.0;
    for (_, label) in &y_axis.ticks {
        widest = widest.max(text_width(label, TICK_SIZE, Weight::Regular)?);
    }
    let left = MARGIN_LEFT + y_axis_width(widest);
    let x_span = span(chart, |p| p.0, chart.x_range);
    let (x_axis, right) =
        fit_value_x_axis(x_span, chart.x_format, left, c.w - MARGIN_RIGHT, c.w - RIGHT_LIMIT, TICK_SIZE)?;
    if right - left < 200.0 {
        return Err(no_room("the y-axis tick labels"));
    }
    let x_of = |x: f64| left + (right - left) * x_axis.frac(x);
    let y_of = |y: f64| bottom - (bottom - top) * y_axis.frac(y);

    for (v, label) in &y_axis.ticks {
        let gy = y_of(*v);
        if bottom - gy > 1.0 {
            c.path(&[(left, gy), (right, gy)], GRID, 1.5)?;
        }
        c.text_mid(label, TICK_SIZE, Weight::Regular, SUBTLE_INK, HPos::Right, (left - 12.0, gy))?;
    }
    for (v, _) in &x_axis.ticks {
        let gx = x_of(*v);
        c.path(&[(gx, top), (gx, bottom)], GRID, 1.5)?;
    }
    c.y_title(&chart.y_label, MARGIN_LEFT, top, bottom)?;
    draw_value_x_axis(c, &x_axis, (left, right), bottom, TICK_SIZE, footer.ticks)?;
    c.x_title(&chart.x_label, (left + right) / 2.0, footer.x_title, right - left)?;

    // Lines first, so that no line hides a point.
    let plot = (left, top, right, bottom);
    for s in &chart.series {
        let dashed = match s.style {
            XyStyle::Line | XyStyle::LineAndPoints => false,
            XyStyle::DashedLine => true,
            XyStyle::Points => continue,
        };
        let points: Vec<(f64, f64)> = s.points.iter().map(|&(x, y)| (x_of(x), y_of(y))).collect();
        for piece in clip_polyline(&points, plot) {
            if dashed {
                c.dashed(&piece, colour(s.color), LINE_WIDTH)?;
            } else {
                c.path(&piece, colour(s.color), LINE_WIDTH)?;
            }
        }
    }
    for s in chart.series.iter().filter(|s| matches!(s.style, XyStyle::Points | XyStyle::LineAndPoints)) {
        for &(x, y) in &s.points {
            let (px, py) = (x_of(x), y_of(y));
            // Half a pixel of slack for points on the edge of an explicit range.
            if (left - 0.5..=right + 0.5).contains(&px) && (top - 0.5..=bottom + 0.5).contains(&py) {
                marker(c, (px, py), MARKER_RADIUS, colour(s.color))?;
            }
        }
    }
    Ok(())
}

/// The part of a segment inside a rectangle.
struct Clipped {
    start: (f64, f64),
    end: (f64, f64),
    /// Whether the segment's start, and its end, lie inside.
    start_kept: bool,
    end_kept: bool,
}

/// The part of segment `a`-`b` inside `(left, top, right, bottom)`, if any
/// (Liang-Barsky).
fn clip_segment(a: (f64, f64), b: (f64, f64), (x0, y0, x1, y1): (f64, f64, f64, f64)) -> Option<Clipped> {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
    for (p, q) in [(-dx, a.0 - x0), (dx, x1 - a.0), (-dy, a.1 - y0), (dy, y1 - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return None;
            }
        } else {
            let r = q / p;
            if p < 0.0 {
                if r > t1 {
                    return None;
                }
                t0 = t0.max(r);
            } else {
                if r < t0 {
                    return None;
                }
                t1 = t1.min(r);
            }
        }
    }
    let at = |t: f64| (a.0 + dx * t, a.1 + dy * t);
    Some(Clipped { start: at(t0), end: at(t1), start_kept: t0 == 0.0, end_kept: t1 == 1.0 })
}

/// Splits a polyline into the pieces inside `rect`.
pub(crate) fn clip_polyline(pts: &[(f64, f64)], rect: (f64, f64, f64, f64)) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut current: Vec<(f64, f64)> = Vec::new();
    let mut flush = |current: &mut Vec<(f64, f64)>| {
        if current.len() > 1 {
            out.push(std::mem::take(current));
        } else {
            current.clear();
        }
    };
    for seg in pts.windows(2) {
        match clip_segment(seg[0], seg[1], rect) {
            None => flush(&mut current),
            Some(clipped) => {
                if !clipped.start_kept || current.is_empty() {
                    flush(&mut current);
                    current.push(clipped.start);
                }
                current.push(clipped.end);
                if !clipped.end_kept {
                    flush(&mut current);
                }
            }
        }
    }
    flush(&mut current);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polylines_clip_to_the_plot() {
        let rect = (0.0, 0.0, 10.0, 10.0);
        // Inside: unchanged.
        let inside = vec![(1.0, 1.0), (5.0, 5.0), (9.0, 2.0)];
        assert_eq!(clip_polyline(&inside, rect), vec![inside.clone()]);
        // Out and back in: two pieces, cut at the edge.
        let pieces = clip_polyline(&[(5.0, 5.0), (15.0, 5.0), (15.0, 8.0), (5.0, 8.0)], rect);
        assert_eq!(pieces, vec![vec![(5.0, 5.0), (10.0, 5.0)], vec![(10.0, 8.0), (5.0, 8.0)]]);
        // Crossing the whole plot.
        assert_eq!(clip_polyline(&[(-5.0, 5.0), (15.0, 5.0)], rect), vec![vec![(0.0, 5.0), (10.0, 5.0)]]);
        // Entirely outside.
        assert!(clip_polyline(&[(-5.0, -5.0), (-1.0, 20.0)], rect).is_empty());
        assert!(clip_polyline(&[(1.0, 1.0)], rect).is_empty());
    }
}
