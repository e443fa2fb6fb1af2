//! The top bar: product name, the page tabs (links to the pages' URL
//! fragments, so they can be opened in a new tab or copied), the connection
//! badge, and the disconnect button.

use crate::hooks::use_dashboard::Dashboard;
use crate::pages::Page;
use crate::state::Link;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The page shown.
    pub page: Page,
}

/// The top bar.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let dash = use_context::<Dashboard>().expect("Dashboard context");
    let state = &dash.state;
    let (online, offline) = state.devices.counts();
    let (open, _, _, _) = state.requests.counts();
    let tab = |page: Page, label: String| {
        let active = props.page == page;
        // A plain link: the browser sets the fragment, `use_page` follows it.
        html! {
            <a class={classes!("tab", active.then_some("active"))}
                    id={format!("tab-{}", page.id())}
                    href={page.fragment()}
                    aria-current={active.then_some("page")}>
                {label}
            </a>
        }
    };
    let connected_ui = !matches!(
        *state.link,
        Link::Idle | Link::Closed | Link::Refused { .. }
    );
    // Only the countdown reads the time: elsewhere the badge needs no render per batch.
    let badge_now = if matches!(*state.link, Link::Waiting { .. }) {
        state.now_ms
    } else {
        0.0
    };
    let disconnect = {
        let ctl = dash.controller.clone();
        Callback::from(move |_| ctl.disconnect())
    };
    html! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">{"◆"}</span>
                <span>{"Tern"}</span>
                <span class="brand-sub">{"dashboard"}</span>
            </div>
            if connected_ui {
                <nav class="tabs">
                    { tab(Page::Devices, format!("Devices ({online} online, {offline} offline)")) }
                    { tab(Page::Command, format!("Commands ({open} open)")) }
                    { tab(Page::Reported, format!("Reported ({})", state.reported.total())) }
                    { tab(Page::Broker, format!("Broker ({} connected)", state.broker.latest().map_or(0.0, |s| s.connections))) }
                </nav>
            }
            <div class="spacer"></div>
            <ConnectionBadge link={state.link.clone()} now_ms={badge_now} />
            if connected_ui {
                <button class="ghost" id="disconnect" onclick={disconnect}>{"Disconnect"}</button>
            }
        </header>
    }
}

/// Props of [`ConnectionBadge`].
#[derive(Properties)]
pub struct BadgeProps {
    /// The connection.
    pub link: Rc<Link>,
    /// Now, for "retrying in N s".
    pub now_ms: f64,
}

/// By pointer: the state replaces the link's `Rc` only when it changes.
impl PartialEq for BadgeProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.link, &other.link) && self.now_ms == other.now_ms
    }
}

/// The connection state as a coloured pill with text.
#[component]
pub fn ConnectionBadge(props: &BadgeProps) -> Html {
    let (class, text, title) = match &*props.link {
        Link::Idle => ("idle", "not connected".to_string(), String::new()),
        Link::Connecting { url, attempt } => (
            "connecting",
            if *attempt > 1 {
                format!("connecting (attempt {attempt})")
            } else {
                "connecting…".to_string()
            },
            url.clone(),
        ),
        Link::Connected {
            url,
            client_id,
            response_information,
        } => (
            "connected",
            "connected".to_string(),
            format!(
                "{url} as {client_id}{}",
                response_information
                    .as_ref()
                    .map(|r| format!(", responses under {r}"))
                    .unwrap_or_default()
            ),
        ),
        Link::Waiting {
            attempt,
            retry_at_ms,
            reason,
            ..
        } => {
            let secs = ((retry_at_ms - props.now_ms) / 1000.0).ceil().max(0.0);
            (
                "waiting",
                format!("reconnecting in {secs} s (attempt {attempt})"),
                reason.clone(),
            )
        }
        Link::Refused { code, .. } => ("refused", format!("refused (0x{code:02X})"), String::new()),
        Link::Closed => ("idle", "disconnected".to_string(), String::new()),
    };
    html! {
        <span class={classes!("badge", class)} id="connection-state" title={title}>
            <span class="dot"></span>{text}
        </span>
    }
}
