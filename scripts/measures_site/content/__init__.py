"""Convert and render: the validated model -> each script's text -> page records (Markdown from templates), the interface's words and every page's path."""
