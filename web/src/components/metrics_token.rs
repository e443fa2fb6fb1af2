//! The Broker view's "Metrics token" setting: a password field and Save (and
//! Forget once a token is kept). The token is the broker's `metrics.token`
//! (`TERN_METRICS_TOKEN`), which a browser not on the broker's host needs to
//! read `/metrics`; it is kept in this browser's `localStorage` and never
//! shown again nor logged (see [`crate::services::metrics_token`]).

use crate::hooks::use_dashboard::Dashboard;
use crate::services::storage;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// Properties of [`MetricsTokenForm`].
#[derive(Properties, PartialEq)]
pub struct MetricsTokenProps {
    /// The broker refused `/metrics` for want of a (right) token: highlight the setting.
    pub needed: bool,
}

/// The metrics token setting.
#[component]
pub fn MetricsTokenForm(props: &MetricsTokenProps) -> Html {
    let dash = use_context::<Dashboard>().expect("Dashboard context");
    let typed = use_state(String::new);
    let kept = use_state(|| storage::load_metrics_token().is_some());
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                typed.set(input.value());
            }
        })
    };
    let save = |value: Option<UseStateHandle<String>>| {
        let ctl = dash.controller.clone();
        let (typed, kept) = (typed.clone(), kept.clone());
        move || {
            let text = value.as_ref().map(|v| (**v).clone()).unwrap_or_default();
            kept.set(ctl.set_metrics_token(&text));
            typed.set(String::new());
        }
    };
    let onsubmit = {
        let save = save(Some(typed.clone()));
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save();
        })
    };
    let forget = {
        let forget = save(None);
        Callback::from(move |_: MouseEvent| forget())
    };
    let state = if *kept {
        "A token is kept in this browser and sent as Authorization: Bearer."
    } else {
        "No token kept: /metrics is read without one, which the broker allows only from its own host."
    };
    html! {
        <form id="metrics-token-form" class={classes!("metrics-token", props.needed.then_some("needed"))} {onsubmit}>
            <label for="metrics-token">{"Metrics token"}</label>
            <div class="row">
                <div class="field grow">
                    <input id="metrics-token" type="password" autocomplete="off"
                        placeholder="the broker's metrics.token (TERN_METRICS_TOKEN)"
                        value={(*typed).clone()} {oninput} />
                </div>
                <button type="submit" id="metrics-token-save" class="primary"
                    disabled={typed.trim().is_empty()}>{"Save"}</button>
                if *kept {
                    <button type="button" id="metrics-token-forget" class="ghost" onclick={forget}>{"Forget"}</button>
                }
            </div>
            <p class="muted small" id="metrics-token-state">{state}</p>
        </form>
    }
}
