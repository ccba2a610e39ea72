//! Input checks run before anything is drawn, so a bad chart is an error
//! naming what is wrong rather than a panic or a misleading picture.

use super::{
    BandSeries, BarChart, Figure, HeatmapChart, IntervalChart, LineChart, PanelChart, PlotError, RangeChart,
    ShareChart, StackedChart, XyChart, XyStyle,
};

/// Values this far outside their range are taken as rounding noise and clamped.
pub(crate) const RANGE_TOLERANCE: f64 = 1e-4;

fn bad<T>(msg: String) -> Result<T, PlotError> {
    Err(PlotError::InvalidInput(msg))
}

/// Tallest canvas drawn; the supersampled PNG buffer of one this tall takes
/// about 115 MB.
const MAX_HEIGHT: u32 = 6000;

pub(crate) fn figure(figure: &Figure) -> Result<(), PlotError> {
    match figure {
        Figure::Share(c) => share(c),
        Figure::Panels(c) => panels(c),
        Figure::Stacked(c) => stacked(c),
        Figure::Bars(c) => bars(c),
        Figure::Lines(c) => lines(c),
        Figure::Ranges(c) => ranges(c),
        Figure::Xy(c) => xy(c),
        Figure::Intervals(c) => intervals(c),
        Figure::Heatmap(c) => heatmap(c),
    }?;
    let (_, h) = figure.size();
    if h > MAX_HEIGHT {
        return bad(format!("the figure would be {h} px tall (at most {MAX_HEIGHT}); split it into several"));
    }
    Ok(())
}

fn start(start: (i32, u32)) -> Result<(), PlotError> {
    if !(1..=12).contains(&start.1) {
        return bad(format!("start month {} is not in 1..=12", start.1));
    }
    Ok(())
}

fn enough_months(what: &str, months: usize) -> Result<(), PlotError> {
    if months < 2 {
        return bad(format!("{what} has {months} month(s) of data; a time series needs at least 2"));
    }
    Ok(())
}

fn length(what: &str, got: usize, want: usize, of: &str) -> Result<(), PlotError> {
    if got != want {
        return bad(format!("{what} has {got} values but {want} {of}"));
    }
    Ok(())
}

/// Every value finite and within 0..1 (give or take [`RANGE_TOLERANCE`]).
fn shares(what: &str, values: &[f64]) -> Result<(), PlotError> {
    match values
        .iter()
        .enumerate()
        .find(|(_, v)| !v.is_finite() || **v < -RANGE_TOLERANCE || **v > 1.0 + RANGE_TOLERANCE)
    {
        Some((i, v)) => bad(format!("{what} month {i} is {v}; shares must be finite fractions in 0..1")),
        None => Ok(()),
    }
}

fn band_series(context: &str, series: &[BandSeries], months: usize, first: &str) -> Result<(), PlotError> {
    for s in series {
        for (name, values) in [("median", &s.median), ("p05", &s.p05), ("p95", &s.p95)] {
            let what = format!("{context}series {:?} {name}", s.label);
            length(&what, values.len(), months, &format!("{first} has; all series must cover the same months"))?;
            shares(&what, values)?;
        }
    }
    Ok(())
}

fn share(chart: &ShareChart) -> Result<(), PlotError> {
    if chart.series.is_empty() {
        return bad("the chart has no series".into());
    }
    start(chart.start)?;
    let months = chart.series[0].median.len();
    enough_months(&format!("series {:?}", chart.series[0].label), months)?;
    band_series("", &chart.series, months, &format!("{:?} median", chart.series[0].label))
}

fn panels(chart: &PanelChart) -> Result<(), PlotError> {
    if chart.panels.is_empty() {
        return bad("the chart has no panels".into());
    }
    start(chart.start)?;
    if let Some(p) = chart.panels.iter().find(|p| p.series.is_empty()) {
        return bad(format!("panel {:?} has no series", p.title));
    }
    let first = &chart.panels[0];
    let months = first.series[0].median.len();
    enough_months(&format!("panel {:?} series {:?}", first.title, first.series[0].label), months)?;
    let of = format!("panel {:?} series {:?} median", first.title, first.series[0].label);
    for p in &chart.panels {
        band_series(&format!("panel {:?} ", p.title), &p.series, months, &of)?;
    }
    Ok(())
}

fn stacked(chart: &StackedChart) -> Result<(), PlotError> {
    if chart.layers.is_empty() {
        return bad("the chart has no layers".into());
    }
    start(chart.start)?;
    let months = chart.layers[0].values.len();
    enough_months(&format!("layer {:?}", chart.layers[0].label), months)?;
    for l in &chart.layers {
        let what = format!("layer {:?}", l.label);
        length(&what, l.values.len(), months, &format!("layer {:?} has", chart.layers[0].label))?;
        shares(&what, &l.values)?;
    }
    for i in 0..months {
        let sum: f64 = chart.layers.iter().map(|l| l.values[i]).sum();
        if sum > 1.0 + RANGE_TOLERANCE {
            return bad(format!("layers sum to {sum} in month {i}; stacked shares must not exceed 1"));
        }
    }
    Ok(())
}

fn bars(chart: &BarChart) -> Result<(), PlotError> {
    if chart.categories.is_empty() {
        return bad("the chart has no categories".into());
    }
    if chart.segments.is_empty() {
        return bad("the chart has no segments".into());
    }
    let n = chart.categories.len();
    for s in &chart.segments {
        let what = format!("segment {:?}", s.label);
        length(&what, s.values.len(), n, "categories")?;
        if let Some((i, v)) = s
            .values
            .iter()
            .enumerate()
            .find(|(_, v)| !v.is_finite() || **v < -RANGE_TOLERANCE || **v > 1.0 + RANGE_TOLERANCE)
        {
            return bad(format!(
                "{what} value for {:?} is {v}; shares must be finite fractions in 0..1",
                chart.categories[i]
            ));
        }
    }
    for (i, cat) in chart.categories.iter().enumerate() {
        let sum: f64 = chart.segments.iter().map(|s| s.values[i]).sum();
        if sum > 1.0 + RANGE_TOLERANCE {
            return bad(format!("segments of {cat:?} sum to {sum}; stacked shares must not exceed 1"));
        }
    }
    Ok(())
}

fn lines(chart: &LineChart) -> Result<(), PlotError> {
    if chart.panels.is_empty() {
        return bad("the chart has no panels".into());
    }
    start(chart.start)?;
    if let Some(p) = chart.panels.iter().find(|p| p.lines.is_empty()) {
        return bad(format!("panel {:?} has no lines", p.title));
    }
    let first = &chart.panels[0];
    let months = first.lines[0].values.len();
    enough_months(&format!("panel {:?} line {:?}", first.title, first.lines[0].label), months)?;
    let of =
        format!("panel {:?} line {:?} has; all lines must cover the same months", first.title, first.lines[0].label);
    for p in &chart.panels {
        for l in &p.lines {
            let what = format!("panel {:?} line {:?}", p.title, l.label);
            length(&what, l.values.len(), months, &of)?;
            if let Some((i, v)) = l.values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return bad(format!("{what} month {i} is {v}; values must be finite"));
            }
            let non_positive = l.values.iter().enumerate().find(|(_, v)| **v <= 0.0);
            if let (true, Some((i, v))) = (p.log_scale, non_positive) {
                return bad(format!("{what} month {i} is {v}; a log-scale panel needs positive values"));
            }
        }
    }
    Ok(())
}

fn ranges(chart: &RangeChart) -> Result<(), PlotError> {
    if chart.rows.is_empty() {
        return bad("the chart has no rows".into());
    }
    start(chart.start)?;
    enough_months("the chart", chart.months)?;
    let last = (chart.months - 1) as f64;
    for r in &chart.rows {
        for (name, value) in [("low", r.low), ("median", r.median), ("high", r.high)] {
            if let Some(v) = value.filter(|v| !v.is_finite() || *v < -RANGE_TOLERANCE || *v > last + RANGE_TOLERANCE) {
                return bad(format!(
                    "row {:?} {name} is {v}; months must be finite indices in 0..={last} from the start",
                    r.label
                ));
            }
        }
        if r.median.is_some() && r.low.is_none() {
            return bad(format!(
                "row {:?} has a median but no low; the 5% point cannot come after the median",
                r.label
            ));
        }
        let ordered = |a: Option<f64>, b: Option<f64>| match (a, b) {
            (Some(a), Some(b)) => a <= b + RANGE_TOLERANCE,
            _ => true,
        };
        if !ordered(r.low, r.median) || !ordered(r.median, r.high) || !ordered(r.low, r.high) {
            return bad(format!("row {:?} must have low <= median <= high", r.label));
        }
    }
    Ok(())
}

/// The span of `values` fits in an `f64`, so an axis can be laid over it.
fn drawable_span(what: &str, values: impl Iterator<Item = f64>) -> Result<(), PlotError> {
    let (min, max) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| (a.min(v), b.max(v)));
    if (max - min).is_finite() || min > max {
        Ok(())
    } else {
        bad(format!("{what} span {min} to {max}, too wide to draw; rescale them"))
    }
}

fn xy(chart: &XyChart) -> Result<(), PlotError> {
    if chart.series.is_empty() {
        return bad("the chart has no series".into());
    }
    for (name, range) in [("x_range", chart.x_range), ("y_range", chart.y_range)] {
        if let Some((lo, hi)) = range.filter(|(lo, hi)| !lo.is_finite() || !hi.is_finite() || lo >= hi) {
            return bad(format!("{name} is ({lo}, {hi}); a range must be finite with low < high"));
        }
    }
    for s in &chart.series {
        let what = format!("series {:?}", s.label);
        match (s.points.len(), s.style) {
            (0, _) => return bad(format!("{what} has no points")),
            (1, style) if style != XyStyle::Points => {
                return bad(format!("{what} has 1 point; a line needs at least 2 (use XyStyle::Points for one)"));
            }
            _ => {}
        }
        if let Some((i, (x, y))) = s.points.iter().enumerate().find(|(_, (x, y))| !x.is_finite() || !y.is_finite()) {
            return bad(format!("{what} point {i} is ({x}, {y}); coordinates must be finite"));
        }
    }
    let points = || chart.series.iter().flat_map(|s| &s.points);
    drawable_span("the x values", points().map(|p| p.0))?;
    drawable_span("the y values", points().map(|p| p.1))
}

fn intervals(chart: &IntervalChart) -> Result<(), PlotError> {
    if chart.rows.is_empty() {
        return bad("the chart has no rows".into());
    }
    if let Some(v) = chart.reference.filter(|v| !v.is_finite()) {
        return bad(format!("the reference is {v}; it must be finite"));
    }
    for r in &chart.rows {
        for (name, v) in [("low", r.low), ("estimate", r.estimate), ("high", r.high)] {
            if !v.is_finite() {
                return bad(format!("row {:?} {name} is {v}; values must be finite", r.label));
            }
        }
        if r.low > r.estimate || r.estimate > r.high {
            return bad(format!(
                "row {:?} has low {}, estimate {}, high {}; it must have low <= estimate <= high",
                r.label, r.low, r.estimate, r.high
            ));
        }
    }
    drawable_span("the intervals", chart.rows.iter().flat_map(|r| [r.low, r.high]).chain(chart.reference))
}

fn heatmap(chart: &HeatmapChart) -> Result<(), PlotError> {
    for (axis, values) in [("x", &chart.x_values), ("y", &chart.y_values)] {
        if values.is_empty() {
            return bad(format!("the heatmap has no {axis} values"));
        }
        if let Some((i, v)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return bad(format!("{axis} value {i} is {v}; grid values must be finite"));
        }
    }
    let (nx, ny) = (chart.x_values.len(), chart.y_values.len());
    if nx > HeatmapChart::MAX_COLUMNS {
        return bad(format!("the heatmap has {nx} x values (at most {}); coarsen the grid", HeatmapChart::MAX_COLUMNS));
    }
    if chart.values.len() != ny {
        return bad(format!(
            "values has {} rows but there are {ny} y values; values[y][x] needs one row per y value",
            chart.values.len()
        ));
    }
    for (j, row) in chart.values.iter().enumerate() {
        let y = chart.y_values[j];
        if row.len() != nx {
            return bad(format!("values row {j} (y = {y}) has {} values but there are {nx} x values", row.len()));
        }
        if let Some((i, v)) = row.iter().enumerate().find(|(_, v)| v.is_infinite()) {
            let x = chart.x_values[i];
            return bad(format!("value at x = {x}, y = {y} is {v}; values must be finite (or NaN for n/a)"));
        }
    }
    if let Some((lo, hi)) = chart.value_range.filter(|(lo, hi)| !(hi - lo).is_finite() || lo >= hi) {
        return bad(format!("value_range is ({lo}, {hi}); a range must be finite with low < high"));
    }
    drawable_span("the values", chart.values.iter().flatten().copied().filter(|v| !v.is_nan()))
}
