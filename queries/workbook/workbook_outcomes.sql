-- The recorded outcomes in effect of a förbund's goals, for its workbook's sheet Utfall.
SELECT o.mal_id, o.period, o.utfall, o.bedomning, o.utfall_text, o.kalla
FROM recorded_goal_outcomes o
JOIN goals g USING (mal_id)
WHERE g.forbund = $forbund
ORDER BY g.ar, o.mal_id, o.period;
