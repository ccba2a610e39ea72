//! The contact network: each organisation watches `degree` others, mostly its ring-lattice
//! neighbours within its region, some rewired at random, a few in other regions.

use rayon::prelude::*;

use super::CHUNK;
use super::rng::{self, Purpose};
use crate::scenario::Network;

/// Contacts of every agent, `degree` per agent, as a flat array of agent indices.
/// `region_start` gives the contiguous range of each region's agents.
pub fn build_contacts(net: &Network, region_start: &[usize], seed: u64) -> Vec<u32> {
    let degree = net.degree as usize;
    let n = *region_start.last().unwrap_or(&0);
    let mut contacts = vec![0u32; n * degree];
    if degree == 0 || n == 0 {
        return contacts;
    }
    contacts.par_chunks_mut(CHUNK * degree).enumerate().for_each(|(chunk, out)| {
        let mut rng = rng::stream(seed, Purpose::Network, 0, chunk as u32);
        let first = chunk * CHUNK;
        for (offset, slots) in out.chunks_mut(degree).enumerate() {
            let i = first + offset;
            let r = region_start.partition_point(|&s| s <= i) - 1;
            let (lo, hi) = (region_start[r], region_start[r + 1]);
            let size = hi - lo;
            let outside = n - size;
            for (slot, c) in slots.iter_mut().enumerate() {
                let contact = if outside > 0 && rng::unit(&mut rng) < net.cross_region {
                    let j = rng::below(&mut rng, outside as u32) as usize;
                    if j < lo { j } else { j + size }
                } else if size > 1 && rng::unit(&mut rng) < net.rewire {
                    let j = lo + rng::below(&mut rng, (size - 1) as u32) as usize;
                    if j >= i { j + 1 } else { j }
                } else {
                    // Ring lattice: slots alternate forward and backward, 1, -1, 2, -2, ...
                    let step = slot / 2 + 1;
                    let pos = i - lo;
                    let target = if slot % 2 == 0 { (pos + step) % size } else { (pos + size - step % size) % size };
                    lo + target
                };
                *c = contact as u32;
            }
        }
    });
    contacts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn net(degree: u64, rewire: f64, cross: f64) -> Network {
        Network { degree, rewire, cross_region: cross }
    }

    #[test]
    fn lattice_without_rewiring_links_ring_neighbours() {
        let c = build_contacts(&net(4, 0.0, 0.0), &[0, 10, 20], 1);
        assert_eq!(&c[0..4], &[1, 9, 2, 8]);
        assert_eq!(&c[15 * 4..16 * 4], &[16, 14, 17, 13]);
    }

    #[test]
    fn cross_region_share_is_respected_and_contacts_are_valid() {
        let starts = [0, 5000, 10000];
        let c = build_contacts(&net(10, 0.1, 0.2), &starts, 3);
        let n = 10000;
        let mut cross = 0;
        for i in 0..n {
            for &j in &c[i * 10..(i + 1) * 10] {
                let j = j as usize;
                assert!(j < n && j != i);
                if (i < 5000) != (j < 5000) {
                    cross += 1;
                }
            }
        }
        let share = cross as f64 / (n * 10) as f64;
        assert!((share - 0.2).abs() < 0.01, "{share}");
    }

    #[test]
    fn same_seed_same_network() {
        let a = build_contacts(&net(6, 0.3, 0.1), &[0, 3000, 7000], 9);
        let b = build_contacts(&net(6, 0.3, 0.1), &[0, 3000, 7000], 9);
        assert_eq!(a, b);
    }
}
