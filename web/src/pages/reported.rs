//! The Reported view: every message on the response topics, newest first.

use crate::components::reported_list::ReportedListView;
use crate::hooks::use_dashboard::Dashboard;
use crate::state::Action;
use yew::prelude::*;

/// The Reported view.
#[component]
pub fn ReportedPage() -> Html {
    let dash = use_context::<Dashboard>().expect("Dashboard context");
    let log = dash.state.reported.clone();
    let clear = {
        let d = dash.clone();
        Callback::from(move |_| d.dispatch(Action::ClearReported))
    };
    html! {
        <main class="page">
            <section class="card">
                <div class="card-head">
                    <h2>{"Reported"}</h2>
                    <span class="muted">{format!("{} received · last {} shown", log.total(), log.capacity())}</span>
                    <div class="spacer"></div>
                    <button class="ghost small" onclick={clear}>{"Clear"}</button>
                </div>
                <ReportedListView log={log} />
            </section>
        </main>
    }
}
