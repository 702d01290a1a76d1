"""postlint: a pre-publish checker for the social-media drafts of community organisations."""

__version__ = "0.1.0"
