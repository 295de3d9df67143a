"""The keys tokens are signed and verified with: Ed25519, each written as the base64url of
its raw 32 bytes, so that it fits on one line of an env file.

Only the users feature holds the signing key (`TANDEM_TOKEN_SIGNING_KEY`). Every process
verifies with the public keys in `TANDEM_TOKEN_PUBLIC_KEYS` (comma-separated; by default
the signing key's own), each named by its key id, which a token carries in its `kid`
header. To rotate without signing anyone out: add the new public key everywhere, give the
users feature the new signing key, and drop the old public key once the last token it
signed has expired (`TANDEM_TOKEN_TTL_SECONDS`).

    python -m common.auth.keys      # a new pair, as two lines for an env file
"""

from __future__ import annotations

import hashlib
from base64 import urlsafe_b64decode, urlsafe_b64encode
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat


class InvalidKey(ValueError):
    pass


def _text(raw: bytes) -> str:
    return urlsafe_b64encode(raw).rstrip(b"=").decode()


def _raw(text: str) -> bytes:
    try:
        raw = urlsafe_b64decode(text.strip() + "=" * (-len(text.strip()) % 4))
    except ValueError as exc:
        raise InvalidKey("not base64url") from exc
    if len(raw) != 32:
        raise InvalidKey("an Ed25519 key is 32 bytes")
    return raw


def public_text(public: Ed25519PublicKey) -> str:
    return _text(public.public_bytes(Encoding.Raw, PublicFormat.Raw))


def key_id(public: Ed25519PublicKey) -> str:
    """A short name for a public key that anyone holding it can compute."""
    return _text(hashlib.sha256(public_text(public).encode()).digest())[:16]


@dataclass(frozen=True)
class SigningKey:
    private: Ed25519PrivateKey

    @property
    def public(self) -> Ed25519PublicKey:
        return self.private.public_key()

    @property
    def kid(self) -> str:
        return key_id(self.public)


def signing_key(text: str) -> SigningKey:
    return SigningKey(Ed25519PrivateKey.from_private_bytes(_raw(text)))


def public_keys(text: str) -> dict[str, Ed25519PublicKey]:
    """Key id -> key, for every key in a comma-separated list."""
    keys = [
        Ed25519PublicKey.from_public_bytes(_raw(item)) for item in text.split(",") if item.strip()
    ]
    return {key_id(key): key for key in keys}


def new_pair() -> tuple[str, str]:
    """A new signing key and its public key, as text."""
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes_raw()
    return _text(raw), public_text(private.public_key())


#: The key a local run signs with when none is configured. It is public (it is derived from
#: this text), so deployments refuse it (common/checks.py).
DEV_SIGNING_KEY = _text(hashlib.sha256(b"tandem: development only").digest())
DEV_PUBLIC_KEY = public_text(signing_key(DEV_SIGNING_KEY).public)


@lru_cache(maxsize=1)
def configured_signing_key() -> SigningKey:
    from django.conf import settings

    if not settings.TANDEM_TOKEN_SIGNING_KEY:
        raise InvalidKey("this process holds no signing key (TANDEM_TOKEN_SIGNING_KEY)")
    return signing_key(settings.TANDEM_TOKEN_SIGNING_KEY)


@lru_cache(maxsize=1)
def configured_public_keys() -> dict[str, Ed25519PublicKey]:
    from django.conf import settings

    if settings.TANDEM_TOKEN_PUBLIC_KEYS:
        return public_keys(settings.TANDEM_TOKEN_PUBLIC_KEYS)
    key = configured_signing_key()
    return {key.kid: key.public}


if __name__ == "__main__":
    private, public = new_pair()
    print(f"TANDEM_TOKEN_SIGNING_KEY={private}")
    print(f"TANDEM_TOKEN_PUBLIC_KEYS={public}")
