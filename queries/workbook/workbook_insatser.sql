-- Every förbund's insatser by id and name, for the sheets that name an insats.
SELECT forbund, insats_id, namn FROM insatser;
