-- Every recorded outcome of a goal, newest first, with the goal it belongs to; one an import
-- brought is undone when its import is.
SELECT o.utfall_id, o.mal_id, g.forbund, g.ar, g.omrade, g.mal, o.period, o.utfall, o.bedomning, o.utfall_text,
       o.kalla, o.registrerad, o.registrerad_av, coalesce(o.angrad, w.angrad) AS angrad,
       coalesce(o.angrad_av, w.angrad_av) AS angrad_av, o.import_id
FROM user_data.goal_outcomes o
LEFT JOIN goals g USING (mal_id)
LEFT JOIN user_data.workbook_imports w USING (import_id)
ORDER BY o.utfall_id DESC;
