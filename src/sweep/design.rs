//! Experimental designs for parameter sweeps: the points (one value per parameter) at which a
//! sweep runs the model, from grids and lists to Latin hypercubes, Saltelli-Sobol and Morris.

use rand_chacha::ChaCha8Rng;

/// The most points any design may produce: a guard against a typo turning into a sweep that
/// could never finish.
pub const MAX_POINTS: usize = 10_000_000;

/// Sobol dimensions built in: 1 (van der Corput) plus Joe-Kuo dimensions 2..=256. A Saltelli
/// design over k parameters needs 2k dimensions, so at most 128 parameters.
pub const SOBOL_MAX_DIMS: usize = 256;

/// A swept parameter: its path (opaque here) and its values or range.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub path: String,
    pub spec: ParamSpec,
}

/// Explicit values (grid, list) or a continuous range (lhs, sobol, morris).
#[derive(Clone, Debug, PartialEq)]
pub enum ParamSpec {
    Values(Vec<f64>),
    /// `log`: sample uniformly in ln(value), for parameters spanning orders of magnitude.
    Range {
        low: f64,
        high: f64,
        log: bool,
    },
}

/// How the points of a sweep are chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Design {
    /// Cartesian product of the values, first parameter varying slowest.
    Grid,
    /// The i-th values of every parameter together (a zip).
    List,
    /// Latin hypercube: `samples` points, one per stratum per parameter.
    Lhs { samples: usize },
    /// Saltelli's A, B, A_B^(i) matrices from a Sobol sequence; `samples` = N base rows,
    /// N(k+2) points in all.
    Sobol { samples: usize },
    /// Morris one-at-a-time trajectories on a `levels`-level grid (levels even), r(k+1) points.
    Morris { trajectories: usize, levels: usize },
}

impl Design {
    fn name(&self) -> &'static str {
        match self {
            Design::Grid => "grid",
            Design::List => "list",
            Design::Lhs { .. } => "lhs",
            Design::Sobol { .. } => "sobol",
            Design::Morris { .. } => "morris",
        }
    }
}

/// Why a design cannot be built from the given parameters.
#[derive(Clone, Debug, thiserror::Error)]
pub enum DesignError {
    #[error("a {design} design needs at least one parameter")]
    NoParams { design: &'static str },
    #[error("parameter `{param}` is listed twice")]
    DuplicateParam { param: String },
    #[error("parameter `{param}` has an empty list of values")]
    EmptyValues { param: String },
    #[error("parameter `{param}`: {what} is {value}, not a finite number")]
    NotFinite { param: String, what: String, value: f64 },
    #[error("parameter `{param}`: range low {low} must be below high {high}")]
    EmptyRange { param: String, low: f64, high: f64 },
    #[error("parameter `{param}`: a log range needs low > 0, got low {low}")]
    LogNotPositive { param: String, low: f64 },
    #[error("parameter `{param}`: a {design} design takes a list of values, not a range")]
    NeedsValues { design: &'static str, param: String },
    #[error("parameter `{param}`: a {design} design samples a range (low, high), not a list of values")]
    NeedsRange { design: &'static str, param: String },
    #[error(
        "list design: parameter `{param}` has {len} values but `{first}` has {first_len}; a list pairs the \
         i-th values of every parameter, so all lists must be the same length"
    )]
    ListLengths { param: String, len: usize, first: String, first_len: usize },
    #[error("a {design} design needs at least 1 sample, got 0")]
    ZeroSamples { design: &'static str },
    #[error(
        "morris design: levels must be even and at least 2, got {levels} (the step levels/(2(levels-1)) \
         only lands on the grid for even levels)"
    )]
    MorrisLevels { levels: usize },
    #[error("morris design: needs at least 2 trajectories to estimate the spread sigma, got {trajectories}")]
    MorrisTrajectories { trajectories: usize },
    #[error(
        "sobol design: {params} parameters need {dims} Sobol dimensions, but only {max} are built in \
         (at most {half} parameters)",
        half = max / 2
    )]
    SobolDims { params: usize, dims: usize, max: usize },
    #[error("the {design} design would make {points} points, more than the limit of {limit}")]
    TooManyPoints { design: &'static str, points: u128, limit: usize },
    #[error("a {design} design has no unit cube: its points are the listed values themselves")]
    NoUnitCube { design: &'static str },
}

/// The points of a design, in parameter space: each point is one value per param, in param
/// order. A pure function of its arguments: random designs draw from a ChaCha8 stream keyed by
/// `seed` through our own uniform formula, so points change with neither `rand` versions nor
/// platforms. Sampling designs are built in the unit cube ([`unit_points`]) and then mapped
/// to each range with [`from_unit`].
///
/// Order of points: grid = first param slowest; list = list order; lhs = sample order;
/// sobol = A (N rows), B (N rows), A_B^(1) .. A_B^(k) (N rows each); morris = trajectories one
/// after another, k+1 points each. `seed` is used by lhs and morris only (sobol is the
/// unscrambled Joe-Kuo sequence, the same for every seed).
pub fn points(design: &Design, params: &[Param], seed: u64) -> Result<Vec<Vec<f64>>, DesignError> {
    check(design, params)?;
    match design {
        Design::Grid => Ok(grid(params)),
        Design::List => Ok(list(params)),
        _ => {
            let unit = unit_cube(design, params, seed);
            Ok(unit.iter().map(|u| map_point(params, u)).collect())
        }
    }
}

/// The points of a sampling design (lhs, sobol, morris) in the unit cube [0, 1]^k, before each
/// coordinate is mapped to its range: `points` gives exactly these, mapped. This is what
/// `sensitivity::morris_indices` takes, so that elementary effects are per unit of the
/// normalised range whatever the range or its log scale. Grid and list have no unit cube and
/// give an error.
pub fn unit_points(design: &Design, params: &[Param], seed: u64) -> Result<Vec<Vec<f64>>, DesignError> {
    check(design, params)?;
    match design {
        Design::Grid | Design::List => Err(DesignError::NoUnitCube { design: design.name() }),
        _ => Ok(unit_cube(design, params, seed)),
    }
}

/// How many points `points` will return, after the same checks (cheap: nothing is built).
pub fn point_count(design: &Design, params: &[Param]) -> Result<usize, DesignError> {
    check(design, params)
}

/// Maps a unit-cube value to a parameter's range (linearly, or linearly in ln if `log`).
/// `None` for explicit values, which have no range. 0 and 1 give `low` and `high` exactly.
pub fn from_unit(spec: &ParamSpec, u: f64) -> Option<f64> {
    match *spec {
        ParamSpec::Values(_) => None,
        ParamSpec::Range { low, high, log } => Some(scale(low, high, log, u)),
    }
}

/// The Morris step in unit-cube terms, levels / (2 (levels - 1)) (Morris 1991): with even
/// levels it moves a base point from the lower half of the grid to the upper half.
pub fn morris_delta(levels: usize) -> f64 {
    levels as f64 / (2.0 * (levels as f64 - 1.0))
}

/// A short, stable description for manifests, e.g. `morris(trajectories=10, levels=4)`.
pub fn describe(design: &Design) -> String {
    match *design {
        Design::Grid => "grid".to_string(),
        Design::List => "list".to_string(),
        Design::Lhs { samples } => format!("lhs(samples={samples})"),
        Design::Sobol { samples } => format!("sobol(samples={samples})"),
        Design::Morris { trajectories, levels } => format!("morris(trajectories={trajectories}, levels={levels})"),
    }
}

/// Validates params against the design and returns the number of points.
fn check(design: &Design, params: &[Param]) -> Result<usize, DesignError> {
    let name = design.name();
    if params.is_empty() {
        return Err(DesignError::NoParams { design: name });
    }
    for (i, p) in params.iter().enumerate() {
        if params[..i].iter().any(|q| q.path == p.path) {
            return Err(DesignError::DuplicateParam { param: p.path.clone() });
        }
        check_spec(p)?;
    }
    let wants_values = matches!(design, Design::Grid | Design::List);
    for p in params {
        match (&p.spec, wants_values) {
            (ParamSpec::Range { .. }, true) => {
                return Err(DesignError::NeedsValues { design: name, param: p.path.clone() });
            }
            (ParamSpec::Values(_), false) => {
                return Err(DesignError::NeedsRange { design: name, param: p.path.clone() });
            }
            _ => {}
        }
    }
    let k = params.len() as u128;
    let count: u128 = match *design {
        Design::Grid => params.iter().fold(1u128, |acc, p| acc.saturating_mul(values(p).len() as u128)),
        Design::List => {
            let first = &params[0];
            let first_len = values(first).len();
            for p in &params[1..] {
                let len = values(p).len();
                if len != first_len {
                    return Err(DesignError::ListLengths {
                        param: p.path.clone(),
                        len,
                        first: first.path.clone(),
                        first_len,
                    });
                }
            }
            first_len as u128
        }
        Design::Lhs { samples } => {
            if samples == 0 {
                return Err(DesignError::ZeroSamples { design: name });
            }
            samples as u128
        }
        Design::Sobol { samples } => {
            if samples == 0 {
                return Err(DesignError::ZeroSamples { design: name });
            }
            if 2 * params.len() > SOBOL_MAX_DIMS {
                return Err(DesignError::SobolDims {
                    params: params.len(),
                    dims: 2 * params.len(),
                    max: SOBOL_MAX_DIMS,
                });
            }
            (samples as u128).saturating_mul(k + 2)
        }
        Design::Morris { trajectories, levels } => {
            if levels < 2 || levels % 2 != 0 {
                return Err(DesignError::MorrisLevels { levels });
            }
            if trajectories < 2 {
                return Err(DesignError::MorrisTrajectories { trajectories });
            }
            (trajectories as u128).saturating_mul(k + 1)
        }
    };
    if count > MAX_POINTS as u128 {
        return Err(DesignError::TooManyPoints { design: name, points: count, limit: MAX_POINTS });
    }
    Ok(count as usize)
}

fn check_spec(p: &Param) -> Result<(), DesignError> {
    let not_finite = |what: String, value: f64| DesignError::NotFinite { param: p.path.clone(), what, value };
    match p.spec {
        ParamSpec::Values(ref vs) => {
            if vs.is_empty() {
                return Err(DesignError::EmptyValues { param: p.path.clone() });
            }
            if let Some((i, &v)) = vs.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(not_finite(format!("value #{}", i + 1), v));
            }
        }
        ParamSpec::Range { low, high, log } => {
            if !low.is_finite() {
                return Err(not_finite("low".to_string(), low));
            }
            if !high.is_finite() {
                return Err(not_finite("high".to_string(), high));
            }
            if low >= high {
                return Err(DesignError::EmptyRange { param: p.path.clone(), low, high });
            }
            if log && low <= 0.0 {
                return Err(DesignError::LogNotPositive { param: p.path.clone(), low });
            }
        }
    }
    Ok(())
}

fn values(p: &Param) -> &[f64] {
    match &p.spec {
        ParamSpec::Values(vs) => vs,
        ParamSpec::Range { .. } => &[],
    }
}

fn grid(params: &[Param]) -> Vec<Vec<f64>> {
    let lists: Vec<&[f64]> = params.iter().map(values).collect();
    let count: usize = lists.iter().map(|l| l.len()).product();
    let mut out = Vec::with_capacity(count);
    // An odometer whose last digit turns fastest, so the first parameter varies slowest.
    let mut digits = vec![0usize; lists.len()];
    for _ in 0..count {
        out.push(lists.iter().zip(&digits).map(|(l, &d)| l[d]).collect());
        for j in (0..digits.len()).rev() {
            digits[j] += 1;
            if digits[j] < lists[j].len() {
                break;
            }
            digits[j] = 0;
        }
    }
    out
}

fn list(params: &[Param]) -> Vec<Vec<f64>> {
    let n = values(&params[0]).len();
    (0..n).map(|i| params.iter().map(|p| values(p)[i]).collect()).collect()
}

/// Maps one unit-cube point to parameter space; params are already checked to be ranges.
fn map_point(params: &[Param], u: &[f64]) -> Vec<f64> {
    params.iter().zip(u).map(|(p, &x)| from_unit(&p.spec, x).expect("checked: sampling designs take ranges")).collect()
}

fn scale(low: f64, high: f64, log: bool, u: f64) -> f64 {
    // Endpoints are returned as given (exp(ln x) need not be x), and the result is clamped
    // because rounding must never put a run outside the range the user declared.
    if u <= 0.0 {
        return low;
    }
    if u >= 1.0 {
        return high;
    }
    let v = if log {
        let (a, b) = (low.ln(), high.ln());
        (a + u * (b - a)).exp()
    } else {
        // (1-u) low + u high cannot overflow where high - low could (e.g. -1e308..1e308).
        low * (1.0 - u) + high * u
    };
    v.clamp(low, high)
}

fn unit_cube(design: &Design, params: &[Param], seed: u64) -> Vec<Vec<f64>> {
    let k = params.len();
    match *design {
        Design::Lhs { samples } => lhs(k, samples, seed),
        Design::Sobol { samples } => saltelli(k, samples),
        Design::Morris { trajectories, levels } => morris(k, trajectories, levels, seed),
        Design::Grid | Design::List => unreachable!("grid and list are not built in the unit cube"),
    }
}

/// Stream tags, so that the same user seed gives unrelated streams to different designs.
const TAG_LHS: u64 = 0x4C48_5301;
const TAG_MORRIS: u64 = 0x4D4F_5201;

/// Uniform integer in 0..n (n > 0).
fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    ((crate::model::rng::unit(rng) * n as f64) as usize).min(n - 1)
}

/// Fisher-Yates shuffle of 0..n.
fn permutation(rng: &mut ChaCha8Rng, n: usize) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = below(rng, i + 1);
        p.swap(i, j);
    }
    p
}

fn next_up(x: f64) -> f64 {
    // f64::next_up needs Rust 1.86; the crate's MSRV is 1.85. Only used for x >= 0.
    if x == 0.0 { f64::from_bits(1) } else { f64::from_bits(x.to_bits() + 1) }
}

fn next_down(x: f64) -> f64 {
    if x <= 0.0 { 0.0 } else { f64::from_bits(x.to_bits() - 1) }
}

fn lhs(k: usize, n: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = crate::model::rng::keyed(seed, TAG_LHS);
    let mut out = vec![vec![0.0; k]; n];
    for j in 0..k {
        let strata = permutation(&mut rng, n);
        for (row, &s) in out.iter_mut().zip(&strata) {
            let mut u = (s as f64 + crate::model::rng::unit(&mut rng)) / n as f64;
            // Rounding of (s + U) / n can land on a stratum's edge; nudge by ulps so that the
            // point is in stratum s by the test floor(u n) == s, which then holds exactly.
            while ((u * n as f64).floor() as usize) > s {
                u = next_down(u);
            }
            while ((u * n as f64).floor() as usize) < s {
                u = next_up(u);
            }
            row[j] = u;
        }
    }
    out
}

/// Saltelli (2010) layout: A and B from the first and last k of 2k Sobol dimensions, then
/// A_B^(i) = A with column i taken from B, for i = 1..k.
fn saltelli(k: usize, n: usize) -> Vec<Vec<f64>> {
    let seq = sobol_sequence(2 * k, n);
    let a: Vec<&[f64]> = seq.iter().map(|p| &p[..k]).collect();
    let b: Vec<&[f64]> = seq.iter().map(|p| &p[k..]).collect();
    let mut out = Vec::with_capacity(n * (k + 2));
    out.extend(a.iter().map(|r| r.to_vec()));
    out.extend(b.iter().map(|r| r.to_vec()));
    for i in 0..k {
        for (ra, rb) in a.iter().zip(&b) {
            let mut row = ra.to_vec();
            row[i] = rb[i];
            out.push(row);
        }
    }
    out
}

/// Morris (1991) trajectories, built on integer level indices so every coordinate is exactly
/// on the grid {0, 1/(p-1), .., 1} and a move changes exactly one coordinate.
fn morris(k: usize, r: usize, levels: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = crate::model::rng::keyed(seed, TAG_MORRIS);
    let jump = levels / 2; // delta in grid steps: (p/2) / (p-1) = p / (2(p-1))
    let top = (levels - 1) as f64;
    let mut out = Vec::with_capacity(r * (k + 1));
    for _ in 0..r {
        // Base levels in the lower half so that base + jump stays on the grid; a downward move
        // starts from the upper level instead. Every level is then equally likely to be visited.
        let base: Vec<usize> = (0..k).map(|_| below(&mut rng, jump)).collect();
        let up: Vec<bool> = (0..k).map(|_| crate::model::rng::unit(&mut rng) < 0.5).collect();
        let order = permutation(&mut rng, k);
        let mut at: Vec<usize> = base.iter().zip(&up).map(|(&b, &u)| if u { b } else { b + jump }).collect();
        out.push(at.iter().map(|&l| l as f64 / top).collect());
        for &i in &order {
            at[i] = if up[i] { at[i] + jump } else { at[i] - jump };
            out.push(at.iter().map(|&l| l as f64 / top).collect());
        }
    }
    out
}

/// The first `n` points of the `dims`-dimensional Sobol sequence in [0, 1)^dims, **skipping
/// the initial all-zero point**: element 0 is the sequence's point 1, (0.5, 0.5, ..).
///
/// Points are in Gray-code order (Antonov-Saleev), as in Joe and Kuo's reference generator
/// and scipy's unscrambled `Sobol`, so dimension 1 runs 0.5, 0.75, 0.25, 0.375, 0.875, ..
/// (van der Corput in Gray-code order). Dimension 1 has all direction numbers m_i = 1;
/// dimensions 2..=256 use Joe and Kuo's `new-joe-kuo-6.21201` direction numbers, with 32-bit
/// precision (values are exact multiples of 2^-32).
///
/// # Panics
/// If `dims` is 0 or above [`SOBOL_MAX_DIMS`], or `n` is 2^32 or more (design callers are
/// validated first, and [`MAX_POINTS`] keeps them far below).
pub fn sobol_sequence(dims: usize, n: usize) -> Vec<Vec<f64>> {
    assert!((1..=SOBOL_MAX_DIMS).contains(&dims), "Sobol dimensions must be 1..={SOBOL_MAX_DIMS}, got {dims}");
    assert!((n as u64) < (1u64 << 32), "at most 2^32 - 1 Sobol points, asked for {n}");
    let dirs: Vec<[u32; 32]> = (0..dims).map(direction_numbers).collect();
    let mut x = vec![0u32; dims];
    let scale = 1.0 / (1u64 << 32) as f64;
    let mut out = Vec::with_capacity(n);
    for i in 1..=n {
        // Gray code: point i differs from point i-1 by the direction number indexed by the
        // lowest zero bit of i-1.
        let c = (i - 1).trailing_ones() as usize;
        for (xd, v) in x.iter_mut().zip(&dirs) {
            *xd ^= v[c];
        }
        out.push(x.iter().map(|&xd| xd as f64 * scale).collect());
    }
    out
}

/// Direction numbers V_1..V_32 of a 0-based dimension, scaled by 2^32 (V_i = m_i 2^(32-i)).
fn direction_numbers(dim: usize) -> [u32; 32] {
    let mut v = [0u32; 32];
    if dim == 0 {
        for (i, vi) in v.iter_mut().enumerate() {
            *vi = 1 << (31 - i);
        }
        return v;
    }
    let (s, a, m) = JOE_KUO[dim - 1];
    let s = s as usize;
    for i in 0..32 {
        v[i] = if i < s {
            m[i] << (31 - i)
        } else {
            // Bratley-Fox recurrence as Joe and Kuo state it: the primitive polynomial's inner
            // coefficients are the bits of `a`, most significant first.
            let mut x = v[i - s] ^ (v[i - s] >> s);
            for kk in 1..s {
                if (a >> (s - 1 - kk)) & 1 == 1 {
                    x ^= v[i - kk];
                }
            }
            x
        };
    }
    v
}

/// Joe and Kuo's `new-joe-kuo-6.21201` direction numbers (S. Joe and F. Y. Kuo, "Constructing
/// Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30, 2008),
/// dimensions 2..=256, one row `(s, a, [m_1 .. m_s])` each: s the degree of the primitive
/// polynomial, a its inner coefficients as bits, m the initial direction numbers.
#[rustfmt::skip]
const JOE_KUO: [(u32, u32, &[u32]); SOBOL_MAX_DIMS - 1] = [
    (1, 0, &[1]), // d = 2
    (2, 1, &[1, 3]), // d = 3
    (3, 1, &[1, 3, 1]), // d = 4
    (3, 2, &[1, 1, 1]), // d = 5
    (4, 1, &[1, 1, 3, 3]), // d = 6
    (4, 4, &[1, 3, 5, 13]), // d = 7
    (5, 2, &[1, 1, 5, 5, 17]), // d = 8
    (5, 4, &[1, 1, 5, 5, 5]), // d = 9
    (5, 7, &[1, 1, 7, 11, 19]), // d = 10
    (5, 11, &[1, 1, 5, 1, 1]), // d = 11
    (5, 13, &[1, 1, 1, 3, 11]), // d = 12
    (5, 14, &[1, 3, 5, 5, 31]), // d = 13
    (6, 1, &[1, 3, 3, 9, 7, 49]), // d = 14
    (6, 13, &[1, 1, 1, 15, 21, 21]), // d = 15
    (6, 16, &[1, 3, 1, 13, 27, 49]), // d = 16
    (6, 19, &[1, 1, 1, 15, 7, 5]), // d = 17
    (6, 22, &[1, 3, 1, 15, 13, 25]), // d = 18
    (6, 25, &[1, 1, 5, 5, 19, 61]), // d = 19
    (7, 1, &[1, 3, 7, 11, 23, 15, 103]), // d = 20
    (7, 4, &[1, 3, 7, 13, 13, 15, 69]), // d = 21
    (7, 7, &[1, 1, 3, 13, 7, 35, 63]), // d = 22
    (7, 8, &[1, 3, 5, 9, 1, 25, 53]), // d = 23
    (7, 14, &[1, 3, 1, 13, 9, 35, 107]), // d = 24
    (7, 19, &[1, 3, 1, 5, 27, 61, 31]), // d = 25
    (7, 21, &[1, 1, 5, 11, 19, 41, 61]), // d = 26
    (7, 28, &[1, 3, 5, 3, 3, 13, 69]), // d = 27
    (7, 31, &[1, 1, 7, 13, 1, 19, 1]), // d = 28
    (7, 32, &[1, 3, 7, 5, 13, 19, 59]), // d = 29
    (7, 37, &[1, 1, 3, 9, 25, 29, 41]), // d = 30
    (7, 41, &[1, 3, 5, 13, 23, 1, 55]), // d = 31
    (7, 42, &[1, 3, 7, 3, 13, 59, 17]), // d = 32
    (7, 50, &[1, 3, 1, 3, 5, 53, 69]), // d = 33
    (7, 55, &[1, 1, 5, 5, 23, 33, 13]), // d = 34
    (7, 56, &[1, 1, 7, 7, 1, 61, 123]), // d = 35
    (7, 59, &[1, 1, 7, 9, 13, 61, 49]), // d = 36
    (7, 62, &[1, 3, 3, 5, 3, 55, 33]), // d = 37
    (8, 14, &[1, 3, 1, 15, 31, 13, 49, 245]), // d = 38
    (8, 21, &[1, 3, 5, 15, 31, 59, 63, 97]), // d = 39
    (8, 22, &[1, 3, 1, 11, 11, 11, 77, 249]), // d = 40
    (8, 38, &[1, 3, 1, 11, 27, 43, 71, 9]), // d = 41
    (8, 47, &[1, 1, 7, 15, 21, 11, 81, 45]), // d = 42
    (8, 49, &[1, 3, 7, 3, 25, 31, 65, 79]), // d = 43
    (8, 50, &[1, 3, 1, 1, 19, 11, 3, 205]), // d = 44
    (8, 52, &[1, 1, 5, 9, 19, 21, 29, 157]), // d = 45
    (8, 56, &[1, 3, 7, 11, 1, 33, 89, 185]), // d = 46
    (8, 67, &[1, 3, 3, 3, 15, 9, 79, 71]), // d = 47
    (8, 70, &[1, 3, 7, 11, 15, 39, 119, 27]), // d = 48
    (8, 84, &[1, 1, 3, 1, 11, 31, 97, 225]), // d = 49
    (8, 97, &[1, 1, 1, 3, 23, 43, 57, 177]), // d = 50
    (8, 103, &[1, 3, 7, 7, 17, 17, 37, 71]), // d = 51
    (8, 115, &[1, 3, 1, 5, 27, 63, 123, 213]), // d = 52
    (8, 122, &[1, 1, 3, 5, 11, 43, 53, 133]), // d = 53
    (9, 8, &[1, 3, 5, 5, 29, 17, 47, 173, 479]), // d = 54
    (9, 13, &[1, 3, 3, 11, 3, 1, 109, 9, 69]), // d = 55
    (9, 16, &[1, 1, 1, 5, 17, 39, 23, 5, 343]), // d = 56
    (9, 22, &[1, 3, 1, 5, 25, 15, 31, 103, 499]), // d = 57
    (9, 25, &[1, 1, 1, 11, 11, 17, 63, 105, 183]), // d = 58
    (9, 44, &[1, 1, 5, 11, 9, 29, 97, 231, 363]), // d = 59
    (9, 47, &[1, 1, 5, 15, 19, 45, 41, 7, 383]), // d = 60
    (9, 52, &[1, 3, 7, 7, 31, 19, 83, 137, 221]), // d = 61
    (9, 55, &[1, 1, 1, 3, 23, 15, 111, 223, 83]), // d = 62
    (9, 59, &[1, 1, 5, 13, 31, 15, 55, 25, 161]), // d = 63
    (9, 62, &[1, 1, 3, 13, 25, 47, 39, 87, 257]), // d = 64
    (9, 67, &[1, 1, 1, 11, 21, 53, 125, 249, 293]), // d = 65
    (9, 74, &[1, 1, 7, 11, 11, 7, 57, 79, 323]), // d = 66
    (9, 81, &[1, 1, 5, 5, 17, 13, 81, 3, 131]), // d = 67
    (9, 82, &[1, 1, 7, 13, 23, 7, 65, 251, 475]), // d = 68
    (9, 87, &[1, 3, 5, 1, 9, 43, 3, 149, 11]), // d = 69
    (9, 91, &[1, 1, 3, 13, 31, 13, 13, 255, 487]), // d = 70
    (9, 94, &[1, 3, 3, 1, 5, 63, 89, 91, 127]), // d = 71
    (9, 103, &[1, 1, 3, 3, 1, 19, 123, 127, 237]), // d = 72
    (9, 104, &[1, 1, 5, 7, 23, 31, 37, 243, 289]), // d = 73
    (9, 109, &[1, 1, 5, 11, 17, 53, 117, 183, 491]), // d = 74
    (9, 122, &[1, 1, 1, 5, 1, 13, 13, 209, 345]), // d = 75
    (9, 124, &[1, 1, 3, 15, 1, 57, 115, 7, 33]), // d = 76
    (9, 137, &[1, 3, 1, 11, 7, 43, 81, 207, 175]), // d = 77
    (9, 138, &[1, 3, 1, 1, 15, 27, 63, 255, 49]), // d = 78
    (9, 143, &[1, 3, 5, 3, 27, 61, 105, 171, 305]), // d = 79
    (9, 145, &[1, 1, 5, 3, 1, 3, 57, 249, 149]), // d = 80
    (9, 152, &[1, 1, 3, 5, 5, 57, 15, 13, 159]), // d = 81
    (9, 157, &[1, 1, 1, 11, 7, 11, 105, 141, 225]), // d = 82
    (9, 167, &[1, 3, 3, 5, 27, 59, 121, 101, 271]), // d = 83
    (9, 173, &[1, 3, 5, 9, 11, 49, 51, 59, 115]), // d = 84
    (9, 176, &[1, 1, 7, 1, 23, 45, 125, 71, 419]), // d = 85
    (9, 181, &[1, 1, 3, 5, 23, 5, 105, 109, 75]), // d = 86
    (9, 182, &[1, 1, 7, 15, 7, 11, 67, 121, 453]), // d = 87
    (9, 185, &[1, 3, 7, 3, 9, 13, 31, 27, 449]), // d = 88
    (9, 191, &[1, 3, 1, 15, 19, 39, 39, 89, 15]), // d = 89
    (9, 194, &[1, 1, 1, 1, 1, 33, 73, 145, 379]), // d = 90
    (9, 199, &[1, 3, 1, 15, 15, 43, 29, 13, 483]), // d = 91
    (9, 218, &[1, 1, 7, 3, 19, 27, 85, 131, 431]), // d = 92
    (9, 220, &[1, 3, 3, 3, 5, 35, 23, 195, 349]), // d = 93
    (9, 227, &[1, 3, 3, 7, 9, 27, 39, 59, 297]), // d = 94
    (9, 229, &[1, 1, 3, 9, 11, 17, 13, 241, 157]), // d = 95
    (9, 230, &[1, 3, 7, 15, 25, 57, 33, 189, 213]), // d = 96
    (9, 234, &[1, 1, 7, 1, 9, 55, 73, 83, 217]), // d = 97
    (9, 236, &[1, 3, 3, 13, 19, 27, 23, 113, 249]), // d = 98
    (9, 241, &[1, 3, 5, 3, 23, 43, 3, 253, 479]), // d = 99
    (9, 244, &[1, 1, 5, 5, 11, 5, 45, 117, 217]), // d = 100
    (9, 253, &[1, 3, 3, 7, 29, 37, 33, 123, 147]), // d = 101
    (10, 4, &[1, 3, 1, 15, 5, 5, 37, 227, 223, 459]), // d = 102
    (10, 13, &[1, 1, 7, 5, 5, 39, 63, 255, 135, 487]), // d = 103
    (10, 19, &[1, 3, 1, 7, 9, 7, 87, 249, 217, 599]), // d = 104
    (10, 22, &[1, 1, 3, 13, 9, 47, 7, 225, 363, 247]), // d = 105
    (10, 50, &[1, 3, 7, 13, 19, 13, 9, 67, 9, 737]), // d = 106
    (10, 55, &[1, 3, 5, 5, 19, 59, 7, 41, 319, 677]), // d = 107
    (10, 64, &[1, 1, 5, 3, 31, 63, 15, 43, 207, 789]), // d = 108
    (10, 69, &[1, 1, 7, 9, 13, 39, 3, 47, 497, 169]), // d = 109
    (10, 98, &[1, 3, 1, 7, 21, 17, 97, 19, 415, 905]), // d = 110
    (10, 107, &[1, 3, 7, 1, 3, 31, 71, 111, 165, 127]), // d = 111
    (10, 115, &[1, 1, 5, 11, 1, 61, 83, 119, 203, 847]), // d = 112
    (10, 121, &[1, 3, 3, 13, 9, 61, 19, 97, 47, 35]), // d = 113
    (10, 127, &[1, 1, 7, 7, 15, 29, 63, 95, 417, 469]), // d = 114
    (10, 134, &[1, 3, 1, 9, 25, 9, 71, 57, 213, 385]), // d = 115
    (10, 140, &[1, 3, 5, 13, 31, 47, 101, 57, 39, 341]), // d = 116
    (10, 145, &[1, 1, 3, 3, 31, 57, 125, 173, 365, 551]), // d = 117
    (10, 152, &[1, 3, 7, 1, 13, 57, 67, 157, 451, 707]), // d = 118
    (10, 158, &[1, 1, 1, 7, 21, 13, 105, 89, 429, 965]), // d = 119
    (10, 161, &[1, 1, 5, 9, 17, 51, 45, 119, 157, 141]), // d = 120
    (10, 171, &[1, 3, 7, 7, 13, 45, 91, 9, 129, 741]), // d = 121
    (10, 181, &[1, 3, 7, 1, 23, 57, 67, 141, 151, 571]), // d = 122
    (10, 194, &[1, 1, 3, 11, 17, 47, 93, 107, 375, 157]), // d = 123
    (10, 199, &[1, 3, 3, 5, 11, 21, 43, 51, 169, 915]), // d = 124
    (10, 203, &[1, 1, 5, 3, 15, 55, 101, 67, 455, 625]), // d = 125
    (10, 208, &[1, 3, 5, 9, 1, 23, 29, 47, 345, 595]), // d = 126
    (10, 227, &[1, 3, 7, 7, 5, 49, 29, 155, 323, 589]), // d = 127
    (10, 242, &[1, 3, 3, 7, 5, 41, 127, 61, 261, 717]), // d = 128
    (10, 251, &[1, 3, 7, 7, 17, 23, 117, 67, 129, 1009]), // d = 129
    (10, 253, &[1, 1, 3, 13, 11, 39, 21, 207, 123, 305]), // d = 130
    (10, 265, &[1, 1, 3, 9, 29, 3, 95, 47, 231, 73]), // d = 131
    (10, 266, &[1, 3, 1, 9, 1, 29, 117, 21, 441, 259]), // d = 132
    (10, 274, &[1, 3, 1, 13, 21, 39, 125, 211, 439, 723]), // d = 133
    (10, 283, &[1, 1, 7, 3, 17, 63, 115, 89, 49, 773]), // d = 134
    (10, 289, &[1, 3, 7, 13, 11, 33, 101, 107, 63, 73]), // d = 135
    (10, 295, &[1, 1, 5, 5, 13, 57, 63, 135, 437, 177]), // d = 136
    (10, 301, &[1, 1, 3, 7, 27, 63, 93, 47, 417, 483]), // d = 137
    (10, 316, &[1, 1, 3, 1, 23, 29, 1, 191, 49, 23]), // d = 138
    (10, 319, &[1, 1, 3, 15, 25, 55, 9, 101, 219, 607]), // d = 139
    (10, 324, &[1, 3, 1, 7, 7, 19, 51, 251, 393, 307]), // d = 140
    (10, 346, &[1, 3, 3, 3, 25, 55, 17, 75, 337, 3]), // d = 141
    (10, 352, &[1, 1, 1, 13, 25, 17, 65, 45, 479, 413]), // d = 142
    (10, 361, &[1, 1, 7, 7, 27, 49, 99, 161, 213, 727]), // d = 143
    (10, 367, &[1, 3, 5, 1, 23, 5, 43, 41, 251, 857]), // d = 144
    (10, 382, &[1, 3, 3, 7, 11, 61, 39, 87, 383, 835]), // d = 145
    (10, 395, &[1, 1, 3, 15, 13, 7, 29, 7, 505, 923]), // d = 146
    (10, 398, &[1, 3, 7, 1, 5, 31, 47, 157, 445, 501]), // d = 147
    (10, 400, &[1, 1, 3, 7, 1, 43, 9, 147, 115, 605]), // d = 148
    (10, 412, &[1, 3, 3, 13, 5, 1, 119, 211, 455, 1001]), // d = 149
    (10, 419, &[1, 1, 3, 5, 13, 19, 3, 243, 75, 843]), // d = 150
    (10, 422, &[1, 3, 7, 7, 1, 19, 91, 249, 357, 589]), // d = 151
    (10, 426, &[1, 1, 1, 9, 1, 25, 109, 197, 279, 411]), // d = 152
    (10, 428, &[1, 3, 1, 15, 23, 57, 59, 135, 191, 75]), // d = 153
    (10, 433, &[1, 1, 5, 15, 29, 21, 39, 253, 383, 349]), // d = 154
    (10, 446, &[1, 3, 3, 5, 19, 45, 61, 151, 199, 981]), // d = 155
    (10, 454, &[1, 3, 5, 13, 9, 61, 107, 141, 141, 1]), // d = 156
    (10, 457, &[1, 3, 1, 11, 27, 25, 85, 105, 309, 979]), // d = 157
    (10, 472, &[1, 3, 3, 11, 19, 7, 115, 223, 349, 43]), // d = 158
    (10, 493, &[1, 1, 7, 9, 21, 39, 123, 21, 275, 927]), // d = 159
    (10, 505, &[1, 1, 7, 13, 15, 41, 47, 243, 303, 437]), // d = 160
    (10, 508, &[1, 1, 1, 7, 7, 3, 15, 99, 409, 719]), // d = 161
    (11, 2, &[1, 3, 3, 15, 27, 49, 113, 123, 113, 67, 469]), // d = 162
    (11, 11, &[1, 3, 7, 11, 3, 23, 87, 169, 119, 483, 199]), // d = 163
    (11, 21, &[1, 1, 5, 15, 7, 17, 109, 229, 179, 213, 741]), // d = 164
    (11, 22, &[1, 1, 5, 13, 11, 17, 25, 135, 403, 557, 1433]), // d = 165
    (11, 35, &[1, 3, 1, 1, 1, 61, 67, 215, 189, 945, 1243]), // d = 166
    (11, 49, &[1, 1, 7, 13, 17, 33, 9, 221, 429, 217, 1679]), // d = 167
    (11, 50, &[1, 1, 3, 11, 27, 3, 15, 93, 93, 865, 1049]), // d = 168
    (11, 56, &[1, 3, 7, 7, 25, 41, 121, 35, 373, 379, 1547]), // d = 169
    (11, 61, &[1, 3, 3, 9, 11, 35, 45, 205, 241, 9, 59]), // d = 170
    (11, 70, &[1, 3, 1, 7, 3, 51, 7, 177, 53, 975, 89]), // d = 171
    (11, 74, &[1, 1, 3, 5, 27, 1, 113, 231, 299, 759, 861]), // d = 172
    (11, 79, &[1, 3, 3, 15, 25, 29, 5, 255, 139, 891, 2031]), // d = 173
    (11, 84, &[1, 3, 1, 1, 13, 9, 109, 193, 419, 95, 17]), // d = 174
    (11, 88, &[1, 1, 7, 9, 3, 7, 29, 41, 135, 839, 867]), // d = 175
    (11, 103, &[1, 1, 7, 9, 25, 49, 123, 217, 113, 909, 215]), // d = 176
    (11, 104, &[1, 1, 7, 3, 23, 15, 43, 133, 217, 327, 901]), // d = 177
    (11, 112, &[1, 1, 3, 3, 13, 53, 63, 123, 477, 711, 1387]), // d = 178
    (11, 115, &[1, 1, 3, 15, 7, 29, 75, 119, 181, 957, 247]), // d = 179
    (11, 117, &[1, 1, 1, 11, 27, 25, 109, 151, 267, 99, 1461]), // d = 180
    (11, 122, &[1, 3, 7, 15, 5, 5, 53, 145, 11, 725, 1501]), // d = 181
    (11, 134, &[1, 3, 7, 1, 9, 43, 71, 229, 157, 607, 1835]), // d = 182
    (11, 137, &[1, 3, 3, 13, 25, 1, 5, 27, 471, 349, 127]), // d = 183
    (11, 146, &[1, 1, 1, 1, 23, 37, 9, 221, 269, 897, 1685]), // d = 184
    (11, 148, &[1, 1, 3, 3, 31, 29, 51, 19, 311, 553, 1969]), // d = 185
    (11, 157, &[1, 3, 7, 5, 5, 55, 17, 39, 475, 671, 1529]), // d = 186
    (11, 158, &[1, 1, 7, 1, 1, 35, 47, 27, 437, 395, 1635]), // d = 187
    (11, 162, &[1, 1, 7, 3, 13, 23, 43, 135, 327, 139, 389]), // d = 188
    (11, 164, &[1, 3, 7, 3, 9, 25, 91, 25, 429, 219, 513]), // d = 189
    (11, 168, &[1, 1, 3, 5, 13, 29, 119, 201, 277, 157, 2043]), // d = 190
    (11, 173, &[1, 3, 5, 3, 29, 57, 13, 17, 167, 739, 1031]), // d = 191
    (11, 185, &[1, 3, 3, 5, 29, 21, 95, 27, 255, 679, 1531]), // d = 192
    (11, 186, &[1, 3, 7, 15, 9, 5, 21, 71, 61, 961, 1201]), // d = 193
    (11, 191, &[1, 3, 5, 13, 15, 57, 33, 93, 459, 867, 223]), // d = 194
    (11, 193, &[1, 1, 1, 15, 17, 43, 127, 191, 67, 177, 1073]), // d = 195
    (11, 199, &[1, 1, 1, 15, 23, 7, 21, 199, 75, 293, 1611]), // d = 196
    (11, 213, &[1, 3, 7, 13, 15, 39, 21, 149, 65, 741, 319]), // d = 197
    (11, 214, &[1, 3, 7, 11, 23, 13, 101, 89, 277, 519, 711]), // d = 198
    (11, 220, &[1, 3, 7, 15, 19, 27, 85, 203, 441, 97, 1895]), // d = 199
    (11, 227, &[1, 3, 1, 3, 29, 25, 21, 155, 11, 191, 197]), // d = 200
    (11, 236, &[1, 1, 7, 5, 27, 11, 81, 101, 457, 675, 1687]), // d = 201
    (11, 242, &[1, 3, 1, 5, 25, 5, 65, 193, 41, 567, 781]), // d = 202
    (11, 251, &[1, 3, 1, 5, 11, 15, 113, 77, 411, 695, 1111]), // d = 203
    (11, 256, &[1, 1, 3, 9, 11, 53, 119, 171, 55, 297, 509]), // d = 204
    (11, 259, &[1, 1, 1, 1, 11, 39, 113, 139, 165, 347, 595]), // d = 205
    (11, 265, &[1, 3, 7, 11, 9, 17, 101, 13, 81, 325, 1733]), // d = 206
    (11, 266, &[1, 3, 1, 1, 21, 43, 115, 9, 113, 907, 645]), // d = 207
    (11, 276, &[1, 1, 7, 3, 9, 25, 117, 197, 159, 471, 475]), // d = 208
    (11, 292, &[1, 3, 1, 9, 11, 21, 57, 207, 485, 613, 1661]), // d = 209
    (11, 304, &[1, 1, 7, 7, 27, 55, 49, 223, 89, 85, 1523]), // d = 210
    (11, 310, &[1, 1, 5, 3, 19, 41, 45, 51, 447, 299, 1355]), // d = 211
    (11, 316, &[1, 3, 1, 13, 1, 33, 117, 143, 313, 187, 1073]), // d = 212
    (11, 319, &[1, 1, 7, 7, 5, 11, 65, 97, 377, 377, 1501]), // d = 213
    (11, 322, &[1, 3, 1, 1, 21, 35, 95, 65, 99, 23, 1239]), // d = 214
    (11, 328, &[1, 1, 5, 9, 3, 37, 95, 167, 115, 425, 867]), // d = 215
    (11, 334, &[1, 3, 3, 13, 1, 37, 27, 189, 81, 679, 773]), // d = 216
    (11, 339, &[1, 1, 3, 11, 1, 61, 99, 233, 429, 969, 49]), // d = 217
    (11, 341, &[1, 1, 1, 7, 25, 63, 99, 165, 245, 793, 1143]), // d = 218
    (11, 345, &[1, 1, 5, 11, 11, 43, 55, 65, 71, 283, 273]), // d = 219
    (11, 346, &[1, 1, 5, 5, 9, 3, 101, 251, 355, 379, 1611]), // d = 220
    (11, 362, &[1, 1, 1, 15, 21, 63, 85, 99, 49, 749, 1335]), // d = 221
    (11, 367, &[1, 1, 5, 13, 27, 9, 121, 43, 255, 715, 289]), // d = 222
    (11, 372, &[1, 3, 1, 5, 27, 19, 17, 223, 77, 571, 1415]), // d = 223
    (11, 375, &[1, 1, 5, 3, 13, 59, 125, 251, 195, 551, 1737]), // d = 224
    (11, 376, &[1, 3, 3, 15, 13, 27, 49, 105, 389, 971, 755]), // d = 225
    (11, 381, &[1, 3, 5, 15, 23, 43, 35, 107, 447, 763, 253]), // d = 226
    (11, 385, &[1, 3, 5, 11, 21, 3, 17, 39, 497, 407, 611]), // d = 227
    (11, 388, &[1, 1, 7, 13, 15, 31, 113, 17, 23, 507, 1995]), // d = 228
    (11, 392, &[1, 1, 7, 15, 3, 15, 31, 153, 423, 79, 503]), // d = 229
    (11, 409, &[1, 1, 7, 9, 19, 25, 23, 171, 505, 923, 1989]), // d = 230
    (11, 415, &[1, 1, 5, 9, 21, 27, 121, 223, 133, 87, 697]), // d = 231
    (11, 416, &[1, 1, 5, 5, 9, 19, 107, 99, 319, 765, 1461]), // d = 232
    (11, 421, &[1, 1, 3, 3, 19, 25, 3, 101, 171, 729, 187]), // d = 233
    (11, 428, &[1, 1, 3, 1, 13, 23, 85, 93, 291, 209, 37]), // d = 234
    (11, 431, &[1, 1, 1, 15, 25, 25, 77, 253, 333, 947, 1073]), // d = 235
    (11, 434, &[1, 1, 3, 9, 17, 29, 55, 47, 255, 305, 2037]), // d = 236
    (11, 439, &[1, 3, 3, 9, 29, 63, 9, 103, 489, 939, 1523]), // d = 237
    (11, 446, &[1, 3, 7, 15, 7, 31, 89, 175, 369, 339, 595]), // d = 238
    (11, 451, &[1, 3, 7, 13, 25, 5, 71, 207, 251, 367, 665]), // d = 239
    (11, 453, &[1, 3, 3, 3, 21, 25, 75, 35, 31, 321, 1603]), // d = 240
    (11, 457, &[1, 1, 1, 9, 11, 1, 65, 5, 11, 329, 535]), // d = 241
    (11, 458, &[1, 1, 5, 3, 19, 13, 17, 43, 379, 485, 383]), // d = 242
    (11, 471, &[1, 3, 5, 13, 13, 9, 85, 147, 489, 787, 1133]), // d = 243
    (11, 475, &[1, 3, 1, 1, 5, 51, 37, 129, 195, 297, 1783]), // d = 244
    (11, 478, &[1, 1, 3, 15, 19, 57, 59, 181, 455, 697, 2033]), // d = 245
    (11, 484, &[1, 3, 7, 1, 27, 9, 65, 145, 325, 189, 201]), // d = 246
    (11, 493, &[1, 3, 1, 15, 31, 23, 19, 5, 485, 581, 539]), // d = 247
    (11, 494, &[1, 1, 7, 13, 11, 15, 65, 83, 185, 847, 831]), // d = 248
    (11, 499, &[1, 3, 5, 7, 7, 55, 73, 15, 303, 511, 1905]), // d = 249
    (11, 502, &[1, 3, 5, 9, 7, 21, 45, 15, 397, 385, 597]), // d = 250
    (11, 517, &[1, 3, 7, 3, 23, 13, 73, 221, 511, 883, 1265]), // d = 251
    (11, 518, &[1, 1, 3, 11, 1, 51, 73, 185, 33, 975, 1441]), // d = 252
    (11, 524, &[1, 3, 3, 9, 19, 59, 21, 39, 339, 37, 143]), // d = 253
    (11, 527, &[1, 1, 7, 1, 31, 33, 19, 167, 117, 635, 639]), // d = 254
    (11, 555, &[1, 1, 1, 3, 5, 13, 59, 83, 355, 349, 1967]), // d = 255
    (11, 560, &[1, 1, 1, 5, 19, 3, 53, 133, 97, 863, 983]), // d = 256
];

#[cfg(test)]
mod tests {
    use super::*;

    fn vals(path: &str, v: &[f64]) -> Param {
        Param { path: path.to_string(), spec: ParamSpec::Values(v.to_vec()) }
    }

    fn range(path: &str, low: f64, high: f64, log: bool) -> Param {
        Param { path: path.to_string(), spec: ParamSpec::Range { low, high, log } }
    }

    fn bits(points: &[Vec<f64>]) -> Vec<Vec<u64>> {
        points.iter().map(|p| p.iter().map(|x| x.to_bits()).collect()).collect()
    }

    #[test]
    fn grid_is_the_cartesian_product_with_the_first_param_slowest() {
        let params = [vals("a", &[1.0, 2.0]), vals("b", &[30.0, 10.0, 20.0]), vals("c", &[100.0, 200.0])];
        let pts = points(&Design::Grid, &params, 0).unwrap();
        assert_eq!(pts.len(), 2 * 3 * 2);
        assert_eq!(point_count(&Design::Grid, &params).unwrap(), 12);
        let mut expected = Vec::new();
        for &a in &[1.0, 2.0] {
            for &b in &[30.0, 10.0, 20.0] {
                for &c in &[100.0, 200.0] {
                    expected.push(vec![a, b, c]);
                }
            }
        }
        assert_eq!(pts, expected);
        // Values are used as given: not sorted, duplicates kept.
        let dup = points(&Design::Grid, &[vals("x", &[3.0, 1.0, 3.0])], 0).unwrap();
        assert_eq!(dup, vec![vec![3.0], vec![1.0], vec![3.0]]);
    }

    #[test]
    fn list_zips_equal_length_lists() {
        let params = [vals("a", &[1.0, 2.0, 3.0]), vals("b", &[-1.0, -2.0, -3.0])];
        let pts = points(&Design::List, &params, 7).unwrap();
        assert_eq!(pts, vec![vec![1.0, -1.0], vec![2.0, -2.0], vec![3.0, -3.0]]);
    }

    fn err(design: Design, params: &[Param]) -> String {
        match points(&design, params, 1) {
            Ok(p) => panic!("expected an error, got {} points", p.len()),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn errors_name_the_parameter_and_the_problem() {
        let ok = range("ok.param", 0.0, 1.0, false);
        let one = std::slice::from_ref(&ok);
        let lhs = Design::Lhs { samples: 4 };
        let cases: Vec<(String, &[&str])> = vec![
            (err(Design::Grid, &[vals("a.b", &[])]), &["`a.b`", "empty"]),
            (err(Design::Grid, &[vals("a.b", &[1.0, f64::NAN])]), &["`a.b`", "value #2", "NaN"]),
            (err(lhs, &[ok.clone(), range("r", f64::NAN, 1.0, false)]), &["`r`", "low", "NaN"]),
            (err(lhs, &[range("r", 0.0, f64::INFINITY, false)]), &["`r`", "high", "inf"]),
            (err(lhs, &[range("r", 2.0, 2.0, false)]), &["`r`", "low 2", "high 2"]),
            (err(lhs, &[range("r", 3.0, 2.0, false)]), &["`r`", "below"]),
            (err(lhs, &[range("r", 0.0, 2.0, true)]), &["`r`", "log", "low 0"]),
            (err(lhs, &[range("r", -1.0, 2.0, true)]), &["`r`", "log", "-1"]),
            (err(Design::Grid, &[vals("a", &[1.0]), range("r", 0.0, 1.0, false)]), &["`r`", "grid", "values"]),
            (err(Design::List, &[range("r", 0.0, 1.0, false)]), &["`r`", "list", "values"]),
            (err(lhs, &[ok.clone(), vals("v", &[1.0])]), &["`v`", "lhs", "range"]),
            (err(Design::Sobol { samples: 8 }, &[vals("v", &[1.0])]), &["`v`", "sobol", "range"]),
            (err(Design::Morris { trajectories: 4, levels: 4 }, &[vals("v", &[1.0])]), &["`v`", "morris", "range"]),
            (
                err(Design::List, &[vals("a", &[1.0, 2.0]), vals("b", &[1.0, 2.0]), vals("c", &[1.0])]),
                &["`c`", "1 values", "`a`", "2", "same length"],
            ),
            (err(Design::Lhs { samples: 0 }, one), &["lhs", "at least 1 sample"]),
            (err(Design::Sobol { samples: 0 }, one), &["sobol", "at least 1 sample"]),
            (err(Design::Morris { trajectories: 4, levels: 3 }, one), &["levels", "even", "3"]),
            (err(Design::Morris { trajectories: 4, levels: 0 }, one), &["levels", "even", "0"]),
            (err(Design::Morris { trajectories: 1, levels: 4 }, one), &["2 trajectories", "got 1"]),
            (err(Design::Grid, &[]), &["grid", "at least one parameter"]),
            (err(lhs, &[ok.clone(), ok.clone()]), &["`ok.param`", "twice"]),
        ];
        for (msg, needles) in &cases {
            for needle in *needles {
                assert!(msg.contains(needle), "message {msg:?} lacks {needle:?}");
            }
        }
    }

    #[test]
    fn too_many_points_and_dimensions_are_refused_before_building_anything() {
        let big: Vec<Param> = (0..5).map(|i| vals(&format!("p{i}"), &[0.0; 100])).collect();
        let msg = err(Design::Grid, &big);
        assert!(msg.contains("10000000000") && msg.contains("10000000"), "{msg}");
        // Saturates rather than overflowing, however many values.
        let huge: Vec<Param> = (0..20).map(|i| vals(&format!("p{i}"), &[0.0; 1000])).collect();
        assert!(matches!(point_count(&Design::Grid, &huge), Err(DesignError::TooManyPoints { .. })));
        let ok = [range("a", 0.0, 1.0, false)];
        assert!(matches!(
            points(&Design::Lhs { samples: MAX_POINTS + 1 }, &ok, 0),
            Err(DesignError::TooManyPoints { .. })
        ));
        assert_eq!(point_count(&Design::Lhs { samples: MAX_POINTS }, &ok).unwrap(), MAX_POINTS);
        let many: Vec<Param> = (0..129).map(|i| range(&format!("p{i}"), 0.0, 1.0, false)).collect();
        let msg = err(Design::Sobol { samples: 4 }, &many);
        assert!(msg.contains("129 parameters") && msg.contains("258") && msg.contains("128"), "{msg}");
        assert_eq!(point_count(&Design::Sobol { samples: 4 }, &many[..128]).unwrap(), 4 * 130);
        assert!(matches!(unit_points(&Design::Grid, &[vals("a", &[1.0])], 0), Err(DesignError::NoUnitCube { .. })));
    }

    /// Stratum of a value of a range param, by the inverse of the map.
    fn stratum(spec: &ParamSpec, v: f64, n: usize) -> usize {
        let ParamSpec::Range { low, high, log } = *spec else { panic!("range expected") };
        let u = if log { (v / low).ln() / (high / low).ln() } else { (v - low) / (high - low) };
        ((u * n as f64).floor() as usize).min(n - 1)
    }

    #[test]
    fn lhs_has_one_point_in_every_stratum_of_every_param() {
        let params = [range("lin", -3.0, 5.0, false), range("log", 1e-3, 1e3, true), range("narrow", 0.1, 0.2, false)];
        for &n in &[1usize, 2, 7, 100, 1000] {
            for seed in 0..5u64 {
                let design = Design::Lhs { samples: n };
                let unit = unit_points(&design, &params, seed).unwrap();
                let pts = points(&design, &params, seed).unwrap();
                assert_eq!(pts.len(), n);
                for (j, p) in params.iter().enumerate() {
                    let mut unit_hits = vec![0; n];
                    let mut hits = vec![0; n];
                    for (u, x) in unit.iter().zip(&pts) {
                        assert!((0.0..1.0).contains(&u[j]));
                        unit_hits[(u[j] * n as f64).floor() as usize] += 1;
                        hits[stratum(&p.spec, x[j], n)] += 1;
                        assert_eq!(from_unit(&p.spec, u[j]), Some(x[j]), "points are the unit points mapped");
                    }
                    assert!(unit_hits.iter().all(|&h| h == 1), "n={n} seed={seed} {}: {unit_hits:?}", p.path);
                    assert!(hits.iter().all(|&h| h == 1), "n={n} seed={seed} {}: {hits:?}", p.path);
                }
            }
        }
    }

    #[test]
    fn lhs_is_deterministic_by_seed_and_differs_between_seeds() {
        let params = [range("a", 0.0, 1.0, false), range("b", 1.0, 100.0, true)];
        let d = Design::Lhs { samples: 50 };
        let one = points(&d, &params, 42).unwrap();
        assert_eq!(bits(&one), bits(&points(&d, &params, 42).unwrap()));
        let other = points(&d, &params, 43).unwrap();
        assert_ne!(bits(&one), bits(&other));
        // Columns are permuted independently: a shared permutation would pair strata equally.
        let rank = |c: usize, pts: &[Vec<f64>]| -> Vec<usize> {
            let col: Vec<f64> = pts.iter().map(|p| p[c]).collect();
            col.iter().map(|x| col.iter().filter(|y| *y < x).count()).collect()
        };
        assert_ne!(rank(0, &one), rank(1, &one));
    }

    #[test]
    fn sobol_first_points_match_the_published_ones() {
        let seq = sobol_sequence(3, 5);
        let expected =
            [[0.5, 0.5, 0.5], [0.75, 0.25, 0.25], [0.25, 0.75, 0.75], [0.375, 0.375, 0.625], [0.875, 0.875, 0.125]];
        for (p, e) in seq.iter().zip(&expected) {
            assert_eq!(p.as_slice(), e.as_slice());
        }
        // Dimension 1: van der Corput in base 2, in Gray-code order.
        let d1: Vec<f64> = sobol_sequence(1, 8).iter().map(|p| p[0]).collect();
        assert_eq!(d1, [0.5, 0.75, 0.25, 0.375, 0.875, 0.625, 0.125, 0.1875]);
    }

    #[test]
    fn sobol_matches_the_reference_generator_in_high_dimensions() {
        // Points i = 1..5, 1000 and 4095 of the 256-dimensional sequence, times 2^32, at the
        // 1-based dimensions below, from scipy.stats.qmc.Sobol(d=256, scramble=False, bits=32),
        // which ships the same new-joe-kuo-6.21201 numbers and Gray-code order. The far
        // points exercise the recurrence beyond the initial numbers m_1..m_s.
        let dims = [1usize, 2, 3, 40, 41, 100, 128, 129, 200, 256];
        let reference: [(usize, [u64; 10]); 7] = [
            (1, [2147483648; 10]),
            (
                2,
                [
                    3221225472, 1073741824, 1073741824, 1073741824, 1073741824, 3221225472, 1073741824, 1073741824,
                    1073741824, 3221225472,
                ],
            ),
            (
                3,
                [
                    1073741824, 3221225472, 3221225472, 3221225472, 3221225472, 1073741824, 3221225472, 3221225472,
                    3221225472, 1073741824,
                ],
            ),
            (
                4,
                [
                    1610612736, 1610612736, 2684354560, 3758096384, 3758096384, 3758096384, 2684354560, 536870912,
                    3758096384, 1610612736,
                ],
            ),
            (
                5,
                [
                    3758096384, 3758096384, 536870912, 1610612736, 1610612736, 1610612736, 536870912, 2684354560,
                    1610612736, 3758096384,
                ],
            ),
            (
                1000,
                [
                    943718400, 415236096, 2227175424, 2059403264, 3921674240, 801112064, 2336227328, 3829399552,
                    3619684352, 1069547520,
                ],
            ),
            (
                4095,
                [
                    1048576, 4042260480, 1435500544, 976224256, 862978048, 4134535168, 1123024896, 435159040,
                    3566206976, 2632974336,
                ],
            ),
        ];
        let seq = sobol_sequence(256, 4095);
        for (i, row) in reference {
            for (&d, &want) in dims.iter().zip(&row) {
                // Element i-1 is point i: the all-zero point 0 is skipped.
                let got = seq[i - 1][d - 1] * (1u64 << 32) as f64;
                assert_eq!(got, want as f64, "point {i}, dimension {d}");
            }
        }
    }

    #[test]
    fn sobol_direction_table_is_well_formed() {
        let mut polys = std::collections::HashSet::new();
        let mut last_degree = 0;
        for (row, &(s, a, m)) in JOE_KUO.iter().enumerate() {
            assert_eq!(m.len(), s as usize, "dimension {}", row + 2);
            assert!(s >= last_degree && a < (1 << (s - 1)).max(1), "dimension {}", row + 2);
            last_degree = s;
            assert!(polys.insert((s, a)), "dimension {} repeats a polynomial", row + 2);
            for (i, &mi) in m.iter().enumerate() {
                assert!(mi % 2 == 1 && mi < (1 << (i + 1)), "dimension {}: m_{} = {mi}", row + 2, i + 1);
            }
        }
    }

    #[test]
    fn sobol_one_dimensional_projections_are_perfectly_balanced() {
        // The first 2^p points (counting the skipped zero point) put exactly one point in each
        // of 2^p equal bins of every coordinate, hence n / 2^m in each of 2^m bins for m <= p.
        let p = 10;
        let n = 1usize << p;
        let seq = sobol_sequence(SOBOL_MAX_DIMS, n - 1);
        for d in 0..SOBOL_MAX_DIMS {
            let mut hits = vec![0u32; n];
            hits[0] += 1; // the zero point
            for x in &seq {
                hits[(x[d] * n as f64) as usize] += 1;
            }
            assert!(hits.iter().all(|&h| h == 1), "dimension {}", d + 1);
        }
        // The first two dimensions form a (0, p, 2)-net: every dyadic box of area 2^-p holds
        // exactly one point.
        for m1 in 0..=p {
            let (b1, b2) = (1usize << m1, 1usize << (p - m1));
            let mut hits = vec![0u32; n];
            hits[0] += 1;
            for x in &seq {
                hits[(x[0] * b1 as f64) as usize * b2 + (x[1] * b2 as f64) as usize] += 1;
            }
            assert!(hits.iter().all(|&h| h == 1), "boxes 2^-{m1} x 2^-{}", p - m1);
        }
    }

    #[test]
    fn saltelli_layout_is_a_b_then_a_with_one_column_of_b() {
        let params = [range("a", -1.0, 1.0, false), range("b", 0.01, 100.0, true), range("c", 5.0, 6.0, false)];
        let (k, n) = (3, 64);
        let d = Design::Sobol { samples: n };
        let unit = unit_points(&d, &params, 0).unwrap();
        let pts = points(&d, &params, 99).unwrap();
        assert_eq!(unit.len(), n * (k + 2));
        assert_eq!(pts.len(), n * (k + 2));
        assert_eq!(point_count(&d, &params).unwrap(), n * (k + 2));
        let seq = sobol_sequence(2 * k, n);
        for j in 0..n {
            let (a, b) = (&unit[j], &unit[n + j]);
            assert_eq!(a.as_slice(), &seq[j][..k]);
            assert_eq!(b.as_slice(), &seq[j][k..]);
            for i in 0..k {
                let ab = &unit[(2 + i) * n + j];
                for c in 0..k {
                    assert_eq!(ab[c], if c == i { b[c] } else { a[c] }, "A_B^{} row {j} col {c}", i + 1);
                }
            }
        }
        for (u, x) in unit.iter().zip(&pts) {
            for (c, p) in params.iter().enumerate() {
                assert_eq!(from_unit(&p.spec, u[c]), Some(x[c]));
                let ParamSpec::Range { low, high, .. } = p.spec else { unreachable!() };
                assert!((low..=high).contains(&x[c]));
            }
        }
    }

    #[test]
    fn morris_trajectories_move_each_param_once_by_delta_on_the_grid() {
        let k = 5;
        let params: Vec<Param> = (0..k).map(|i| range(&format!("p{i}"), 0.1, 10.0, i % 2 == 1)).collect();
        for &levels in &[2usize, 4, 6, 10] {
            let r = 12;
            let d = Design::Morris { trajectories: r, levels };
            let unit = unit_points(&d, &params, 5).unwrap();
            assert_eq!(unit.len(), r * (k + 1));
            let delta = morris_delta(levels);
            let top = (levels - 1) as f64;
            let mut level_visits = vec![0usize; levels];
            for u in &unit {
                for &x in u {
                    let l = x * top;
                    assert!(
                        (l - l.round()).abs() < 1e-9 && (0.0..=1.0).contains(&x),
                        "{x} off the {levels}-level grid"
                    );
                    level_visits[l.round() as usize] += 1;
                }
            }
            for t in 0..r {
                let mut moved = vec![0; k];
                for s in 0..k {
                    let (a, b) = (&unit[t * (k + 1) + s], &unit[t * (k + 1) + s + 1]);
                    let changed: Vec<usize> = (0..k).filter(|&c| a[c] != b[c]).collect();
                    assert_eq!(changed.len(), 1, "trajectory {t} step {s}");
                    let c = changed[0];
                    assert!(((b[c] - a[c]).abs() - delta).abs() < 1e-12, "step {} vs delta {delta}", b[c] - a[c]);
                    moved[c] += 1;
                }
                assert!(moved.iter().all(|&m| m == 1), "trajectory {t}: {moved:?}");
            }
            // Every level is reachable, not only the lower half.
            assert!(level_visits.iter().all(|&v| v > 0), "levels {levels}: {level_visits:?}");
        }
        // Determinism, seeds, and points = mapped unit points.
        let d = Design::Morris { trajectories: 6, levels: 4 };
        let a = points(&d, &params, 1).unwrap();
        assert_eq!(bits(&a), bits(&points(&d, &params, 1).unwrap()));
        assert_ne!(bits(&a), bits(&points(&d, &params, 2).unwrap()));
        let unit = unit_points(&d, &params, 1).unwrap();
        for (u, x) in unit.iter().zip(&a) {
            for (c, p) in params.iter().enumerate() {
                assert_eq!(from_unit(&p.spec, u[c]), Some(x[c]));
            }
        }
    }

    #[test]
    fn ranges_map_endpoints_exactly_and_log_ranges_geometrically() {
        let log = ParamSpec::Range { low: 1e-3, high: 10.0, log: true };
        assert_eq!(from_unit(&log, 0.0), Some(1e-3));
        assert_eq!(from_unit(&log, 1.0), Some(10.0));
        assert!((from_unit(&log, 0.25).unwrap() - 1e-2).abs() < 1e-15);
        let lin = ParamSpec::Range { low: -1e308, high: 1e308, log: false };
        assert_eq!(from_unit(&lin, 0.5), Some(0.0));
        assert_eq!(from_unit(&ParamSpec::Values(vec![1.0]), 0.5), None);
    }

    #[test]
    fn describe_is_short_and_stable() {
        assert_eq!(describe(&Design::Grid), "grid");
        assert_eq!(describe(&Design::List), "list");
        assert_eq!(describe(&Design::Lhs { samples: 100 }), "lhs(samples=100)");
        assert_eq!(describe(&Design::Sobol { samples: 1024 }), "sobol(samples=1024)");
        assert_eq!(describe(&Design::Morris { trajectories: 10, levels: 4 }), "morris(trajectories=10, levels=4)");
    }
}
