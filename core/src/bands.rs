//! Comparing values with thresholds (docs/contract.md §3, "Bands").
//!
//! Values are compared as given, unrounded. A value within 1e-9 of a boundary counts as on it, so
//! a derived value (a mean, a percentage) that floating-point arithmetic puts a hair off a bound is
//! judged as the exact bound.

use serde::Serialize;

/// Tolerance for "on the boundary".
pub const EPS: f64 = 1e-9;

/// A one-sided threshold with explicit inclusivity.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "op", content = "value", rename_all = "snake_case")]
pub enum Test {
    /// value >= bound
    AtLeast(f64),
    /// value > bound
    Above(f64),
    /// value <= bound
    AtMost(f64),
    /// value < bound
    Below(f64),
    /// a yes/no input that must be present (true)
    Present,
}

impl Test {
    /// Whether `x` passes.
    pub fn holds(self, x: f64) -> bool {
        let s = |b: f64| if (x - b).abs() <= EPS { b } else { x };
        match self {
            Test::AtLeast(b) => s(b) >= b,
            Test::Above(b) => s(b) > b,
            Test::AtMost(b) => s(b) <= b,
            Test::Below(b) => s(b) < b,
            Test::Present => x != 0.0,
        }
    }

    /// The bound, if numeric.
    pub fn bound(self) -> Option<f64> {
        match self {
            Test::AtLeast(b) | Test::Above(b) | Test::AtMost(b) | Test::Below(b) => Some(b),
            Test::Present => None,
        }
    }

    /// Plain-words form, e.g. "≥ 180".
    pub fn words(self) -> String {
        use crate::fields::fmt_num;
        match self {
            Test::AtLeast(b) => format!("\u{2265} {}", fmt_num(b)),
            Test::Above(b) => format!("> {}", fmt_num(b)),
            Test::AtMost(b) => format!("\u{2264} {}", fmt_num(b)),
            Test::Below(b) => format!("< {}", fmt_num(b)),
            Test::Present => "present".into(),
        }
    }
}

/// Picks the points of the first band whose lower bound `x` reaches, scanning from the top.
/// `bands` lists (lower bound, points) in descending order of bound; the last entry's bound is
/// ignored and catches everything below. Each band runs from its bound up to, but not including,
/// the previous (higher) band's bound.
pub fn band_from_top<T: Copy>(x: f64, bands: &[(f64, T)]) -> Option<T> {
    let (last, rest) = bands.split_last()?;
    for &(lower, points) in rest {
        if Test::AtLeast(lower).holds(x) {
            return Some(points);
        }
    }
    Some(last.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_values_on_the_boundary_count_as_on_it() {
        let pct = 240.0 / 400.0 * 100.0;
        assert!(Test::AtLeast(60.0).holds(pct));
        assert!(!Test::Below(60.0).holds(pct));
        assert!(Test::Below(60.0).holds(59.999_999));
        assert!(Test::AtLeast(60.0).holds(60.0 - 1e-10));
    }

    #[test]
    fn bands_from_top() {
        let b = [(100.0, 3), (50.0, 2), (0.0, 1)];
        assert_eq!(band_from_top(100.0, &b), Some(3));
        assert_eq!(band_from_top(99.9, &b), Some(2));
        assert_eq!(band_from_top(50.0, &b), Some(2));
        assert_eq!(band_from_top(-5.0, &b), Some(1));
    }
}
