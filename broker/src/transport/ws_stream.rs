//! A WebSocket connection presented as a plain byte stream.
//!
//! MQTT over WebSocket (MQTT 5.0 §6, MQTT 3.1.1 §6) carries the MQTT byte
//! stream inside binary WebSocket frames, with no relation between frame and
//! packet boundaries: one MQTT packet may span several frames and one frame may
//! hold several packets. The broker's MQTT layer already knows how to read
//! packets from a byte stream (it does so for plain TCP), so this module turns a
//! [`WebSocketStream`] into an [`AsyncRead`] + [`AsyncWrite`] byte stream and
//! the MQTT layer needs no WebSocket knowledge at all.
//!
//! Mapping:
//! - Binary frames are delivered as bytes, in order; leftover bytes of a frame
//!   are kept (without copying) for the next read.
//! - Text frames are a protocol violation [MQTT-6.0.0-1]: the read fails with
//!   [`io::ErrorKind::InvalidData`] and the caller is expected to drop the
//!   connection.
//! - Ping frames are answered by tungstenite; the answer is flushed while
//!   reading. Pong frames are ignored.
//! - A Close frame (or the connection going away) is end of stream; the close
//!   reply is flushed before end of stream is reported.
//! - Every `poll_write` (or vectored write) becomes one Binary frame, of at most
//!   [`WsByteStream::with_max_frame`] bytes (a longer write is taken in part, as
//!   `AsyncWrite` allows; `write_all` sends the rest in the next frames). Frames are
//!   buffered by tungstenite until `poll_flush`, exactly like a buffered
//!   writer, so the MQTT layer must flush after writing.
//! - `poll_shutdown` sends a Close frame and then shuts down the write side of
//!   the underlying stream.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_util::{Sink, Stream};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio_tungstenite::tungstenite::{self, Message};
use tokio_tungstenite::WebSocketStream;

/// The stream type under a WebSocket accepted by the HTTP listener.
pub type UpgradedIo = TokioIo<Upgraded>;

/// Where the read side of a [`WsByteStream`] stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ReadState {
    /// Delivering frames.
    Open,
    /// A Close frame arrived; its reply is being flushed before EOF is reported.
    FlushingCloseReply,
    /// End of stream (or a fatal error was already reported): reads return 0 bytes.
    Eof,
}

/// Where the write side of a [`WsByteStream`] stands during `poll_shutdown`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ShutdownState {
    /// `poll_shutdown` has not completed the Close frame yet.
    Open,
    /// The Close frame is flushed; the underlying stream is being shut down.
    ShuttingDownInner,
    /// Fully shut down.
    Done,
}

/// A WebSocket connection carrying MQTT, usable as a plain byte stream
/// ([`AsyncRead`] + [`AsyncWrite`]).
///
/// Generic over the stream under the WebSocket so it can be tested over a plain
/// `TcpStream`; the default parameter is what the HTTP listener produces, so
/// `WsByteStream` on its own names that type. See the module docs for how frames
/// map to bytes.
pub struct WsByteStream<S = UpgradedIo> {
    /// The WebSocket protocol state machine over the raw stream.
    inner: WebSocketStream<S>,
    /// Unread rest of the current Binary frame (an offset into the frame, no copy).
    pending: Bytes,
    /// Read-side state.
    read_state: ReadState,
    /// Shutdown progress of the write side.
    shutdown_state: ShutdownState,
    /// Largest frame a write becomes.
    max_frame: usize,
}

impl<S> WsByteStream<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    /// Wraps an established (handshake done) WebSocket connection.
    pub fn new(inner: WebSocketStream<S>) -> Self {
        Self {
            inner,
            pending: Bytes::new(),
            read_state: ReadState::Open,
            shutdown_state: ShutdownState::Open,
            max_frame: usize::MAX,
        }
    }

    /// Caps the frames writes become at `max_frame` bytes (at least 1), so the
    /// WebSocket's write buffer stays within its configured maximum; the peer's
    /// byte stream is the same, only cut into more frames.
    pub fn with_max_frame(mut self, max_frame: usize) -> Self {
        self.max_frame = max_frame.max(1);
        self
    }
}

impl<S> std::fmt::Debug for WsByteStream<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WsByteStream")
            .field("pending", &self.pending.len())
            .field("read_state", &self.read_state)
            .field("shutdown_state", &self.shutdown_state)
            .finish_non_exhaustive()
    }
}

/// Turns a tungstenite error into an io error, keeping io errors as they are.
fn to_io(err: tungstenite::Error) -> io::Error {
    use tungstenite::Error as E;
    match err {
        E::Io(e) => e,
        E::ConnectionClosed | E::AlreadyClosed => {
            io::Error::new(io::ErrorKind::BrokenPipe, "WebSocket connection closed")
        }
        e @ (E::Capacity(_) | E::Protocol(_) | E::Utf8) => {
            io::Error::new(io::ErrorKind::InvalidData, e)
        }
        e => io::Error::other(e),
    }
}

/// The error returned when a Text frame arrives.
fn text_frame_error() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "text WebSocket frame received; MQTT over WebSocket allows only binary frames [MQTT-6.0.0-1]",
    )
}

impl<S> AsyncRead for WsByteStream<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if buf.remaining() == 0 {
            return Poll::Ready(Ok(()));
        }
        loop {
            if !this.pending.is_empty() {
                let n = this.pending.len().min(buf.remaining());
                buf.put_slice(&this.pending.split_to(n));
                return Poll::Ready(Ok(()));
            }
            match this.read_state {
                ReadState::Open => {}
                ReadState::FlushingCloseReply => {
                    // Best effort: the peer may already be gone, which is fine.
                    let _ = ready!(Pin::new(&mut this.inner).poll_flush(cx));
                    this.read_state = ReadState::Eof;
                    return Poll::Ready(Ok(()));
                }
                ReadState::Eof => return Poll::Ready(Ok(())),
            }
            // Polling the stream also flushes queued Pong / Close replies.
            match ready!(Pin::new(&mut this.inner).poll_next(cx)) {
                Some(Ok(Message::Binary(data))) => this.pending = data,
                Some(Ok(Message::Ping(_) | Message::Pong(_) | Message::Frame(_))) => {}
                Some(Ok(Message::Close(_))) => this.read_state = ReadState::FlushingCloseReply,
                Some(Ok(Message::Text(_))) => {
                    this.read_state = ReadState::Eof;
                    return Poll::Ready(Err(text_frame_error()));
                }
                // The peer dropped the TCP connection without a Close frame: this is
                // what EOF means on plain TCP, so report it the same way.
                Some(Err(tungstenite::Error::Protocol(
                    tungstenite::error::ProtocolError::ResetWithoutClosingHandshake,
                )))
                | None => this.read_state = ReadState::Eof,
                Some(Err(e)) => {
                    this.read_state = ReadState::Eof;
                    return Poll::Ready(Err(to_io(e)));
                }
            }
        }
    }
}

impl<S> WsByteStream<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    /// Waits until the sink accepts another frame. Called before copying the
    /// caller's bytes so that a write that has to wait copies nothing.
    fn poll_sink_ready(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_ready(cx).map_err(to_io)
    }

    /// Queues `data` as one Binary frame; [`Self::poll_sink_ready`] must have
    /// returned ready first.
    fn start_binary(&mut self, data: Bytes) -> io::Result<()> {
        Pin::new(&mut self.inner)
            .start_send(Message::Binary(data))
            .map_err(to_io)
    }
}

impl<S> AsyncWrite for WsByteStream<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if buf.is_empty() {
            return Poll::Ready(Ok(0));
        }
        let this = self.get_mut();
        ready!(this.poll_sink_ready(cx))?;
        let buf = &buf[..buf.len().min(this.max_frame)];
        this.start_binary(Bytes::copy_from_slice(buf))?;
        Poll::Ready(Ok(buf.len()))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let total: usize = bufs
            .iter()
            .map(|b| b.len())
            .sum::<usize>()
            .min(this.max_frame);
        if total == 0 {
            return Poll::Ready(Ok(0));
        }
        ready!(this.poll_sink_ready(cx))?;
        let mut frame = BytesMut::with_capacity(total);
        for b in bufs {
            let room = total - frame.len();
            frame.extend_from_slice(&b[..b.len().min(room)]);
        }
        this.start_binary(frame.freeze())?;
        Poll::Ready(Ok(total))
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner)
            .poll_flush(cx)
            .map_err(to_io)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        loop {
            match this.shutdown_state {
                ShutdownState::Open => {
                    // Sends (and flushes) a Close frame; a connection that is
                    // already closed counts as done.
                    ready!(Pin::new(&mut this.inner).poll_close(cx)).map_err(to_io)?;
                    this.shutdown_state = ShutdownState::ShuttingDownInner;
                }
                ShutdownState::ShuttingDownInner => {
                    let res = ready!(Pin::new(this.inner.get_mut()).poll_shutdown(cx));
                    this.shutdown_state = ShutdownState::Done;
                    return Poll::Ready(match res {
                        Err(e) if e.kind() == io::ErrorKind::NotConnected => Ok(()),
                        other => other,
                    });
                }
                ShutdownState::Done => return Poll::Ready(Ok(())),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::{SinkExt, StreamExt};
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::{TcpListener, TcpStream};
    use tokio::time::timeout;
    use tokio_tungstenite::MaybeTlsStream;

    const LIMIT: Duration = Duration::from_secs(10);

    type Client = WebSocketStream<MaybeTlsStream<TcpStream>>;

    /// A connected (server byte stream, client WebSocket) pair over loopback TCP.
    async fn pair() -> (WsByteStream<TcpStream>, Client) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let server = async {
            let (tcp, _) = listener.accept().await.unwrap();
            WsByteStream::new(tokio_tungstenite::accept_async(tcp).await.unwrap())
        };
        let client = async {
            tokio_tungstenite::connect_async(format!("ws://{addr}/"))
                .await
                .unwrap()
                .0
        };
        timeout(LIMIT, async { tokio::join!(server, client) })
            .await
            .unwrap()
    }

    async fn read_exact(server: &mut WsByteStream<TcpStream>, n: usize) -> Vec<u8> {
        let mut buf = vec![0u8; n];
        timeout(LIMIT, server.read_exact(&mut buf))
            .await
            .unwrap()
            .unwrap();
        buf
    }

    async fn next_msg(client: &mut Client) -> Message {
        timeout(LIMIT, client.next())
            .await
            .unwrap()
            .unwrap()
            .unwrap()
    }

    #[tokio::test]
    async fn frames_are_concatenated_in_order() {
        let (mut server, mut client) = pair().await;
        // An MQTT CONNECT split over three frames.
        let packet: Vec<u8> = (0u8..40).collect();
        for chunk in [&packet[..3], &packet[3..17], &packet[17..]] {
            client.send(Message::binary(chunk.to_vec())).await.unwrap();
        }
        assert_eq!(read_exact(&mut server, packet.len()).await, packet);
    }

    #[tokio::test]
    async fn leftover_bytes_of_a_frame_are_kept_for_the_next_read() {
        let (mut server, mut client) = pair().await;
        // Two PINGREQs in one frame, read one at a time.
        client
            .send(Message::binary(vec![0xC0, 0x00, 0xC0, 0x00]))
            .await
            .unwrap();
        assert_eq!(read_exact(&mut server, 2).await, [0xC0, 0x00]);
        assert_eq!(read_exact(&mut server, 2).await, [0xC0, 0x00]);
        // A small buffer sees a large frame piecewise.
        client.send(Message::binary(vec![7u8; 10])).await.unwrap();
        let mut small = [0u8; 3];
        let n = timeout(LIMIT, server.read(&mut small))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n, 3);
        assert_eq!(read_exact(&mut server, 7).await, [7u8; 7]);
    }

    #[tokio::test]
    async fn writes_are_cut_into_frames_of_at_most_max_frame() {
        let (server, mut client) = pair().await;
        let mut server = server.with_max_frame(4);
        let data: Vec<u8> = (0u8..10).collect();
        timeout(LIMIT, async {
            server.write_all(&data).await.unwrap();
            server.flush().await.unwrap();
        })
        .await
        .unwrap();
        for want in [&data[..4], &data[4..8], &data[8..]] {
            assert_eq!(next_msg(&mut client).await, Message::binary(want.to_vec()));
        }
        // Vectored writes too.
        let bufs = [io::IoSlice::new(&data[..3]), io::IoSlice::new(&data[3..])];
        let n = timeout(LIMIT, server.write_vectored(&bufs))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n, 4);
        server.flush().await.unwrap();
        assert_eq!(
            next_msg(&mut client).await,
            Message::binary(data[..4].to_vec())
        );
    }

    #[tokio::test]
    async fn empty_binary_frames_are_skipped() {
        let (mut server, mut client) = pair().await;
        client.send(Message::binary(Vec::new())).await.unwrap();
        client.send(Message::binary(vec![1, 2])).await.unwrap();
        assert_eq!(read_exact(&mut server, 2).await, [1, 2]);
    }

    #[tokio::test]
    async fn writes_become_binary_frames() {
        let (mut server, mut client) = pair().await;
        timeout(LIMIT, async {
            server.write_all(&[0x20, 0x02, 0x00, 0x00]).await.unwrap();
            server.flush().await.unwrap();
        })
        .await
        .unwrap();
        assert_eq!(
            next_msg(&mut client).await,
            Message::binary(vec![0x20, 0x02, 0x00, 0x00])
        );
        // A vectored write is one frame.
        let bufs = [io::IoSlice::new(&[1, 2]), io::IoSlice::new(&[3])];
        timeout(LIMIT, async {
            let n = server.write_vectored(&bufs).await.unwrap();
            assert_eq!(n, 3);
            server.flush().await.unwrap();
        })
        .await
        .unwrap();
        assert_eq!(next_msg(&mut client).await, Message::binary(vec![1, 2, 3]));
    }

    #[tokio::test]
    async fn text_frame_is_an_error() {
        let (mut server, mut client) = pair().await;
        client.send(Message::text("hello")).await.unwrap();
        let mut buf = [0u8; 8];
        let err = timeout(LIMIT, server.read(&mut buf))
            .await
            .unwrap()
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(err.to_string().contains("MQTT-6.0.0-1"), "{err}");
    }

    #[tokio::test]
    async fn ping_is_answered_while_reading() {
        let (mut server, mut client) = pair().await;
        // The server is parked in a read with nothing to deliver when the ping
        // arrives; the pong must still go out.
        let reader = tokio::spawn(async move {
            let mut buf = [0u8; 1];
            server.read_exact(&mut buf).await.unwrap();
            buf
        });
        client
            .send(Message::Ping(Bytes::from_static(b"hi")))
            .await
            .unwrap();
        assert_eq!(
            next_msg(&mut client).await,
            Message::Pong(Bytes::from_static(b"hi"))
        );
        client.send(Message::binary(vec![9])).await.unwrap();
        assert_eq!(timeout(LIMIT, reader).await.unwrap().unwrap(), [9]);
    }

    #[tokio::test]
    async fn close_frame_is_eof_and_gets_a_reply() {
        let (mut server, mut client) = pair().await;
        client.send(Message::binary(vec![5, 6])).await.unwrap();
        client.close(None).await.unwrap();
        let mut rest = Vec::new();
        timeout(LIMIT, server.read_to_end(&mut rest))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(rest, [5, 6]);
        // The client sees the close reply (sent before EOF was reported) ...
        assert!(matches!(next_msg(&mut client).await, Message::Close(_)));
        // ... and the end of the stream once the server drops the connection,
        // as the MQTT layer does on EOF.
        drop(server);
        let end = timeout(LIMIT, client.next()).await.unwrap();
        assert!(end.is_none(), "{end:?}");
    }

    #[tokio::test]
    async fn tcp_drop_without_close_is_eof() {
        let (mut server, client) = pair().await;
        drop(client);
        let mut rest = Vec::new();
        let n = timeout(LIMIT, server.read_to_end(&mut rest))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(n, 0);
    }

    #[tokio::test]
    async fn shutdown_sends_close() {
        let (mut server, mut client) = pair().await;
        timeout(LIMIT, server.shutdown()).await.unwrap().unwrap();
        assert!(matches!(next_msg(&mut client).await, Message::Close(_)));
        // Shutting down twice is harmless.
        timeout(LIMIT, server.shutdown()).await.unwrap().unwrap();
    }

    #[test]
    fn byte_stream_is_send_and_unpin() {
        fn check<T: AsyncRead + AsyncWrite + Unpin + Send + 'static>() {}
        check::<WsByteStream>();
        check::<WsByteStream<TcpStream>>();
    }
}
