"""What a person sees: Streamlit glue, tables, charts, citations, the login, the meeting.

Each page's tables and sentences are written here from the domain's numbers; the meeting is
read once (``meeting``) and rendered by the slide show (``slides``) and the pack (``pack``).
"""
