-- Where a page prints both a län's kommuner's figures and the län's for a measure, year and
-- group: the län against its kommuner. Counts must add up (the län is the sum of all its
-- kommuner); shares, rates and amounts per inhabitant must lie within the kommuner's range.
WITH kommun AS (
    SELECT k.lan_kod, s.matt, s.grupp, s.ar, s.enhet, s.sida, count(*) AS kommuner, sum(s.varde) AS summa,
           min(s.varde) AS lagst, max(s.varde) AS hogst
    FROM kommunstatistik s JOIN kommuner k ON k.kommunkod = s.omradeskod
    GROUP BY ALL
),
lan AS (
    SELECT omradeskod AS lan_kod, matt, grupp, ar, sida, tabell, varde, varde_text
    FROM kommunstatistik WHERE length(omradeskod) = 2 AND omradeskod <> '00'
),
size AS (SELECT lan_kod, count(*) AS kommuner FROM kommuner GROUP BY lan_kod)
SELECT k.lan_kod, k.matt, k.grupp, k.ar, k.enhet, k.kommuner, l.varde AS lanet, l.varde_text AS lanet_text,
       k.summa, k.lagst, k.hogst, k.sida, l.tabell,
       CASE WHEN k.enhet = 'antal' THEN 'summa' ELSE 'inom' END AS regel,
       CASE WHEN k.enhet = 'antal' THEN abs(l.varde - k.summa) < 0.5
            ELSE l.varde BETWEEN k.lagst AND k.hogst END AS stammer
FROM kommun k JOIN lan l USING (lan_kod, matt, grupp, ar, sida) JOIN size z USING (lan_kod, kommuner)
ORDER BY k.lan_kod, k.matt, k.grupp, k.ar;
