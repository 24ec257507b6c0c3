"""What a person sees: Streamlit glue, tables, charts, citations as a person reads them, the
login, and the meeting's two renderers (the slide show and the PDF/PPTX pack)."""
