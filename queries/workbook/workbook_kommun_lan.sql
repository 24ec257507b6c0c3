-- Every kommun's code and its län's, to check a workbook's kommun members.
SELECT kommunkod, lan_kod FROM kommuner;
