//! Binding, the accept loop (one hyper connection task per socket) and the shared application state.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use hyper_util::rt::TokioIo;
use hyper_util::rt::TokioTimer;
use tokio::net::TcpListener;
use tokio::sync::{watch, Notify, Semaphore};
use tokio_rustls::TlsAcceptor;
use ucs_models::signing::SigningKey;

use crate::auth::{Caller, TokenBook};
use crate::config::EmulatorConfig;
use crate::error::{ApiFailure, ApiResult};
use crate::faults::Faults;
use crate::persist::Persister;
use crate::request_log::RequestLog;
use crate::state::{Account, Store};
use crate::tls::GatewayTls;
use crate::{middleware, routes, EmulatorError};

/// Everything the handlers share.
pub(crate) struct AppState {
    pub config: EmulatorConfig,
    store: Mutex<Store>,
    pub tokens: TokenBook,
    pub faults: Faults,
    pub log: RequestLog,
    persister: Option<Persister>,
    /// Handler panics caught and answered 500 (a bug every time: the fuzz test expects 0).
    pub panics: AtomicU64,
    /// The TLS listener's address (kubeconfigs point there).
    pub gateway_addr: SocketAddr,
    /// The TLS listener's certificate and its CA, made in the background from start: key
    /// generation seeds aws-lc's entropy first, which took most of the start-up time.
    gateway_tls: tokio::sync::OnceCell<GatewayTls>,
    /// The quota in force: `config.quota` until `PUT /_emulator/quota` changes it.
    quota: AtomicUsize,
    /// Each configured credential's SK prepared for HMAC once, by AK (every signed request
    /// is still checked; this only skips re-deriving the key).
    pub signing_keys: HashMap<String, SigningKey>,
}

/// Locks a mutex even if a previous holder panicked: the data is plain records, still usable.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl AppState {
    /// The gateway's TLS identity, made on first need (start-up begins making it at once).
    pub async fn gateway_tls(&self) -> Result<&GatewayTls, EmulatorError> {
        self.gateway_tls
            .get_or_try_init(|| async {
                let ip = self.config.listen.ip();
                tokio::task::spawn_blocking(move || crate::tls::generate(ip))
                    .await
                    .map_err(|e| EmulatorError::Tls(e.to_string()))?
            })
            .await
    }

    /// PEM of the CA the TLS listener's certificate chains to, for a handler's answer.
    pub async fn gateway_ca_pem(&self) -> ApiResult<&str> {
        match self.gateway_tls().await {
            Ok(tls) => Ok(&tls.ca_pem),
            Err(e) => Err(ApiFailure::new(
                "UCS.01000006",
                format!("The gateway's certificate could not be made: {e}"),
            )),
        }
    }

    /// Reads the caller's account (an empty one if it has nothing yet).
    pub fn read<T>(
        &self,
        caller: &Caller,
        f: impl FnOnce(&Account) -> ApiResult<T>,
    ) -> ApiResult<T> {
        let store = lock(&self.store);
        match store.accounts.get(&caller.domain_id) {
            Some(account) => f(account),
            None => f(&Account::default()),
        }
    }

    /// Changes the caller's account; on success the change is counted and persisted.
    ///
    /// `f` must check everything before it mutates, so a refused request changes nothing.
    pub fn write<T>(
        &self,
        caller: &Caller,
        f: impl FnOnce(&mut Account) -> ApiResult<T>,
    ) -> ApiResult<T> {
        self.write_store(|store| f(store.accounts.entry(caller.domain_id.clone()).or_default()))
    }

    /// Changes the whole store (reset, gateway tokens); persisted like [`Self::write`].
    pub fn write_store<T>(&self, f: impl FnOnce(&mut Store) -> ApiResult<T>) -> ApiResult<T> {
        let (result, snapshot) = {
            let mut store = lock(&self.store);
            let result = f(&mut store);
            let snapshot = match (&result, &self.persister) {
                (Ok(_), Some(_)) => {
                    store.version += 1;
                    Some((store.version, serde_json::to_vec(&*store)))
                }
                (Ok(_), None) => {
                    store.version += 1;
                    None
                }
                _ => None,
            };
            (result, snapshot)
        };
        match (&self.persister, snapshot) {
            (Some(persister), Some((version, Ok(bytes)))) => persister
                .save(version, &bytes)
                .map_err(ApiFailure::not_durable)?,
            (Some(_), Some((_, Err(e)))) => return Err(ApiFailure::not_durable(e)),
            _ => {}
        }
        result
    }

    /// Clusters, fleets and rules allowed per account now.
    pub fn quota(&self) -> usize {
        self.quota.load(Ordering::Relaxed)
    }

    pub fn set_quota(&self, quota: usize) {
        self.quota.store(quota, Ordering::Relaxed);
    }

    /// A copy of the whole store (for the state dump).
    pub fn snapshot(&self) -> Store {
        lock(&self.store).clone()
    }
}

/// A running emulator. Dropping it without [`Emulator::shutdown`] leaves it serving until the
/// runtime ends.
pub struct Emulator {
    addr: SocketAddr,
    app: Arc<AppState>,
    stop: watch::Sender<bool>,
    accept_task: tokio::task::JoinHandle<()>,
    tls_task: tokio::task::JoinHandle<()>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator")
            .field("addr", &self.addr)
            .finish()
    }
}

impl Emulator {
    /// `http://127.0.0.1:PORT`: the endpoint for UCS, HSS and IAM alike.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Karmada gateway template for clients: `http://127.0.0.1:PORT/karmada/{fleet}`.
    pub fn karmada_template(&self) -> String {
        format!("{}/karmada/{{fleet}}", self.base_url())
    }

    /// The Karmada gateway of `fleet` over TLS, as issued kubeconfigs name it:
    /// `https://127.0.0.1:TLS_PORT/karmada/{fleet}`.
    pub fn gateway_url(&self, fleet: &str) -> String {
        format!(
            "https://{}/karmada/{fleet}",
            loopback_if_unspecified(self.app.gateway_addr)
        )
    }

    /// PEM of the CA the TLS listener's certificate chains to (made at start, in the
    /// background; this waits for it).
    pub async fn gateway_ca_pem(&self) -> Result<&str, EmulatorError> {
        Ok(&self.app.gateway_tls().await?.ca_pem)
    }

    /// How many handler panics were caught and answered 500 so far (each one is a bug).
    pub fn panics_caught(&self) -> u64 {
        self.app.panics.load(Ordering::Relaxed)
    }

    /// The token `/_emulator/*` requests must carry in `X-Emulator-Token`, if one is configured.
    pub fn control_token(&self) -> Option<&str> {
        self.app.config.control_token.as_deref()
    }

    /// Stops accepting, closes every connection and waits for the accept loop to end.
    pub async fn shutdown(self) {
        let _ = self.stop.send(true);
        let _ = self.accept_task.await;
        let _ = self.tls_task.await;
    }
}

/// A wildcard listen address is reached on loopback.
fn loopback_if_unspecified(addr: SocketAddr) -> SocketAddr {
    match addr.ip() {
        ip if ip.is_unspecified() && ip.is_ipv6() => {
            SocketAddr::new(std::net::Ipv6Addr::LOCALHOST.into(), addr.port())
        }
        ip if ip.is_unspecified() => {
            SocketAddr::new(std::net::Ipv4Addr::LOCALHOST.into(), addr.port())
        }
        _ => addr,
    }
}

/// Starts an emulator on `config.listen` and returns once it accepts connections.
pub async fn start(config: EmulatorConfig) -> Result<Emulator, EmulatorError> {
    config.check()?;
    let (store, persister) = match &config.state_file {
        Some(path) => {
            let store = crate::persist::load(path)?;
            (store, Some(Persister::new(path.clone())))
        }
        None => (Store::default(), None),
    };
    let log = RequestLog::open(config.request_log.as_ref())?;
    let listener =
        TcpListener::bind(config.listen)
            .await
            .map_err(|source| EmulatorError::Bind {
                addr: config.listen,
                source,
            })?;
    let addr = listener
        .local_addr()
        .map_err(|source| EmulatorError::Bind {
            addr: config.listen,
            source,
        })?;
    // The gateway over TLS: same routes, a random port on the same interface.
    let tls_bind = SocketAddr::new(config.listen.ip(), 0);
    let tls_listener = TcpListener::bind(tls_bind)
        .await
        .map_err(|source| EmulatorError::Bind {
            addr: tls_bind,
            source,
        })?;
    let gateway_addr = tls_listener
        .local_addr()
        .map_err(|source| EmulatorError::Bind {
            addr: tls_bind,
            source,
        })?;
    let seed = config.seed_clusters;
    // The first credential of an AK wins, as the lookup by AK always did.
    let mut signing_keys = HashMap::new();
    for credential in &config.credentials {
        signing_keys
            .entry(credential.ak.clone())
            .or_insert_with(|| SigningKey::new(&credential.sk));
    }
    let app = Arc::new(AppState {
        signing_keys,
        gateway_addr,
        gateway_tls: tokio::sync::OnceCell::new(),
        faults: Faults::new(config.faults.clone()),
        quota: AtomicUsize::new(config.quota),
        config,
        store: Mutex::new(store),
        tokens: TokenBook::default(),
        log,
        persister,
        panics: AtomicU64::new(0),
    });
    if seed > 0 {
        routes::clusters::seed(&app, seed);
    }
    let router = routes::router(app.clone());
    let (stop, stopped) = watch::channel(false);
    // Started now, so it is ready by the first TLS connection or kubeconfig.
    let making_tls = app.clone();
    tokio::spawn(async move {
        let _ = making_tls.gateway_tls().await;
    });
    let tls_task = tokio::spawn(accept_loop(
        tls_listener,
        true,
        app.clone(),
        router.clone(),
        stopped.clone(),
    ));
    let accept_task = tokio::spawn(accept_loop(listener, false, app.clone(), router, stopped));
    Ok(Emulator {
        addr,
        app,
        stop,
        accept_task,
        tls_task,
    })
}

async fn accept_loop(
    listener: TcpListener,
    tls: bool,
    app: Arc<AppState>,
    router: Router,
    mut stopped: watch::Receiver<bool>,
) {
    let slots = Arc::new(Semaphore::new(app.config.max_connections));
    let header_timeout = app.config.header_read_timeout;
    loop {
        let stream = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                // Out of file descriptors and the like: keep serving the connections we have.
                Err(_) => continue,
            },
            _ = stopped.changed() => return,
        };
        // Over the cap: close at once (the client sees the connection end, not a stall).
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let (app, router, stopped) = (app.clone(), router.clone(), stopped.clone());
        tokio::spawn(async move {
            let _slot = slot;
            if !tls {
                return serve_connection(stream, app, router, stopped).await;
            }
            // Without a certificate there is nothing to serve TLS with: the client sees the
            // connection close.
            let Ok(identity) = app.gateway_tls().await else {
                return;
            };
            let acceptor: TlsAcceptor = identity.acceptor.clone();
            // A client that never finishes the handshake holds a slot no longer than one that
            // never sends its headers.
            let handshake = tokio::time::timeout(header_timeout, acceptor.accept(stream));
            if let Ok(Ok(stream)) = handshake.await {
                serve_connection(stream, app, router, stopped).await;
            }
        });
    }
}

/// Serves HTTP/1.1 on one (plain or TLS) connection until it ends, is killed or the emulator stops.
async fn serve_connection<S>(
    stream: S,
    app: Arc<AppState>,
    router: Router,
    mut stopped: watch::Receiver<bool>,
) where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let header_timeout = app.config.header_read_timeout;
    // Fault injection drops the connection by notifying this.
    let kill = Arc::new(Notify::new());
    let conn_kill = kill.clone();
    let service = hyper::service::service_fn(move |req| {
        middleware::handle(app.clone(), router.clone(), conn_kill.clone(), req)
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout)
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        _ = conn => {}
        _ = kill.notified() => {}
        _ = stopped.changed() => {}
    }
}

impl AppState {
    /// The grant of a kubeconfig bearer token, if the emulator issued it.
    pub fn snapshot_grant(&self, token: &str) -> Option<crate::state::GatewayGrant> {
        lock(&self.store)
            .gateway_tokens
            .get(token)
            .filter(|g| g.expires_at.is_none_or(|at| at > chrono::Utc::now()))
            .cloned()
    }

    /// Forgets every record (the control endpoint's reset).
    pub fn reset(&self) {
        let _ = self.write_store(|store| {
            let version = store.version;
            *store = Store::default();
            store.version = version;
            Ok(())
        });
    }
}
