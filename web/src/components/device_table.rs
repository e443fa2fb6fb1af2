//! The devices table: one keyed row component per device, so a status change
//! re-renders one row; at most [`MAX_ROWS`] rows are rendered (a filter finds
//! the rest).

use crate::components::clock;
use crate::state::devices::{Device, DeviceTable, Presence};
use std::rc::Rc;
use yew::prelude::*;

/// Rows rendered at most.
pub const MAX_ROWS: usize = 300;

/// Props of [`DeviceTableView`].
#[derive(Properties, PartialEq)]
pub struct DeviceTableProps {
    /// The devices.
    pub devices: Rc<DeviceTable>,
    /// Only ids containing this (case-insensitive).
    pub filter: AttrValue,
    /// "Send a command" to a device.
    pub on_command: Callback<String>,
}

/// The table.
#[component]
pub fn DeviceTableView(props: &DeviceTableProps) -> Html {
    let needle = props.filter.to_lowercase();
    let mut matching = props
        .devices
        .iter()
        .filter(|d| needle.is_empty() || d.id.to_lowercase().contains(&needle));
    let rows: Vec<Html> = matching
        .by_ref()
        .take(MAX_ROWS)
        .map(|d| {
            html! { <DeviceRow key={d.id.clone()} device={d.clone()} on_command={props.on_command.clone()} /> }
        })
        .collect();
    let more = matching.count();
    if rows.is_empty() {
        return html! {
            <p class="empty">
                { if props.devices.is_empty() {
                    "No device has reported its status yet (devices publish online/offline on clients/{id}/status)."
                } else {
                    "No device matches the filter."
                } }
            </p>
        };
    }
    html! {
        <>
            <table class="grid" id="devices">
                <thead><tr><th>{"Device"}</th><th>{"Status"}</th><th>{"Since"}</th><th>{"Last seen"}</th><th></th></tr></thead>
                <tbody>{ rows }</tbody>
            </table>
            if more > 0 {
                <p class="muted">{format!("… and {more} more: narrow the filter to see them.")}</p>
            }
        </>
    }
}

/// Props of [`DeviceRow`].
#[derive(Properties, PartialEq)]
pub struct DeviceRowProps {
    /// The device.
    pub device: Rc<Device>,
    /// "Send a command" to it.
    pub on_command: Callback<String>,
}

/// One device.
#[component]
pub fn DeviceRow(props: &DeviceRowProps) -> Html {
    let d = &props.device;
    let class = match d.presence {
        Presence::Online => "online",
        Presence::Offline => "offline",
        Presence::Other(_) => "other",
    };
    let since = d
        .since_ms
        .map(clock)
        .unwrap_or_else(|| "before connect".into());
    let seen = d.last_seen_ms.map(clock).unwrap_or_else(|| "—".into());
    let onclick = {
        let id = d.id.clone();
        let cb = props.on_command.clone();
        Callback::from(move |_| cb.emit(id.clone()))
    };
    html! {
        <tr data-device={d.id.clone()}>
            <td class="mono">{&d.id}</td>
            <td><span class={classes!("presence", class)}>{d.presence.label()}</span></td>
            <td class="muted">{since}</td>
            <td class="muted">{seen}</td>
            <td class="right"><button class="ghost small" {onclick}>{"Command…"}</button></td>
        </tr>
    }
}
