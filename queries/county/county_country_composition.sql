SELECT ar, ersattningssystem, helarsekvivalenter, kalla FROM helarsekvivalenter_riket ORDER BY ar;
