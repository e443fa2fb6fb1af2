//! The request table: each command with its correlation data, status and
//! round-trip time, newest first; one keyed row component per request. Props
//! compare by pointer (the table and its rows are copy-on-write).

use crate::components::{clock, duration};
use crate::state::requests::{Request, RequestStatus, RequestTable};
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`RequestTableView`].
#[derive(Properties)]
pub struct RequestTableProps {
    /// The requests.
    pub requests: Rc<RequestTable>,
}

impl PartialEq for RequestTableProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.requests, &other.requests)
    }
}

/// The table.
#[component]
pub fn RequestTableView(props: &RequestTableProps) -> Html {
    if props.requests.is_empty() {
        return html! { <p class="empty">{"No command sent yet."}</p> };
    }
    let (open, answered, timed_out, failed) = props.requests.counts();
    html! {
        <>
            <p class="muted summary">
                {format!("{open} pending · {answered} answered · {timed_out} timed out · {failed} failed")}
                if props.requests.unmatched() > 0 {
                    {format!(" · {} responses matched no request", props.requests.unmatched())}
                }
            </p>
            <table class="grid" id="requests">
                <thead><tr>
                    <th>{"Sent"}</th><th>{"Device"}</th><th>{"Correlation data"}</th>
                    <th>{"Status"}</th><th>{"Response"}</th>
                </tr></thead>
                <tbody>
                    { for props.requests.iter().map(|r| html! { <RequestRow key={r.seq} request={r.clone()} /> }) }
                </tbody>
            </table>
        </>
    }
}

/// Props of [`RequestRow`].
#[derive(Properties)]
pub struct RequestRowProps {
    /// The request.
    pub request: Rc<Request>,
}

impl PartialEq for RequestRowProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.request, &other.request)
    }
}

/// One request.
#[component]
pub fn RequestRow(props: &RequestRowProps) -> Html {
    let r = &props.request;
    let (class, status) = match &r.status {
        RequestStatus::Subscribing => ("pending", "subscribing…".to_string()),
        RequestStatus::Pending => ("pending", "pending".to_string()),
        RequestStatus::Answered { rtt_ms, late } => (
            "answered",
            format!(
                "answered in {}{}",
                duration(*rtt_ms),
                if *late { " (late)" } else { "" }
            ),
        ),
        RequestStatus::TimedOut => (
            "timedout",
            format!("timed out after {}", duration(r.timeout_ms)),
        ),
        RequestStatus::Failed(_) => ("failed", "failed".to_string()),
    };
    let detail = match (&r.status, &r.response) {
        (RequestStatus::Failed(reason), _) => html! { <span class="error-text">{reason}</span> },
        (_, Some(resp)) => html! {
            <>
                if let Some(e) = &resp.error {
                    <span class="error-text">{format!("device error: {e}")}</span><br/>
                }
                <code class="payload">{&resp.payload}</code>
                if let Some(fw) = &resp.firmware {
                    <span class="tag">{format!("firmware {fw}")}</span>
                }
            </>
        },
        _ => html! { <span class="muted">{format!("desired {}", r.payload)}</span> },
    };
    html! {
        <tr data-correlation={r.correlation.clone()} class={classes!("req", class)}>
            <td class="muted">{ r.sent_at_ms.map(clock).unwrap_or_else(|| clock(r.created_at_ms)) }</td>
            <td class="mono">{&r.device}</td>
            <td class="mono small">{&r.correlation}</td>
            <td><span class={classes!("status", class)}>{status}</span></td>
            <td class="detail">{detail}</td>
        </tr>
    }
}
