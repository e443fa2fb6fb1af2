//! The Command view: pick a device, edit the desired properties (validated
//! JSON), send them with request-response, and follow the request table.

use crate::components::json_editor::JsonEditor;
use crate::components::request_table::RequestTableView;
use crate::hooks::use_dashboard::Dashboard;
use crate::services::commands::validate_desired;
use crate::state::devices::DeviceTable;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Devices offered in the device picker at most.
const MAX_SUGGESTIONS: usize = 500;

/// Props of [`CommandPage`].
#[derive(Properties, PartialEq)]
pub struct CommandProps {
    /// The device picked (e.g. from the Devices view).
    pub device: AttrValue,
    /// A new device was picked.
    pub on_device: Callback<String>,
}

/// The Command view.
#[component]
pub fn CommandPage(props: &CommandProps) -> Html {
    let dash = use_context::<Dashboard>().expect("Dashboard context");
    let desired = use_state(|| "{\n  \"temp\": 21\n}".to_string());
    let timeout_s = use_state(|| "10".to_string());
    let error = use_state(|| None::<String>);

    let on_device = {
        let cb = props.on_device.clone();
        Callback::from(move |e: InputEvent| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_timeout = {
        let t = timeout_s.clone();
        Callback::from(move |e: InputEvent| {
            t.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_desired = {
        let d = desired.clone();
        Callback::from(move |v: String| d.set(v))
    };
    let timeout_ms = timeout_s
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|s| *s > 0.0 && *s <= 3600.0)
        .map(|s| s * 1000.0);
    let valid = validate_desired(&desired).is_ok()
        && timeout_ms.is_some()
        && !props.device.trim().is_empty();
    let onsubmit = {
        let ctl = dash.controller.clone();
        let device = props.device.clone();
        let desired = desired.clone();
        let error = error.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(timeout_ms) = timeout_ms else {
                error.set(Some(
                    "the timeout must be a number of seconds between 0 and 3600".into(),
                ));
                return;
            };
            match ctl.send_command(&device, &desired, timeout_ms) {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(e)),
            }
        })
    };
    html! {
        <main class="page command">
            <section class="card">
                <h2>{"Send desired properties"}</h2>
                <form class="command-form" {onsubmit}>
                    <div class="row">
                        <div class="field grow">
                            <label for="device">{"Device"}</label>
                            <input id="device" list="device-ids" value={props.device.clone()} oninput={on_device} placeholder="device id" />
                            <DeviceSuggestions devices={dash.state.devices.clone()} />
                        </div>
                        <div class="field">
                            <label for="timeout">{"Timeout (s)"}</label>
                            <input id="timeout" type="number" min="1" max="3600" value={(*timeout_s).clone()} oninput={on_timeout} />
                        </div>
                    </div>
                    <label for="desired">{"Desired properties (JSON object)"}</label>
                    <JsonEditor value={AttrValue::from((*desired).clone())} on_change={on_desired} />
                    if let Some(msg) = &*error {
                        <div class="alert error" id="send-error" role="alert">{msg}</div>
                    }
                    <div class="row">
                        <button type="submit" class="primary" id="send" disabled={!valid}>{"Send"}</button>
                        <span class="muted small">
                            {format!("Published to devices/{}/desired with a Response Topic and Correlation Data.", if props.device.is_empty() { "{id}" } else { props.device.as_str() })}
                        </span>
                    </div>
                </form>
            </section>
            <section class="card">
                <div class="card-head"><h2>{"Requests"}</h2></div>
                <RequestTableView requests={dash.state.requests.clone()} />
            </section>
        </main>
    }
}

/// Props of [`DeviceSuggestions`].
#[derive(Properties)]
pub struct SuggestionsProps {
    /// The devices.
    pub devices: Rc<DeviceTable>,
}

/// By pointer: the list renders again only when the table changed.
impl PartialEq for SuggestionsProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.devices, &other.devices)
    }
}

/// The device picker's suggestions: a component of its own, so a new
/// request or response does not render the (up to [`MAX_SUGGESTIONS`]) options again.
#[component]
pub fn DeviceSuggestions(props: &SuggestionsProps) -> Html {
    html! {
        <datalist id="device-ids">
            { for props.devices.iter().take(MAX_SUGGESTIONS).map(|d| html! { <option key={d.id.clone()} value={d.id.clone()} /> }) }
        </datalist>
    }
}
