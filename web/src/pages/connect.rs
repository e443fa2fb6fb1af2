//! The connect screen: broker URL and credentials (user name/password or a
//! JWT), kept for the tab's session; shows why a previous attempt was refused.

use crate::hooks::use_dashboard::Dashboard;
use crate::services::credentials::{AuthKind, Login};
use crate::services::storage;
use crate::state::Link;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The connect screen.
#[component]
pub fn ConnectPage() -> Html {
    let dash = use_context::<Dashboard>().expect("Dashboard context");
    let login = use_state(|| {
        storage::load_login().unwrap_or_else(|| Login {
            url: storage::page_ws_url(),
            ..Login::default()
        })
    });
    let error = use_state(|| None::<String>);

    let set = |f: fn(&mut Login, String)| {
        let login = login.clone();
        Callback::from(move |e: InputEvent| {
            let value = e
                .target_dyn_into::<HtmlInputElement>()
                .map(|i| i.value())
                .or_else(|| {
                    e.target_dyn_into::<HtmlTextAreaElement>()
                        .map(|t| t.value())
                })
                .unwrap_or_default();
            let mut next = (*login).clone();
            f(&mut next, value);
            login.set(next);
        })
    };
    let kind_tab = |kind: AuthKind, label: &'static str| {
        let login = login.clone();
        let active = login.kind == kind;
        html! {
            <button type="button" id={format!("auth-{}", kind.as_str())}
                class={classes!("seg", active.then_some("active"))}
                onclick={Callback::from(move |_| { let mut n = (*login).clone(); n.kind = kind; login.set(n); })}>
                {label}
            </button>
        }
    };
    let onsubmit = {
        let login = login.clone();
        let error = error.clone();
        let ctl = dash.controller.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match ctl.connect(&login) {
                Ok(()) => error.set(None),
                Err(msg) => error.set(Some(msg)),
            }
        })
    };
    let refused = match &*dash.state.link {
        Link::Refused { message, .. } => Some(message.clone()),
        _ => None,
    };
    html! {
        <main class="connect">
            <form class="card connect-card" {onsubmit}>
                <h1>{"Connect to a broker"}</h1>
                <p class="muted">{"The dashboard speaks MQTT 5 over WebSocket to Tern and sends commands to devices with request-response."}</p>
                if let Some(msg) = refused {
                    <div class="alert error" id="refused" role="alert">{msg}</div>
                }
                <label for="url">{"Broker URL"}</label>
                <input id="url" type="text" value={login.url.clone()} oninput={set(|l, v| l.url = v)} placeholder="ws://127.0.0.1:8080/mqtt" />
                <div class="segmented">
                    { kind_tab(AuthKind::UserPassword, "User name & password") }
                    { kind_tab(AuthKind::Jwt, "JWT") }
                </div>
                if login.kind == AuthKind::UserPassword {
                    <label for="username">{"User name"}</label>
                    <input id="username" type="text" autocomplete="username" value={login.username.clone()} oninput={set(|l, v| l.username = v)} />
                    <label for="password">{"Password"}</label>
                    <input id="password" type="password" autocomplete="current-password" value={login.password.clone()} oninput={set(|l, v| l.password = v)} />
                } else {
                    <label for="token">{"Token (sent as Authentication Data with method CUSTOM-JWT)"}</label>
                    <textarea id="token" rows="4" spellcheck="false" value={login.token.clone()} oninput={set(|l, v| l.token = v)} />
                }
                if let Some(msg) = &*error {
                    <div class="alert error" role="alert">{msg}</div>
                }
                <button type="submit" class="primary" id="connect">{"Connect"}</button>
                <p class="muted small">{"Kept for this browser tab only (sessionStorage)."}</p>
            </form>
        </main>
    }
}
