"""The command line around the build: the fix, the review of a change, the addresses a change moves, GitHub's annotations, where a build may publish, and Ctrl-C."""
