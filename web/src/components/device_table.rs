//! The devices table: one keyed row component per device, so a status change
//! re-renders one row; at most [`MAX_ROWS`] rows are rendered (a filter finds
//! the rest). Props compare by pointer: the table and its rows are
//! copy-on-write, so an unchanged `Rc` is an unchanged table or row, and
//! comparing it costs nothing however many devices there are.

use crate::components::clock;
use crate::state::devices::{Device, DeviceFilter, DeviceTable, Presence};
use std::rc::Rc;
use yew::prelude::*;

/// Rows rendered at most.
pub const MAX_ROWS: usize = 300;

/// Props of [`DeviceTableView`].
#[derive(Properties)]
pub struct DeviceTableProps {
    /// The devices.
    pub devices: Rc<DeviceTable>,
    /// Only ids containing its text (case-insensitive; lowercased once, in the state).
    pub filter: Rc<DeviceFilter>,
    /// "Send a command" to a device.
    pub on_command: Callback<String>,
}

impl PartialEq for DeviceTableProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.devices, &other.devices)
            && Rc::ptr_eq(&self.filter, &other.filter)
            && self.on_command == other.on_command
    }
}

/// The table.
#[component]
pub fn DeviceTableView(props: &DeviceTableProps) -> Html {
    let (shown, more) = props.devices.matching(&props.filter, MAX_ROWS);
    let rows: Vec<Html> = shown
        .into_iter()
        .map(|d| {
            html! { <DeviceRow key={d.id.clone()} device={d.clone()} on_command={props.on_command.clone()} /> }
        })
        .collect();
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
#[derive(Properties)]
pub struct DeviceRowProps {
    /// The device.
    pub device: Rc<Device>,
    /// "Send a command" to it.
    pub on_command: Callback<String>,
}

impl PartialEq for DeviceRowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.device, &other.device) && self.on_command == other.on_command
    }
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
