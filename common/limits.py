"""Sizes the API accepts, in one place so both builds, the docs and the client agree."""

TITLE_MAX_LENGTH = 200
CONTENT_MAX_LENGTH = 2000
USERNAME_MIN_LENGTH = 3
USERNAME_MAX_LENGTH = 30
PASSWORD_MIN_LENGTH = 8
PASSWORD_MAX_LENGTH = 128

#: Largest request body accepted. The longest valid body (2000 characters, each escaped as a
#: JSON surrogate pair) stays well below it.
BODY_MAX_BYTES = 64 * 1024

PAGE_SIZE_DEFAULT = 20
PAGE_SIZE_MAX = 100
COMMENTS_PAGE_SIZE_DEFAULT = 100
COMMENTS_PAGE_SIZE_MAX = 100

#: The largest id either build hands out (a PostgreSQL bigint).
ID_MAX = 2**63 - 1
