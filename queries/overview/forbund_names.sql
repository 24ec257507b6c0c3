-- Every förbund's name and short name, to recognise either in an imported file.
SELECT forbund, kortnamn FROM forbund ORDER BY forbund;
