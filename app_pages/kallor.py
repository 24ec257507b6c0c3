"""Källdokument: the five source documents, each whole, and the passage behind a figure.

Without query parameters: the documents. ``?dok=001``: that document whole. With
``&avsnitt=…`` (and ``&varde=…&enhet=tkr&post=…``): the lines around a figure, marked
(``dashboard/view/sources.py`` builds the links and finds the passage).
"""

import streamlit as st

from dashboard.domain import documents
from dashboard.exchange import fmt
from dashboard.view import passages, sources, ui

if ui.show_build_problems():
    st.title("Källdokument")
    st.stop()

docs = ui.load(documents.documents)
params = st.query_params.to_dict()
# A link from this page to itself (st.page_link with other query parameters) shows the new
# content but leaves the browser's address as it was; writing the parameters back puts them
# in the address, so that a reload or a bookmark shows what is on screen.
st.query_params.from_dict(params)
request = sources.parse(params)


def facts(doc) -> str:
    """Publisher, year and approval as the cover prints them."""
    parts = [doc.utgivare, str(doc.ar)] + ([doc.beslutad] if doc.beslutad else [])
    return " · ".join(parts)


def actions(dokument: str | None, read: bool = True, back: bool = True) -> None:
    """Links for a document: read it whole, download it, back to the list."""
    with st.container(horizontal=True, gap="medium", vertical_alignment="center"):
        if dokument and read:
            st.page_link(
                sources.PAGE,
                label="Läs hela dokumentet",
                icon=":material/article:",
                query_params=sources.query_params(dokument),
            )
        if dokument:
            st.download_button(
                "Ladda ned som text",
                data=documents.raw(dokument),
                file_name=ui.load(documents.download_name, dokument),
                mime="text/plain",
                icon=":material/download:",
                on_click="ignore",
                key=f"ladda-ned-{documents.document_id(dokument)}",
            )
        if back:
            st.page_link(sources.PAGE, label="Alla källdokument", icon=":material/menu_book:")


if request is None:
    st.title("Källdokument")
    st.write(
        "Alla siffror i dashboarden kommer ur de här offentliga dokumenten. Läs ett dokument i "
        "sin helhet eller ladda ned det. Vid en siffra på de andra sidorna öppnar länken "
        "”Visa i källan” raderna runt siffran i dokumentet, med siffran markerad."
    )
    for doc in docs.itertuples():
        with st.container(border=True):
            st.subheader(fmt.plain(doc.titel))
            st.write(fmt.plain(facts(doc)))
            actions(doc.dokument, back=False)
    st.caption(
        "Texten är utskriven ur dokumentens PDF-filer: tabeller har blivit rader av tal och "
        "vissa diagram saknas. Siffrorna i dashboarden är avlästa som de står tryckta; sidan "
        "Datakvalitet visar var ett dokuments egna summor inte stämmer med raderna."
    )
    st.stop()

if request.dokument is None:
    st.title("Källdokument")
    st.error(f"Det finns inget källdokument med beteckningen ”{fmt.plain(request.asked)}”.")
    actions(None)
    st.stop()

doc = next(docs[docs["dokument"] == request.dokument].itertuples())
st.title(fmt.plain(doc.titel))  # the document's title is the heading of its page
st.caption(fmt.plain(f"Källdokument · {facts(doc)}"))

if request.avsnitt is None:  # the whole document
    actions(request.dokument, read=False)
    st.html(sources.document_html(request.dokument))
    st.stop()

# Four non-empty lines each side keep the figure in view at 1280×720; more on request.
more = st.session_state.setdefault("kallor_fler_rader", {})
key = (request.dokument, request.avsnitt, request.value, request.unit, request.label)
context = 4 + more.get(key, 0)
passage = passages.passage(
    request.dokument, request.avsnitt, request.value, request.unit, context=context, label=request.label
)
st.subheader(fmt.plain(documents.section_title(request.avsnitt)))
if passage.notice:
    st.warning(fmt.plain(passage.notice), icon=":material/search_off:")
elif passage.found:
    st.info(fmt.plain(passage.status(request.unit)), icon=":material/search:")
others = [n for n in passage.figure_lines if n not in passage.marked]
if others:
    st.caption(fmt.plain("Samma tal står också på rad " + ", ".join(str(n) for n in others) + "."))
st.html(sources.passage_html(passage))
total = len(documents.lines(request.dokument))
where = f"Rad {passage.lines[0].number}–{passage.lines[-1].number} av {total}."
if passage.section:
    where += f" Avsnittet omfattar rad {passage.section[0]}–{passage.section[1]}."
st.caption(fmt.plain(where))
section_first, section_last = passage.section or (1, total)
cut = passage.lines[0].number > section_first or passage.lines[-1].number < section_last
if cut and st.button("Visa fler rader", icon=":material/unfold_more:"):
    more[key] = more.get(key, 0) + 8
    st.rerun()
actions(request.dokument)
