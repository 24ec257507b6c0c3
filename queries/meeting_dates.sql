-- The board's meetings in the årshjul, for choosing the meeting a pack is for.
SELECT datum, forbund, motestyp, beskrivning FROM calendar
WHERE motestyp ILIKE '%styrelse%' OR motestyp ILIKE '%medlemssamråd%'
ORDER BY datum DESC;
