-- Income, costs, result and eget kapital per förbund and year, each year in its best
-- measure: bokslut, else prognos, else förväntat utfall, else budget. Sums of the budget
-- lines where the document prints lines; the printed totals where it prints only totals
-- (the five-year overview in 003).
WITH line_sums AS (
    SELECT forbund, ar, CAST(matt AS VARCHAR) AS matt,
           sum(belopp) FILTER (WHERE kategori = 'intäkt') AS intakter,
           sum(belopp) FILTER (WHERE kategori <> 'intäkt') AS kostnader,
           sum(belopp) AS resultat,
           min(dokument) AS dokument
    FROM budget_lines
    WHERE variant = 'slutlig' AND matt <> 'utfall'
    GROUP BY ALL
),
printed AS (
    SELECT forbund, ar, CAST(matt AS VARCHAR) AS matt,
           arg_min(belopp, tabell) FILTER (WHERE summatyp = 'intäkter') AS intakter,
           arg_min(belopp, tabell) FILTER (WHERE summatyp = 'kostnader') AS kostnader,
           arg_min(belopp, tabell) FILTER (WHERE summatyp = 'resultat') AS resultat,
           min(dokument) AS dokument
    FROM printed_totals
    WHERE variant = 'slutlig' AND matt <> 'utfall' AND summatyp IN ('intäkter', 'kostnader', 'resultat')
    GROUP BY ALL
),
flows AS (
    SELECT coalesce(l.forbund, p.forbund) AS forbund, coalesce(l.ar, p.ar) AS ar,
           coalesce(l.matt, p.matt) AS matt,
           coalesce(l.intakter, p.intakter) AS intakter,
           coalesce(l.kostnader, p.kostnader) AS kostnader,
           coalesce(l.resultat, p.resultat) AS resultat,
           coalesce(l.dokument, p.dokument) AS dokument
    FROM line_sums l
    FULL JOIN printed p ON p.forbund = l.forbund AND p.ar = l.ar AND p.matt = l.matt
),
best AS (
    SELECT *, row_number() OVER (
        PARTITION BY forbund, ar
        ORDER BY CASE matt WHEN 'bokslut' THEN 1 WHEN 'prognos' THEN 2
                           WHEN 'förväntat utfall' THEN 3 ELSE 4 END) AS pick
    FROM flows
),
equity AS (
    -- Closing eget kapital; an opening balance on 1 January closes the year before.
    SELECT forbund,
           CASE WHEN month(period_slut) = 1 AND day(period_slut) = 1 THEN year(period_slut) - 1
                ELSE year(period_slut) END AS ar,
           arg_min(belopp, CASE CAST(matt AS VARCHAR) WHEN 'bokslut' THEN 1 WHEN 'prognos' THEN 2
                                WHEN 'förväntat utfall' THEN 3 ELSE 4 END) AS eget_kapital,
           arg_min(CAST(matt AS VARCHAR), CASE CAST(matt AS VARCHAR) WHEN 'bokslut' THEN 1 WHEN 'prognos' THEN 2
                                WHEN 'förväntat utfall' THEN 3 ELSE 4 END) AS eget_kapital_matt
    FROM balance_items
    WHERE variant = 'slutlig' AND lower(post) LIKE '%eget kapital%'
      AND lower(post) NOT LIKE 'övrigt eget kapital%'
      AND NOT (lower(post) LIKE '%ingående%' AND NOT (month(period_slut) = 1 AND day(period_slut) = 1))
    GROUP BY ALL
)
SELECT coalesce(b.forbund, e.forbund) AS forbund, coalesce(b.ar, e.ar) AS ar, b.matt,
       b.intakter, b.kostnader, b.resultat, e.eget_kapital, e.eget_kapital_matt, b.dokument
FROM (SELECT * FROM best WHERE pick = 1) b
FULL JOIN equity e ON e.forbund = b.forbund AND e.ar = b.ar
ORDER BY forbund, ar;
