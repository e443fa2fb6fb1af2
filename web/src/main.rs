//! The dashboard's entry point: scripts/build-web.sh builds this binary for
//! wasm32 and wasm-bindgen's loader (called by index.html) runs `main`, which mounts the Yew application. On other
//! targets it does nothing (the crate's pure parts are tested natively).

fn main() {
    #[cfg(target_arch = "wasm32")]
    tern_web::start();
}
