"""Where the data lives and how it is read and written: connection, build, named SQL,
backups, replicas, the write lock."""
