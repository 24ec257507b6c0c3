-- Undo a recorded outcome: it stops counting and the one before it counts again.
UPDATE user_data.goal_outcomes SET angrad = $angrad, angrad_av = $angrad_av
WHERE utfall_id = $utfall_id AND angrad IS NULL
RETURNING utfall_id;
