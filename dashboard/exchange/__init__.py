"""Data crossing the border: imports, CSV and Excel exports, Swedish numbers read and written.

Every import checks a file whole before anything is written; the Swedish formats live here
because the imports' messages write numbers too, and this layer sits below the view.
"""
