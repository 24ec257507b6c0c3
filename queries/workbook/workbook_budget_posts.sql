-- Every förbund's budget posts, for the sheet Insatser's Budgetposter.
SELECT DISTINCT forbund, post FROM budget_lines;
