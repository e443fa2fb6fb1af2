//! The Devices view: every device known from `clients/+/status`, online or
//! offline, live.

use crate::components::device_table::DeviceTableView;
use crate::hooks::use_dashboard::Dashboard;
use crate::state::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Props of [`DevicesPage`].
#[derive(Properties, PartialEq)]
pub struct DevicesProps {
    /// Open the command view for a device.
    pub on_command: Callback<String>,
}

/// The Devices view.
#[component]
pub fn DevicesPage(props: &DevicesProps) -> Html {
    let dash = use_context::<Dashboard>().expect("Dashboard context");
    // The filter is state (lowercased once when typed, kept across pages).
    let filter = dash.state.device_filter.clone();
    let oninput = {
        let dash = dash.clone();
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            dash.dispatch(Action::FilterDevices(text));
        })
    };
    let devices = dash.state.devices.clone();
    let (online, offline) = devices.counts();
    html! {
        <main class="page">
            <section class="card">
                <div class="card-head">
                    <h2>{"Devices"}</h2>
                    <span class="muted">{format!("{} known · {online} online · {offline} offline", devices.len())}</span>
                    <div class="spacer"></div>
                    <input class="search" type="search" placeholder="Filter by id" value={filter.text().to_string()} {oninput} />
                </div>
                <DeviceTableView devices={devices} filter={filter} on_command={props.on_command.clone()} />
            </section>
        </main>
    }
}
