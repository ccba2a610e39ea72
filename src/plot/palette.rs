//! The project's colours: Okabe-Ito hues, which stay distinguishable under the
//! common forms of colour blindness, assigned so that every chart uses the same
//! colour for the same thing.

use super::SeriesColor;

/// Okabe-Ito colours beyond the two reserved for open and proprietary.
const PALETTE: [(u8, u8, u8); 6] = [
    (0xE6, 0x9F, 0x00),
    (0x56, 0xB4, 0xE9),
    (0x00, 0x72, 0xB2),
    (0xCC, 0x79, 0xA7),
    (0xF0, 0xE4, 0x42),
    (0x00, 0x00, 0x00),
];

/// Hues of the origins that have one of their own.
const US: (u8, u8, u8) = (0x00, 0x72, 0xB2);
const CN: (u8, u8, u8) = (0xCC, 0x79, 0xA7);
const EU: (u8, u8, u8) = (0xE6, 0x9F, 0x00);
/// Hues for any other origin, in order of first appearance.
const OTHER_ORIGINS: [(u8, u8, u8); 4] =
    [(0x56, 0xB4, 0xE9), (0xF0, 0xE4, 0x42), (0x00, 0x00, 0x00), (0x99, 0x99, 0x99)];

/// How far successive closed vendors of one origin are mixed towards black.
const CLOSED_SHADES: [f64; 6] = [0.12, 0.40, 0.58, 0.26, 0.50, 0.68];
/// How far successive open vendors of one origin are mixed towards white.
const OPEN_TINTS: [f64; 6] = [0.22, 0.45, 0.62, 0.34, 0.54, 0.70];

/// Bluish green (#009E73), reserved for open-weight models in every chart.
pub fn open_rgb() -> (u8, u8, u8) {
    (0x00, 0x9E, 0x73)
}

/// Vermillion (#D55E00), reserved for proprietary models in every chart.
pub fn proprietary_rgb() -> (u8, u8, u8) {
    (0xD5, 0x5E, 0x00)
}

/// The RGB value of a series colour, shared so every chart in the project
/// uses the same colour for the same thing.
pub fn rgb(color: SeriesColor) -> (u8, u8, u8) {
    match color {
        SeriesColor::Open => open_rgb(),
        SeriesColor::Proprietary => proprietary_rgb(),
        SeriesColor::Palette(i) => PALETTE[i % PALETTE.len()],
        SeriesColor::Rgb(r, g, b) => (r, g, b),
    }
}

/// The hue of a vendor origin: "us" blue (#0072B2), "cn" reddish purple
/// (#CC79A7), "eu" orange (#E69F00), matched ignoring case and surrounding
/// space. Any other origin takes sky blue, yellow, black or grey by
/// `unknown_index` (cycling), which callers number in order of first
/// appearance, as [`vendor_rgbs`] does.
pub fn origin_rgb(origin: &str, unknown_index: usize) -> (u8, u8, u8) {
    match known_origin(origin) {
        Some(hue) => hue,
        None => OTHER_ORIGINS[unknown_index % OTHER_ORIGINS.len()],
    }
}

fn known_origin(origin: &str) -> Option<(u8, u8, u8)> {
    match origin.trim().to_ascii_lowercase().as_str() {
        "us" => Some(US),
        "cn" => Some(CN),
        "eu" => Some(EU),
        _ => None,
    }
}

/// One colour per vendor, given each vendor's (origin, open-weight?): every
/// vendor in its origin's hue ([`origin_rgb`]), closed vendors in darker
/// shades and open vendors in lighter tints of it, and several vendors of the
/// same origin and openness on successive distinguishable shades. Origins
/// without a hue of their own are numbered in order of first appearance.
pub fn vendor_rgbs(vendors: &[(String, bool)]) -> Vec<(u8, u8, u8)> {
    let mut unknown: Vec<String> = Vec::new();
    let mut seen: Vec<(String, bool, usize)> = Vec::new();
    vendors
        .iter()
        .map(|(origin, open)| {
            let key = origin.trim().to_ascii_lowercase();
            let base = match known_origin(&key) {
                Some(hue) => hue,
                None => {
                    let index = match unknown.iter().position(|o| *o == key) {
                        Some(i) => i,
                        None => {
                            unknown.push(key.clone());
                            unknown.len() - 1
                        }
                    };
                    origin_rgb(&key, index)
                }
            };
            let k = match seen.iter_mut().find(|(o, p, _)| *o == key && p == open) {
                Some(entry) => {
                    entry.2 += 1;
                    entry.2 - 1
                }
                None => {
                    seen.push((key, *open, 1));
                    0
                }
            };
            if *open { tint(base, k) } else { shade(base, k) }
        })
        .collect()
}

fn mix(c: (u8, u8, u8), to: f64, t: f64) -> (u8, u8, u8) {
    let m = |v: u8| (f64::from(v) + (to - f64::from(v)) * t).round().clamp(0.0, 255.0) as u8;
    (m(c.0), m(c.1), m(c.2))
}

/// Viridis at 0, 0.1, ..., 1: a sequential scale from dark blue-purple to
/// yellow that rises steadily in lightness, so it reads in greyscale and
/// under the common forms of colour blindness.
const VIRIDIS: [(u8, u8, u8); 11] = [
    (0x44, 0x01, 0x54),
    (0x48, 0x24, 0x75),
    (0x41, 0x44, 0x87),
    (0x35, 0x5F, 0x8D),
    (0x2A, 0x78, 0x8E),
    (0x21, 0x91, 0x8C),
    (0x22, 0xA8, 0x84),
    (0x44, 0xBF, 0x70),
    (0x7A, 0xD1, 0x51),
    (0xBD, 0xDF, 0x26),
    (0xFD, 0xE7, 0x25),
];

/// The sequential (viridis) colour at `t` in 0..1, clamped, interpolated
/// linearly between anchors.
pub(crate) fn sequential(t: f64) -> (u8, u8, u8) {
    let t = if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) };
    let pos = t * (VIRIDIS.len() - 1) as f64;
    let i = (pos.floor() as usize).min(VIRIDIS.len() - 2);
    let f = pos - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * f).round() as u8;
    (m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// Relative luminance (WCAG) of an sRGB colour, 0 for black to 1 for white.
pub(crate) fn luminance(c: (u8, u8, u8)) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

/// The `k`th darker shade of `base`. A base too dark to darken (black) steps
/// towards grey instead, staying darker than its tints.
fn shade(base: (u8, u8, u8), k: usize) -> (u8, u8, u8) {
    let t = CLOSED_SHADES[k % CLOSED_SHADES.len()];
    if luminance(base) < 0.05 {
        // 0.12 -> 0, then successive greys up to about #4D4D4D.
        mix(base, 255.0, (t - 0.12) * 0.5)
    } else {
        mix(base, 0.0, t)
    }
}

/// The `k`th lighter tint of `base`.
fn tint(base: (u8, u8, u8), k: usize) -> (u8, u8, u8) {
    mix(base, 255.0, OPEN_TINTS[k % OPEN_TINTS.len()])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> f64 {
        let d = |x: u8, y: u8| (f64::from(x) - f64::from(y)).powi(2);
        (d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)).sqrt()
    }

    #[test]
    fn palette_is_okabe_ito() {
        assert_eq!(rgb(SeriesColor::Open), (0x00, 0x9E, 0x73));
        assert_eq!(rgb(SeriesColor::Proprietary), (0xD5, 0x5E, 0x00));
        assert_eq!(rgb(SeriesColor::Open), open_rgb());
        assert_eq!(rgb(SeriesColor::Proprietary), proprietary_rgb());
        assert_eq!(rgb(SeriesColor::Palette(0)), (0xE6, 0x9F, 0x00));
        assert_eq!(rgb(SeriesColor::Palette(6)), rgb(SeriesColor::Palette(0)));
        assert_eq!(rgb(SeriesColor::Rgb(1, 2, 3)), (1, 2, 3));
    }

    #[test]
    fn sequential_scale_runs_dark_to_light() {
        assert_eq!(sequential(0.0), (0x44, 0x01, 0x54));
        assert_eq!(sequential(1.0), (0xFD, 0xE7, 0x25));
        assert_eq!(sequential(0.5), (0x21, 0x91, 0x8C));
        assert_eq!(sequential(-3.0), sequential(0.0));
        assert_eq!(sequential(7.0), sequential(1.0));
        // Halfway between two anchors.
        assert_eq!(sequential(0.05), (0x46, 0x13, 0x65));
        let mut last = -1.0;
        for k in 0..=100 {
            let l = luminance(sequential(f64::from(k) / 100.0));
            assert!(l > last, "lightness must rise steadily, not at {k}%");
            last = l;
        }
    }

    #[test]
    fn origins_have_fixed_hues() {
        assert_eq!(origin_rgb("us", 3), (0x00, 0x72, 0xB2));
        assert_eq!(origin_rgb(" CN ", 0), (0xCC, 0x79, 0xA7));
        assert_eq!(origin_rgb("eu", 0), (0xE6, 0x9F, 0x00));
        assert_eq!(origin_rgb("in", 0), (0x56, 0xB4, 0xE9));
        assert_eq!(origin_rgb("in", 1), (0xF0, 0xE4, 0x42));
        assert_eq!(origin_rgb("in", 2), (0, 0, 0));
        assert_eq!(origin_rgb("in", 3), (0x99, 0x99, 0x99));
        assert_eq!(origin_rgb("in", 4), origin_rgb("in", 0));
    }

    #[test]
    fn vendors_get_distinct_colours_in_their_origin_hue() {
        let vendors: Vec<(String, bool)> =
            [("us", false), ("us", false), ("us", true), ("cn", true), ("eu", true), ("cn", false)]
                .iter()
                .map(|&(o, open)| (o.to_string(), open))
                .collect();
        let colours = vendor_rgbs(&vendors);
        assert_eq!(colours.len(), 6);
        for i in 0..6 {
            for j in i + 1..6 {
                assert!(
                    distance(colours[i], colours[j]) > 40.0,
                    "vendors {i} and {j} too alike: {:?} {:?}",
                    colours[i],
                    colours[j]
                );
            }
        }
        // Closed darker than open within an origin.
        assert!(luminance(colours[0]) < luminance(colours[2]));
        assert!(luminance(colours[1]) < luminance(colours[2]));
        assert!(luminance(colours[5]) < luminance(colours[3]));
        // Same inputs, same colours; order of first appearance for unknowns.
        assert_eq!(vendor_rgbs(&vendors), colours);
        let unknown = vendor_rgbs(&[("xx".into(), false), ("yy".into(), false), ("xx".into(), true)]);
        assert_eq!(unknown[0], shade((0x56, 0xB4, 0xE9), 0));
        assert_eq!(unknown[1], shade((0xF0, 0xE4, 0x42), 0));
        assert_eq!(unknown[2], tint((0x56, 0xB4, 0xE9), 0));
        assert_eq!(colours[0], shade(origin_rgb("us", 0), 0));
        assert_eq!(colours[1], shade(origin_rgb("us", 0), 1));
        // Black origin still gives distinct closed shades.
        let dark = vendor_rgbs(&[
            ("a".into(), false),
            ("b".into(), false),
            ("c".into(), false),
            ("c".into(), false),
            ("c".into(), true),
        ]);
        assert_ne!(dark[2], dark[3]);
        assert!(luminance(dark[3]) < luminance(dark[4]));
    }
}
