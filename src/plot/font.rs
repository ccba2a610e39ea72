//! Bundled-font registration, text measurement and backend-neutral text placement.

use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontStyle, FontTransform, register_font};

use super::PlotError;

/// Family name under which the bundled faces are registered. It is also what
/// the SVG names, so viewers that have DejaVu installed show the exact face.
pub(crate) const FAMILY: &str = "DejaVu Sans";

/// What the SVG asks for instead of the bare family, so viewers without DejaVu
/// fall back to a similarly wide face rather than their default serif.
pub(crate) const SVG_FONT_STACK: &str = "DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif";

static REGULAR: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/DejaVuSans.ttf"));
static BOLD: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/fonts/DejaVuSans-Bold.ttf"));

// DejaVu Sans metrics (font units): ab_glyph scales a font so that
// ascent - descent equals the requested pixel size, whereas SVG's font-size
// is the em size. These let both backends put glyphs in the same place.
const UNITS_PER_EM: f64 = 2048.0;
const ASCENT: f64 = 1901.0;
const DESCENT: f64 = 483.0;
/// Em size as a fraction of the plotters size of a face.
const EM_PER_SIZE: f64 = UNITS_PER_EM / (ASCENT + DESCENT);
/// Distance from the top of a line box to its baseline, as a fraction of size.
pub(crate) const ASCENT_PER_SIZE: f64 = ASCENT / (ASCENT + DESCENT);
/// Height of digits and capitals, as a fraction of size; used to centre
/// tick labels on grid lines.
pub(crate) const CAP_PER_SIZE: f64 = 1493.0 / (ASCENT + DESCENT);

/// Registers the bundled faces with plotters exactly once per process.
///
/// plotters keeps its font table in a global `RwLock`, so after this returns
/// any thread (e.g. a rayon worker) can draw text.
pub(crate) fn ensure_fonts() -> Result<(), PlotError> {
    static REGISTERED: OnceLock<Result<(), String>> = OnceLock::new();
    REGISTERED
        .get_or_init(|| {
            register_font(FAMILY, FontStyle::Normal, REGULAR)
                .map_err(|_| "DejaVuSans.ttf is not a valid font".to_string())?;
            register_font(FAMILY, FontStyle::Bold, BOLD)
                .map_err(|_| "DejaVuSans-Bold.ttf is not a valid font".to_string())
        })
        .clone()
        .map_err(PlotError::Font)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

impl Weight {
    fn style(self) -> FontStyle {
        match self {
            Weight::Regular => FontStyle::Normal,
            Weight::Bold => FontStyle::Bold,
        }
    }
}

/// Width in logical pixels of `text` set at `size`.
///
/// Measured with the bundled face at logical size, so the layout, and hence
/// the SVG and PNG, does not depend on the output backend or its scale.
pub(crate) fn text_width(text: &str, size: f64, weight: Weight) -> Result<f64, PlotError> {
    FontDesc::new(FontFamily::Name(FAMILY), size, weight.style())
        .box_size(text)
        .map(|(w, _)| f64::from(w))
        .map_err(|e| PlotError::Backend(format!("measuring text {text:?}: {e}")))
}

/// Breaks `text` at spaces into lines no wider than `max_width`, greedily.
/// A single word wider than the limit gets a line of its own.
fn wrap(text: &str, size: f64, max_width: f64, weight: Weight) -> Result<Vec<String>, PlotError> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if line.is_empty() || text_width(&candidate, size, weight)? <= max_width {
            line = candidate;
        } else {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    Ok(lines)
}

/// Cuts `text` back to a word or character boundary and appends an ellipsis
/// so that it fits `max_width`.
fn truncate(text: &str, size: f64, max_width: f64, weight: Weight) -> Result<String, PlotError> {
    if text_width(text, size, weight)? <= max_width {
        return Ok(text.to_string());
    }
    let chars: Vec<char> = text.chars().collect();
    for keep in (0..chars.len()).rev() {
        let head: String = chars[..keep].iter().collect();
        let candidate = format!("{}…", head.trim_end());
        if text_width(&candidate, size, weight)? <= max_width {
            return Ok(candidate);
        }
    }
    Ok(String::new())
}

/// Sets `text` in at most `max_lines` lines of width `max_width`: at `size`
/// if possible, else at the largest size down to `min_size` that fits, else
/// at `min_size` with the overflow cut off behind an ellipsis. Returns the
/// lines and the size used. Line breaks in `text` are treated as spaces, as
/// the layout has room for a known number of lines only.
pub(crate) fn fit_lines(
    text: &str,
    size: f64,
    min_size: f64,
    max_width: f64,
    max_lines: usize,
    weight: Weight,
) -> Result<(Vec<String>, f64), PlotError> {
    let fits = |lines: &[String], size: f64| -> Result<bool, PlotError> {
        if lines.len() > max_lines {
            return Ok(false);
        }
        for line in lines {
            if text_width(line, size, weight)? > max_width {
                return Ok(false);
            }
        }
        Ok(true)
    };
    let mut trial = size;
    while trial >= min_size {
        let lines = wrap(text, trial, max_width, weight)?;
        if fits(&lines, trial)? {
            return Ok((lines, trial));
        }
        trial -= 1.0;
    }
    let mut lines = wrap(text, min_size, max_width, weight)?;
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).join(" ");
        lines.push(rest);
    }
    let lines = lines.iter().map(|l| truncate(l, min_size, max_width, weight)).collect::<Result<_, _>>()?;
    Ok((lines, min_size))
}

/// How text is placed on a particular backend.
///
/// Bitmap and SVG backends anchor text differently (plotters' ab_glyph
/// rasteriser puts the baseline half a size below the anchor; SVG uses
/// `dy="0.76em"`), so callers give a baseline and this converts it.
#[derive(Clone, Copy, Debug)]
pub(crate) enum TextMode {
    Raster,
    Svg,
}

/// Backend scale and text conventions for one rendering.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Surface {
    /// Device pixels per logical pixel (the PNG is supersampled).
    pub scale: f64,
    pub text: TextMode,
}

impl Surface {
    pub fn px(&self, v: f64) -> i32 {
        (v * self.scale).round() as i32
    }

    pub fn pt(&self, (x, y): (f64, f64)) -> (i32, i32) {
        (self.px(x), self.px(y))
    }

    pub fn stroke(&self, v: f64) -> u32 {
        (v * self.scale).round().max(1.0) as u32
    }
}

/// One line of text to draw; positions are logical pixels.
pub(crate) struct Label<'a> {
    pub text: &'a str,
    pub size: f64,
    pub weight: Weight,
    pub color: RGBColor,
    pub h: HPos,
    /// Reads bottom-to-top, for the y-axis title.
    pub vertical: bool,
}

impl Label<'_> {
    /// Draws with the baseline passing through `at`, aligned horizontally
    /// (or, for vertical text, along the baseline) by `h`.
    pub fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        surface: Surface,
        at: (f64, f64),
    ) -> Result<(), PlotError> {
        if self.text.is_empty() {
            return Ok(());
        }
        let device_size = self.size * surface.scale;
        let (font_size, baseline_drop) = match surface.text {
            TextMode::Raster => (device_size, device_size / 2.0),
            // Scale the plotters size so that SVG's font-size (plotters writes
            // size / 1.24) equals the em size the raster path uses.
            TextMode::Svg => (device_size * EM_PER_SIZE * 1.24, 0.76 * device_size * EM_PER_SIZE),
        };
        let (x, y) = (at.0 * surface.scale, at.1 * surface.scale);
        let (anchor_x, anchor_y, transform) = if self.vertical {
            // Rotated a quarter turn anticlockwise, "down" points to +x.
            (x - baseline_drop, y, FontTransform::Rotate270)
        } else {
            (x, y - baseline_drop, FontTransform::None)
        };
        let style = FontDesc::new(FontFamily::Name(FAMILY), font_size, self.weight.style())
            .transform(transform)
            .color(&self.color)
            .pos(Pos::new(self.h, VPos::Top));
        area.draw(&Text::new(self.text, (anchor_x.round() as i32, anchor_y.round() as i32), style))
            .map_err(|e| PlotError::Backend(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_then_shrinks_then_truncates() {
        ensure_fonts().unwrap();
        let short = "Open-weight share";
        let (lines, size) = fit_lines(short, 44.0, 34.0, 1500.0, 2, Weight::Bold).unwrap();
        assert_eq!((lines, size), (vec![short.to_string()], 44.0));

        let long = "word ".repeat(40);
        let (lines, size) = fit_lines(&long, 44.0, 34.0, 1500.0, 2, Weight::Bold).unwrap();
        assert_eq!(lines.len(), 2);
        assert!((34.0..44.0).contains(&size), "{size}");

        let huge = "word ".repeat(400);
        let (lines, size) = fit_lines(&huge, 44.0, 34.0, 1500.0, 2, Weight::Bold).unwrap();
        assert_eq!((lines.len(), size), (2, 34.0));
        assert!(lines[1].ends_with('…'));
        for line in &lines {
            assert!(text_width(line, size, Weight::Bold).unwrap() <= 1500.0);
        }
    }
}
