//! Which view is shown, and how it is spelled in the URL: the fragment
//! `#/devices`, `#/command`, `#/reported` or `#/broker` (hash routing: the
//! broker serves one page and needs no route of its own). The page lives in
//! the address bar, not only in memory, so a reload or a shared link opens
//! the same view and back/forward move between views. Pure: tested natively;
//! the browser side is `hooks::use_page`.
//!
//! The login link's `#token=…&url=…` is a fragment too: a route is the first
//! `&`-separated part of the fragment when it starts with `/`, so
//! `#/broker&token=…` opens the Broker view logged in, and a fragment without
//! a route (`#token=…`, none at all) shows the default view.

/// Which view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    /// Every known device and its presence.
    #[default]
    Devices,
    /// Send commands; the request table.
    Command,
    /// The stream of reported messages.
    Reported,
    /// The broker's figures and life-cycle events.
    Broker,
}

impl Page {
    /// Every page, in the order of the tabs.
    pub const ALL: [Page; 4] = [Page::Devices, Page::Command, Page::Reported, Page::Broker];

    /// A stable id for element ids, tests and the URL.
    pub fn id(self) -> &'static str {
        match self {
            Page::Devices => "devices",
            Page::Command => "command",
            Page::Reported => "reported",
            Page::Broker => "broker",
        }
    }

    /// The URL fragment that opens this page, with its `#` (`#/broker`).
    pub fn fragment(self) -> String {
        format!("#/{}", self.id())
    }

    /// The page a location fragment (with or without its `#`) names, if any:
    /// `#/broker`, `/broker/`, `#/broker&token=…` name the Broker view;
    /// `#token=…`, `#/nope` and the empty fragment name none.
    pub fn from_fragment(fragment: &str) -> Option<Page> {
        let route = route_part(fragment)?;
        let id = route.trim_start_matches('/').trim_end_matches('/');
        Page::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// The route of a fragment: its first `&`-separated part, when that starts
/// with `/` (`/broker` of `#/broker&token=…`).
pub fn route_part(fragment: &str) -> Option<&str> {
    let first = fragment
        .strip_prefix('#')
        .unwrap_or(fragment)
        .split('&')
        .next()?;
    first.starts_with('/').then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_round_trips_through_its_fragment() {
        for page in Page::ALL {
            let fragment = page.fragment();
            assert_eq!(fragment, format!("#/{}", page.id()));
            assert_eq!(Page::from_fragment(&fragment), Some(page), "{fragment}");
            // Without the `#` (as `location.hash` minus it) and with a trailing slash.
            assert_eq!(Page::from_fragment(&fragment[1..]), Some(page));
            assert_eq!(Page::from_fragment(&format!("{fragment}/")), Some(page));
        }
        assert_eq!(Page::Broker.fragment(), "#/broker");
    }

    #[test]
    fn fragments_without_a_known_route_name_no_page() {
        for fragment in [
            "",
            "#",
            "#/",
            "#/nope",
            "#broker",
            "#token=a.b.c&url=ws%3A%2F%2Fx",
            "#/Broker",
        ] {
            assert_eq!(Page::from_fragment(fragment), None, "{fragment:?}");
        }
        assert_eq!(
            Page::default(),
            Page::Devices,
            "what a link without a route opens"
        );
    }

    #[test]
    fn a_route_and_a_login_share_the_fragment() {
        assert_eq!(
            Page::from_fragment("#/broker&token=a.b.c"),
            Some(Page::Broker)
        );
        assert_eq!(route_part("#/reported&token=x&url=y"), Some("/reported"));
        assert_eq!(route_part("#token=x"), None);
        assert_eq!(route_part(""), None);
    }
}
