-- The board and kansli of a förbund as printed, per year.
SELECT * FROM styrelse WHERE forbund = $forbund ORDER BY ar, organ, roll, medlem NULLS FIRST;
