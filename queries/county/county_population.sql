SELECT omradeskod, ar, befolkning_20_64, kalla FROM befolkning;
