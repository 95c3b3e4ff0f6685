"""The revisions, one file each, oldest first: 0001 is the store as eventwire 0.1 made it."""
