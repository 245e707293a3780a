"""``calendar-export serve``: the subscription feed on a real ASGI server (uvicorn)."""

from __future__ import annotations

import resource
import signal
import tempfile
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    import socket

    import uvicorn

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
@click.option(
    "--adopt",
    is_flag=True,
    help="Add the store's tables to a SQLite file another program made (refused otherwise).",
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
    adopt: bool,
) -> None:
    """Serve a store as a calendar feed, a JSON list and a timeline page.

    Articles given as PATHS are ingested first. Calendars subscribe to
    /calendar.ics (filters: min_confidence, status, kind, country, from, to,
    upcoming=1); people open /. With no --store and no PATHS, the sample
    articles of a source checkout (data/samples) are served from a temporary
    store. SIGTERM stops it as Ctrl-C does.

    \b
    Examples:
      calendar-export serve --store feed.sqlite
      calendar-export serve news/ --store feed.sqlite --port 8080 --past-days 90
      CALENDAR_EXPORT_TOKEN=s3cret calendar-export serve --store feed.sqlite
      curl 'http://127.0.0.1:8000/calendar.ics?min_confidence=0.5&upcoming=1'
    """
    try:
        import uvicorn

        from ..extractor import shared_extractor
        from ..listener import Limits, bind, server_config
        from ..server import create_app
        from ..store import Store
    except ImportError as exc:
        echo_err(
            f"error: serving needs the server extra: pip install 'calendar-export[server]' ({exc})"
        )
        raise SystemExit(1) from exc
    from .ingest import ingest_paths

    if store_path is None and not paths:
        if not SAMPLES.is_dir():
            echo_err(
                "error: no --store and no articles to serve, and no sample articles here "
                f"({SAMPLES} is in a source checkout, not in the installed package); pass "
                "--store FILE, or article files or folders"
            )
            raise SystemExit(1)
        paths = (SAMPLES,)
    # SIGTERM unwinds as Ctrl-C does, from here on: the store is closed and the
    # temporary folder removed, whether it comes while ingesting or while serving.
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        with tempfile.TemporaryDirectory(prefix="calendar-export-") as tmp:
            try:
                store = Store(store_path or Path(tmp) / "feed.sqlite", adopt=adopt)
            except CalendarExportError as exc:
                echo_err(f"error: {exc}")
                raise SystemExit(1) from exc
            with store:
                if paths:
                    ingest_paths(store, paths)
                if token and token.strip():
                    shared_extractor().warm()  # POST /articles is on
                try:
                    sock = bind(host, port)
                except OSError as exc:
                    why = exc.strerror
                    echo_err(f"error: cannot listen on {host}:{port} ({why}); try another --port")
                    raise SystemExit(1) from exc
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
                limits = Limits(max_connections=_connection_cap())
                _run_until_stopped(uvicorn.Server(server_config(app, limits)), sock)
    except _Stopped:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo("Stopped.")


class _Stopped(Exception):
    """SIGTERM arrived: unwind as Ctrl-C does, closing the store and the temporary folder."""


def _stop(signum: int, frame: FrameType | None) -> None:
    raise _Stopped(signum)


def _run_until_stopped(server: uvicorn.Server, sock: socket.socket) -> None:
    # uvicorn shuts down gracefully on SIGINT and SIGTERM, then raises the signal again
    # under the handler found before it started: KeyboardInterrupt, or _Stopped.
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


def _connection_cap() -> int:
    """Connections to hold at most: raise the open-file limit as far as allowed, and stay
    well below it, so that accept() never fails for want of file descriptors."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = 4096 if hard == resource.RLIM_INFINITY else min(hard, 4096)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
            soft = wanted
        except (ValueError, OSError):
            pass
    return max(16, min(1024, (soft if soft != resource.RLIM_INFINITY else 4096) // 2 - 32))
