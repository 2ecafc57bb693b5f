from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL

from dataloaders import create_loaders
from dataloaders.accounts import UserByIdLoader
from resolvers.actor import ANONYMOUS, Actor
from schema.core.context import Context, Services
from server.auth import Unauthenticated, resolve_actor
from server.evictions import Evictions
from server.ratelimit import RateLimiter, bucket, too_many
from server.socket_watch import SocketWatch
from server.websocket import GuardedHandler, SocketLimits, Sockets, credential_headers


def _is_operation(scope: Any) -> bool:
    """POSTs, and GETs that carry a query (a bare GET serves GraphiQL)."""
    if scope["method"] == "POST":
        return True
    return scope["method"] == "GET" and b"query=" in scope.get("query_string", b"")


def _request_error(result: dict[str, Any]) -> bool:
    errors = result.get("errors") or []
    return result.get("data") is None and any(
        "path" not in e and (e.get("extensions") or {}).get("code") == "BAD_USER_INPUT" for e in errors
    )


def refusal(status: int, message: str) -> Response:
    """An HTTP-level refusal as a GraphQL error body with a code."""
    body = {"data": None, "errors": [{"message": message, "extensions": {"code": "BAD_USER_INPUT"}}]}
    return Response(json.dumps(body), status_code=status, media_type="application/json")


class GraphQLView(GraphQL[Context, None]):
    """Strawberry over Starlette: a fresh context (actor, loaders) per request or connection."""

    graphql_transport_ws_handler_class = GuardedHandler

    def __init__(
        self,
        schema: Any,
        *,
        services: Services,
        service_key: str,
        graphiql: bool,
        allowed_origins: tuple[str, ...] = (),
        limiter: RateLimiter | None = None,
        socket_limits: SocketLimits | None = None,
    ) -> None:
        super().__init__(
            schema,
            graphql_ide="graphiql" if graphiql else None,
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            keep_alive=True,
            keep_alive_interval=15,
            max_subscriptions_per_connection=20,
            allowed_origins=allowed_origins,
        )
        self.services = services
        self.service_key = service_key
        self.limiter = limiter
        self.socket_limits = socket_limits or SocketLimits()
        self.sockets = Sockets()
        self.evictions = Evictions(services.subscribe)
        self.socket_watch = SocketWatch(
            services, service_key=service_key, every=self.socket_limits.recheck_seconds
        )

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        response = await self._authenticate(scope) if _is_operation(scope) else None
        if response is None:
            try:
                response = await self.run(Request(scope, receive))
            except HTTPException as exc:
                response = refusal(exc.status_code, exc.reason)
        await response(scope, receive, send)

    def decode_json(self, data: str | bytes) -> object:
        try:
            return json.loads(data)
        except RecursionError:
            raise HTTPException(400, "The JSON body is nested too deeply.") from None

    def create_response(self, response_data: Any, sub_response: Response) -> Response:
        """A request the server could not start to execute (variables that do not coerce) is a 400."""
        response = super().create_response(response_data, sub_response)
        if isinstance(response_data, dict) and _request_error(response_data):
            response.status_code = 400
        return response

    async def _authenticate(self, scope: Any) -> Response | None:
        """Resolve the actor, then count the request against its bucket; a refusal is a response."""
        headers = {k.decode().lower(): v.decode() for k, v in scope["headers"]}
        actor: Actor | None = None
        failure: Unauthenticated | None = None
        try:
            actor = await resolve_actor(self.services, headers, service_key=self.service_key)
        except Unauthenticated as exc:
            failure = exc
        if self.limiter is not None:
            client = (scope.get("client") or ("unknown", 0))[0]
            wait = await self.limiter.hit(*bucket(actor, client))
            if wait is not None:
                return too_many(wait)
        if failure is not None:
            body = {
                "data": None,
                "errors": [{"message": str(failure), "extensions": {"code": "UNAUTHENTICATED"}}],
            }
            return Response(
                json.dumps(body),
                status_code=401,
                media_type="application/json",
                headers={"www-authenticate": "Bearer"},
            )
        scope.setdefault("state", {})["actor"] = actor
        return None

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        actor = request.scope.get("state", {}).get("actor", ANONYMOUS)
        loaders = create_loaders(self.services.db)
        if actor.row is not None:
            loaders.get(UserByIdLoader).prime(actor.user_id, actor.row)
        return Context(
            services=self.services, actor=actor, loaders=loaders, request=request, response=response
        )

    async def on_ws_connect(self, context: Context) -> Any:
        headers = credential_headers(context.connection_params)
        try:
            context.actor = await resolve_actor(self.services, headers, service_key=self.service_key)
        except Unauthenticated as exc:
            raise ConnectionRejectionError({"message": str(exc), "code": "UNAUTHENTICATED"}) from None
        return None
