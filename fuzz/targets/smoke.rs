//! The stable stand-in for cargo-fuzz: replays every committed seed of a
//! target, then runs a fixed number of seeded mutations of them, so the
//! `fuzz_smoke` tests of the workspace exercise the same target bodies as
//! `cargo +nightly fuzz run` without nightly, deterministically.
//!
//! `TERN_FUZZ_SMOKE_ITERATIONS` and `TERN_FUZZ_SMOKE_SEED` override the
//! iteration count and the seed (for a longer local run).

use crate::common::Rng;
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;

/// Largest input the mutator produces.
const MAX_LEN: usize = 8 * 1024;

/// Replays the seeds in `corpus` (a directory of files, one input each), then
/// feeds `iterations` mutated inputs made with `seed` to `target`. Panics with
/// the failing input in hex if the target panics.
pub fn smoke(name: &str, target: fn(&[u8]), corpus: &Path, iterations: usize, seed: u64) {
    let iterations = env_or("TERN_FUZZ_SMOKE_ITERATIONS", iterations as u64) as usize;
    let seed = env_or("TERN_FUZZ_SMOKE_SEED", seed);
    let mut seeds: Vec<(String, Vec<u8>)> = std::fs::read_dir(corpus)
        .unwrap_or_else(|e| panic!("{name}: cannot read the corpus {}: {e}", corpus.display()))
        .map(|entry| {
            let path = entry.expect("a directory entry").path();
            let bytes = std::fs::read(&path).expect("a seed file");
            (path.display().to_string(), bytes)
        })
        .collect();
    seeds.sort();
    assert!(
        !seeds.is_empty(),
        "{name}: no seeds in {}",
        corpus.display()
    );
    for (path, bytes) in &seeds {
        run_one(name, target, bytes, &format!("seed {path}"));
    }
    let mut rng = Rng::new(seed);
    for i in 0..iterations {
        let base = &seeds[rng.below(seeds.len())].1;
        let other = &seeds[rng.below(seeds.len())].1;
        let input = mutate(&mut rng, base, other);
        run_one(
            name,
            target,
            &input,
            &format!("mutation {i} of seed {seed:#x}"),
        );
    }
    eprintln!(
        "{name}: {} seeds and {iterations} mutations (seed {seed:#x}) passed",
        seeds.len()
    );
}

fn env_or(var: &str, default: u64) -> u64 {
    match std::env::var(var) {
        Ok(v) => {
            let v = v.trim();
            let parsed = match v.strip_prefix("0x") {
                Some(hex) => u64::from_str_radix(hex, 16),
                None => v.parse(),
            };
            parsed.unwrap_or_else(|_| panic!("{var}={v} is not a number"))
        }
        Err(_) => default,
    }
}

fn run_one(name: &str, target: fn(&[u8]), input: &[u8], what: &str) {
    if panic::catch_unwind(AssertUnwindSafe(|| target(input))).is_err() {
        let hex: String = input.iter().map(|b| format!("{b:02x}")).collect();
        panic!(
            "fuzz target {name} panicked on {what}; input ({} bytes, hex):\n{hex}",
            input.len()
        );
    }
}

/// One to four random edits of `base` (bit flips, interesting bytes,
/// insertions, deletions, duplications, splices with `other`).
fn mutate(rng: &mut Rng, base: &[u8], other: &[u8]) -> Vec<u8> {
    const INTERESTING: [u8; 10] = [0x00, 0x01, 0x02, 0x7f, 0x80, 0xff, 0x10, 0x30, b'/', b'$'];
    let mut out = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        match rng.below(8) {
            0 if len > 0 => {
                let at = rng.below(len);
                out[at] ^= 1 << rng.below(8);
            }
            1 if len > 0 => {
                let at = rng.below(len);
                out[at] = INTERESTING[rng.below(INTERESTING.len())];
            }
            2 if len > 0 => {
                let at = rng.below(len);
                out[at] = rng.next_u64() as u8;
            }
            3 => {
                let at = rng.below(len + 1);
                let n = 1 + rng.below(8);
                let bytes: Vec<u8> = (0..n).map(|_| rng.next_u64() as u8).collect();
                out.splice(at..at, bytes);
            }
            4 if len > 0 => {
                let at = rng.below(len);
                let n = 1 + rng.below((len - at).min(16));
                out.drain(at..at + n);
            }
            5 if len > 0 => {
                let at = rng.below(len);
                let n = 1 + rng.below((len - at).min(64));
                let copy = out[at..at + n].to_vec();
                let to = rng.below(len + 1);
                out.splice(to..to, copy);
            }
            6 if !other.is_empty() => {
                // Splice: a prefix of one seed, then a suffix of another.
                let cut = rng.below(len + 1);
                let from = rng.below(other.len());
                out.truncate(cut);
                out.extend_from_slice(&other[from..]);
            }
            _ if len > 0 => {
                // A length byte or counter off by a little.
                let at = rng.below(len);
                out[at] = out[at].wrapping_add(rng.below(5) as u8).wrapping_sub(2);
            }
            _ => out.push(rng.next_u64() as u8),
        }
    }
    out.truncate(MAX_LEN);
    out
}
