//! Reusable pieces of the pages: the header with the connection badge, alerts,
//! the device, request and reported tables, the JSON editor and the Broker
//! view's metrics token setting.

pub mod alerts;
pub mod chart;
pub mod device_table;
pub mod header;
pub mod json_editor;
pub mod metrics_token;
pub mod reported_list;
pub mod request_table;

/// A wall-clock time (ms since the epoch) as `HH:MM:SS` in the viewer's time zone.
pub fn clock(ms: f64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    format!(
        "{:02}:{:02}:{:02}",
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// A duration in ms for people: `42 ms`, `1.25 s`.
pub fn duration(ms: f64) -> String {
    if ms < 1000.0 {
        format!("{} ms", ms.round() as i64)
    } else {
        format!("{:.2} s", ms / 1000.0)
    }
}
