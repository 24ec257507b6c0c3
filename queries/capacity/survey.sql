-- One respondent group's answers to Indikatorer för finansiell samordning.
SELECT i.ar, i.fraga_nr, i.fraga, i.svar, i.andel, i.antal_svar,
       d.titel || ' (' || d.utgivare || '), ' || i.avsnitt AS kalla
FROM indikatorer i
JOIN dokument d USING (dokument)
WHERE i.respondentgrupp = $respondentgrupp;
