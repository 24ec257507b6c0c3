-- Record an outcome of a goal for a period ($import_id: the import that brought it, or NULL).
INSERT INTO user_data.goal_outcomes
    (utfall_id, mal_id, period, utfall, bedomning, utfall_text, kalla, registrerad, registrerad_av, import_id)
SELECT coalesce(max(utfall_id), 0) + 1, $mal_id, $period, $utfall, $bedomning, $utfall_text, $kalla,
       $registrerad, $registrerad_av, $import_id
FROM user_data.goal_outcomes
RETURNING utfall_id;
