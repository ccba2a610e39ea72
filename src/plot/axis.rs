//! Tick placement for the monthly time axis, the percentage axis and value axes.

use super::AxisFormat;

/// A labelled position on the time axis, as a month index into the series.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TimeTick {
    pub index: usize,
    pub label: String,
}

/// Ticks for a time axis plus what the axis is called.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct TimeAxis {
    pub major: Vec<TimeTick>,
    /// Unlabelled Januaries between major ticks, drawn as short marks so a
    /// reader can still count years when labels are sparse.
    pub minor: Vec<usize>,
    pub title: &'static str,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Most labels the axis carries; keeps year labels well apart at 1600 px.
const MAX_YEAR_LABELS: usize = 8;
/// "Mon YYYY" labels are about twice as wide as year labels.
const MAX_MONTH_LABELS: usize = 7;

/// Calendar (year, month 1..=12) of month index `i`.
fn calendar(start: (i32, u32), i: usize) -> (i32, u32) {
    let m0 = i64::from(start.1) - 1 + i as i64;
    ((i64::from(start.0) + m0.div_euclid(12)) as i32, (m0.rem_euclid(12) + 1) as u32)
}

/// Year ticks on Januaries at a 1-2-5 step; spans containing fewer than two
/// Januaries get month ticks instead, as year labels would leave them bare.
pub(crate) fn time_axis(start: (i32, u32), months: usize) -> TimeAxis {
    time_axis_limited(start, months, MAX_YEAR_LABELS, MAX_MONTH_LABELS)
}

/// [`time_axis`] with at most `max_years` year labels or `max_months` month
/// labels, for narrow plots such as small multiples.
pub(crate) fn time_axis_limited(start: (i32, u32), months: usize, max_years: usize, max_months: usize) -> TimeAxis {
    let januaries: Vec<usize> = (0..months).filter(|&i| calendar(start, i).1 == 1).collect();
    if januaries.len() >= 2 {
        let year_of = |i: usize| calendar(start, i).0;
        let step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500]
            .into_iter()
            .find(|&s| januaries.iter().filter(|&&i| year_of(i).rem_euclid(s) == 0).count() <= max_years)
            .unwrap_or(1000);
        let (major, minor): (Vec<usize>, Vec<usize>) =
            januaries.iter().partition(|&&i| year_of(i).rem_euclid(step) == 0);
        // Minor marks only while they stay sparse enough to read as a ruler.
        let minor = if minor.len() <= 60 { minor } else { Vec::new() };
        return TimeAxis {
            major: major.into_iter().map(|index| TimeTick { index, label: year_of(index).to_string() }).collect(),
            minor,
            title: "Year",
        };
    }
    let step = [1u32, 2, 3, 6]
        .into_iter()
        .find(|&s| (0..months).filter(|&i| (calendar(start, i).1 - 1) % s == 0).count() <= max_months)
        .unwrap_or(12);
    let major = (0..months)
        .filter_map(|index| {
            let (year, month) = calendar(start, index);
            ((month - 1) % step == 0)
                .then(|| TimeTick { index, label: format!("{} {year}", MONTHS[month as usize - 1]) })
        })
        .collect();
    TimeAxis { major, minor: Vec::new(), title: "Month" }
}

/// Percentage step for a 0-100% axis: the finest of 10, 20, 25 and 50 that
/// leaves labels at least two label heights apart.
pub(crate) fn percent_step(plot_height: f64, label_size: f64) -> u32 {
    [10, 20, 25, 50].into_iter().find(|&s| plot_height * f64::from(s) / 100.0 >= 2.0 * label_size).unwrap_or(100)
}

/// A value axis: its range and labelled ticks.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ValueAxis {
    pub lo: f64,
    pub hi: f64,
    pub log: bool,
    pub ticks: Vec<(f64, String)>,
}

impl ValueAxis {
    /// Position of `v` along the axis, 0 at `lo` and 1 at `hi`.
    pub fn frac(&self, v: f64) -> f64 {
        if self.log { (v / self.lo).log10() / (self.hi / self.lo).log10() } else { (v - self.lo) / (self.hi - self.lo) }
    }
}

/// Tolerance for floating-point noise in tick arithmetic.
const EPS: f64 = 1e-9;

/// Linear axis over `min..=max` with 1-2-5 steps, as many ticks as fit
/// `length` pixels with labels of `label_size` at least two sizes apart (but
/// no more than eight). Data that are all positive and start low include 0.
pub(crate) fn linear_axis(min: f64, max: f64, format: AxisFormat, length: f64, label_size: f64) -> ValueAxis {
    let (mut lo, mut hi) = (min, max);
    if lo >= 0.0 && lo <= 0.3 * hi {
        lo = 0.0;
    }
    if hi <= 0.0 && hi >= 0.3 * lo {
        hi = 0.0;
    }
    if hi - lo <= EPS * lo.abs().max(hi.abs()).max(1e-300) {
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo, hi) = if min >= 0.0 { ((lo - d).max(0.0), hi + d) } else { (lo - d, hi + d) };
    }
    let intervals = ((length / (2.0 * label_size)).floor() as i64).clamp(1, 7);
    let mut exp = ((hi - lo) / intervals as f64).log10().floor() as i32 - 1;
    let step = 'search: loop {
        for m in [1.0, 2.0, 5.0] {
            let step = m * 10f64.powi(exp);
            let n = (hi / step - EPS).ceil() - (lo / step + EPS).floor();
            if n <= intervals as f64 {
                break 'search step;
            }
        }
        exp += 1;
    };
    let (k0, k1) = ((lo / step + EPS).floor() as i64, (hi / step - EPS).ceil() as i64);
    let decimals = decimals_for(step);
    let ticks = (k0..=k1)
        .map(|k| {
            let v = k as f64 * step;
            (v, format_value(v, format, decimals, false))
        })
        .collect();
    ValueAxis { lo: k0 as f64 * step, hi: k1 as f64 * step, log: false, ticks }
}

/// Share of a data span added at each end of an axis fitted to the data, so
/// that no point sits on the plot's edge.
pub(crate) const DATA_PAD: f64 = 0.04;

/// The span `min..=max` of some data, padded by [`DATA_PAD`] of its width at
/// each end; a zero-width span is widened first, by a tenth of its value (or
/// by 1 about 0).
pub(crate) fn padded_span(min: f64, max: f64) -> (f64, f64) {
    let (mut lo, mut hi) = (min, max);
    if hi - lo <= EPS * lo.abs().max(hi.abs()).max(1e-300) {
        let d = if lo == 0.0 { 1.0 } else { lo.abs() * 0.1 };
        (lo, hi) = (lo - d, hi + d);
    }
    let pad = (hi - lo) * DATA_PAD;
    (lo - pad, hi + pad)
}

/// Linear axis showing exactly `lo..hi` (lo < hi), ticked at multiples of
/// the finest 1-2-5 step that gives at most `max_ticks` ticks within it.
pub(crate) fn view_axis(lo: f64, hi: f64, format: AxisFormat, max_ticks: usize) -> ValueAxis {
    let max_ticks = max_ticks.max(2) as f64;
    let tol = EPS * (hi - lo);
    let count = |step: f64| ((hi + tol) / step).floor() - ((lo - tol) / step).ceil() + 1.0;
    let mut exp = ((hi - lo) / max_ticks).log10().floor() as i32 - 1;
    let step = 'search: loop {
        for m in [1.0, 2.0, 5.0] {
            let step = m * 10f64.powi(exp);
            if count(step) <= max_ticks {
                break 'search step;
            }
        }
        exp += 1;
    };
    let decimals = decimals_for(step);
    let (k0, k1) = (((lo - tol) / step).ceil() as i64, ((hi + tol) / step).floor() as i64);
    let ticks = (k0..=k1)
        .map(|k| {
            let v = k as f64 * step;
            (v, format_value(v, format, decimals, false))
        })
        .collect();
    ValueAxis { lo, hi, log: false, ticks }
}

/// Logarithmic axis over whole decades around `min..=max` (both positive),
/// ticked at 1, 2 and 5 of each decade where those labels fit `length`
/// pixels, else at every decade (or every second, third...).
pub(crate) fn log_axis(min: f64, max: f64, format: AxisFormat, length: f64, label_size: f64) -> ValueAxis {
    let d0 = (min.log10() + EPS).floor() as i32;
    let mut d1 = (max.log10() - EPS).ceil() as i32;
    if d1 <= d0 {
        d1 = d0 + 1;
    }
    let per_decade = length / f64::from(d1 - d0);
    let min_gap = 1.8 * label_size;
    let mut values = Vec::new();
    if 2f64.log10() * per_decade >= min_gap {
        for d in d0..=d1 {
            for m in [1.0, 2.0, 5.0] {
                if d < d1 || m == 1.0 {
                    values.push(m * 10f64.powi(d));
                }
            }
        }
    } else {
        let every = (1..).find(|&e| f64::from(e) * per_decade >= min_gap).unwrap_or(1);
        values.extend((d0..=d1).filter(|d| d.rem_euclid(every) == 0).map(|d| 10f64.powi(d)));
    }
    let ticks = values
        .into_iter()
        .map(|v| {
            let decimals = (-(v.log10() + EPS).floor()).max(0.0) as usize;
            let decimals = if format == AxisFormat::Percent { decimals.saturating_sub(2) } else { decimals };
            (v, format_value(v, format, decimals, true))
        })
        .collect();
    ValueAxis { lo: 10f64.powi(d0), hi: 10f64.powi(d1), log: true, ticks }
}

/// Decimal places that show a 1-2-5 `step` exactly.
fn decimals_for(step: f64) -> usize {
    (-(step.log10() + EPS).floor()).max(0.0) as usize
}

/// Formats a tick value. `decimals` counts places of the value itself (of the
/// percentage for [`AxisFormat::Percent`]); `exact` keeps them as given,
/// otherwise dollar amounts with cents show two places ("$0.50").
pub(crate) fn format_value(v: f64, format: AxisFormat, decimals: usize, exact: bool) -> String {
    match format {
        AxisFormat::Plain => with_commas(v, decimals),
        AxisFormat::Percent => {
            let decimals = if exact { decimals } else { decimals.saturating_sub(2) };
            format!("{}%", with_commas(v * 100.0, decimals))
        }
        AxisFormat::Dollars => {
            let decimals = if exact || decimals == 0 { decimals } else { decimals.max(2) };
            let s = with_commas(v, decimals);
            match s.strip_prefix('-') {
                Some(abs) => format!("-${abs}"),
                None => format!("${s}"),
            }
        }
    }
}

/// `v` with `decimals` places and thousands separated by commas; never "-0".
pub(crate) fn with_commas(v: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, v.abs());
    let (int, frac) = s.split_once('.').map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if let Some(frac) = frac {
        out.push('.');
        out.push_str(frac);
    }
    let zero = out.chars().all(|c| matches!(c, '0' | '.' | ','));
    if v < 0.0 && !zero { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(axis: &TimeAxis) -> Vec<&str> {
        axis.major.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn calendar_rolls_over_years() {
        assert_eq!(calendar((2025, 11), 0), (2025, 11));
        assert_eq!(calendar((2025, 11), 2), (2026, 1));
        assert_eq!(calendar((2025, 1), 131), (2035, 12));
    }

    #[test]
    fn eleven_years_use_two_year_steps() {
        let axis = time_axis((2025, 1), 133);
        assert_eq!(labels(&axis), ["2026", "2028", "2030", "2032", "2034", "2036"]);
        assert_eq!(axis.major[0].index, 12);
        assert_eq!(axis.title, "Year");
        assert_eq!(axis.minor.len(), 6);
    }

    #[test]
    fn a_century_stays_under_the_label_limit() {
        let axis = time_axis((2025, 6), 1200);
        assert!(axis.major.len() <= MAX_YEAR_LABELS, "{:?}", labels(&axis));
        assert!(axis.major.len() >= 4);
        assert_eq!(labels(&axis)[0], "2040");
    }

    #[test]
    fn short_spans_get_month_labels() {
        let axis = time_axis((2025, 3), 2);
        assert_eq!(labels(&axis), ["Mar 2025", "Apr 2025"]);
        assert_eq!(axis.title, "Month");
        let axis = time_axis((2025, 3), 18);
        assert!(axis.major.len() <= MAX_MONTH_LABELS);
        assert!(labels(&axis).contains(&"Jan 2026"));
    }
}

#[cfg(test)]
mod value_tests {
    use super::*;

    fn labels(axis: &ValueAxis) -> Vec<&str> {
        axis.ticks.iter().map(|t| t.1.as_str()).collect()
    }

    #[test]
    fn percent_steps_coarsen_with_height() {
        assert_eq!(percent_step(600.0, 28.0), 10);
        assert_eq!(percent_step(300.0, 28.0), 20);
        assert_eq!(percent_step(200.0, 22.0), 25);
        assert_eq!(percent_step(100.0, 22.0), 50);
    }

    #[test]
    fn log_dollars_tick_at_one_two_five() {
        let axis = log_axis(0.02, 5.0, AxisFormat::Dollars, 600.0, 28.0);
        assert_eq!(labels(&axis), ["$0.01", "$0.02", "$0.05", "$0.1", "$0.2", "$0.5", "$1", "$2", "$5", "$10"]);
        assert!((axis.frac(0.1) - 1.0 / 3.0).abs() < 1e-9);
        // Too short for 1-2-5: decades only.
        let axis = log_axis(0.02, 5.0, AxisFormat::Dollars, 200.0, 28.0);
        assert_eq!(labels(&axis), ["$0.01", "$0.1", "$1", "$10"]);
        // Many decades thin out.
        let axis = log_axis(1e-3, 1e9, AxisFormat::Plain, 300.0, 28.0);
        assert!(axis.ticks.len() <= 6, "{:?}", labels(&axis));
        assert!(labels(&axis).contains(&"1,000,000"));
        let axis = log_axis(0.001, 0.5, AxisFormat::Percent, 600.0, 28.0);
        assert_eq!(labels(&axis)[0], "0.1%");
        assert_eq!(*labels(&axis).last().unwrap(), "100%");
        // A constant series still spans a decade.
        let axis = log_axis(1.0, 1.0, AxisFormat::Plain, 600.0, 28.0);
        assert!(axis.hi > axis.lo);
    }

    #[test]
    fn linear_axes_are_round() {
        let axis = linear_axis(42.0, 93.0, AxisFormat::Plain, 600.0, 28.0);
        assert_eq!(labels(&axis), ["40", "50", "60", "70", "80", "90", "100"]);
        let axis = linear_axis(5.0, 93.0, AxisFormat::Plain, 600.0, 28.0);
        assert_eq!(axis.lo, 0.0);
        let axis = linear_axis(0.0, 0.6, AxisFormat::Percent, 600.0, 28.0);
        assert_eq!(labels(&axis), ["0%", "10%", "20%", "30%", "40%", "50%", "60%"]);
        let axis = linear_axis(0.4, 2.6, AxisFormat::Dollars, 600.0, 28.0);
        assert_eq!(labels(&axis)[..3], ["$0.00", "$0.50", "$1.00"]);
        let axis = linear_axis(-3.0, 3.0, AxisFormat::Plain, 600.0, 28.0);
        assert!(labels(&axis).contains(&"0") && labels(&axis).contains(&"-2"));
        let axis = linear_axis(2.0, 2.0, AxisFormat::Plain, 600.0, 28.0);
        assert!(axis.hi > axis.lo && axis.lo <= 2.0 && axis.hi >= 2.0);
        let axis = linear_axis(0.0, 0.0, AxisFormat::Percent, 600.0, 28.0);
        assert_eq!((axis.lo, axis.hi), (0.0, 1.0));
        let axis = linear_axis(1000.0, 25000.0, AxisFormat::Plain, 600.0, 28.0);
        assert!(labels(&axis).contains(&"10,000"));
    }

    #[test]
    fn view_axes_tick_inside_the_span() {
        let (lo, hi) = padded_span(0.0, 4.0);
        assert!((lo + 0.16).abs() < 1e-12 && (hi - 4.16).abs() < 1e-12);
        let axis = view_axis(lo, hi, AxisFormat::Plain, 8);
        assert_eq!(labels(&axis), ["0", "1", "2", "3", "4"]);
        assert_eq!((axis.lo, axis.hi), (lo, hi));
        let (lo, hi) = padded_span(0.0, 1.0);
        let axis = view_axis(lo, hi, AxisFormat::Percent, 6);
        assert_eq!(labels(&axis), ["0%", "20%", "40%", "60%", "80%", "100%"]);
        let axis = view_axis(-1.08, 1.08, AxisFormat::Plain, 6);
        assert_eq!(labels(&axis), ["-1.0", "-0.5", "0.0", "0.5", "1.0"]);
        // Ends that are ticks keep them despite rounding.
        let axis = view_axis(0.1, 0.7, AxisFormat::Plain, 8);
        assert_eq!(labels(&axis), ["0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7"]);
        // A single value is widened.
        let (lo, hi) = padded_span(5.0, 5.0);
        assert!(lo < 4.6 && hi > 5.4);
        let (lo, hi) = padded_span(0.0, 0.0);
        assert!(lo < -1.0 && hi > 1.0);
        assert!(view_axis(lo, hi, AxisFormat::Plain, 2).ticks.len() <= 2);
    }
}
