"""What the posts service consumes while posts move here from the monolith
(`TANDEM_TAKING_OVER`, step 5 of docs/migration.md): the monolith's posts, copied from their
`PostCreated` with their ids, authors and moments. Otherwise it consumes nothing."""

from common.copied_rows import create_as_of
from common.events.envelope import Envelope
from common.posts.events import PostCreated
from microservices.posts.models import Post


def post_copied(event: Envelope) -> None:
    """A post never changes: one held already (this service's own too) is left as it is."""
    fact: PostCreated = event.payload
    if Post.objects.filter(pk=fact.post_id).exists():
        return
    create_as_of(
        Post,
        pk=fact.post_id,
        created_at=fact.created_at,
        title=fact.title,
        author_id=fact.author.id,
        author_username=fact.author.username,
    )


TAKING_OVER = {PostCreated: post_copied}
