-- Every printed total recomputed from the rows it sums (embedded.total_components).
-- A component is taken in the total's own variant (preliminär/slutlig) where it has one,
-- else its final figure. A blank cell in the document counts as 0.
WITH cell AS (
    SELECT tabell, rad, ar, matt, variant, belopp FROM embedded.budget_lines  -- the documents, not imports
    UNION ALL SELECT tabell, rad, ar, matt, variant, belopp FROM balance_items
    UNION ALL SELECT tabell, rad, ar, matt, variant, belopp FROM printed_totals
),
ranked AS (
    SELECT c.tabell, c.total_rad, c.ar, c.matt, c.variant, c.component_rad, v.belopp,
           row_number() OVER (
               PARTITION BY c.tabell, c.total_rad, c.ar, c.matt, c.variant, c.component_rad
               ORDER BY (v.variant = c.variant) DESC) AS pick
    FROM embedded.total_components c
    LEFT JOIN cell v
      ON v.tabell = c.tabell AND v.rad = c.component_rad AND v.ar = c.ar
     AND v.matt = c.matt AND v.variant IN (c.variant, 'slutlig')
),
computed AS (
    SELECT tabell, total_rad, ar, matt, variant, coalesce(sum(belopp), 0) AS beraknat
    FROM ranked WHERE pick = 1
    GROUP BY ALL
)
SELECT t.dokument, coalesce(doc.titel || ' (' || doc.utgivare || ')', t.dokument) AS dokument_titel, t.tabell, t.avsnitt, t.forbund, t.rad, t.post,
       t.matt || ' ' || t.ar || CASE WHEN t.variant = 'preliminär' THEN ' (preliminär)' ELSE '' END AS kolumn,
       t.belopp AS tryckt, c.beraknat, t.belopp - c.beraknat AS skillnad, t.enhet_i_kallan
FROM printed_totals t
LEFT JOIN dokument doc ON doc.dokument = t.dokument
JOIN computed c
  ON c.tabell = t.tabell AND c.total_rad = t.rad AND c.ar = t.ar AND c.matt = t.matt AND c.variant = t.variant
ORDER BY t.dokument, t.tabell, t.rad, t.ar, t.matt, t.variant;
