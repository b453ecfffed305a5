//! The release CSP allows no inline style elements but those carrying the
//! page's nonce. These are the pieces that must agree for Mantine to work
//! under it; the e2e run in the real window is what proves it renders.

fn workspace_file(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|error| panic!("{path}: {error}"))
}

#[test]
fn inline_styles_need_the_nonce_tauri_adds_and_mantine_is_given() {
    let config: serde_json::Value =
        serde_json::from_str(&workspace_file("tauri.conf.json")).expect("valid JSON");
    let csp = &config["app"]["security"]["csp"];
    // With a nonce in style-src, 'unsafe-inline' would be ignored anyway;
    // leaving it out says what is enforced.
    assert_eq!(csp["style-src"], "'self'");
    // Style attributes (Mantine's style props, floating positions) cannot
    // carry a nonce.
    assert_eq!(csp["style-src-attr"], "'unsafe-inline'");
    // Tauri adds its nonce to style-src only; a style-src-elem would take
    // precedence for <style> elements and shut the nonce out.
    assert!(csp.get("style-src-elem").is_none(), "{csp}");
    assert!(!csp["script-src"]
        .as_str()
        .expect("script-src")
        .contains("unsafe"));

    // Tauri gives a nonce only to <style> elements present in the HTML.
    assert!(workspace_file("../ui/index.html").contains(r#"<style id="paybridge-style-nonce">"#));
    let main = workspace_file("../ui/src/main.tsx");
    assert!(main.contains("getStyleNonce={() => styleNonce}"));
    // react-remove-scroll (Mantine's modal scroll lock) reads get-nonce.
    assert!(main.contains("setNonce(styleNonce)"));
}
