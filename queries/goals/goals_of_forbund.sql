-- Every goal of a förbund, each with the outcome in effect: the latest outcome an editor
-- recorded for a period of the goal's year (not undone), else the document's.
WITH recorded AS (
    SELECT * FROM recorded_goal_outcomes
    QUALIFY row_number() OVER (PARTITION BY mal_id ORDER BY period DESC, utfall_id DESC) = 1
)
SELECT g.mal_id, g.forbund, g.ar, g.omrade, g.mal, g.matt, CAST(g.jamforelse AS VARCHAR) AS jamforelse,
       g.malvarde, g.enhet, g.malvarde_text,
       CASE WHEN r.mal_id IS NULL THEN g.utfall ELSE r.utfall END AS utfall,
       CASE WHEN r.mal_id IS NULL THEN g.utfall_text ELSE r.utfall_text END AS utfall_text,
       CASE WHEN r.mal_id IS NULL THEN CAST(g.bedomning AS VARCHAR) ELSE r.bedomning END AS bedomning,
       -- an editor who records an assessment states it
       CASE WHEN r.mal_id IS NULL THEN g.bedomning_grund WHEN r.bedomning IS NOT NULL THEN 'angiven' END
           AS bedomning_grund,
       g.utfall_dokument, g.utfall_avsnitt, g.dokument, g.avsnitt, g.anmarkning,
       r.utfall_id, r.period AS registrerad_period, r.kalla AS registrerad_kalla,
       r.registrerad, r.registrerad_av
FROM goals g
LEFT JOIN recorded r ON r.mal_id = g.mal_id AND (r.period = CAST(g.ar AS VARCHAR) OR r.period LIKE g.ar || '-%')
WHERE g.forbund = $forbund
ORDER BY g.ar, g.mal_id;
