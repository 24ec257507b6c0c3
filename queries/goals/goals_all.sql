-- Every goal (for the page Data's recording form): id, förbund, year, area and text.
SELECT mal_id, forbund, ar, omrade, mal, CAST(jamforelse AS VARCHAR) AS jamforelse, enhet FROM goals
ORDER BY forbund, ar, mal_id;
