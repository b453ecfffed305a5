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
    let router = router.layer(axum::middleware::from_fn_with_state(
        faults.clone(),
        faults::apply_faults,
    ));
    tokio::spawn(async move {
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(shutdown.cancelled_owned())
            .await;
        if let Err(error) = served {
            tracing::warn!(%error, "the {vendor} sandbox stopped with an error");
        }
    });
}
