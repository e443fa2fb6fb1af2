//! The `tern-bench` command line: runs one scenario against a loopback broker and
//! prints a table (or one JSON line with `--json`), or runs a relay ceiling.

use anyhow::{bail, Context};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::time::Duration;
use tern_bench::scenario::{fan, reqresp, storm, Env, SubscriberSession};
use tern_bench::{relay, Report, Target, Version};
use tokio_util::sync::CancellationToken;

/// A loopback-only MQTT load generator (MQTT 3.1.1 and 5.0 over TCP and WebSocket).
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// The broker: host:port, tcp://host:port or ws://host:port/mqtt (loopback only).
    #[arg(long, global = true, default_value = "127.0.0.1:1883")]
    broker: String,
    /// MQTT version of every connection.
    #[arg(long = "mqtt", global = true, value_enum, default_value = "5")]
    mqtt: MqttVersion,
    /// Pid of the broker process, to report its CPU seconds and RSS from /proc.
    #[arg(long, global = true)]
    broker_pid: Option<u32>,
    /// Names the broker in the report.
    #[arg(long, global = true, default_value = "broker")]
    label: String,
    /// Names the figure this run measures (copied into the report, for summaries).
    #[arg(long, global = true, default_value = "")]
    figure: String,
    /// Print one JSON line per scenario instead of a table.
    #[arg(long, global = true)]
    json: bool,
    /// Seconds to wait for outstanding deliveries once publishing stops.
    #[arg(long, global = true, default_value_t = 10.0)]
    drain_timeout: f64,
    #[command(subcommand)]
    command: Command,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum MqttVersion {
    #[value(name = "3")]
    V3,
    #[value(name = "5")]
    V5,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// N publishers → 1 subscriber on a wildcard.
    FanIn {
        /// Publishing connections.
        #[arg(long, default_value_t = 10)]
        publishers: usize,
        #[command(flatten)]
        load: Load,
    },
    /// 1 publisher → N subscribers of one topic.
    FanOut {
        /// Subscribing connections.
        #[arg(long, default_value_t = 16)]
        subscribers: usize,
        #[command(flatten)]
        load: Load,
    },
    /// Requester ↔ responder at a fixed offered rate; latency from the scheduled send time.
    ReqResp {
        /// Requests per second offered.
        #[arg(long, default_value_t = 1000.0)]
        rate: f64,
        /// Seconds requests are offered.
        #[arg(long, default_value_t = 5.0)]
        duration: f64,
        /// QoS of requests and responses.
        #[arg(long, default_value_t = 1)]
        qos: u8,
        /// Payload bytes (at least 20).
        #[arg(long, default_value_t = 64)]
        payload: usize,
    },
    /// C connections at a connect rate, then an idle hold; broker RSS per connection.
    Storm {
        /// Connections to open (clamped to the open-file limits).
        #[arg(long, default_value_t = 10_000)]
        connections: usize,
        /// Connections started per second (0: as fast as possible).
        #[arg(long, default_value_t = 0.0)]
        rate: f64,
        /// Seconds to hold the connections idle.
        #[arg(long, default_value_t = 5.0)]
        hold: f64,
        /// Handshakes in progress at once.
        #[arg(long, default_value_t = 256)]
        concurrency: usize,
    },
    /// Prints medians and Tern/Mosquitto ratios of a file of JSON reports.
    Summarize {
        /// The file of JSON lines (from `--json --figure F --label tern|mosquitto|relay`).
        file: std::path::PathBuf,
        /// The label Tern is compared with (`mosquitto`, or `before` for an earlier Tern build).
        #[arg(long, default_value = "mosquitto")]
        versus: String,
    },
    /// Prints a free loopback TCP port (for scripts).
    FreePort,
    /// A loopback byte mover used as the ceiling (prints `listening ADDR`).
    Relay {
        /// Address to listen on (loopback; port 0 picks one).
        #[arg(long, default_value = "127.0.0.1:0")]
        listen: SocketAddr,
        /// Forward every connection to this broker (a plain TCP forwarder).
        #[arg(long, conflicts_with = "hub", required_unless_present = "hub")]
        target: Option<SocketAddr>,
        /// Be the fan-in ceiling instead: copy PUBLISH bytes to every subscriber.
        #[arg(long)]
        hub: bool,
        /// Stop after this many seconds (default: until interrupted).
        #[arg(long = "for")]
        run_for: Option<f64>,
    },
}

/// Load shape shared by fan-in and fan-out.
#[derive(Args, Debug)]
struct Load {
    /// QoS of publishes and subscriptions.
    #[arg(long, default_value_t = 0)]
    qos: u8,
    /// Payload bytes (at least 20: publisher id, sequence, timestamp).
    #[arg(long, default_value_t = 64)]
    payload: usize,
    /// Seconds each publisher publishes.
    #[arg(long, default_value_t = 5.0)]
    duration: f64,
    /// Most messages per publisher (0: only the duration bounds it).
    #[arg(long, default_value_t = 0)]
    messages: u64,
    /// Most unacknowledged QoS 1/2 messages per publisher.
    #[arg(long, default_value_t = 64)]
    inflight: u32,
    /// Messages per second per publisher (0: as fast as possible).
    #[arg(long, default_value_t = 0.0)]
    rate: f64,
    /// The subscribers' sessions: clean; persistent (MQTT 5 Session Expiry,
    /// 3.1.1 Clean Session 0); or offline (persistent, away while the
    /// publishers publish, then reconnected to drain what was queued).
    #[arg(long, value_enum, default_value = "clean")]
    session: SessionKind,
    /// Fan-in: this many more clients subscribe and unsubscribe as fast as
    /// the broker answers while the publishers publish (what SUBSCRIBE costs
    /// the publishers: the router's write locks); their rate is in the notes.
    #[arg(long, default_value_t = 0)]
    churn: usize,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
enum SessionKind {
    Clean,
    Persistent,
    Offline,
}

impl Load {
    fn options(&self, clients: usize) -> anyhow::Result<fan::FanOptions> {
        Ok(fan::FanOptions {
            clients,
            qos: self.qos,
            payload: self.payload,
            duration: secs(self.duration)?,
            messages: self.messages,
            inflight: self.inflight,
            rate: self.rate,
            session: match self.session {
                SessionKind::Clean => SubscriberSession::Clean,
                SessionKind::Persistent => SubscriberSession::Persistent,
                SessionKind::Offline => SubscriberSession::Offline,
            },
            churn: self.churn,
        })
    }
}

fn secs(s: f64) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(s).with_context(|| format!("{s} is not a number of seconds"))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match &cli.command {
        Command::Summarize { file, versus } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("reading {}", file.display()))?;
            print!("{}", tern_bench::summary::summarize_versus(&text, versus));
            return Ok(());
        }
        Command::FreePort => {
            let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
            println!("{}", listener.local_addr()?.port());
            return Ok(());
        }
        _ => {}
    }
    if let Command::Relay {
        listen,
        target,
        hub,
        run_for,
    } = &cli.command
    {
        return run_relay(*listen, *target, *hub, *run_for).await;
    }
    let env = Env {
        target: Target::parse(&cli.broker).await?,
        version: match cli.mqtt {
            MqttVersion::V3 => Version::V311,
            MqttVersion::V5 => Version::V5,
        },
        broker_pid: cli.broker_pid,
        label: cli.label.clone(),
        drain_timeout: secs(cli.drain_timeout)?,
    };
    if let Some(pid) = env.broker_pid {
        if tern_bench::procstat::sample(Some(pid)).is_none() {
            bail!("no process {pid} in /proc");
        }
    }
    let report: Report = match &cli.command {
        Command::FanIn { publishers, load } => {
            fan::fan_in(&env, &load.options(*publishers)?).await?
        }
        Command::FanOut { subscribers, load } => {
            fan::fan_out(&env, &load.options(*subscribers)?).await?
        }
        Command::ReqResp {
            rate,
            duration,
            qos,
            payload,
        } => {
            let o = reqresp::ReqRespOptions {
                rate: *rate,
                duration: secs(*duration)?,
                qos: *qos,
                payload: *payload,
            };
            reqresp::req_resp(&env, &o).await?
        }
        Command::Storm {
            connections,
            rate,
            hold,
            concurrency,
        } => {
            let o = storm::StormOptions {
                connections: *connections,
                rate: *rate,
                hold: secs(*hold)?,
                concurrency: *concurrency,
            };
            storm::storm(&env, &o).await?
        }
        Command::Relay { .. } | Command::Summarize { .. } | Command::FreePort => {
            unreachable!("handled above")
        }
    };
    let mut report = report;
    report.figure = cli.figure.clone();
    if cli.json {
        println!("{}", report.json());
    } else {
        print!("{}", report.table());
    }
    Ok(())
}

async fn run_relay(
    listen: SocketAddr,
    target: Option<SocketAddr>,
    hub: bool,
    run_for: Option<f64>,
) -> anyhow::Result<()> {
    let (listener, addr) = relay::bind(listen).await?;
    println!("listening {addr}");
    let stop = CancellationToken::new();
    let timer = stop.clone();
    let limit = run_for.map(secs).transpose()?;
    tokio::spawn(async move {
        match limit {
            Some(d) => {
                tokio::select! {
                    _ = tokio::time::sleep(d) => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            None => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        timer.cancel();
    });
    match (hub, target) {
        (true, _) => relay::hub(listener, stop).await?,
        (false, Some(t)) => relay::forward(listener, t, stop).await?,
        (false, None) => bail!("give --target ADDR or --hub"),
    }
    Ok(())
}
