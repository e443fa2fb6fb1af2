//! ARCHITECTURE.md's code map stays true: every file or folder it names in
//! backticks exists in the tree, so a rename or a move that forgets the map
//! fails here instead of misleading the next reader.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Names the map uses for what the build makes rather than what is checked in.
const BUILT: &[&str] = &["dist/"];

/// Folders that hold build output or third-party packages, not the code.
const SKIPPED: &[&str] = &[
    "target",
    "node_modules",
    ".git",
    "dist",
    "corpus",
    "artifacts",
];

/// Every file and folder of the tree below `root`, relative, `/`-separated,
/// folders with a trailing `/`.
fn tree(root: &Path) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut pending: Vec<PathBuf> = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).expect("readable folder");
        for entry in entries.map(|e| e.expect("folder entry")) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let rel = path
                .strip_prefix(root)
                .expect("below the root")
                .to_string_lossy()
                .replace('\\', "/");
            if entry.file_type().expect("file type").is_dir() {
                if !SKIPPED.contains(&name.as_str()) {
                    found.insert(format!("{rel}/"));
                    pending.push(path);
                }
            } else {
                found.insert(rel);
            }
        }
    }
    found
}

/// The backticked words of `text` that name a file or folder: no spaces, a
/// source or document extension or a trailing `/`, not a URL path or a
/// pattern.
fn named_paths(text: &str) -> BTreeSet<&str> {
    const ENDINGS: &[&str] = &[
        ".rs", ".md", ".toml", ".sh", ".mjs", ".json", ".html", ".css", "/",
    ];
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|t| !t.is_empty() && !t.contains(char::is_whitespace))
        .filter(|t| ENDINGS.iter().any(|e| t.ends_with(e)))
        .filter(|t| !t.starts_with(['/', '.']))
        .filter(|t| !t.contains(['{', '}', '*', '$', '<', '>', '(', ')', '=', ':', ',']))
        .collect()
}

/// The names of `named` that are no path of `tree`. A name is a path from
/// some crate's root or source folder, so it may be a suffix of the full path.
fn missing<'a>(named: BTreeSet<&'a str>, tree: &BTreeSet<String>) -> Vec<&'a str> {
    named
        .into_iter()
        .filter(|name| !BUILT.contains(name))
        .filter(|name| {
            let suffix = format!("/{name}");
            !tree.iter().any(|p| p == name || p.ends_with(&suffix))
        })
        .collect()
}

#[test]
fn every_path_the_architecture_document_names_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the tests crate sits in the workspace");
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let tree = tree(root);
    let named = named_paths(&text);
    assert!(named.len() > 50, "the map names few paths: {named:?}");
    let missing = missing(named, &tree);
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}

#[test]
fn a_renamed_file_is_reported() {
    let tree: BTreeSet<String> = ["broker/src/state/mod.rs".to_owned()].into();
    let named = named_paths("see `state/mod.rs` and `state.rs`, not `/metrics`");
    assert_eq!(missing(named, &tree), ["state.rs"]);
}
