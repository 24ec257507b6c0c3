-- Key figures a förbund's documents print outside its tables (shares, notes), every year.
SELECT * FROM nyckeltal WHERE forbund = $forbund AND NOT (avsnitt LIKE '1.1 %' AND nyckeltal IN ('soliditet', 'antal anställda'))
ORDER BY ar, nyckeltal, avsnitt, period_slut, matt;  -- the same figure printed in two sections: in section order
