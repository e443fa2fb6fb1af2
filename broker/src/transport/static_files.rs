//! The dashboard's files: `GET` of any path that is not the health check,
//! `/metrics`, `/api/` or the WebSocket path is answered from the configured
//! static folder, after the path passed the checks that keep a request inside
//! it.

use super::http::{not_found, text, Body};
use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderValue};
use hyper::{Response, StatusCode};
use std::io;
use std::path::{Path, PathBuf};
use tracing::{debug, warn};

/// Maps a request path to a path relative to the static directory, or `None`
/// if it must not be served: a malformed escape, a backslash, NUL or colon, a
/// `..` segment or any other segment starting with a dot (hidden files). The
/// checks are made after percent-decoding, so `%2e%2e` is `..`. Paths ending in
/// `/` (including `/` itself) map to that directory's `index.html`.
pub(super) fn static_relative_path(uri_path: &str) -> Option<PathBuf> {
    let decoded = crate::percent::decode(uri_path)?;
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0', ':']) {
        return None;
    }
    let mut rel = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') {
            return None;
        }
        rel.push(segment);
    }
    if decoded.ends_with('/') {
        rel.push("index.html");
    }
    Some(rel)
}

/// The `Content-Type` for a file, by extension.
pub(super) fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("json" | "map") => "application/json",
        Some("ico") => "image/x-icon",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Serves a file from `static_dir` for the request path `uri_path`.
pub(super) async fn serve_static(static_dir: Option<&Path>, uri_path: &str) -> Response<Body> {
    let Some(root) = static_dir else {
        return not_found();
    };
    let Some(rel) = static_relative_path(uri_path) else {
        debug!(path = uri_path, "static file request refused");
        return not_found();
    };
    let full = root.join(&rel);
    match tokio::fs::metadata(&full).await {
        Ok(meta) if meta.is_file() => {}
        _ => return not_found(),
    }
    let data = match tokio::fs::read(&full).await {
        Ok(data) => data,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::PermissionDenied
            ) =>
        {
            return not_found();
        }
        Err(e) => {
            warn!(path = %full.display(), error = %e, "could not read static file");
            return text(StatusCode::INTERNAL_SERVER_ERROR, "internal error\n");
        }
    };
    let mut resp = Response::new(Full::new(Bytes::from(data)));
    let h = resp.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(&full)),
    );
    if rel.file_name().is_some_and(|n| n == "index.html") {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    }
    resp
}
