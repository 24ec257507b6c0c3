-- Views of the goals' tables (issue 17), built after views.sql. Outcomes an editor records
-- (user_data.goal_outcomes) join the documents' outcomes in goal_outcomes_in_effect.
CREATE OR REPLACE VIEW goals AS SELECT * FROM embedded.goals;
CREATE OR REPLACE VIEW nyckeltal AS SELECT * FROM embedded.nyckeltal;
CREATE OR REPLACE VIEW balanskrav AS SELECT * FROM embedded.balanskrav;
CREATE OR REPLACE VIEW kassaflode AS SELECT * FROM embedded.kassaflode;
CREATE OR REPLACE VIEW styrelse AS SELECT * FROM embedded.styrelse;

-- The latest recorded outcome of each goal and period that has not been undone.
CREATE OR REPLACE VIEW recorded_goal_outcomes AS
SELECT * EXCLUDE (n)
FROM (
    SELECT o.*, row_number() OVER (PARTITION BY o.mal_id, o.period ORDER BY o.utfall_id DESC) AS n
    FROM user_data.goal_outcomes o
    WHERE o.angrad IS NULL
      -- and not brought by an import that is undone
      AND (o.import_id IS NULL OR o.import_id NOT IN (
          SELECT import_id FROM user_data.workbook_imports WHERE angrad IS NOT NULL
      ))
)
WHERE n = 1;
