"""The FINSAM logic: plain functions over a connection that return frames and dataclasses
of numbers, dates and plain text. No Streamlit, Plotly, HTML or Swedish number formatting."""
