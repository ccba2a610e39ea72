//! Parameter values, their kinds and ranges, and the field table each section is described by.
//! The same table decodes files, resolves `--set`/event paths, prints `check` and writes the docs.

use std::collections::BTreeMap;
use std::fmt;

/// A calendar month. Stored as months since year 0 so that arithmetic is plain integer addition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    pub fn new(year: i32, month: u32) -> Month {
        Month(year * 12 + month as i32 - 1)
    }
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    /// 1..=12
    pub fn month(self) -> u32 {
        (self.0.rem_euclid(12) + 1) as u32
    }
    pub fn plus(self, months: i32) -> Month {
        Month(self.0 + months)
    }
    /// Parses `YYYY-MM`; anything else (including days) is refused.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let year: i32 = y.parse().ok()?;
        let month: u32 = m.parse().ok()?;
        (1..=12).contains(&month).then(|| Month::new(year, month))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// A decoded parameter value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Float(f64),
    Int(u64),
    Bool(bool),
    Text(String),
    Month(Month),
    /// origin id -> value (trust, localisation)
    OriginMap(BTreeMap<String, f64>),
}

impl Value {
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Float(_) => "number",
            Value::Int(_) => "integer",
            Value::Bool(_) => "boolean",
            Value::Text(_) => "string",
            Value::Month(_) => "month",
            Value::OriginMap(_) => "table of origin = number",
        }
    }
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Value::Float(x) => Some(*x),
            Value::Int(i) => Some(*i as f64),
            _ => None,
        }
    }
}

/// What a field accepts. Ranges are inclusive unless `min_exclusive`.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Float {
        min: f64,
        max: f64,
        min_exclusive: bool,
    },
    Int {
        min: u64,
        max: u64,
    },
    Bool,
    Text,
    /// A lowercase-kebab identifier (`cn-open`, `us`).
    Id,
    Month,
    OneOf(&'static [&'static str]),
    OriginMap {
        min: f64,
        max: f64,
    },
}

impl Kind {
    pub const fn float(min: f64, max: f64) -> Kind {
        Kind::Float { min, max, min_exclusive: false }
    }
    pub const fn positive(max: f64) -> Kind {
        Kind::Float { min: 0.0, max, min_exclusive: true }
    }
    pub const UNIT: Kind = Kind::float(0.0, 1.0);
    pub const NON_NEGATIVE: Kind = Kind::float(0.0, f64::INFINITY);

    /// Human description of the accepted range, for docs and messages.
    pub fn describe(&self) -> String {
        match *self {
            Kind::Float { min, max, min_exclusive } => {
                let lo = if min_exclusive { format!("> {}", fmt_num(min)) } else { format!(">= {}", fmt_num(min)) };
                if max.is_infinite() {
                    lo
                } else if min_exclusive {
                    format!("{}, <= {}", lo, fmt_num(max))
                } else {
                    format!("{} .. {}", fmt_num(min), fmt_num(max))
                }
            }
            Kind::Int { min, max } => format!("integer {min} .. {max}"),
            Kind::Bool => "true or false".into(),
            Kind::Text => "text".into(),
            Kind::Id => "lowercase-kebab id".into(),
            Kind::Month => "\"YYYY-MM\"".into(),
            Kind::OneOf(options) => options.iter().map(|o| format!("\"{o}\"")).collect::<Vec<_>>().join(" | "),
            Kind::OriginMap { min, max } => format!("{{ origin = {} .. {} }}", fmt_num(min), fmt_num(max)),
        }
    }

    /// Checks a value against this kind, converting where the file form differs (int -> float).
    pub fn admit(&self, value: Value) -> Result<Value, String> {
        match (*self, value) {
            (Kind::Float { min, max, min_exclusive }, v @ (Value::Float(_) | Value::Int(_))) => {
                let x = v.as_f64().unwrap_or(f64::NAN);
                if !x.is_finite() {
                    return Err(format!("must be a finite number, got {x}"));
                }
                let low = if min_exclusive { x <= min } else { x < min };
                if low || x > max {
                    return Err(format!("must be {}, got {}", self.describe(), fmt_num(x)));
                }
                Ok(Value::Float(x))
            }
            (Kind::Int { min, max }, Value::Int(i)) => {
                if i < min || i > max {
                    return Err(format!("must be an {}, got {i}", self.describe()));
                }
                Ok(Value::Int(i))
            }
            (Kind::Int { .. }, Value::Float(x)) => Err(format!("must be a whole number, got {}", fmt_num(x))),
            (Kind::Bool, v @ Value::Bool(_)) => Ok(v),
            (Kind::Text, v @ Value::Text(_)) => Ok(v),
            (Kind::Id, Value::Text(s)) => {
                if is_kebab_id(&s) {
                    Ok(Value::Text(s))
                } else {
                    Err(format!("must be a lowercase-kebab id (like \"cn-open\"), got \"{s}\""))
                }
            }
            (Kind::Month, Value::Text(s)) => match Month::parse(&s) {
                Some(m) => Ok(Value::Month(m)),
                None => Err(format!("must be a month \"YYYY-MM\", got \"{s}\"")),
            },
            (Kind::Month, v @ Value::Month(_)) => Ok(v),
            (Kind::OneOf(options), Value::Text(s)) => {
                if options.contains(&s.as_str()) {
                    Ok(Value::Text(s))
                } else {
                    Err(format!("must be {}, got \"{s}\"", self.describe()))
                }
            }
            (Kind::OriginMap { min, max }, Value::OriginMap(map)) => {
                for (origin, x) in &map {
                    if !x.is_finite() || *x < min || *x > max {
                        return Err(format!(
                            "{origin}: must be {} .. {}, got {}",
                            fmt_num(min),
                            fmt_num(max),
                            fmt_num(*x)
                        ));
                    }
                }
                Ok(Value::OriginMap(map))
            }
            (kind, v) => Err(format!("expected {}, got a {}", kind.expected(), v.type_name())),
        }
    }

    fn expected(&self) -> &'static str {
        match self {
            Kind::Float { .. } => "a number",
            Kind::Int { .. } => "an integer",
            Kind::Bool => "true or false",
            Kind::Text | Kind::Id | Kind::OneOf(_) => "a string",
            Kind::Month => "a month string \"YYYY-MM\"",
            Kind::OriginMap { .. } => "a table of origin = number",
        }
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self, Kind::Float { .. } | Kind::Int { .. })
    }
}

pub fn is_kebab_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && s.as_bytes()[0].is_ascii_lowercase()
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Shortest text that reads back to the same number (`0.1`, `1e-6`, `20000`).
pub fn fmt_num(x: f64) -> String {
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    format!("{x}")
}

/// One parameter of a section or entity: what the schema knows about it, and how to reach it.
pub struct Field<T> {
    pub key: &'static str,
    pub kind: Kind,
    /// `None` means the key is required.
    pub default: Option<fn() -> Value>,
    pub unit: &'static str,
    pub doc: &'static str,
    /// Whether timeline events may change it during a run.
    pub dynamic: bool,
    pub get: fn(&T) -> Value,
    pub set: fn(&mut T, Value),
}

/// Conversion between typed struct fields and [`Value`]; only called after [`Kind::admit`].
pub trait ParamType: Sized {
    fn to_value(&self) -> Value;
    fn from_value(v: Value) -> Self;
}

impl ParamType for f64 {
    fn to_value(&self) -> Value {
        Value::Float(*self)
    }
    fn from_value(v: Value) -> Self {
        v.as_f64().unwrap_or(f64::NAN)
    }
}
impl ParamType for u64 {
    fn to_value(&self) -> Value {
        Value::Int(*self)
    }
    fn from_value(v: Value) -> Self {
        match v {
            Value::Int(i) => i,
            _ => 0,
        }
    }
}
impl ParamType for bool {
    fn to_value(&self) -> Value {
        Value::Bool(*self)
    }
    fn from_value(v: Value) -> Self {
        matches!(v, Value::Bool(true))
    }
}
impl ParamType for String {
    fn to_value(&self) -> Value {
        Value::Text(self.clone())
    }
    fn from_value(v: Value) -> Self {
        match v {
            Value::Text(s) => s,
            _ => String::new(),
        }
    }
}
impl ParamType for Month {
    fn to_value(&self) -> Value {
        Value::Month(*self)
    }
    fn from_value(v: Value) -> Self {
        match v {
            Value::Month(m) => m,
            _ => Month(0),
        }
    }
}
impl ParamType for BTreeMap<String, f64> {
    fn to_value(&self) -> Value {
        Value::OriginMap(self.clone())
    }
    fn from_value(v: Value) -> Self {
        match v {
            Value::OriginMap(m) => m,
            _ => BTreeMap::new(),
        }
    }
}

/// Typed defaults from literals in the schema (an integer literal becomes a u64).
pub trait FromDefault<L> {
    fn from_default(literal: L) -> Self;
}
impl FromDefault<i64> for u64 {
    fn from_default(literal: i64) -> Self {
        literal as u64
    }
}
impl FromDefault<f64> for f64 {
    fn from_default(literal: f64) -> Self {
        literal
    }
}
impl FromDefault<bool> for bool {
    fn from_default(literal: bool) -> Self {
        literal
    }
}
impl FromDefault<&str> for String {
    fn from_default(literal: &str) -> Self {
        literal.to_string()
    }
}
impl FromDefault<Month> for Month {
    fn from_default(literal: Month) -> Self {
        literal
    }
}
impl FromDefault<BTreeMap<String, f64>> for BTreeMap<String, f64> {
    fn from_default(literal: BTreeMap<String, f64>) -> Self {
        literal
    }
}

/// Declares a parameter struct together with its field table (`FIELDS`) and `Default`.
/// Each line: `name: Type = default, kind, dynamic, "unit", "doc";` where `default` is an
/// expression or `required`.
macro_rules! param_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $field:ident : $ty:ty = $default:tt, $kind:expr, $dynamic:expr, $unit:expr, $doc:expr; )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq)]
        pub struct $name {
            $( #[doc = $doc] pub $field: $ty, )*
        }

        impl $name {
            pub const FIELDS: &'static [$crate::scenario::value::Field<$name>] = &[
                $( $crate::scenario::value::Field {
                    key: stringify!($field),
                    kind: $kind,
                    default: param_struct!(@default $ty, $default),
                    unit: $unit,
                    doc: $doc,
                    dynamic: $dynamic,
                    get: |s: &$name| $crate::scenario::value::ParamType::to_value(&s.$field),
                    set: |s: &mut $name, v| s.$field = <$ty as $crate::scenario::value::ParamType>::from_value(v),
                }, )*
            ];
        }

        impl Default for $name {
            /// Defaults from the field table; required fields start empty and must be given.
            fn default() -> Self {
                let mut s = $name { $( $field: <$ty>::default(), )* };
                for f in Self::FIELDS {
                    if let Some(d) = f.default {
                        (f.set)(&mut s, d());
                    }
                }
                s
            }
        }
    };
    (@default $ty:ty, required) => { None };
    (@default $ty:ty, $default:expr) => {
        Some(|| $crate::scenario::value::ParamType::to_value(&<$ty as $crate::scenario::value::FromDefault<_>>::from_default($default)))
    };
}
pub(crate) use param_struct;

/// Edit distance, for "did you mean" hints.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The closest candidate, if it is close enough to be a plausible misspelling.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (levenshtein(word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_parses_only_year_dash_month() {
        assert_eq!(Month::parse("2025-01"), Some(Month::new(2025, 1)));
        assert_eq!(Month::parse("2035-12").unwrap().to_string(), "2035-12");
        for bad in ["2025-13", "2025-00", "2025-1", "25-01", "2025-01-01", "2025/01", "abcd-ef", ""] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        assert_eq!(Month::new(2025, 12).plus(1), Month::new(2026, 1));
    }

    #[test]
    fn float_kind_rejects_out_of_range_and_non_finite() {
        assert_eq!(Kind::UNIT.admit(Value::Int(1)), Ok(Value::Float(1.0)));
        assert_eq!(Kind::UNIT.admit(Value::Float(1.3)).unwrap_err(), "must be 0 .. 1, got 1.3");
        assert!(Kind::positive(f64::INFINITY).admit(Value::Float(0.0)).unwrap_err().contains("> 0"));
        assert!(Kind::NON_NEGATIVE.admit(Value::Float(f64::NAN)).unwrap_err().contains("finite"));
        assert!(Kind::NON_NEGATIVE.admit(Value::Text("x".into())).unwrap_err().contains("expected a number"));
    }

    #[test]
    fn ids_are_lowercase_kebab() {
        for ok in ["cn-open", "us", "east-asia-allies", "a1"] {
            assert!(is_kebab_id(ok), "{ok}");
        }
        for bad in ["CN", "cn_open", "-cn", "cn-", "cn--open", "1cn", "", "c n"] {
            assert!(!is_kebab_id(bad), "{bad}");
        }
    }

    #[test]
    fn nearest_suggests_close_names_only() {
        assert_eq!(nearest("prise", ["price", "origin", "capability"]), Some("price"));
        assert_eq!(nearest("netwrok_weight", ["network_weight", "noise"]), Some("network_weight"));
        assert_eq!(nearest("zzzz", ["price", "origin"]), None);
    }
}
