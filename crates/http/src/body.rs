//! Reading an answer's body without trusting its size: a broken or hostile
//! server may send gigabytes, so the body is read piece by piece and refused
//! as soon as it passes a cap, never buffered whole first.

/// Why a body could not be read.
#[derive(Debug)]
pub enum BodyError {
    /// More than the cap, by `Content-Length` or while it streamed.
    TooLarge { cap: usize },
    /// The connection failed (or the whole-request timeout ran out) mid-body.
    Transport(reqwest::Error),
}

/// The whole body of `response`, or [`BodyError::TooLarge`] once more than
/// `cap` bytes have arrived (at once when `Content-Length` says so). Memory
/// stays under `cap` plus one chunk, whatever the server sends. The
/// client's whole-request timeout keeps running while the body arrives, so
/// a server that trickles bytes still times out.
pub async fn read_capped(
    mut response: reqwest::Response,
    cap: usize,
) -> Result<Vec<u8>, BodyError> {
    let declared = response.content_length().unwrap_or(0);
    if usize::try_from(declared).map_or(true, |declared| declared > cap) {
        return Err(BodyError::TooLarge { cap });
    }
    // Content-Length is a hint only; the stream is what counts.
    let mut body = Vec::with_capacity(first_capacity(declared));
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len() + chunk.len() > cap {
            return Err(BodyError::TooLarge { cap });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// The most reserved up front from a `Content-Length`: a server may declare
/// 64 MiB and send ten bytes, and the reservation would be held all the same.
const MAX_FIRST_CAPACITY: usize = 1024 * 1024;

fn first_capacity(declared: u64) -> usize {
    usize::try_from(declared)
        .unwrap_or(usize::MAX)
        .min(MAX_FIRST_CAPACITY)
}

/// `bytes` as a person reads it: "64 MiB", "512 KiB", "100 bytes".
pub fn describe_size(bytes: usize) -> String {
    const KIB: usize = 1024;
    const MIB: usize = 1024 * KIB;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= KIB && bytes.is_multiple_of(KIB) {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_declared_length_reserves_at_most_one_mebibyte() {
        assert_eq!(first_capacity(10), 10);
        assert_eq!(first_capacity(64 * 1024 * 1024), MAX_FIRST_CAPACITY);
        assert_eq!(first_capacity(u64::MAX), MAX_FIRST_CAPACITY);
    }

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(describe_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(describe_size(512 * 1024), "512 KiB");
        assert_eq!(describe_size(1000), "1000 bytes");
    }
}
