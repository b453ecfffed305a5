//! How WebKitGTK draws the window on Linux. Without a GPU (a bureau's VM, a
//! remote desktop, Xvfb) its compositing mode renders every frame through
//! Mesa's software OpenGL, which made a search keystroke wait 40–70 ms for
//! its frame; drawing without compositing paints the same frame in a few.

use std::path::Path;

/// WebKitGTK's switch; a value the user set is left alone.
const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Ours: keep WebKitGTK's own choice whatever the machine (the end-to-end
/// suite sets it: WebKitWebDriver's screenshot of an idle page can wait
/// forever without compositing).
const KEEP_COMPOSITING: &str = "PAYBRIDGE_KEEP_COMPOSITING";

/// Where Linux lists GPU render nodes (`renderD128`, …).
const DRM_DEVICES: &str = "/dev/dri";

/// What the window should do, decided before any thread starts.
#[derive(Debug, PartialEq, Eq)]
pub enum RendererChoice {
    /// A GPU render node exists: WebKitGTK composites on the GPU.
    Gpu,
    /// No render node: compositing would run on the CPU, so it is turned off.
    WithoutCompositing,
    /// The user set WebKitGTK's switch (or ours to keep compositing).
    UserChoice,
    /// Windows and macOS: their webviews choose for themselves.
    NotWebKitGtk,
}

/// Chooses from the environment and the DRM device folder.
pub fn choose(user_set: bool, drm_devices: &Path) -> RendererChoice {
    if user_set {
        return RendererChoice::UserChoice;
    }
    let has_render_node = std::fs::read_dir(drm_devices)
        .map(|entries| {
            entries
                .flatten()
                .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
        })
        .unwrap_or(false);
    if has_render_node {
        RendererChoice::Gpu
    } else {
        RendererChoice::WithoutCompositing
    }
}

/// Applies [`choose`] for this machine. Call first thing in `main`, before
/// Tauri or tokio start threads: setting a variable races with any thread
/// reading the environment.
pub fn configure() -> RendererChoice {
    let user_set = [DISABLE_COMPOSITING, KEEP_COMPOSITING]
        .iter()
        .any(|name| std::env::var_os(name).is_some());
    if !cfg!(target_os = "linux") {
        return RendererChoice::NotWebKitGtk;
    }
    let choice = choose(user_set, Path::new(DRM_DEVICES));
    if choice == RendererChoice::WithoutCompositing {
        std::env::set_var(DISABLE_COMPOSITING, "1");
    }
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_machine_with_a_render_node_keeps_gpu_compositing() {
        let devices = tempfile::tempdir().expect("a scratch folder");
        std::fs::write(devices.path().join("card0"), "").expect("a fake device");
        std::fs::write(devices.path().join("renderD128"), "").expect("a fake device");
        assert_eq!(choose(false, devices.path()), RendererChoice::Gpu);
    }

    #[test]
    fn a_machine_without_a_render_node_draws_without_compositing() {
        let devices = tempfile::tempdir().expect("a scratch folder");
        // A display card alone (a VM's framebuffer) does not render.
        std::fs::write(devices.path().join("card0"), "").expect("a fake device");
        assert_eq!(
            choose(false, devices.path()),
            RendererChoice::WithoutCompositing
        );
        let missing = devices.path().join("absent");
        assert_eq!(choose(false, &missing), RendererChoice::WithoutCompositing);
    }

    #[test]
    fn the_users_own_setting_wins() {
        let devices = tempfile::tempdir().expect("a scratch folder");
        assert_eq!(choose(true, devices.path()), RendererChoice::UserChoice);
    }
}
