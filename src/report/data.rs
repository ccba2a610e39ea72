//! A finished run read back from its folder (or from the bytes just written): the manifest,
//! the resolved scenario and the CSV tables, checked row by row.

use std::path::{Path, PathBuf};

use crate::output::{Manifest, REPORTERS};
use crate::scenario::{self, Month, Scenario};

/// Why a run folder could not be read. Every variant names the file, and rows their line.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read {}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{} line {line}: {message}", path.display())]
    Row { path: PathBuf, line: u64, message: String },
}

/// The three ways open share is measured.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Measure {
    Orgs,
    Usage,
    Spend,
}

impl Measure {
    pub const ALL: [Measure; 3] = [Measure::Orgs, Measure::Usage, Measure::Spend];
    pub fn index(self) -> usize {
        self as usize
    }
    /// The timeseries column of the open share by this measure.
    pub fn column(self) -> &'static str {
        match self {
            Measure::Orgs => "open_share_orgs",
            Measure::Usage => "open_share_usage",
            Measure::Spend => "open_share_spend",
        }
    }
    /// Words for titles: "usage (tokens)".
    pub fn describe(self) -> &'static str {
        match self {
            Measure::Orgs => "organisations (count)",
            Measure::Usage => "usage (tokens)",
            Measure::Spend => "spend (USD)",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Measure::Orgs => "orgs",
            Measure::Usage => "usage",
            Measure::Spend => "spend",
        }
    }
}

/// Everything a finished run wrote, indexed by integers.
#[derive(Clone, Debug)]
pub struct RunData {
    pub folder: PathBuf,
    pub manifest: Manifest,
    pub scenario: Scenario,
    pub steps: usize,
    /// `world`, then every region id.
    pub regions: Vec<String>,
    timeseries: Vec<f64>,
    vendor_shares: Vec<f64>,
    vendor_state: Vec<f64>,
    summary: Vec<f64>,
}

const VENDOR_STATE_COLUMNS: usize = 3;
const SUMMARY_COLUMNS: usize = 4;

/// The bytes of one file and the path it is known by in messages.
struct Table<'a> {
    path: PathBuf,
    bytes: &'a [u8],
}

impl RunData {
    /// Reads a run folder written by `aiadopt run`.
    pub fn read(folder: &Path) -> Result<RunData, ReadError> {
        let manifest_path = folder.join("manifest.json");
        let manifest_bytes =
            std::fs::read(&manifest_path).map_err(|source| ReadError::Io { path: manifest_path.clone(), source })?;
        let manifest: Manifest = serde_json::from_slice(&manifest_bytes).map_err(|e| ReadError::Invalid {
            path: manifest_path.clone(),
            message: format!("not an aiadopt manifest: {e}"),
        })?;
        let mut files = Vec::new();
        for name in crate::output::DATA_FILES {
            let path = folder.join(name);
            let bytes = std::fs::read(&path).map_err(|source| ReadError::Io { path: path.clone(), source })?;
            files.push((name, bytes));
        }
        RunData::from_files(folder, manifest, &files)
    }

    /// Builds the data from files in memory (what `run` just wrote), exactly as `read` would.
    pub fn from_files(folder: &Path, manifest: Manifest, files: &[(&str, Vec<u8>)]) -> Result<RunData, ReadError> {
        let manifest_path = folder.join("manifest.json");
        let scenario =
            scenario::from_str(&manifest.resolved_scenario, &manifest.scenario).map_err(|e| ReadError::Invalid {
                path: manifest_path.clone(),
                message: format!("its resolved scenario is not valid: {e}"),
            })?;
        if manifest.seeds.is_empty() {
            return Err(ReadError::Invalid { path: manifest_path, message: "lists no seeds".into() });
        }
        let table = |name: &str| -> Result<Table<'_>, ReadError> {
            let path = folder.join(name);
            files
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, b)| Table { path: path.clone(), bytes: b })
                .ok_or(ReadError::Io { path, source: std::io::ErrorKind::NotFound.into() })
        };
        let steps = scenario.simulation.months as usize + 1;
        let regions: Vec<String> =
            std::iter::once("world".to_string()).chain(scenario.regions.iter().map(|r| r.id.clone())).collect();
        let mut data = RunData {
            folder: folder.to_path_buf(),
            steps,
            regions,
            timeseries: Vec::new(),
            vendor_shares: Vec::new(),
            vendor_state: Vec::new(),
            summary: Vec::new(),
            manifest,
            scenario,
        };
        data.timeseries = data.read_timeseries(&table("timeseries.csv")?)?;
        data.vendor_shares = data.read_vendors(&table("vendors.csv")?)?;
        data.vendor_state = data.read_vendor_state(&table("vendor_state.csv")?)?;
        data.summary = data.read_summary(&table("summary.csv")?)?;
        Ok(data)
    }

    pub fn seeds(&self) -> usize {
        self.manifest.seeds.len()
    }
    pub fn vendors(&self) -> usize {
        self.scenario.vendors.len()
    }
    pub fn date(&self, step: usize) -> Month {
        self.scenario.simulation.start.plus(step as i32)
    }

    /// A reporter's value (index into `output::REPORTERS`) for a replicate, step and region.
    pub fn value(&self, seed: usize, step: usize, region: usize, reporter: usize) -> f64 {
        self.timeseries[((seed * self.steps + step) * self.regions.len() + region) * REPORTERS.len() + reporter]
    }

    /// A reporter's values across replicates.
    pub fn across_seeds(&self, step: usize, region: usize, reporter: usize) -> Vec<f64> {
        (0..self.seeds()).map(|seed| self.value(seed, step, region, reporter)).collect()
    }

    /// A vendor's share by a measure.
    pub fn vendor_share(&self, measure: Measure, seed: usize, step: usize, region: usize, vendor: usize) -> f64 {
        let i = (((measure.index() * self.seeds() + seed) * self.steps + step) * self.regions.len() + region)
            * self.vendors()
            + vendor;
        self.vendor_shares[i]
    }

    /// Price (USD per million tokens), capability and hardware (GB) of a vendor.
    pub fn vendor_state(&self, seed: usize, step: usize, vendor: usize) -> [f64; 3] {
        let i = ((seed * self.steps + step) * self.vendors() + vendor) * VENDOR_STATE_COLUMNS;
        [self.vendor_state[i], self.vendor_state[i + 1], self.vendor_state[i + 2]]
    }

    /// Mean, p05, p50, p95 across seeds from summary.csv.
    pub fn summary(&self, step: usize, region: usize, reporter: usize) -> [f64; 4] {
        let i = ((step * self.regions.len() + region) * REPORTERS.len() + reporter) * SUMMARY_COLUMNS;
        [self.summary[i], self.summary[i + 1], self.summary[i + 2], self.summary[i + 3]]
    }

    pub fn reporter(name: &str) -> usize {
        REPORTERS.iter().position(|r| r.name == name).unwrap_or(0)
    }

    fn read_timeseries(&self, t: &Table<'_>) -> Result<Vec<f64>, ReadError> {
        let mut header = vec!["seed", "step", "date", "region"];
        header.extend(REPORTERS.iter().map(|r| r.name));
        let width = REPORTERS.len();
        let mut out = Grid::new(self.seeds() * self.steps * self.regions.len() * width, width);
        rows(t, &header, |row, line| {
            let seed = self.seed_index(t, line, row.get(0))?;
            let step = self.step_index(t, line, row.get(1), row.get(2))?;
            let region = self.region_index(t, line, row.get(3))?;
            let values = numbers(t, line, row, 4, &header)?;
            out.put(t, line, ((seed * self.steps + step) * self.regions.len() + region) * width, &values)
        })?;
        out.complete(t)
    }

    fn read_vendors(&self, t: &Table<'_>) -> Result<Vec<f64>, ReadError> {
        let header = ["seed", "step", "date", "region", "vendor", "share_orgs", "share_usage", "share_spend"];
        let (seeds, regions, vendors) = (self.seeds(), self.regions.len(), self.vendors());
        let per_measure = seeds * self.steps * regions * vendors;
        let mut out = Grid::new(3 * per_measure, 1);
        rows(t, &header, |row, line| {
            let seed = self.seed_index(t, line, row.get(0))?;
            let step = self.step_index(t, line, row.get(1), row.get(2))?;
            let region = self.region_index(t, line, row.get(3))?;
            let vendor = self.vendor_index(t, line, row.get(4))?;
            let values = numbers(t, line, row, 5, &header)?;
            let at = ((seed * self.steps + step) * regions + region) * vendors + vendor;
            for (m, v) in values.iter().enumerate() {
                out.put(t, line, m * per_measure + at, &[*v])?;
            }
            Ok(())
        })?;
        out.complete(t)
    }

    fn read_vendor_state(&self, t: &Table<'_>) -> Result<Vec<f64>, ReadError> {
        let header = ["seed", "step", "date", "vendor", "price_usd_per_mtok", "capability", "hardware_gb"];
        let mut out =
            Grid::new(self.seeds() * self.steps * self.vendors() * VENDOR_STATE_COLUMNS, VENDOR_STATE_COLUMNS);
        rows(t, &header, |row, line| {
            let seed = self.seed_index(t, line, row.get(0))?;
            let step = self.step_index(t, line, row.get(1), row.get(2))?;
            let vendor = self.vendor_index(t, line, row.get(3))?;
            let values = numbers(t, line, row, 4, &header)?;
            out.put(t, line, ((seed * self.steps + step) * self.vendors() + vendor) * VENDOR_STATE_COLUMNS, &values)
        })?;
        out.complete(t)
    }

    fn read_summary(&self, t: &Table<'_>) -> Result<Vec<f64>, ReadError> {
        let header = ["step", "date", "region", "metric", "mean", "p05", "p50", "p95"];
        let width = REPORTERS.len();
        let mut out = Grid::new(self.steps * self.regions.len() * width * SUMMARY_COLUMNS, SUMMARY_COLUMNS);
        rows(t, &header, |row, line| {
            let step = self.step_index(t, line, row.get(0), row.get(1))?;
            let region = self.region_index(t, line, row.get(2))?;
            let metric = row.get(3).unwrap_or("");
            let Some(m) = REPORTERS.iter().position(|r| r.name == metric) else {
                return Err(row_error(t, line, format!("unknown metric `{metric}`")));
            };
            let values = numbers(t, line, row, 4, &header)?;
            out.put(t, line, ((step * self.regions.len() + region) * width + m) * SUMMARY_COLUMNS, &values)
        })?;
        out.complete(t)
    }

    fn seed_index(&self, t: &Table<'_>, line: u64, field: Option<&str>) -> Result<usize, ReadError> {
        let text = field.unwrap_or("");
        let seed: u64 = text.parse().map_err(|_| row_error(t, line, format!("seed `{text}` is not a whole number")))?;
        self.manifest
            .seeds
            .iter()
            .position(|s| *s == seed)
            .ok_or_else(|| row_error(t, line, format!("seed {seed} is not one of the manifest's seeds")))
    }

    fn step_index(&self, t: &Table<'_>, line: u64, step: Option<&str>, date: Option<&str>) -> Result<usize, ReadError> {
        let text = step.unwrap_or("");
        let step: usize =
            text.parse().map_err(|_| row_error(t, line, format!("step `{text}` is not a whole number")))?;
        if step >= self.steps {
            return Err(row_error(t, line, format!("step {step} is beyond the run's {} months", self.steps - 1)));
        }
        let expected = self.date(step).to_string();
        if date != Some(expected.as_str()) {
            return Err(row_error(
                t,
                line,
                format!("step {step} should be dated {expected}, not {}", date.unwrap_or("")),
            ));
        }
        Ok(step)
    }

    fn region_index(&self, t: &Table<'_>, line: u64, field: Option<&str>) -> Result<usize, ReadError> {
        let id = field.unwrap_or("");
        self.regions.iter().position(|r| r == id).ok_or_else(|| row_error(t, line, format!("unknown region `{id}`")))
    }

    fn vendor_index(&self, t: &Table<'_>, line: u64, field: Option<&str>) -> Result<usize, ReadError> {
        let id = field.unwrap_or("");
        self.scenario.vendor_index(id).ok_or_else(|| row_error(t, line, format!("unknown vendor `{id}`")))
    }
}

fn row_error(t: &Table<'_>, line: u64, message: String) -> ReadError {
    ReadError::Row { path: t.path.clone(), line, message }
}

/// Calls `each` with every data row and its line number, after checking the header.
fn rows(
    t: &Table<'_>,
    header: &[&str],
    mut each: impl FnMut(&csv::StringRecord, u64) -> Result<(), ReadError>,
) -> Result<(), ReadError> {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(t.bytes);
    let mut record = csv::StringRecord::new();
    let mut line = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => return Err(row_error(t, line + 1, format!("not CSV: {e}"))),
        }
        line = record.position().map_or(line + 1, |p| p.line());
        if line == 1 {
            let found: Vec<&str> = record.iter().collect();
            if found != header {
                return Err(row_error(
                    t,
                    1,
                    format!("expected the header `{}`, found `{}`", header.join(","), found.join(",")),
                ));
            }
            continue;
        }
        if record.len() != header.len() {
            return Err(row_error(t, line, format!("expected {} fields, found {}", header.len(), record.len())));
        }
        each(&record, line)?;
    }
    if line == 0 {
        return Err(ReadError::Invalid { path: t.path.clone(), message: "is empty".into() });
    }
    Ok(())
}

/// The numeric fields from `first` on, each finite.
fn numbers(
    t: &Table<'_>,
    line: u64,
    row: &csv::StringRecord,
    first: usize,
    header: &[&str],
) -> Result<Vec<f64>, ReadError> {
    (first..header.len())
        .map(|i| {
            let text = row.get(i).unwrap_or("");
            match text.parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(x),
                _ => Err(row_error(t, line, format!("{} `{text}` is not a finite number", header[i]))),
            }
        })
        .collect()
}

/// A table being filled: values plus which cells have been seen, so that a missing or
/// repeated row is an error.
struct Grid {
    values: Vec<f64>,
    seen: Vec<bool>,
    width: usize,
}

impl Grid {
    fn new(len: usize, width: usize) -> Grid {
        Grid { values: vec![0.0; len], seen: vec![false; len / width.max(1)], width }
    }

    fn put(&mut self, t: &Table<'_>, line: u64, at: usize, values: &[f64]) -> Result<(), ReadError> {
        let cell = at / self.width;
        if self.seen[cell] {
            return Err(row_error(t, line, "repeats an earlier row".into()));
        }
        self.seen[cell] = true;
        self.values[at..at + values.len()].copy_from_slice(values);
        Ok(())
    }

    fn complete(self, t: &Table<'_>) -> Result<Vec<f64>, ReadError> {
        let missing = self.seen.iter().filter(|s| !**s).count();
        if missing > 0 {
            return Err(ReadError::Invalid {
                path: t.path.clone(),
                message: format!("is incomplete: {missing} of {} rows are missing", self.seen.len()),
            });
        }
        Ok(self.values)
    }
}
