"""The public surface: what ``import calendar_export`` offers, and nothing by accident."""

import inspect

import calendar_export


def test_exported_members_are_exactly_all() -> None:
    public = {name for name in dir(calendar_export) if not name.startswith("_")}
    modules = {"api", "errors", "models", "resources", "pipeline", "ics", "cli", "scoring"}
    modules |= {"readers", "batch", "cluster", "cache"}  # imported by their users, not re-exported
    modules |= {"store", "server", "page"}  # the feed (issue 5), imported on demand
    modules |= {"identity", "story"}  # one meeting across articles (issue 13)
    modules |= {"serving", "listener", "extractor"}  # the feed's HTTP side (issue 15)
    assert public - modules == set(calendar_export.__all__) - {"__version__"}


def test_every_exported_callable_is_documented() -> None:
    for name in calendar_export.__all__:
        member = getattr(calendar_export, name)
        if inspect.isfunction(member) or inspect.isclass(member):
            assert member.__doc__, f"{name} has no docstring"
