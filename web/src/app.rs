//! The root component: provides the dashboard context and shows the connect
//! screen or the view the URL names (see [`crate::route`]).

use crate::components::alerts::Alerts;
use crate::components::header::Header;
use crate::hooks::use_dashboard::{use_dashboard, Dashboard};
use crate::hooks::use_page::use_page;
use crate::pages::broker::BrokerPage;
use crate::pages::command::CommandPage;
use crate::pages::connect::ConnectPage;
use crate::pages::devices::DevicesPage;
use crate::pages::reported::ReportedPage;
use crate::pages::Page;
use crate::state::Link;
use yew::prelude::*;

/// The dashboard.
#[component]
pub fn App() -> Html {
    let dash = use_dashboard();
    let (page, navigate) = use_page();
    let device = use_state(String::new);
    let on_command = {
        let navigate = navigate.clone();
        let device = device.clone();
        use_callback((), move |id: String, _| {
            device.set(id);
            navigate.emit(Page::Command);
        })
    };
    let on_device = {
        let device = device.clone();
        use_callback((), move |id: String, _| device.set(id))
    };
    let show_connect = matches!(
        *dash.state.link,
        Link::Idle | Link::Closed | Link::Refused { .. }
    );
    html! {
        <ContextProvider<Dashboard> context={dash.clone()}>
            <Header page={page} />
            <Alerts />
            if show_connect {
                <ConnectPage />
            } else {
                { match page {
                    Page::Devices => html! { <DevicesPage on_command={on_command} /> },
                    Page::Command => html! { <CommandPage device={AttrValue::from((*device).clone())} on_device={on_device} /> },
                    Page::Reported => html! { <ReportedPage /> },
                    Page::Broker => html! { <BrokerPage /> },
                } }
            }
        </ContextProvider<Dashboard>>
    }
}
