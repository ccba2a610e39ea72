//! Seeds and random streams. Every random draw comes from a ChaCha8 stream named by
//! (replicate seed, purpose, step, chunk), so results never depend on thread scheduling.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What a stream is used for; each purpose has its own key, so adding draws to one phase
/// never shifts another.
#[derive(Clone, Copy, Debug)]
#[repr(u64)]
pub enum Purpose {
    Population = 1,
    Network = 2,
    Initial = 3,
    Step = 4,
    /// The choices of organisations that adopt or review, drawn after the step's first draws.
    Choice = 5,
}

/// SplitMix64: a bijective mixer, used to derive keys and seeds from small integers.
pub fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// Seed of replicate `i`: depends only on the base seed and `i`, so `--seeds 8` begins with
/// the same four runs as `--seeds 4`.
pub fn replicate_seed(base: u64, replicate: u64) -> u64 {
    splitmix64(splitmix64(base) ^ splitmix64(replicate.wrapping_add(0x5EED)))
}

/// A generator keyed by a seed and a tag (a purpose, or a sweep design's own tag).
pub fn keyed(seed: u64, tag: u64) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    let mut x = seed ^ splitmix64(tag);
    for part in key.chunks_exact_mut(8) {
        x = splitmix64(x);
        part.copy_from_slice(&x.to_le_bytes());
    }
    ChaCha8Rng::from_seed(key)
}

/// A generator for one (purpose, step, chunk) of one replicate.
pub fn stream(seed: u64, purpose: Purpose, step: u32, chunk: u32) -> ChaCha8Rng {
    let mut rng = keyed(seed, purpose as u64);
    rng.set_stream(((step as u64) << 32) | chunk as u64);
    rng
}

/// Uniform in [0, 1) with 53 random bits, computed here rather than by a distribution whose
/// algorithm could change between rand versions.
#[inline]
pub fn unit<R: Rng>(rng: &mut R) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Uniform in [0, 1) with 32 random bits: half the generator's work of `unit`, for the draws
/// every organisation makes every month, where a resolution of 2^-32 is ample.
#[inline]
pub fn unit32<R: Rng>(rng: &mut R) -> f64 {
    rng.next_u32() as f64 * (1.0 / (1u64 << 32) as f64)
}

/// Uniform integer in 0..n (n > 0), by Lemire's multiply-shift (bias below 2^-32 for n < 2^32).
#[inline]
pub fn below<R: Rng>(rng: &mut R, n: u32) -> u32 {
    ((rng.next_u32() as u64 * n as u64) >> 32) as u32
}

/// Standard normal by Box-Muller (one of the pair is used; simplicity over speed here,
/// since normals are drawn only while building the population).
pub fn normal<R: Rng>(rng: &mut R) -> f64 {
    let u1 = 1.0 - unit(rng);
    let u2 = unit(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| stream(7, Purpose::Step, 3, 1).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let b = stream(7, Purpose::Step, 3, 2).next_u64();
        let c = stream(7, Purpose::Step, 4, 1).next_u64();
        let d = stream(7, Purpose::Network, 3, 1).next_u64();
        let e = stream(8, Purpose::Step, 3, 1).next_u64();
        let all = [a[0], b, c, d, e];
        for i in 0..all.len() {
            for j in i + 1..all.len() {
                assert_ne!(all[i], all[j]);
            }
        }
    }

    #[test]
    fn replicate_seeds_depend_on_base_and_index_only() {
        assert_eq!(replicate_seed(1, 3), replicate_seed(1, 3));
        assert_ne!(replicate_seed(1, 3), replicate_seed(1, 4));
        assert_ne!(replicate_seed(1, 3), replicate_seed(2, 3));
    }

    #[test]
    fn unit_and_normal_have_the_right_moments() {
        let mut rng = stream(1, Purpose::Population, 0, 0);
        let n = 200_000;
        let u: Vec<f64> = (0..n).map(|_| unit(&mut rng)).collect();
        let mean = u.iter().sum::<f64>() / n as f64;
        assert!((mean - 0.5).abs() < 0.005, "{mean}");
        assert!(u.iter().all(|x| (0.0..1.0).contains(x)));
        let z: Vec<f64> = (0..n).map(|_| normal(&mut rng)).collect();
        let m = z.iter().sum::<f64>() / n as f64;
        let v = z.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n as f64;
        assert!(m.abs() < 0.01 && (v - 1.0).abs() < 0.02, "{m} {v}");
        assert!((0..1000).all(|_| below(&mut rng, 7) < 7));
    }
}
