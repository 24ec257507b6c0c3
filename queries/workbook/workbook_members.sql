-- Every förbund's members by name, to check who a workbook's contributions and board name.
SELECT forbund, medlem FROM members;
