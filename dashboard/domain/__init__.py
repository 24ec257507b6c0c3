"""The FINSAM logic, as numbers: no Streamlit, Plotly, HTML or Swedish number formatting.

Plain functions over a connection that return frames and dataclasses of numbers, dates and
plain text: overview, budget, capacity, county, goals, scenarios, reconciliation.
"""
