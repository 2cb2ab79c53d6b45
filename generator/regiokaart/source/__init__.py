"""Stage 1, the files on disk: YAML read with the file and line of every value, a record reread after an edit, a value written back in place; the project's folders; network reads."""
