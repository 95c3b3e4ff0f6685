"""eventwire: news articles into verifiable structured knowledge.

`Analyzer` and `analyze` are imported on first use, so that `import eventwire` (and the command
line's --help, --version and argument errors) does not wait for spaCy to load."""

from .errors import ConfigError, EventwireError, InputError, StageError
from .settings import Settings

__version__ = "0.1.0"
__all__ = ["Analyzer", "analyze", "Settings", "EventwireError", "InputError", "ConfigError", "StageError"]


def __getattr__(name: str):
    if name in ("Analyzer", "analyze"):
        from .core import analyzer

        return getattr(analyzer, name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")
