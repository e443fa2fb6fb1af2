//! [`AppState`] as a Yew `Reducible`: `use_reducer` re-renders only when the
//! state's `Rc` changes, so an action that changes nothing (a tick with no
//! request due and no reconnect countdown to update) returns the same `Rc` and
//! costs no render.

use super::{Action, AppState, Link};
use std::rc::Rc;
use yew::Reducible;

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if let Action::Tick(now) = action {
            // While waiting to reconnect, the badge counts down once a second.
            let countdown = matches!(self.link, Link::Waiting { .. })
                && (now / 1000.0).floor() != (self.now_ms / 1000.0).floor();
            if !countdown && !self.any_request_due(now) {
                return self;
            }
        }
        let now = match &action {
            Action::Batch { now_ms, .. } => *now_ms,
            Action::Tick(now) => *now,
            _ => js_sys::Date::now(),
        };
        let mut next = (*self).clone();
        next.apply(action, now);
        Rc::new(next)
    }
}
