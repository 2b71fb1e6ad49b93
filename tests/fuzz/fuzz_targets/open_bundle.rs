//! Fuzz target: `bundle::open` (and the plaintext reader behind it, which random bytes rarely
//! reach through the envelope) must return an error for any input, never panic or hang.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use minqing::sync::bundle;
use minqing::sync::keys::DeviceKeys;

/// The golden bundles' recipient, so a corpus seeded with `tests/golden/v2.mqb` (format 2, with
/// origin seals) or `v1.mqb` (refused as older) decrypts and reaches the plaintext reader.
fn keys() -> &'static DeviceKeys {
    static KEYS: OnceLock<DeviceKeys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../golden/v1_recipient.keys");
        DeviceKeys::load(&path).expect("tests/golden/v1_recipient.keys")
    })
}

fuzz_target!(|data: &[u8]| {
    let _ = bundle::open(data, keys());
    let _ = bundle::parse_plaintext(data);
});
