-- The goal of a recorded outcome, for the förbund of the goal when the outcome is undone.
SELECT mal_id FROM user_data.goal_outcomes WHERE utfall_id = $utfall_id;
