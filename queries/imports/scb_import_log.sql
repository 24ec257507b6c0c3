SELECT import_id AS "Import", fil AS "Fil", hamtad AS "Hämtad från SCB", importerad AS "Importerad",
       rader AS "Rader"
FROM user_data.scb_imports ORDER BY import_id DESC;
