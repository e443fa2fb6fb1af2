//! The life of a session: attached to a connection, detached, expired,
//! discarded.
//!
//! Every decision to keep or end a session is taken under the lock of the
//! session table, together with the change it leads to: a reconnect and an
//! expiry (or a transient session's end) cannot interleave so that a session
//! is resumed and then removed. A connection's claim on a session is its
//! generation, bumped under that lock; a timer or a detach that carries an old
//! generation does nothing.

use super::{AttachRefused, Attached, BrokerState, Will};
use crate::metrics::labels::DropReason;
use crate::session::{Control, ControlSlot, Owner, Session, SessionCell, SubOptions};
use crate::store::journal::record::SessionChange;
use crate::store::model::{store_message, unix_ms, Clocks, StoredWill};
use crate::version::Version;
use std::sync::Arc;
use std::time::Duration;

impl BrokerState {
    /// Attaches a session to a new connection: resumes the existing one unless
    /// `clean_start`, takes it over from any connection that owns it [MQTT-3.1.4-3].
    ///
    /// In access mode (`owner` is the client's authentication name) a session
    /// belongs to the authentication name that created it: a client of another
    /// name is refused and the session is not touched (neither resumed, nor
    /// taken over, nor cleared). A session with no recorded owner (stored by
    /// an older Tern) is never handed over: it is replaced by a fresh one.
    pub fn attach_session(
        &self,
        client_id: &Arc<str>,
        clean_start: bool,
        version: Version,
        expiry_secs: u32,
        owner: Option<Arc<str>>,
        control: Arc<ControlSlot>,
    ) -> Result<Attached, AttachRefused> {
        // Look up, replace and claim under one lock: two CONNECTs with the same
        // client identifier cannot both create a session, and no expiry can
        // remove the session between its lookup and this connection's claim.
        let (attached, replaced) = {
            let mut sessions = self.sessions.lock();
            let mut resumable = !clean_start;
            if let (Some(owner), Some(old)) = (&owner, sessions.get(client_id)) {
                match &old.state.lock().owner_name {
                    Some(theirs) if theirs.eq_ignore_ascii_case(owner) => {}
                    Some(_) => return Err(AttachRefused::OwnedByAnother),
                    None => resumable = false,
                }
            }
            let (session, present, replaced) = match sessions.get(client_id) {
                Some(old) if resumable => (old.clone(), true, None),
                _ => {
                    let new = SessionCell::new(client_id.clone(), version, expiry_secs);
                    {
                        let mut state = new.state.lock();
                        state.owner_name = owner;
                        self.record_start(&new, &mut state);
                    }
                    let old = sessions.insert(client_id.clone(), new.clone());
                    (new, false, old)
                }
            };
            if let Some(old) = &replaced {
                take_over(old);
            }
            take_over(&session);
            let mut state = session.state.lock();
            state.generation += 1;
            state.version = version;
            state.expiry_secs = expiry_secs;
            if present {
                // A waiting will is not sent now [MQTT-3.1.3-9]; the Resume
                // record clears it in the store too.
                state.pending_will = None;
                self.record_resume(&session, &mut state);
            }
            let generation = state.generation;
            session.set_owner(
                &mut state,
                Some(Owner {
                    generation,
                    control,
                }),
            );
            drop(state);
            let attached = Attached {
                session,
                present,
                generation,
            };
            (attached, replaced)
        };
        if let Some(old) = replaced {
            // Clean Start: the old session ends [MQTT-3.1.2-4]. It is no longer
            // registered, and the router knows it by its own id, so clearing it
            // cannot touch the new session's subscriptions.
            self.clear_session(&old);
        }
        Ok(attached)
    }

    /// Detaches a connection from its session when the connection ends: publishes or
    /// schedules the will, and ends or schedules the end of the session.
    pub fn detach_session(
        self: &Arc<Self>,
        session: &Arc<SessionCell>,
        generation: u64,
        will: Option<Will>,
    ) {
        let expiry_secs = {
            let mut state = session.state.lock();
            if state.owner.as_ref().map(|o| o.generation) != Some(generation) {
                // Taken over: the new connection owns the session now.
                None
            } else {
                session.set_owner(&mut state, None);
                let at_ms = crate::store::model::unix_ms(std::time::SystemTime::now());
                session.record(&mut state, self.journal(), || SessionChange::Offline {
                    at_ms,
                });
                Some(state.expiry_secs)
            }
        };
        let Some(expiry_secs) = expiry_secs else {
            // The session lives on with a new connection; a will with no delay goes now
            // [MQTT-3.1.3-9 allows a delayed will to be dropped when a new connection arrives].
            if let Some(will) = will.filter(|w| w.delay_secs == 0) {
                self.publish_will(will);
            }
            return;
        };
        if expiry_secs == 0 {
            // Unless a new connection resumed it in the meantime.
            if self.expire(session, generation) {
                self.metrics.session_dropped(DropReason::TransientSession);
            }
        } else {
            self.schedule_expiry(session.clone(), generation, expiry_secs);
        }
        if let Some(will) = will {
            let delay = will.delay_secs.min(expiry_secs);
            if delay == 0 {
                self.publish_will(will);
            } else {
                let after = Duration::from_secs(u64::from(delay));
                self.schedule_will(session.clone(), generation, will, after);
            }
        }
    }

    /// Ends `session` if it is still registered, has no connection and no
    /// connection attached it since `generation`; returns whether it ended.
    /// The check and the removal are one step under the session table's lock.
    pub(crate) fn expire(&self, session: &Arc<SessionCell>, generation: u64) -> bool {
        {
            let mut sessions = self.sessions.lock();
            match sessions.get(&session.client_id) {
                Some(current) if Arc::ptr_eq(current, session) => {}
                _ => return false,
            }
            {
                let state = session.state.lock();
                if state.generation != generation || state.owner.is_some() {
                    return false;
                }
            }
            sessions.remove(&session.client_id);
        }
        // The one point where an expiry lets other threads in.
        #[cfg(test)]
        super::tests::hooks::between_expiry_steps();
        self.clear_session(session);
        true
    }

    /// Ends the session after `secs` without a connection, unless one attaches it first.
    pub(crate) fn schedule_expiry(
        self: &Arc<Self>,
        session: Arc<SessionCell>,
        generation: u64,
        secs: u32,
    ) {
        if secs == u32::MAX {
            return; // never expires [MQTT-3.1.2-23 note]
        }
        let broker = self.clone();
        self.tasks.spawn(async move {
            tokio::select! {
                _ = tokio::time::sleep(Duration::from_secs(u64::from(secs))) => {}
                _ = broker.shutdown.cancelled() => return,
            }
            if broker.expire(&session, generation) {
                tracing::debug!(client_id = %session.client_id, "session expired");
                broker.metrics.session_dropped(DropReason::SessionExpiry);
            }
        });
    }

    /// Publishes `will` after `after` unless a connection resumes the
    /// session first [MQTT-3.1.3-9]. A durable session keeps the waiting
    /// will in the store (`SessionChange::Will`), so a restart publishes it
    /// when it is due; it is cleared once published.
    pub(crate) fn schedule_will(
        self: &Arc<Self>,
        session: Arc<SessionCell>,
        generation: u64,
        will: Will,
        after: Duration,
    ) {
        {
            let mut state = session.state.lock();
            if state.generation != generation {
                return; // resumed meanwhile: the will is not sent
            }
            if state.durable {
                let clocks = Clocks::now();
                let stored = StoredWill {
                    message: store_message(&will.message, clocks),
                    publish_at_ms: unix_ms(clocks.wall + after),
                    authentication_name: will.publisher.authentication_name.clone(),
                };
                state.pending_will = Some(stored.clone());
                session.record(&mut state, self.journal(), || {
                    SessionChange::Will(Some(stored))
                });
            }
        }
        let broker = self.clone();
        self.tasks.spawn(async move {
            tokio::select! {
                _ = tokio::time::sleep(after) => {}
                // Still in the store: a restart sends it when it is due.
                _ = broker.shutdown.cancelled() => return,
            }
            // Not sent if a new connection resumed the session in the meantime [MQTT-3.1.3-9].
            if session.state.lock().generation != generation {
                return;
            }
            broker.publish_will(will);
            // Cleared after it went: a crash in between sends it again.
            let mut state = session.state.lock();
            if state.generation == generation && state.pending_will.take().is_some() {
                session.record(&mut state, broker.journal(), || SessionChange::Will(None));
            }
        });
    }

    /// Ends a session whose queue overflowed (Event Grid's SessionOverflow).
    pub(super) fn end_overflowed_session(&self, session: &Arc<SessionCell>) {
        tracing::warn!(
            client_id = %session.client_id,
            "session ended: its message queue overflowed (SessionOverflow)"
        );
        let owner = session.state.lock().owner.clone();
        let _ = self.discard_session(session);
        self.metrics.session_dropped(DropReason::SessionOverflow);
        if let Some(owner) = owner {
            owner.control.post(Control::QuotaExceeded);
        }
    }

    /// Ends the session of a connected client the access model no longer
    /// admits (Event Grid drops it: `DroppedSessions{AuthorizationError}`);
    /// its connection is being closed by the caller.
    pub fn end_unauthorized_session(&self, session: &Arc<SessionCell>) {
        tracing::info!(
            client_id = %session.client_id,
            "session ended: its client is no longer admitted (AuthorizationError)"
        );
        if self.discard_session(session) {
            self.metrics.session_dropped(DropReason::AuthorizationError);
        }
    }

    /// Ends the offline sessions whose owner the access model no longer
    /// admits (a disabled or deleted client: Event Grid drops them,
    /// `DroppedSessions{AuthorizationError}`); connected ones are ended by
    /// their connections. Run after every change of the access model; each
    /// end is the same one step as an expiry, so a session a connection
    /// resumes meanwhile is left alone.
    pub fn end_unadmitted_offline_sessions(&self) {
        for session in self.sessions() {
            let generation = {
                let state = session.state.lock();
                let Some(owner) = state.owner_name.as_deref() else {
                    continue;
                };
                if state.owner.is_some() || self.access.admits_owner(owner) {
                    continue;
                }
                state.generation
            };
            if self.expire(&session, generation) {
                tracing::info!(
                    client_id = %session.client_id,
                    "offline session ended: its client is no longer admitted (AuthorizationError)"
                );
                self.metrics.session_dropped(DropReason::AuthorizationError);
            }
        }
    }

    /// Whether the session of `client_id` has a connection now.
    pub fn is_online(&self, client_id: &str) -> bool {
        self.sessions
            .lock()
            .get(client_id)
            .is_some_and(|s| s.is_online())
    }

    /// Removes a session and all its subscriptions, if it is still the
    /// registered one; returns whether it was.
    pub fn discard_session(&self, session: &Arc<SessionCell>) -> bool {
        {
            let mut sessions = self.sessions.lock();
            match sessions.get(&session.client_id) {
                Some(current) if Arc::ptr_eq(current, session) => {
                    sessions.remove(&session.client_id);
                }
                _ => return false,
            }
        }
        self.clear_session(session);
        true
    }

    /// Empties a session that is no longer registered and removes its
    /// subscriptions; marks it discarded, so nothing subscribes it again.
    pub(super) fn clear_session(&self, session: &Arc<SessionCell>) {
        let mut state = session.state.lock();
        session.record(&mut state, self.journal(), || SessionChange::End);
        state.discarded = true;
        state.pending_will = None;
        state.queue.clear();
        state.queued_bytes = 0;
        state.clear_inflight();
        // Under the session's lock, like `subscribe`: the router and the
        // session's own list change together.
        for (raw, _) in state.subscriptions.drain() {
            if let Ok((key, filter)) = crate::router::SubscriberKey::parse(session.id, &raw) {
                self.router.unsubscribe(filter, &key);
            }
        }
    }

    /// The registered sessions, for snapshots and gauges.
    pub fn sessions(&self) -> Vec<Arc<SessionCell>> {
        self.sessions.lock().values().cloned().collect()
    }

    /// Registers a session read back from the store, with its subscriptions,
    /// to expire after `remaining_secs` unless a client resumes it.
    pub(crate) fn restore_session(
        self: &Arc<Self>,
        session: Arc<SessionCell>,
        subscriptions: Vec<(String, SubOptions)>,
        remaining_secs: u32,
    ) {
        let replaced = self
            .sessions
            .lock()
            .insert(session.client_id.clone(), session.clone());
        if let Some(old) = replaced {
            self.clear_session(&old);
        }
        for (raw, options) in subscriptions {
            // No quota: what was granted before the restart stays granted.
            if let Err(refused) = self.add_subscription(&session, &raw, options, usize::MAX) {
                tracing::warn!(client_id = %session.client_id, filter = %raw, "stored subscription not restored: {refused}");
            }
        }
        let generation = session.state.lock().generation;
        self.schedule_expiry(session, generation, remaining_secs);
    }
}

impl BrokerState {
    /// Journals a new durable session.
    fn record_start(&self, cell: &SessionCell, state: &mut Session) {
        if !state.durable || self.journal().is_none() {
            return;
        }
        let start = SessionChange::Start {
            client_id: cell.client_id.to_string(),
            owner: state.owner_name.as_deref().map(str::to_string),
            v5: state.version.is_v5(),
            expiry_secs: state.expiry_secs,
        };
        cell.record(state, self.journal(), || start);
    }

    /// Journals that a connection resumed the session. A session that ended
    /// with its connection and is resumed (taken over while connected) with a
    /// Session Expiry Interval becomes durable: all of it is journaled.
    fn record_resume(&self, cell: &SessionCell, state: &mut Session) {
        if state.durable {
            let (v5, expiry_secs) = (state.version.is_v5(), state.expiry_secs);
            cell.record(state, self.journal(), || SessionChange::Resume {
                v5,
                expiry_secs,
            });
            return;
        }
        if state.expiry_secs == 0 {
            return;
        }
        state.durable = true;
        self.record_start(cell, state);
        let journal = self.journal();
        let subscriptions: Vec<_> = state
            .subscriptions
            .iter()
            .map(|(filter, options)| (filter.clone(), options.into()))
            .collect();
        for (filter, options) in subscriptions {
            cell.record(state, journal, || SessionChange::Subscribe {
                filter,
                options,
            });
        }
        let queued: Vec<_> = state.queue.iter().cloned().collect();
        for item in &queued {
            cell.record_enqueue(state, journal, item);
        }
        let inflight: Vec<_> = state.inflight().iter().cloned().collect();
        for m in inflight {
            cell.record_enqueue(state, journal, &m.item);
            let (message, packet_id) = (m.item.message.store_id(), m.packet_id);
            cell.record(state, journal, || SessionChange::Sent {
                message,
                packet_id,
            });
            if m.state == crate::session::InflightState::AwaitingComp {
                cell.record(state, journal, || SessionChange::Received { packet_id });
            }
        }
        let incoming: Vec<u16> = state.incoming_qos2.iter().copied().collect();
        for packet_id in incoming {
            cell.record(state, journal, || SessionChange::InboundQos2 { packet_id });
        }
        cell.promise_all();
    }
}

/// Tells the connection that owns `session` (if any) that it was taken over.
fn take_over(session: &Arc<SessionCell>) {
    let mut state = session.state.lock();
    if let Some(owner) = state.owner.take() {
        owner.control.post(Control::TakenOver);
    }
    session.set_owner(&mut state, None);
}
