"""User-facing errors.

    EventwireError              anything a user can fix; str() is a one-line message
     ├── InputError             a file or record we cannot read (names the input)
     ├── ConfigError            a setting, model name or dictionary we cannot use
     ├── StageError             a pipeline stage failed on one article (names both)
     └── StoreError             the corpus store cannot be opened or written (names the store)

Library code raises these and never prints or exits; the CLI turns them into one line
on stderr and a non-zero exit code. Every message says what to do next.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class: a problem the user can act on."""


class InputError(EventwireError):
    """An input file or record cannot be analysed."""

    def __init__(self, source: str, problem: str, fix: str):
        self.source = source
        self.problem = problem
        self.fix = fix
        super().__init__(f"{source}: {problem} — {fix}")


class ConfigError(EventwireError):
    """A setting, model or dictionary cannot be used."""


class StageError(EventwireError):
    """A stage raised an unexpected error on one article; the batch goes on."""

    def __init__(self, stage: str, article: str, cause: BaseException):
        self.stage = stage
        self.article = article
        self.cause = cause
        super().__init__(
            f"{article}: the {stage} stage failed ({type(cause).__name__}: {cause}) — "
            "the other articles were analysed; please report this with the article text"
        )


class StoreError(EventwireError):
    """The corpus store cannot be opened, read or written; what was stored stays consistent."""

    def __init__(self, store: str, problem: str, fix: str):
        self.store = store
        self.problem = problem
        self.fix = fix
        super().__init__(f"{store}: {problem} — {fix}")
