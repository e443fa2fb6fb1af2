//! The output path: what the connection buffered goes to the client, within
//! the write time-out, and (in the main loop) giving way at once to a control
//! message, shutdown or a revoked client. Shared by both phases.

use super::{buffers, Conn, Phase, Stream};
use crate::lifecycle::DisconnectionReason;
use crate::session::Control;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

impl<S: Stream, P: Phase> Conn<S, P> {
    /// Writes everything buffered. A client that takes nothing for the write
    /// time-out (see [`Conn::write_stall_limit`]) makes it fail.
    pub(super) async fn flush(&mut self) -> std::io::Result<()> {
        self.write_out(false).await
    }

    /// Like [`Conn::flush`], but also gives up as soon as a control message
    /// (take-over, overflow, administrative close) or shutdown arrives, so a
    /// client that stopped reading cannot hold its connection open: the main
    /// loop's writes go through here. The control message is kept for the loop.
    pub(super) async fn flush_interruptible(&mut self) -> std::io::Result<()> {
        self.write_out(true).await
    }

    async fn write_out(&mut self, interruptible: bool) -> std::io::Result<()> {
        use std::io::{Error, ErrorKind};
        if self.write_buf.is_empty() {
            return Ok(());
        }
        self.wait_until_durable().await?;
        let stall = self.write_stall_limit();
        let mut written = 0;
        while written < self.write_buf.len() {
            let write = tokio::time::timeout(stall, self.stream.write(&self.write_buf[written..]));
            tokio::select! {
                biased;
                control = self.control.recv(), if interruptible => {
                    self.interrupted_by = Some(control);
                    return Err(Error::new(ErrorKind::Interrupted, "control message while writing"));
                }
                _ = self.broker.shutdown.cancelled(), if interruptible => {
                    self.interrupted_by = Some(Control::ServerShutdown);
                    return Err(Error::new(ErrorKind::Interrupted, "shutdown while writing"));
                }
                // A client disabled while its connection waits to write is closed
                // at once; any other change is handled once the write is done.
                changed = self.access_changes.changed(), if interruptible => {
                    let admitted = changed.is_ok()
                        && self.phase.client().is_none_or(|c| self.broker.access.admits(&c.identity).is_ok());
                    if !admitted {
                        tracing::info!(peer = %self.peer, "client no longer admitted while writing: closing");
                        self.ended_by.get_or_insert(DisconnectionReason::ClientAuthorizationError);
                        self.interrupted_by = Some(Control::Administrative);
                        return Err(Error::new(ErrorKind::Interrupted, "access revoked while writing"));
                    }
                    self.access_change_seen = true;
                }
                result = write => match result {
                    Ok(Ok(0)) => return Err(ErrorKind::WriteZero.into()),
                    Ok(Ok(n)) => {
                        written += n;
                        self.traffic.sent(n);
                    }
                    Ok(Err(e)) => return Err(e),
                    Err(_) => {
                        tracing::info!(peer = %self.peer, secs = stall.as_secs_f32(), "client took nothing within the write time-out: closing");
                        return Err(ErrorKind::TimedOut.into());
                    }
                },
            }
        }
        buffers::reset_write_buffer(&mut self.write_buf);
        match tokio::time::timeout(stall, self.stream.flush()).await {
            Ok(result) => result,
            Err(_) => Err(ErrorKind::TimedOut.into()),
        }
    }

    /// Waits until what the write buffer promises is durable: the records
    /// journaled for this client's PUBLISHes (`durable_at`) and its own
    /// session's latest promised change (a subscription, a QoS 2 step, a QoS
    /// 2 message sent and now in flight: `SessionCell::promised_lsn`). Gives
    /// up after the write time-out (the journal cannot write: the disk
    /// failed).
    async fn wait_until_durable(&mut self) -> std::io::Result<()> {
        let Some(journal) = self.broker.journal() else {
            return Ok(());
        };
        let own = self.phase.client().map_or(0, |c| c.session.promised_lsn());
        let lsn = self.durable_at.max(own);
        if lsn == 0 || journal.is_durable(lsn) {
            return Ok(());
        }
        let stall = self.write_stall_limit();
        match tokio::time::timeout(stall, journal.wait(lsn)).await {
            Ok(()) => Ok(()),
            Err(_) => {
                tracing::warn!(peer = %self.peer, lsn, "journal not durable within the write time-out: closing without acknowledging");
                Err(std::io::ErrorKind::TimedOut.into())
            }
        }
    }

    /// How long a write may make no progress: `listeners.write_timeout_secs`,
    /// or 1.5 × the client's keep alive when that is shorter.
    fn write_stall_limit(&self) -> Duration {
        let configured =
            Duration::from_secs(self.broker.config.listeners.write_timeout_secs.max(1));
        match self.phase.client().map(|c| c.keep_alive_secs) {
            Some(ka) if ka > 0 => configured.min(Duration::from_millis(u64::from(ka) * 1500)),
            _ => configured,
        }
    }
}
