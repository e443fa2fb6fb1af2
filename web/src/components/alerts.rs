//! Messages a person can act on (refusals, lost connections, protocol
//! errors), each dismissable.

use crate::hooks::use_dashboard::Dashboard;
use crate::state::{Action, Link};
use yew::prelude::*;

/// The alert list, plus the reconnecting banner.
#[component]
pub fn Alerts() -> Html {
    let dash = use_context::<Dashboard>().expect("Dashboard context");
    let waiting = match &*dash.state.link {
        Link::Waiting { reason, .. } => Some(html! {
            <div class="alert warn" role="status">
                {format!("Connection lost: {reason}. Reconnecting automatically…")}
            </div>
        }),
        _ => None,
    };
    html! {
        <div class="alerts" id="alerts">
            { for waiting }
            { for dash.state.alerts.iter().map(|a| {
                let id = a.id;
                let d = dash.clone();
                html! {
                    <div class="alert error" key={a.id} role="alert">
                        <span>{&a.text}</span>
                        <button class="ghost small" title="Dismiss"
                            onclick={Callback::from(move |_| d.dispatch(Action::DismissAlert(id)))}>
                            {"✕"}
                        </button>
                    </div>
                }
            }) }
        </div>
    }
}
