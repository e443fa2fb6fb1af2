//! `use_page`: the page shown, kept in the URL fragment (`#/broker`, see
//! [`crate::route`]) so a reload or a shared link opens it and back/forward
//! move between pages. The fragment is the truth: navigating sets it (a new
//! history entry) and a `hashchange` (a tab link, back, forward, a typed URL)
//! sets the page.

use crate::route::Page;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The page the address bar names (the default page when it names none).
pub fn current_page() -> Page {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|hash| Page::from_fragment(&hash))
        .unwrap_or_default()
}

/// Shows `page`: sets the fragment (a history entry, unless it is already
/// there); the `hashchange` that follows updates [`use_page`]'s state.
pub fn navigate(page: Page) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(&page.fragment());
    }
}

/// The current page and a callback that navigates to another one.
#[hook]
pub fn use_page() -> (Page, Callback<Page>) {
    let page = use_state_eq(current_page);
    {
        let page = page.clone();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listener = Closure::<dyn Fn()>::new(move || page.set(current_page()));
            if let Some(w) = &window {
                let _ = w.add_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "hashchange",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    let go = {
        let page = page.clone();
        use_callback((), move |to: Page, _| {
            // Shown at once; the fragment follows (its hashchange then finds
            // the page already set and does not render again).
            page.set(to);
            navigate(to);
        })
    };
    (*page, go)
}
