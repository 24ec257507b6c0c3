"""Where the data lives and how it is read and written.

The database file and its connection, the embedded data built from ``data/*.csv``, the named
SQL, the write lock and every write, backups and the copies for reader processes.
"""
