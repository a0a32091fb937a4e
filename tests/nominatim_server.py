"""A Nominatim-compatible HTTP server on 127.0.0.1, for tests and benchmarks.

It answers `/search` and `/reverse` in Nominatim's json/jsonv2 formats from a small dict,
counts requests and records when they arrived, and can be told to misbehave: be slow,
answer 429 with Retry-After, answer 500, send malformed JSON, or go away altogether.
"""

from __future__ import annotations

import json
import math
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


def nominatim_place(
    name: str,
    lat: float,
    lon: float,
    *,
    category: str = "place",
    type: str = "village",
    addresstype: str | None = None,
    rank: int = 19,
    country_code: str = "am",
    state: str = "",
) -> dict:
    """One answer as Nominatim's format=json gives it (with addressdetails)."""
    return {
        "place_id": abs(hash(name)) % 10**8,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
        "osm_type": "node",
        "osm_id": abs(hash(name)) % 10**9,
        "lat": f"{lat:.7f}",
        "lon": f"{lon:.7f}",
        "class": category,
        "type": type,
        "place_rank": rank,
        "importance": 0.4,
        "addresstype": addresstype or type,
        "name": name,
        "display_name": ", ".join(filter(None, [name, state, country_code.upper()])),
        "address": {"state": state, "country_code": country_code},
        "boundingbox": [str(lat - 0.01), str(lat + 0.01), str(lon - 0.01), str(lon + 0.01)],
    }


@dataclass
class Arrival:
    path: str
    params: dict[str, str]
    at: float
    """time.monotonic() when the request arrived."""


class NominatimServer:
    """`places` maps a lower-cased query to its answers. Set `mode` to "ok", "slow",
    "rate-limited", "server-error" or "malformed"; `failures` limits how many requests
    misbehave before it answers normally again (None: all of them)."""

    def __init__(self, places: dict[str, list[dict]]) -> None:
        self.places = places
        self.mode = "ok"
        self.failures: int | None = None
        self.delay = 1.0
        self.retry_after = "1"
        self.malformed_body = b'[{"lat": "40.1", "lon": '
        self.arrivals: list[Arrival] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def domain(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"{host}:{port}"

    @property
    def count(self) -> int:
        return len(self.arrivals)

    def start(self) -> NominatimServer:
        self._thread.start()
        return self

    def go_away(self) -> None:
        """Stop listening: from now on connections are refused."""
        if self._thread.is_alive():
            self._httpd.shutdown()
        self._httpd.server_close()

    def _misbehaving(self) -> str:
        with self._lock:
            if self.mode == "ok" or self.failures == 0:
                return "ok"
            if self.failures is not None:
                self.failures -= 1
            return self.mode

    def _answer(self, path: str, params: dict[str, str]):
        if path == "/search":
            found = self.places.get(params.get("q", "").strip().lower(), [])
            limit = int(params.get("limit", 10))
            return [_formatted(place, params) for place in found[:limit]]
        if path == "/reverse":
            lat, lon = float(params["lat"]), float(params["lon"])
            everything = [place for answers in self.places.values() for place in answers]
            near = [p for p in everything if _distance(p, lat, lon) < 0.05]
            if not near:
                return {"error": "Unable to geocode"}
            return _formatted(min(near, key=lambda p: _distance(p, lat, lon)), params)
        return None

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                url = urlsplit(self.path)
                params = {key: values[-1] for key, values in parse_qs(url.query).items()}
                with server._lock:
                    server.arrivals.append(Arrival(url.path, params, time.monotonic()))
                mode = server._misbehaving()
                if mode == "slow":
                    time.sleep(server.delay)
                if mode == "rate-limited":
                    self._send(429, b'{"error": "Too Many Requests"}', server.retry_after)
                elif mode == "server-error":
                    self._send(500, b"<html>Internal Server Error</html>")
                elif mode == "malformed":
                    self._send(200, server.malformed_body)
                else:
                    answer = server._answer(url.path, params)
                    if answer is None:
                        self._send(404, b'{"error": "not found"}')
                    else:
                        self._send(200, json.dumps(answer).encode())

            def _send(self, status: int, body: bytes, retry_after: str | None = None) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json; charset=utf-8")
                    self.send_header("Content-Length", str(len(body)))
                    if retry_after is not None:
                        self.send_header("Retry-After", retry_after)
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting (a timeout test)

            def log_message(self, format, *args):  # noqa: A002 - http.server's signature
                pass

        return Handler


def _formatted(place: dict, params: dict[str, str]) -> dict:
    answer = dict(place)
    if params.get("format") == "jsonv2":
        answer["category"] = answer.pop("class")
    if params.get("addressdetails") != "1":
        answer.pop("address", None)
    return answer


def _distance(place: dict, lat: float, lon: float) -> float:
    return math.hypot(float(place["lat"]) - lat, float(place["lon"]) - lon)
