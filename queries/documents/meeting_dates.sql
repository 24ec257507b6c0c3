-- A förbund's board meetings and medlemssamråd in its årshjul, for choosing the meeting a
-- pack is for: the chosen year's first (in date order), then the other years', latest first.
SELECT datum, forbund, motestyp, beskrivning, dokument, avsnitt FROM calendar
WHERE forbund = $forbund
  AND (motestyp ILIKE '%styrelse%' OR motestyp ILIKE '%medlemssamråd%')
ORDER BY year(datum) = $ar DESC, CASE WHEN year(datum) = $ar THEN datum END, datum DESC;
