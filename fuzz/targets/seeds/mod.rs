//! Writes the committed seed corpus (`fuzz/seeds/<target>/`): valid MQTT
//! 3.1.1 and 5.0 conversations, WebSocket frame streams, queries, templates,
//! namespace files and REST request sequences. Run by the ignored test
//! `write_fuzz_seeds` in broker/tests/fuzz_smoke.rs (see FUZZING.md). The
//! JWT seeds change on every run (ES256 signatures are randomized); the rest
//! is byte-for-byte the same.

mod connection;
mod mqtt;
mod text;
mod ws_stream;

use std::path::Path;

/// Writes every seed below `root` (`fuzz/seeds`), replacing what is there.
pub fn write_all(root: &Path) {
    for (target, seeds) in [
        ("connection", connection::connection_seeds()),
        ("ws_stream", ws_stream::ws_seeds()),
        ("query", text::query_seeds()),
        ("template", text::template_seeds()),
        ("namespace", text::namespace_seeds()),
    ] {
        let dir = root.join(target);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a seed directory");
        for (name, bytes) in seeds {
            std::fs::write(dir.join(name), bytes).expect("a seed file");
        }
    }
}
