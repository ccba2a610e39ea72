//! Tick placement for the monthly time axis and the percentage axis.

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
    let januaries: Vec<usize> = (0..months).filter(|&i| calendar(start, i).1 == 1).collect();
    if januaries.len() >= 2 {
        let year_of = |i: usize| calendar(start, i).0;
        let step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500]
            .into_iter()
            .find(|&s| januaries.iter().filter(|&&i| year_of(i).rem_euclid(s) == 0).count() <= MAX_YEAR_LABELS)
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
        .find(|&s| (0..months).filter(|&i| (calendar(start, i).1 - 1) % s == 0).count() <= MAX_MONTH_LABELS)
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

/// Percentage step for the y axis: 10 when the plot is tall enough for
/// eleven labels to breathe, else 20.
pub(crate) fn percent_step(plot_height: f64, label_size: f64) -> u32 {
    if plot_height / 10.0 >= 2.0 * label_size { 10 } else { 20 }
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
