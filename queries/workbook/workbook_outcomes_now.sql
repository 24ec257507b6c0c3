-- Every recorded outcome in effect, to set a sheet Utfall against.
SELECT mal_id, period, utfall, bedomning, utfall_text, kalla FROM recorded_goal_outcomes;
