SELECT respondentgrupp FROM indikatorer GROUP BY respondentgrupp ORDER BY count(*) DESC;
