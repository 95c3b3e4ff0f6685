"""eventwire: news articles into verifiable structured knowledge."""

from .errors import ConfigError, EventwireError, InputError, StageError
from .pipeline import Analyzer, analyze
from .settings import Settings

__version__ = "0.1.0"
__all__ = ["Analyzer", "analyze", "Settings", "EventwireError", "InputError", "ConfigError", "StageError"]
