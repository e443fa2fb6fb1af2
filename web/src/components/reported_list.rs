//! The stream of reported messages, newest first, bounded by the log; one
//! keyed item component per message. Props compare by pointer (the log is
//! copy-on-write and a message never changes).

use crate::components::clock;
use crate::state::reported::{ReportedLog, ReportedMessage};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`ReportedListView`].
#[derive(Properties)]
pub struct ReportedListProps {
    /// The messages.
    pub log: Rc<ReportedLog>,
}

impl PartialEq for ReportedListProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.log, &other.log)
    }
}

/// The list.
#[component]
pub fn ReportedListView(props: &ReportedListProps) -> Html {
    if props.log.is_empty() {
        return html! { <p class="empty">{"No reported message yet. Responses to commands appear here."}</p> };
    }
    html! {
        <ul class="stream" id="reported">
            { for props.log.iter().map(|m| html! { <ReportedItem key={m.seq} message={m.clone()} /> }) }
        </ul>
    }
}

/// Props of [`ReportedItem`].
#[derive(Properties)]
pub struct ReportedItemProps {
    /// The message.
    pub message: Rc<ReportedMessage>,
}

impl PartialEq for ReportedItemProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.message, &other.message)
    }
}

/// One message.
#[component]
pub fn ReportedItem(props: &ReportedItemProps) -> Html {
    let m = &props.message;
    html! {
        <li class="msg">
            <div class="msg-head">
                <span class="muted">{clock(m.received_at_ms)}</span>
                <span class="mono topic">{&m.topic}</span>
                if let Some(c) = &m.correlation {
                    <span class="tag" title="Correlation Data">{format!("corr {c}")}</span>
                }
                if let Some(ct) = &m.content_type {
                    <span class="tag">{ct}</span>
                }
                { for m.user_properties.iter().map(|(k, v)| html! {
                    <span class={classes!("tag", (k == "error").then_some("tag-error"))}>{format!("{k}={v}")}</span>
                }) }
                if m.request_seq.is_none() {
                    <span class="tag tag-warn" title="No request of this dashboard has this correlation data">{"unmatched"}</span>
                }
            </div>
            <code class="payload">{&m.payload}</code>
        </li>
    }
}
