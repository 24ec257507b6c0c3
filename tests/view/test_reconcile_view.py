"""Datakvalitet's tables of the reconciliation, as the page shows them."""

from __future__ import annotations

from dashboard.domain import reconcile
from dashboard.view import reconcile_view


def test_statement_view_counts_every_check_and_the_two_real_disagreements(con):
    # Moved from test_statements_recomputed_agree_where_the_documents_agree (tests/domain/test_reconcile.py).
    checks = reconcile.statement_checks(con).set_index(["kontroll", "ar"])
    view = reconcile_view.statement_view(con)
    assert (view.checked, view.disagreeing) == (len(checks), 2)
