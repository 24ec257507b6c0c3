"""Data crossing the border: imports of every kind, CSV and Excel exports, Swedish numbers
read and written, names compared."""
