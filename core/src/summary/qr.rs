//! The QR code of a share link, drawn as SVG (scanned off a screen or a printout).

/// A QR code (SVG) of `text` when it fits in one that a phone can read off a screen or paper
/// (version 25 or below, low error correction), else `None`.
pub fn qr_svg(text: &str) -> Option<String> {
    use qrcodegen::{QrCode, QrCodeEcc, QrSegment, Version};
    let segs = QrSegment::make_segments(text);
    let qr =
        QrCode::encode_segments_advanced(&segs, QrCodeEcc::Low, Version::MIN, Version::new(QR_MAX_VERSION), None, true)
            .ok()?;
    let border = 4;
    let size = qr.size();
    let mut path = String::with_capacity((size * size) as usize * 4);
    for y in 0..size {
        for x in 0..size {
            if qr.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + border, y + border));
            }
        }
    }
    let dim = size + 2 * border;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {dim} {dim}\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}

/// The largest QR version [`qr_svg`] makes (117 × 117 modules).
pub const QR_MAX_VERSION: u8 = 25;
