"""Hashnode: GraphQL ``publishPost`` / ``updatePost`` at gql.hashnode.com,
header ``Authorization: <token>``. GraphQL errors come back with HTTP 200."""

from __future__ import annotations

from .base import Client, Remote, RemoteError, json_of

PUBLISH = """mutation PublishPost($input: PublishPostInput!) {
  publishPost(input: $input) { post { id url } }
}"""
UPDATE = """mutation UpdatePost($input: UpdatePostInput!) {
  updatePost(input: $input) { post { id url } }
}"""


class HashnodeClient(Client):
    name = "hashnode"
    tokens = ("HASHNODE_TOKEN",)
    base_env = "HASHNODE_API_BASE"
    default_base = "https://gql.hashnode.com"

    def _call(self, query: str, field: str, variables: dict) -> Remote:
        url = self.base
        response = self.http.request(
            "POST",
            url,
            json={"query": query, "variables": variables},
            headers={"Authorization": self.token("HASHNODE_TOKEN")},
        )
        data = json_of(response, url)
        if data.get("errors"):
            messages = "; ".join(
                str(e.get("message", e)) for e in data["errors"] if isinstance(e, dict)
            )
            raise RemoteError(f"Hashnode refused the post: {messages}", sent=False)
        try:
            post = data["data"][field]["post"]
            return Remote(str(post["id"]), str(post.get("url") or ""))
        except (KeyError, TypeError):
            raise RemoteError(f"{url} answered without a post id") from None

    def create(self, entry: dict) -> Remote:
        return self._call(PUBLISH, "publishPost", {"input": entry["payload"]})

    def update(self, remote_id: str, entry: dict) -> Remote:
        fields = {k: v for k, v in entry["payload"].items() if k != "publicationId"}
        return self._call(UPDATE, "updatePost", {"input": {"id": remote_id, **fields}})
