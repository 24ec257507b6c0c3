-- A län's kommuner, in the page's order.
SELECT kommunkod AS omradeskod, kommun FROM kommuner WHERE lan_kod = $lan ORDER BY kommun;
