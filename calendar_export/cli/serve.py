"""``calendar-export serve``: the subscription feed on a real ASGI server (uvicorn)."""

from __future__ import annotations

import socket
import tempfile
from pathlib import Path

import click

from ..errors import CalendarExportError
from .output import echo_err

#: What ``serve`` shows when given no store and no articles (from a checkout).
SAMPLES = Path("data/samples")


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--store",
    "store_path",
    envvar="CALENDAR_EXPORT_STORE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The store file (SQLite, created when missing). Default: a temporary store "
    "holding the given articles, or the sample articles. Env: CALENDAR_EXPORT_STORE.",
)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(0, 65535),
    help="Port (0: any free one; the address is printed).",
)
@click.option(
    "--token",
    envvar="CALENDAR_EXPORT_TOKEN",
    help="Bearer token that turns on POST /articles (off without one). Env: CALENDAR_EXPORT_TOKEN.",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="A Host header value to answer (repeatable); others get 400, since the feed's "
    "links are built from it. Default: the --host address, localhost, 127.0.0.1 and ::1; "
    "'*' answers any.",
)
@click.option("--name", default="calendar-export", show_default=True, help="Calendar name.")
@click.option(
    "--past-days",
    type=click.IntRange(0),
    help="Leave out events that ended more than this many days ago (default: keep all). "
    "Calendar clients drop feeds over about 1 MB; 90 keeps a live feed small.",
)
def serve(
    paths: tuple[Path, ...],
    store_path: Path | None,
    host: str,
    port: int,
    token: str | None,
    allowed_hosts: tuple[str, ...],
    name: str,
    past_days: int | None,
) -> None:
    """Serve a store as a calendar feed, a JSON list and a timeline page.

    Articles given as PATHS are ingested first. Calendars subscribe to
    /calendar.ics (filters: min_confidence, status, kind, country, from, to,
    upcoming=1); people open /. With no --store and no PATHS, the bundled
    sample articles (data/samples) are served from a temporary store.

    \b
    Examples:
      calendar-export serve --store feed.sqlite
      calendar-export serve news/ --store feed.sqlite --port 8080 --past-days 90
      CALENDAR_EXPORT_TOKEN=s3cret calendar-export serve --store feed.sqlite
      curl 'http://127.0.0.1:8000/calendar.ics?min_confidence=0.5&upcoming=1'
    """
    try:
        import uvicorn

        from ..server import create_app
        from ..store import Store
    except ImportError as exc:
        echo_err(
            f"error: serving needs the server extra: pip install 'calendar-export[server]' ({exc})"
        )
        raise SystemExit(1) from exc
    from .ingest import ingest_paths

    with tempfile.TemporaryDirectory(prefix="calendar-export-") as tmp:
        if store_path is None and not paths and SAMPLES.is_dir():
            paths = (SAMPLES,)
        try:
            store = Store(store_path or Path(tmp) / "feed.sqlite")
        except CalendarExportError as exc:
            echo_err(f"error: {exc}")
            raise SystemExit(1) from exc
        with store:
            if paths:
                ingest_paths(store, paths)
            sock = _bind(host, port)
            shown = f"[{host}]" if ":" in host else host
            url = f"http://{shown}:{sock.getsockname()[1]}/"
            click.echo(f"Serving {store.counts()['events']} event(s) from {store.path}")
            click.echo(f"Page: {url}  Feed: {url}calendar.ics  (Ctrl-C stops)", color=False)
            hosts = list(allowed_hosts) or [host, "localhost", "127.0.0.1", "::1", "[::1]"]
            app = create_app(
                store,
                token=token,
                name=name,
                past_days=past_days,
                allowed_hosts=None if "*" in hosts else hosts,
            )
            config = uvicorn.Config(app, log_level="warning", ws="none", lifespan="off")
            uvicorn.Server(config).run(sockets=[sock])


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        echo_err(f"error: cannot listen on {host}:{port} ({exc.strerror}); try another --port")
        raise SystemExit(1) from exc
    sock.listen(128)
    return sock
