"""Fault 15: the token signing key is rotated, service by service, while users stay signed
in (decision 14's three steps, on the running split build)."""

import jwt

from common.auth.keys import new_pair, public_text, signing_key


def writes(api, token: str, post_id: int) -> tuple[int, int]:
    auth = {"Authorization": f"Bearer {token}"}
    return (
        api.post("/posts", json={"title": "still signed in"}, headers=auth).status_code,
        api.post(f"/posts/{post_id}/comments", json={"content": "yes"}, headers=auth).status_code,
    )


def test_a_key_rotation_keeps_signed_in_users_signed_in(postgres_pass, api, writer, stack, record):
    post = api.create_post(writer, "before the rotation")
    old = public_text(signing_key(stack.token_key).public)
    new_key, new = new_pair()
    everyone = list(stack.plan["services"])

    stack.restart_with_env(everyone, TANDEM_TOKEN_PUBLIC_KEYS=f"{old},{new}")
    assert writes(api, writer.token, post["id"]) == (201, 201), "step 1: both keys accepted"

    stack.restart_with_env(["users"], TANDEM_TOKEN_SIGNING_KEY=new_key)
    signed_in = api.sign_in(writer.username, writer.password)
    assert signed_in.status_code == 200
    fresh = signed_in.json()["token"]
    assert jwt.get_unverified_header(fresh)["kid"] == signing_key(new_key).kid
    assert writes(api, writer.token, post["id"]) == (201, 201), "step 2: old tokens still work"
    assert writes(api, fresh, post["id"]) == (201, 201)

    stack.restart_with_env(everyone, TANDEM_TOKEN_PUBLIC_KEYS=new)
    assert writes(api, fresh, post["id"]) == (201, 201), "step 3: new tokens work"
    assert writes(api, writer.token, post["id"]) == (401, 401), "the old key is gone"
    record.during = (
        "every service restarted with both public keys, then users with the new signing key: "
        "tokens of either key were accepted by posts and comments throughout"
    )
    record.after = "once the old public key was dropped, only its tokens were refused (401)"
