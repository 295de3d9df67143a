"""`GET /internal/posts/{id}`: the facts of one post, as its `PostCreated` event carries them.

Other services learn of posts from that event. Only where a client already holds a post the
event has not brought them yet (it was written a moment ago) do they ask here, through
`microservices/posts/client.py`. The gateway does not expose this path.
"""

from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from common.posts.errors import PostNotFound
from common.posts.events import PostCreated
from microservices.posts.models import Post as PostRow


class PostFactsApi(APIView):
    permission_classes = [AllowAny]

    def get(self, request, post_id: int):
        row = PostRow.objects.filter(pk=post_id).first()
        if row is None:
            raise PostNotFound
        return Response(PostCreated.of(row.as_post()).model_dump(mode="json"))
