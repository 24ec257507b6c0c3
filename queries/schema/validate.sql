-- Cross-file checks of the CSVs, run during a build on the raw files (raw_<table>, with the
-- file's row number _rad). Each row returned is one problem: file, row, column, message.
-- Any row fails the build.

WITH known_forbund AS (SELECT forbund FROM raw_forbund),
forbund_refs AS (
    SELECT 'members' AS fil, _rad, forbund FROM raw_members
    UNION ALL SELECT 'budget_lines', _rad, forbund FROM raw_budget_lines
    UNION ALL SELECT 'balance_items', _rad, forbund FROM raw_balance_items
    UNION ALL SELECT 'printed_totals', _rad, forbund FROM raw_printed_totals
    UNION ALL SELECT 'printed_deviations', _rad, forbund FROM raw_printed_deviations
    UNION ALL SELECT 'contributions', _rad, forbund FROM raw_contributions
    UNION ALL SELECT 'insatser', _rad, forbund FROM raw_insatser
    UNION ALL SELECT 'insats_posts', _rad, forbund FROM raw_insats_posts
    UNION ALL SELECT 'participants', _rad, forbund FROM raw_participants
    UNION ALL SELECT 'calendar', _rad, forbund FROM raw_calendar
    UNION ALL SELECT 'indikatorer', _rad, forbund FROM raw_indikatorer
    UNION ALL SELECT 'targets', _rad, forbund FROM raw_targets
),
insats_refs AS (
    SELECT 'insats_posts' AS fil, _rad, insats_id FROM raw_insats_posts
    UNION ALL SELECT 'staffing', _rad, insats_id FROM raw_staffing
    UNION ALL SELECT 'capacity', _rad, insats_id FROM raw_capacity
    UNION ALL SELECT 'participants', _rad, insats_id FROM raw_participants WHERE insats_id <> ''
),
table_rows AS (
    SELECT tabell, rad FROM raw_budget_lines
    UNION SELECT tabell, rad FROM raw_balance_items
    UNION SELECT tabell, rad FROM raw_printed_totals
),
document_refs AS (
    SELECT 'forbund' AS fil, _rad, dokument FROM raw_forbund
    UNION ALL SELECT 'kommuner', _rad, dokument FROM raw_kommuner
    UNION ALL SELECT 'members', _rad, dokument FROM raw_members
    UNION ALL SELECT 'budget_lines', _rad, dokument FROM raw_budget_lines
    UNION ALL SELECT 'balance_items', _rad, dokument FROM raw_balance_items
    UNION ALL SELECT 'printed_totals', _rad, dokument FROM raw_printed_totals
    UNION ALL SELECT 'printed_deviations', _rad, dokument FROM raw_printed_deviations
    UNION ALL SELECT 'contributions', _rad, dokument FROM raw_contributions
    UNION ALL SELECT 'insatser', _rad, dokument FROM raw_insatser
    UNION ALL SELECT 'staffing', _rad, dokument FROM raw_staffing
    UNION ALL SELECT 'capacity', _rad, dokument FROM raw_capacity
    UNION ALL SELECT 'participants', _rad, dokument FROM raw_participants
    UNION ALL SELECT 'helarsekvivalenter_dokument', _rad, dokument FROM raw_helarsekvivalenter_dokument
    UNION ALL SELECT 'helarsekvivalenter_rangordning', _rad, dokument FROM raw_helarsekvivalenter_rangordning
    UNION ALL SELECT 'calendar', _rad, dokument FROM raw_calendar
    UNION ALL SELECT 'indikatorer', _rad, dokument FROM raw_indikatorer
    UNION ALL SELECT 'targets', _rad, dokument FROM raw_targets
),
summerar_tokens AS (
    SELECT _rad, tabell, unnest(string_split(trim(summerar), ' ')) AS token
    FROM raw_printed_totals WHERE summerar <> ''
),
problems AS (
    SELECT fil, _rad AS rad, 'forbund' AS kolumn,
           '”' || forbund || '” finns inte i data/forbund.csv.' AS meddelande
    FROM forbund_refs WHERE forbund NOT IN (SELECT forbund FROM known_forbund)
    UNION ALL
    SELECT fil, _rad, 'dokument', '”' || dokument || '” finns inte i data/dokument.csv.'
    FROM document_refs WHERE dokument NOT IN (SELECT dokument FROM raw_dokument)
    UNION ALL
    SELECT fil, _rad, 'insats_id', '”' || insats_id || '” finns inte i data/insatser.csv.'
    FROM insats_refs WHERE insats_id NOT IN (SELECT insats_id FROM raw_insatser)
    UNION ALL
    SELECT 'insats_posts', _rad, 'post',
           '”' || post || '” finns inte som post för ' || forbund || ' i data/budget_lines.csv.'
    FROM raw_insats_posts p
    WHERE NOT EXISTS (SELECT 1 FROM raw_budget_lines b WHERE b.forbund = p.forbund AND b.post = p.post)
    UNION ALL
    SELECT 'members', _rad, 'kommunkod', '”' || kommunkod || '” finns inte i data/kommuner.csv.'
    FROM raw_members WHERE kommunkod <> '' AND kommunkod NOT IN (SELECT kommunkod FROM raw_kommuner)
    UNION ALL
    SELECT 'printed_totals', _rad, 'summerar',
           '”' || token || '” är varken ett radnummer eller ett intervall (3..8).'
    FROM summerar_tokens WHERE token <> '' AND NOT regexp_full_match(token, '\d+(\.\.\d+)?')
    UNION ALL
    SELECT 'printed_totals', t._rad, 'summerar',
           'rad ' || t.token || ' finns inte i tabell ' || t.tabell || '.'
    FROM summerar_tokens t
    WHERE regexp_full_match(t.token, '\d+')
      AND NOT EXISTS (SELECT 1 FROM table_rows r WHERE r.tabell = t.tabell AND r.rad = t.token)
    UNION ALL
    SELECT 'printed_deviations', _rad, 'rad', 'rad ' || rad || ' finns inte i tabell ' || tabell || '.'
    FROM raw_printed_deviations d
    WHERE NOT EXISTS (SELECT 1 FROM table_rows r WHERE r.tabell = d.tabell AND r.rad = d.rad)
    UNION ALL
    SELECT 'budget_lines', _rad, 'post', 'raden förekommer två gånger (förbund, år, period, mått, variant, tabell, rad).'
    FROM (SELECT _rad, count(*) OVER (PARTITION BY forbund, ar, period_slut, matt, variant, tabell, rad) AS n
          FROM raw_budget_lines)
    WHERE n > 1
    UNION ALL
    SELECT 'kommunstatistik', _rad, 'omradeskod',
           '”' || omradeskod || '” är varken en kommun i data/kommuner.csv, ett län (dess tvåsiffriga kod) eller riket (00).'
    FROM raw_kommunstatistik
    WHERE omradeskod NOT IN (SELECT kommunkod FROM raw_kommuner)
      AND omradeskod NOT IN (SELECT lan_kod FROM raw_kommuner) AND omradeskod <> '00'
    UNION ALL
    SELECT 'kommunstatistik', _rad, 'matt',
           'värdet förekommer två gånger (område, år, mått, grupp): behåll det nyaste och lista det andra på sidan Datakvalitet.'
    FROM (SELECT _rad, count(*) OVER (PARTITION BY omradeskod, ar, matt, grupp) AS n FROM raw_kommunstatistik)
    WHERE n > 1
)
SELECT fil, rad, kolumn, meddelande FROM problems ORDER BY fil, rad;
