"""The web page: static HTML, CSS and JavaScript served by eventwire.api (README.md)."""
