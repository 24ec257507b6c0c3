-- Each insats's one name, by its id (the first, where förbund or years spell it apart).
SELECT insats_id, min(namn) AS namn FROM insatser GROUP BY insats_id;
