//! Charts and reports of finished runs: reads a run's tables, builds every figure, writes PNG
//! and SVG files and a self-contained `report.html`; compares several runs.

mod compare;
pub mod data;
pub mod figures;
pub mod html;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::output::{OutputError, write_files};
use crate::plot::{self, Figure, PlotError};
pub use data::{Measure, ReadError, RunData};
pub use figures::CHARTS;

/// Which image files to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
    Both,
}

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Read(#[from] ReadError),
    #[error("cannot draw {chart}")]
    Plot {
        chart: String,
        #[source]
        source: PlotError,
    },
    #[error(transparent)]
    Write(#[from] OutputError),
    #[error("{0}")]
    Mismatch(String),
}

/// A chart drawn: its name, its SVG, and its PNG when asked for.
type Rendered = (&'static str, String, Option<Vec<u8>>);

/// Renders figures in parallel; the PNG only when asked for.
fn render(figures: &[(&'static str, Figure)], png: bool) -> Result<Vec<Rendered>, ReportError> {
    figures
        .par_iter()
        .map(|(name, figure)| {
            let fail = |source| ReportError::Plot { chart: name.to_string(), source };
            let svg = plot::render_svg(figure).map_err(fail)?;
            let png = if png { Some(plot::render_png(figure).map_err(fail)?) } else { None };
            Ok((*name, svg, png))
        })
        .collect()
}

/// Draws every chart of a run into `dir` and writes `report.html`; returns the file names.
pub fn draw_run(data: &RunData, dir: &Path, measure: Measure, format: Format) -> Result<Vec<String>, ReportError> {
    let files = render_run(data, measure, format)?;
    let refs: Vec<(&str, Vec<u8>)> = files.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    write_files(dir, &refs)?;
    Ok(files.into_iter().map(|(n, _)| n).collect())
}

/// Every chart file and report.html of a run, by name, in memory.
pub fn render_run(data: &RunData, measure: Measure, format: Format) -> Result<Vec<(String, Vec<u8>)>, ReportError> {
    let figures = figures::all(data, measure);
    let rendered = render(&figures, format != Format::Svg)?;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, svg, png) in &rendered {
        if format != Format::Png {
            files.push((format!("{name}.svg"), svg.clone().into_bytes()));
        }
        if let Some(png) = png {
            files.push((format!("{name}.png"), png.clone()));
        }
    }
    let svgs: Vec<(&str, String)> = rendered.iter().map(|(n, s, _)| (*n, s.clone())).collect();
    files.push(("report.html".into(), html::report(data, measure, &svgs).into_bytes()));
    Ok(files)
}

/// Compares finished runs: writes compare.png/svg, compare.csv and compare.html into `out`.
pub fn compare(folders: &[PathBuf], out: &Path, measure: Measure) -> Result<Vec<String>, ReportError> {
    let runs = folders.iter().map(|f| RunData::read(f)).collect::<Result<Vec<_>, _>>()?;
    if runs.is_empty() {
        return Err(ReportError::Mismatch("compare needs at least one run folder".into()));
    }
    compare::check_aligned(&runs).map_err(ReportError::Mismatch)?;
    let figure: Figure = compare::chart(&runs, measure).into();
    let rendered = render(&[("compare", figure)], true)?;
    let (_, svg, png) = &rendered[0];
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("compare.svg", svg.clone().into_bytes()),
        ("compare.png", png.clone().unwrap_or_default()),
        ("compare.csv", compare::table_csv(&runs)),
        ("compare.html", compare::html(&runs, measure, svg).into_bytes()),
    ];
    write_files(out, &files)?;
    Ok(files.into_iter().map(|(n, _)| n.to_string()).collect())
}
