//! What both sandbox servers do once their routes are built: put the faults
//! in front, serve on the listener, stop when the shutdown token is cancelled.

use axum::Router;
use tokio::net::TcpListener;
use tokio_util::sync::CancellationToken;

use crate::faults::{self, Faults};

/// Spawns the server on the current Tokio runtime and returns at once.
/// `vendor` names the sandbox in the log line if serving fails.
pub(crate) fn spawn_with_faults(
    vendor: &'static str,
    listener: TcpListener,
    router: Router,
    faults: &Faults,
    shutdown: CancellationToken,
) {
    spawn_with_faults_and_controls(vendor, listener, router, Router::new(), faults, shutdown);
}

/// The same, with `controls` (the `/sandbox/` routes) served beside the
/// API but outside the faults: a test's faults must never hit its own
/// controls. Peers' addresses reach handlers as `ConnectInfo<SocketAddr>`.
pub(crate) fn spawn_with_faults_and_controls(
    vendor: &'static str,
    listener: TcpListener,
    router: Router,
    controls: Router,
    faults: &Faults,
    shutdown: CancellationToken,
) {
    let router = router
        .layer(axum::middleware::from_fn_with_state(
            faults.clone(),
            faults::apply_faults,
        ))
        .merge(controls);
    tokio::spawn(async move {
        let served = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown.cancelled_owned())
        .await;
        if let Err(error) = served {
            tracing::warn!(%error, "the {vendor} sandbox stopped with an error");
        }
    });
}
