"""eventwire: news articles into verifiable structured knowledge."""

from .core.analyzer import Analyzer, analyze
from .errors import ConfigError, EventwireError, InputError, StageError
from .settings import Settings

__version__ = "0.1.0"
__all__ = ["Analyzer", "analyze", "Settings", "EventwireError", "InputError", "ConfigError", "StageError"]
