//! How one state becomes the next: [`AppState::advance`] takes the current
//! state's `Rc` and returns the next one, or the same `Rc` when the action
//! changes nothing, so an idle tick (no request due, no reconnect countdown to
//! update) or a no-op action costs no copy and no render (`use_reducer`
//! re-renders only when the `Rc` changes). Pure and native, so it is tested
//! without a browser; in the browser it is the Yew `Reducible` of the state.

use super::{Action, AppState, Link};
use std::rc::Rc;

impl AppState {
    /// The state after `action`: `self` itself when nothing changes,
    /// otherwise a new state sharing every part the action did not touch.
    pub fn advance(self: Rc<Self>, action: Action) -> Rc<Self> {
        if let Action::Tick(now) = action {
            if !self.tick_matters(now) {
                return self;
            }
        }
        let now = action.time().unwrap_or(self.now_ms);
        let mut next = (*self).clone();
        next.apply(action, now);
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }

    /// Whether a tick at `now_ms` changes what is shown: a pending request's
    /// time is up, or the reconnect countdown (whole seconds) moved on.
    fn tick_matters(&self, now_ms: f64) -> bool {
        let countdown = matches!(*self.link, Link::Waiting { .. })
            && (now_ms / 1000.0).floor() != (self.now_ms / 1000.0).floor();
        countdown || self.any_request_due(now_ms)
    }
}

#[cfg(target_arch = "wasm32")]
impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        self.advance(action)
    }
}
