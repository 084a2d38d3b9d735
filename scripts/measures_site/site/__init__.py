"""The MkDocs build: its events, the theme's data, the search index, share images, the files written beside the pages (open data, feed, redirects) and the passes over every built page."""
