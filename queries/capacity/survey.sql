-- One respondent group's answers to Indikatorer för finansiell samordning.
SELECT i.forbund, i.dokument, i.ar, i.fraga_nr, i.fraga, i.svar, i.andel, i.antal_svar,
       coalesce(d.titel || ' (' || d.utgivare || ')', i.dokument) || coalesce(', ' || i.avsnitt, '') AS kalla
FROM indikatorer i
LEFT JOIN dokument d USING (dokument)  -- a workbook's survey names its own document
WHERE i.respondentgrupp = $respondentgrupp;
