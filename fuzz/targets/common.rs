//! Helpers shared by the fuzz target bodies (`fuzz/targets/*.rs`), which are
//! compiled both into the cargo-fuzz binaries (`fuzz/fuzz_targets/`) and into
//! the stable `fuzz_smoke` tests of the workspace (`#[path]` includes).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while [`run_guarded`] runs its closure on this thread.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Set by the panic hook when a panic happened inside [`run_guarded`]
    /// (also one that tokio, or the broker's own per-connection guard, caught).
    static HIT: Cell<bool> = const { Cell::new(false) };
}

static HOOK: Once = Once::new();

/// Runs `f` (one fuzz input through the broker) and returns normally unless
/// something panicked, also inside a task a tokio runtime, or
/// `connection::serve`'s clean-up guard, would otherwise have caught: any
/// panic is a finding. (The one panic known before, mqtt-protocol-core's
/// Topic Alias Maximum = 0, is fixed in `vendor/mqtt-protocol-core`.)
pub fn run_guarded(f: impl FnOnce()) {
    HOOK.call_once(|| {
        // Chain to the previous hook (libfuzzer-sys' aborts the process; the
        // default one prints the message).
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if GUARDED.get() {
                HIT.set(true);
            }
            previous(info)
        }));
    });
    HIT.set(false);
    GUARDED.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    GUARDED.set(false);
    match result {
        Err(payload) => panic::resume_unwind(payload),
        Ok(()) if HIT.take() => panic!("a task panicked while serving this input (see above)"),
        Ok(()) => {}
    }
}

/// A small deterministic PRNG (SplitMix64) for the stable smoke runs.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator starting from `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

/// Splits off the text before the first NUL byte (lossy UTF-8) and returns it
/// with the bytes after that NUL.
pub fn take_text(data: &[u8]) -> (String, &[u8]) {
    let end = data.iter().position(|&b| b == 0).unwrap_or(data.len());
    let text = String::from_utf8_lossy(&data[..end]).into_owned();
    (text, data.get(end + 1..).unwrap_or_default())
}

/// A principal made from fuzz bytes: names and attribute keys mostly from
/// small pools (the ones the seeds' queries and templates use), so that the
/// fuzzer reaches matching values.
pub fn principal(u: &mut arbitrary::Unstructured<'_>) -> tern_access::Principal {
    use tern_access::AttributeValue;
    const NAMES: [&str; 6] = ["dev1", "Dev-Two", "app1", "a$b", "x/y", ""];
    const KEYS: [&str; 6] = ["type", "floor", "tags", "role", "site", "x_1"];
    const STRINGS: [&str; 7] = ["sensor", "app", "admin", "a", "b", "$x", "a+b"];
    fn string(u: &mut arbitrary::Unstructured<'_>, pool: &[&str]) -> String {
        match u.int_in_range(0..=pool.len()).unwrap_or(0) {
            i if i < pool.len() => pool[i].to_owned(),
            _ => u.arbitrary().unwrap_or_default(),
        }
    }
    let authentication_name = string(u, &NAMES);
    let mut attributes = tern_access::Attributes::new();
    let count = u.int_in_range(0..=4).unwrap_or(0);
    for _ in 0..count {
        let key = string(u, &KEYS);
        let value = match u.int_in_range(0..=2).unwrap_or(0) {
            0 => AttributeValue::Int(i64::from(u.arbitrary::<i8>().unwrap_or(0))),
            1 => AttributeValue::String(string(u, &STRINGS)),
            _ => {
                let n = u.int_in_range(0..=3).unwrap_or(0);
                AttributeValue::Strings((0..n).map(|_| string(u, &STRINGS)).collect())
            }
        };
        attributes.insert(key, value);
    }
    tern_access::Principal {
        authentication_name,
        attributes,
    }
}
