-- Cross-file checks of the goals' CSVs (and of contributions.csv's mått and medlem), run
-- during a build on the raw files like validate.sql: file, row, column, message.
WITH forbund_refs AS (
    SELECT 'goals' AS fil, _rad, forbund FROM raw_goals
    UNION ALL SELECT 'nyckeltal', _rad, forbund FROM raw_nyckeltal
    UNION ALL SELECT 'balanskrav', _rad, forbund FROM raw_balanskrav
    UNION ALL SELECT 'kassaflode', _rad, forbund FROM raw_kassaflode
    UNION ALL SELECT 'styrelse', _rad, forbund FROM raw_styrelse
),
document_refs AS (
    SELECT 'goals' AS fil, _rad, 'dokument' AS kolumn, dokument FROM raw_goals
    UNION ALL SELECT 'goals', _rad, 'utfall_dokument', utfall_dokument FROM raw_goals WHERE utfall_dokument <> ''
    UNION ALL SELECT 'nyckeltal', _rad, 'dokument', dokument FROM raw_nyckeltal
    UNION ALL SELECT 'balanskrav', _rad, 'dokument', dokument FROM raw_balanskrav
    UNION ALL SELECT 'kassaflode', _rad, 'dokument', dokument FROM raw_kassaflode
    UNION ALL SELECT 'styrelse', _rad, 'dokument', dokument FROM raw_styrelse
),
problems AS (
    SELECT fil, _rad AS rad, 'forbund' AS kolumn, '”' || forbund || '” finns inte i data/forbund.csv.' AS meddelande
    FROM forbund_refs WHERE forbund NOT IN (SELECT forbund FROM raw_forbund)
    UNION ALL
    SELECT fil, _rad, kolumn, '”' || dokument || '” finns inte i data/dokument.csv.'
    FROM document_refs WHERE dokument NOT IN (SELECT dokument FROM raw_dokument)
    UNION ALL
    SELECT 'goals', _rad, 'malvarde', 'ett mål med jämförelsen ' || jamforelse || ' behöver ett målvärde.'
    FROM raw_goals WHERE jamforelse <> 'kvalitativt' AND malvarde = ''
    UNION ALL
    SELECT 'goals', _rad, 'enhet', 'ett kvalitativt mål har enheten kvalitativt och inget målvärde.'
    FROM raw_goals WHERE jamforelse = 'kvalitativt' AND (enhet <> 'kvalitativt' OR malvarde <> '')
    UNION ALL
    SELECT 'goals', _rad, 'utfall_avsnitt', 'ett utfall behöver sitt dokument och avsnitt.'
    FROM raw_goals WHERE (utfall <> '' OR utfall_text <> '') AND (utfall_dokument = '' OR utfall_avsnitt = '')
    UNION ALL
    SELECT 'goals', _rad, 'bedomning_grund',
           'en bedömning säger hur den gjordes: angiven (i dokumentets ord) eller avläst (ur dess markeringar och kommentarer).'
    FROM raw_goals WHERE (bedomning <> '') <> (bedomning_grund IN ('angiven', 'avläst'))
    UNION ALL
    SELECT 'styrelse', _rad, 'medlem', '”' || medlem || '” är inte medlem i ' || forbund || ' enligt data/members.csv.'
    FROM raw_styrelse s
    WHERE medlem <> '' AND NOT EXISTS (SELECT 1 FROM raw_members m WHERE m.forbund = s.forbund AND m.medlem = s.medlem)
    UNION ALL
    -- contributions: a member of members.csv, or "Staten" where a document prints the state's
    -- two agencies as one post; a mått a document gives a contribution (data/README.md).
    SELECT 'contributions', _rad, 'medlem',
           '”' || medlem || '” är varken medlem i ' || forbund || ' enligt data/members.csv eller Staten.'
    FROM raw_contributions c
    WHERE medlem <> 'Staten'
      AND NOT EXISTS (SELECT 1 FROM raw_members m WHERE m.forbund = c.forbund AND m.medlem = c.medlem)
    UNION ALL
    SELECT 'contributions', _rad, 'matt', '”' || matt || '” är inte budget, utfall eller förväntat utfall.'
    FROM raw_contributions WHERE matt NOT IN ('budget', 'utfall', 'förväntat utfall')
)
SELECT fil, rad, kolumn, meddelande FROM problems ORDER BY fil, rad;
