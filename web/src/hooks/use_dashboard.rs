//! `use_dashboard`: the state (a `use_reducer` of [`AppState`], pure) next to
//! the [`Controller`] (the MQTT client, timers and other side effects), both
//! given to the components as one context, [`Dashboard`].

use crate::services::controller::Controller;
use crate::state::{Action, AppState};
use std::rc::Rc;
use yew::prelude::*;

/// The dashboard as the components see it: the current state and the controller.
///
/// Comparing two is cheap: the state compares by pointer (see [`AppState`]'s
/// `PartialEq`), the controller is the same one for the application's life.
#[derive(Clone)]
pub struct Dashboard {
    /// The state to render.
    pub state: UseReducerHandle<AppState>,
    /// Actions with side effects (connect, send).
    pub controller: Rc<Controller>,
}

impl PartialEq for Dashboard {
    fn eq(&self, other: &Self) -> bool {
        self.state == other.state && Rc::ptr_eq(&self.controller, &other.controller)
    }
}

impl Dashboard {
    /// Applies a purely local action (dismiss an alert, clear a view) now.
    pub fn dispatch(&self, action: Action) {
        self.state.dispatch(action);
    }
}

/// Creates the state and the controller and starts the controller (its
/// timers and, from a `#token=` link or a login kept for this tab, the
/// connection) for as long as the application is mounted.
#[hook]
pub fn use_dashboard() -> Dashboard {
    let state = use_reducer(AppState::default);
    let controller: Rc<Controller> = (*use_memo((), |_| Controller::new())).clone();
    {
        let dispatcher = state.dispatcher();
        let controller = controller.clone();
        use_effect_with((), move |_| {
            let running = controller.start(move |action| dispatcher.dispatch(action));
            move || drop(running)
        });
    }
    Dashboard { state, controller }
}
