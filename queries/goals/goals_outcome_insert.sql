-- Record an outcome of a goal for a period.
INSERT INTO user_data.goal_outcomes
    (utfall_id, mal_id, period, utfall, bedomning, utfall_text, kalla, registrerad, registrerad_av)
SELECT coalesce(max(utfall_id), 0) + 1, $mal_id, $period, $utfall, $bedomning, $utfall_text, $kalla,
       $registrerad, $registrerad_av
FROM user_data.goal_outcomes
RETURNING utfall_id;
