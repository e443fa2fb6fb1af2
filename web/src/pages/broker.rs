//! The Broker view: connections, messages in and out, routed and failed
//! deliveries and dropped sessions over the last minutes (charts from the
//! broker's `/metrics`), the metrics token setting a browser elsewhere than
//! on the broker's host needs, and the recent client life-cycle events.

use crate::components::chart::{Chart, Series};
use crate::components::metrics_token::MetricsTokenForm;
use crate::hooks::use_dashboard::Dashboard;
use yew::prelude::*;

/// The Broker view.
#[component]
pub fn BrokerPage() -> Html {
    let dash = use_context::<Dashboard>().expect("Dashboard context");
    let stats = dash.state.broker.clone();
    let events = dash.state.lifecycle.clone();
    let series = |name: &str, color: &str, pick: fn(&crate::state::broker::Point) -> f64| Series {
        name: AttrValue::from(name.to_string()),
        color: AttrValue::from(color.to_string()),
        values: stats.points.iter().map(pick).collect(),
    };
    let needs_token = stats.error.as_ref().is_some_and(|e| e.needs_token());
    let status = match (&stats.error, stats.latest()) {
        (Some(why), _) => html! {
            <span id="metrics-status" class={classes!("muted", needs_token.then_some("needs-token"))}>
                {format!("Metrics unavailable: {why}")}
            </span>
        },
        (None, None) => {
            html! { <span class="muted" id="metrics-status">{"Reading /metrics…"}</span> }
        }
        (None, Some(s)) => html! {
            <span class="muted" id="metrics-status">
                {format!("{} connected · {} published · {} delivered · {} routed · {} dead-lettered",
                    s.connections, s.published, s.delivered, s.routed, s.failed_routed)}
            </span>
        },
    };
    html! {
        <main class="page">
            <section class="card">
                <div class="card-head">
                    <h2>{"Broker"}</h2>
                    { status }
                </div>
                <div class="charts">
                    <Chart id="chart-connections" title="Connections" unit=""
                        series={vec![series("clients", "var(--accent)", |p| p.connections)]} />
                    <Chart id="chart-messages" title="Messages" unit="/s"
                        series={vec![series("in", "var(--accent)", |p| p.in_per_s), series("out", "var(--ok)", |p| p.out_per_s)]} />
                    <Chart id="chart-routing" title="Routing" unit="/s"
                        series={vec![series("routed", "var(--ok)", |p| p.routed_per_s), series("failed", "var(--bad)", |p| p.failed_per_s)]} />
                    <Chart id="chart-drops" title="Dropped sessions" unit=""
                        series={vec![series("dropped", "var(--warn)", |p| p.drops)]} />
                </div>
                <MetricsTokenForm needed={needs_token} />
            </section>
            <section class="card">
                <div class="card-head">
                    <h2>{"Life-cycle events"}</h2>
                    <span class="muted">{format!("last {} · $events/clients/+/connected|disconnected", events.events.len())}</span>
                </div>
                if events.events.is_empty() {
                    <div class="empty" id="lifecycle-empty">{"No life-cycle events yet (they need a Subscriber binding to $events/clients/…)."}</div>
                } else {
                    <table class="grid" id="lifecycle-table">
                        <thead><tr><th>{"Time"}</th><th>{"Event"}</th><th>{"Client"}</th><th>{"Session"}</th><th>{"Reason"}</th></tr></thead>
                        <tbody>
                            { for events.events.iter().map(|e| html! {
                                <tr class={if e.connected { "lc-connected" } else { "lc-disconnected" }}>
                                    <td>{e.time.clone()}</td>
                                    <td>{if e.connected { "connected" } else { "disconnected" }}</td>
                                    <td>{e.client.clone()}</td>
                                    <td>{e.session.clone()}</td>
                                    <td>{e.reason.clone()}</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            </section>
        </main>
    }
}
