//! The broker's line to the connection that owns a session: the one control
//! message (take-over, quota, shutdown, an administrator) that ends it.

use parking_lot::Mutex;
use std::sync::Arc;
use tokio::sync::Notify;

/// A control message from the broker to the connection that currently owns a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    /// Another connection took the session over: DISCONNECT 0x8E [MQTT-3.1.4-3].
    TakenOver,
    /// The session overflowed its queue: DISCONNECT 0x97.
    QuotaExceeded,
    /// The broker is shutting down: DISCONNECT 0x8B.
    ServerShutdown,
    /// An administrator ended the connection: DISCONNECT 0x98.
    Administrative,
}

/// The connection that currently owns a session.
#[derive(Debug, Clone)]
pub struct Owner {
    /// Increases with every connection of the session; stale owners compare unequal.
    pub generation: u64,
    /// The connection's control mailbox.
    pub control: Arc<ControlSlot>,
}

/// A one-message mailbox from the broker to a connection: the first control
/// message ends the connection, so one slot is all it needs (a channel would
/// cost every idle connection several hundred bytes).
#[derive(Debug, Default)]
pub struct ControlSlot {
    pending: Mutex<Option<Control>>,
    posted: Notify,
}

impl ControlSlot {
    /// Posts `control`, unless a message is already waiting (it wins: the
    /// connection ends on the first one).
    pub fn post(&self, control: Control) {
        let mut pending = self.pending.lock();
        if pending.is_none() {
            *pending = Some(control);
            drop(pending);
            self.posted.notify_one();
        }
    }

    /// Waits for a posted message.
    pub async fn recv(&self) -> Control {
        loop {
            let posted = self.posted.notified();
            if let Some(control) = self.pending.lock().take() {
                return control;
            }
            posted.await;
        }
    }
}
