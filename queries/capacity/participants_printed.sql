-- Participants and outcomes as the documents print them, with their source.
SELECT p.forbund, p.omfattning, p.ar, p.period, p.matt, p.varde, p.enhet, p.varde_text,
       p.dokument, p.avsnitt
FROM participants p
WHERE p.enhet IN ('personer', 'andel')
  -- the teams together ("De sex individinsatserna", "De fyra Samordningsteamen"), not
  -- courses or cost shares, which the same file also holds
  AND p.omfattning ILIKE 'De %'
ORDER BY p.ar DESC, p.forbund, p.omfattning, p.matt;
