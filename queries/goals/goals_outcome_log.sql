-- Every recorded outcome of a goal, newest first, with the goal it belongs to.
SELECT o.utfall_id, o.mal_id, g.forbund, g.ar, g.omrade, g.mal, o.period, o.utfall, o.bedomning, o.utfall_text,
       o.kalla, o.registrerad, o.registrerad_av, o.angrad, o.angrad_av
FROM user_data.goal_outcomes o
LEFT JOIN goals g USING (mal_id)
ORDER BY o.utfall_id DESC;
