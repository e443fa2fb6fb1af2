//! The dashboard's pages: the connect screen and the four views.

pub mod broker;
pub mod command;
pub mod connect;
pub mod devices;
pub mod reported;

/// Which view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// Every known device and its presence.
    Devices,
    /// Send commands; the request table.
    Command,
    /// The stream of reported messages.
    Reported,
    /// The broker's figures and life-cycle events.
    Broker,
}

impl Page {
    /// A stable id for element ids and tests.
    pub fn id(self) -> &'static str {
        match self {
            Page::Devices => "devices",
            Page::Command => "command",
            Page::Reported => "reported",
            Page::Broker => "broker",
        }
    }
}
