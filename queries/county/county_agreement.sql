-- Where a page prints both the kommuner's figures and the county's for a measure, year and
-- group: the county against its kommuner. Counts must add up (the county is the sum of its ten
-- kommuner); shares, rates and amounts per inhabitant must lie within the kommuner's range.
WITH kommun AS (
    SELECT matt, grupp, ar, enhet, sida, count(*) AS kommuner, sum(varde) AS summa,
           min(varde) AS lagst, max(varde) AS hogst
    FROM kommunstatistik
    WHERE omradeskod NOT IN ('19', '00')
    GROUP BY ALL
),
lan AS (SELECT matt, grupp, ar, sida, tabell, varde, varde_text FROM kommunstatistik WHERE omradeskod = '19')
SELECT k.matt, k.grupp, k.ar, k.enhet, k.kommuner, l.varde AS lanet, l.varde_text AS lanet_text,
       k.summa, k.lagst, k.hogst, k.sida, l.tabell,
       CASE WHEN k.enhet = 'antal' THEN 'summa' ELSE 'inom' END AS regel,
       CASE WHEN k.enhet = 'antal' THEN abs(l.varde - k.summa) < 0.5
            ELSE l.varde BETWEEN k.lagst AND k.hogst END AS stammer
FROM kommun k JOIN lan l USING (matt, grupp, ar, sida)
WHERE k.kommuner = (SELECT count(*) FROM kommuner)
ORDER BY k.matt, k.grupp, k.ar;
