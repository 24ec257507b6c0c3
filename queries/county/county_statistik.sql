-- One published measure per area and year (data/kommunstatistik.csv) for one group (totalt,
-- kvinnor, män …), with its source as a person reads it: the original source, the publisher's
-- page and table, and when the page was last updated; an imported value names its import.
SELECT omradeskod, ar, varde, enhet,
       coalesce(kalla || ' via ', '') || utgivare || ', ' || tabell
       || CASE WHEN senast_uppdaterad IS NOT NULL
               THEN ' (uppdaterad ' || strftime(senast_uppdaterad, '%Y-%m-%d') || ')' ELSE '' END
       || CASE WHEN import_id IS NOT NULL
               THEN '; importerad ' || strftime(last, '%Y-%m-%d') || ' (import ' || import_id || ')' ELSE '' END AS kalla,
       sida
FROM kommunstatistik
WHERE matt = $matt AND grupp = $grupp;
