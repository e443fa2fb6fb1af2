//! The dashboard's entry point: trunk builds this binary for wasm32 and the
//! page's loader calls `main`, which mounts the Yew application. On other
//! targets it does nothing (the crate's pure parts are tested natively).

fn main() {
    #[cfg(target_arch = "wasm32")]
    tern_web::start();
}
