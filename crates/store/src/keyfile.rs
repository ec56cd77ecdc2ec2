//! The recovery key file, `secretariat.key`, kept beside the database.
//!
//! It holds the database key wrapped (ChaCha20-Poly1305) under a key derived
//! from the recovery passphrase with Argon2id, so a lost keychain entry is
//! recoverable — and it is how headless runs (`SECRETARIAT_PASSPHRASE`) open
//! the database. It also holds a *check value*: a constant sealed under the
//! database key itself. SQLite reports a wrong key and a damaged file with the
//! same code (26); the check value tells the two apart without the passphrase.

use crate::key::{DatabaseKey, KEY_LEN, Passphrase};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::Path;
use zeroize::Zeroizing;

const FORMAT: u32 = 1;
const CHECK_PLAINTEXT: &[u8] = b"secretariat database key check v1";

/// Argon2id cost. The defaults follow RFC 9106's second recommendation
/// (64 MiB, 3 passes); tests use [`KdfParams::fast_for_tests`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub memory_kib: u32,
    pub iterations: u32,
    pub parallelism: u32,
}

impl Default for KdfParams {
    fn default() -> Self {
        Self { memory_kib: 64 * 1024, iterations: 3, parallelism: 1 }
    }
}

impl KdfParams {
    /// Cheap parameters so that a test suite creating many databases stays quick.
    pub fn fast_for_tests() -> Self {
        Self { memory_kib: 64, iterations: 1, parallelism: 1 }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Sealed {
    nonce: String,
    ciphertext: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Kdf {
    algorithm: String,
    #[serde(flatten)]
    params: KdfParams,
    salt: String,
}

/// The key file's contents (JSON). Nothing in it is secret without the passphrase.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct KeyFile {
    format: u32,
    /// Names the database's entry in the keychain.
    pub database_id: String,
    kdf: Kdf,
    wrapped_key: Sealed,
    key_check: Sealed,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyFileError {
    #[error("the key file could not be read: {0}")]
    Unreadable(String),
    #[error("the key file is damaged: {0}")]
    Damaged(String),
    #[error("the recovery passphrase is not the one this database was created with")]
    WrongPassphrase,
}

impl KeyFile {
    pub fn create(database_id: &str, key: &DatabaseKey, passphrase: &Passphrase, params: KdfParams) -> Self {
        let mut salt = [0u8; 16];
        rand::rngs::OsRng.fill_bytes(&mut salt);
        let wrapping = derive(passphrase, &salt, params).expect("fresh Argon2 parameters are valid");
        Self {
            format: FORMAT,
            database_id: database_id.to_owned(),
            kdf: Kdf { algorithm: "argon2id".into(), params, salt: hex::encode(salt) },
            wrapped_key: seal(&wrapping, key.as_bytes()),
            key_check: seal(key.as_bytes(), CHECK_PLAINTEXT),
        }
    }

    /// Unwraps the database key with the recovery passphrase.
    pub fn unwrap_key(&self, passphrase: &Passphrase) -> Result<DatabaseKey, KeyFileError> {
        if self.kdf.algorithm != "argon2id" {
            return Err(KeyFileError::Damaged(format!("unknown key derivation '{}'", self.kdf.algorithm)));
        }
        let salt = hex::decode(&self.kdf.salt).map_err(|_| KeyFileError::Damaged("salt is not hex".into()))?;
        let wrapping = derive(passphrase, &salt, self.kdf.params)?;
        let bytes = open(&wrapping, &self.wrapped_key)?.ok_or(KeyFileError::WrongPassphrase)?;
        let bytes: [u8; KEY_LEN] = bytes.as_slice().try_into().map_err(|_| KeyFileError::Damaged("wrapped key has the wrong length".into()))?;
        let key = DatabaseKey::from_bytes(bytes);
        if !self.matches(&key) {
            return Err(KeyFileError::Damaged("the unwrapped key fails its check value".into()));
        }
        Ok(key)
    }

    /// Whether `key` is this database's key (without touching the database).
    pub fn matches(&self, key: &DatabaseKey) -> bool {
        matches!(open(key.as_bytes(), &self.key_check), Ok(Some(text)) if text.as_slice() == CHECK_PLAINTEXT)
    }

    pub fn read(path: &Path) -> Result<Self, KeyFileError> {
        let text = std::fs::read_to_string(path).map_err(|e| KeyFileError::Unreadable(e.to_string()))?;
        let file: KeyFile = serde_json::from_str(&text).map_err(|e| KeyFileError::Damaged(e.to_string()))?;
        if file.format != FORMAT {
            return Err(KeyFileError::Damaged(format!("unknown format {}", file.format)));
        }
        Ok(file)
    }

    /// Writes to a temporary name in the same folder, syncs, then renames over `path`.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        let dir = path.parent().unwrap_or(Path::new("."));
        let mut temp = tempfile::Builder::new().prefix(".secretariat.key.").tempfile_in(dir)?;
        serde_json::to_writer_pretty(&mut temp, self)?;
        temp.write_all(b"\n")?;
        temp.as_file().sync_all()?;
        temp.persist(path).map_err(|e| e.error)?;
        Ok(())
    }
}

fn derive(passphrase: &Passphrase, salt: &[u8], params: KdfParams) -> Result<Zeroizing<[u8; 32]>, KeyFileError> {
    let params = Params::new(params.memory_kib, params.iterations, params.parallelism, Some(32))
        .map_err(|e| KeyFileError::Damaged(format!("key derivation parameters: {e}")))?;
    let mut out = Zeroizing::new([0u8; 32]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passphrase.as_bytes(), salt, out.as_mut())
        .map_err(|e| KeyFileError::Damaged(format!("key derivation: {e}")))?;
    Ok(out)
}

fn seal(key: &[u8; 32], plaintext: &[u8]) -> Sealed {
    let mut nonce = [0u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    let ciphertext = cipher.encrypt(Nonce::from_slice(&nonce), plaintext).expect("sealing in memory cannot fail");
    Sealed { nonce: hex::encode(nonce), ciphertext: hex::encode(ciphertext) }
}

/// `Ok(None)` when the key is wrong; `Err` when the sealed value is malformed.
fn open(key: &[u8; 32], sealed: &Sealed) -> Result<Option<Zeroizing<Vec<u8>>>, KeyFileError> {
    let nonce = hex::decode(&sealed.nonce).map_err(|_| KeyFileError::Damaged("nonce is not hex".into()))?;
    let ciphertext = hex::decode(&sealed.ciphertext).map_err(|_| KeyFileError::Damaged("ciphertext is not hex".into()))?;
    if nonce.len() != 12 {
        return Err(KeyFileError::Damaged("nonce has the wrong length".into()));
    }
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key));
    Ok(cipher.decrypt(Nonce::from_slice(&nonce), ciphertext.as_slice()).ok().map(Zeroizing::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_for(key: &DatabaseKey) -> KeyFile {
        KeyFile::create("db-1", key, &Passphrase::new("a long recovery phrase"), KdfParams::fast_for_tests())
    }

    #[test]
    fn the_right_passphrase_unwraps_the_key() {
        let key = DatabaseKey::generate();
        let unwrapped = file_for(&key).unwrap_key(&Passphrase::new("a long recovery phrase")).unwrap();
        assert_eq!(unwrapped, key);
    }

    #[test]
    fn a_wrong_passphrase_is_told_apart_from_damage() {
        let file = file_for(&DatabaseKey::generate());
        assert_eq!(file.unwrap_key(&Passphrase::new("not it")).unwrap_err(), KeyFileError::WrongPassphrase);
    }

    #[test]
    fn the_check_value_recognises_only_its_own_key() {
        let key = DatabaseKey::generate();
        let file = file_for(&key);
        assert!(file.matches(&key));
        assert!(!file.matches(&DatabaseKey::generate()));
    }

    #[test]
    fn the_file_round_trips_and_holds_no_key_in_the_clear() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secretariat.key");
        let key = DatabaseKey::generate();
        file_for(&key).write(&path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.to_lowercase().contains(&*key.to_hex()));
        let read = KeyFile::read(&path).unwrap();
        assert_eq!(read.unwrap_key(&Passphrase::new("a long recovery phrase")).unwrap(), key);
    }

    #[test]
    fn a_mangled_file_is_reported_as_damaged() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("secretariat.key");
        std::fs::write(&path, "{ not json").unwrap();
        assert!(matches!(KeyFile::read(&path), Err(KeyFileError::Damaged(_))));
    }
}
