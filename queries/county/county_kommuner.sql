SELECT kommunkod AS omradeskod, kommun FROM kommuner ORDER BY kommun;
